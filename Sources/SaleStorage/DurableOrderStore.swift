import BitrixSale
import Foundation
import SaleJSON
import Synchronization

/// The durable ``BitrixSale/OrderStore``: the state in memory (a ``BitrixSale/StoreState``, answering like the
/// in-memory store) and every committed transaction in a state folder's journal (``DurableLog``) before the commit
/// returns.
///
/// Compaction folds the journal into the snapshot, automatically past a size threshold and on demand.
public final class DurableOrderStore: OrderStore {
    /// How to open a state folder.
    public struct Options: Sendable {
        /// Create the folder (and an empty state) when it does not exist or is empty.
        public var create: Bool
        /// Journal size in bytes past which the store compacts by itself, on a background thread while commits
        /// continue, once the journal has also outgrown the snapshot on disk; nil: only on demand.
        public var compactionThreshold: Int?

        /// Makes options.
        public init(create: Bool = false, compactionThreshold: Int? = 64 << 20) {
            self.create = create
            self.compactionThreshold = compactionThreshold
        }
    }

    /// Why a folder could not be opened or a change not stored.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The durable layer refused (damage, lock, I/O).
        case storage(StorageError)
        /// A snapshot payload or journal record is valid JSON but not a valid state.
        case invalidState(file: String, sequence: Int, StateCodecError)

        /// One line naming the file and the problem.
        public var description: String {
            switch self {
            case .storage(let error): "\(error)"
            case .invalidState(let file, let sequence, let error):
                "\(file): \(sequence == 0 ? "snapshot payload" : "journal record \(sequence)") \(error)"
            }
        }
    }

    /// The folder.
    public let folder: URL
    /// Warnings from opening (a torn last journal line that was dropped).
    public let openingWarnings: [StorageWarning]
    private let log: DurableLog
    private struct Guarded {
        var store: StoreState
        var sequence: Int
    }

    private let state: Mutex<Guarded>

    private init(folder: URL, log: DurableLog, state: StoreState, sequence: Int, warnings: [StorageWarning]) {
        self.folder = folder
        self.log = log
        self.state = Mutex(Guarded(store: state, sequence: sequence))
        self.openingWarnings = warnings
        log.setSnapshotFileSource { [weak self] in
            guard let self else { return (0, .failure(.closed(folder: folder.path))) }
            // A copy-on-write copy: the next commit pays one copy of the state, encoding runs outside the lock.
            let (sequence, copy) = self.state.withLock { ($0.sequence, $0.store) }
            return (sequence, .success(FastStateWriter.snapshotFile(of: copy, sequence: sequence)))
        }
    }

    /// Opens (or, with `options.create`, creates) a state folder, replaying its snapshot and journal.
    public static func open(folder: URL, options: Options = Options()) throws(Failure) -> DurableOrderStore {
        let log: DurableLog
        let recovery: DurableLog.Recovery
        let snapshot: Result<StoreState, StateCodecError>?
        let logOptions = DurableLog.Options(create: options.create, compactionThreshold: options.compactionThreshold)
        do {
            (log, recovery, snapshot) = try DurableLog.open(folder: folder, options: logOptions) {
                bytes,
                path throws(StorageError) in
                try readSnapshot(bytes, path: path, maxDepth: logOptions.maxDepth)
            }
        } catch {
            throw .storage(error)
        }
        do {
            var state = StoreState()
            // Consumed, so that the state read is the only reference to its tables: applying the journal's records
            // then changes them in place instead of copying the whole state.
            if let snapshot = consume snapshot {
                do {
                    state = try snapshot.get()
                } catch {
                    throw Failure.invalidState(
                        file: folder.appendingPathComponent("snapshot.json").path,
                        sequence: 0,
                        error
                    )
                }
            }
            for (offset, record) in recovery.records.enumerated() {
                let sequence = recovery.snapshotSequence + 1 + offset
                do {
                    state.apply(try StateCodec.transaction(from: record))
                } catch {
                    throw Failure.invalidState(
                        file: folder.appendingPathComponent("journal.jsonl").path,
                        sequence: sequence,
                        error
                    )
                }
            }
            return DurableOrderStore(
                folder: folder,
                log: log,
                state: state,
                sequence: recovery.lastSequence,
                warnings: recovery.warnings
            )
        } catch let failure as Failure {
            log.close()
            throw failure
        } catch {
            log.close()
            throw .storage(.invalidRecord(reason: "\(error)"))
        }
    }

    /// Checks and decodes a snapshot file: the fast reader for the canonical layout, else the general road
    /// (``SnapshotFormat`` then ``StateCodec``), which names any problem.
    static func readSnapshot(
        _ bytes: [UInt8],
        path: String,
        maxDepth: Int
    ) throws(StorageError) -> (sequence: Int, value: Result<StoreState, StateCodecError>) {
        if let fast = FastStateReader.snapshot(bytes) { return (fast.sequence, .success(fast.state)) }
        let decoded = try SnapshotFormat.decode(bytes, path: path, maxDepth: maxDepth)
        do {
            return (decoded.sequence, .success(try StateCodec.state(from: decoded.payload)))
        } catch {
            return (decoded.sequence, .failure(error))
        }
    }

    /// Creates a state folder that starts from a snapshot file (as `state export` writes it, and as a scenario's
    /// `state` names it).
    ///
    /// The folder must not hold a state yet.
    public static func create(folder: URL, from snapshotFile: URL) throws(Failure) -> DurableOrderStore {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: snapshotFile))
        } catch {
            throw .storage(.io(path: snapshotFile.path, operation: "read", code: 2))
        }
        // A file in the canonical layout is taken as it is; any other is re-encoded from its payload, as before.
        var canonical: [UInt8]?
        if let fast = FastStateReader.snapshot(bytes), fast.sequence == 0,
            FastStateWriter.snapshotFile(of: fast.state, sequence: 0) == bytes
        {
            canonical = bytes
        }
        var payload: JSONValue = .null
        if canonical == nil {
            do {
                payload = try SnapshotFormat.decode(bytes, path: snapshotFile.path, maxDepth: 128).payload
            } catch {
                throw .storage(error)
            }
            do {
                _ = try StateCodec.state(from: payload)
            } catch {
                throw .invalidState(file: snapshotFile.path, sequence: 0, error)
            }
        }
        let store = try open(folder: folder, options: Options(create: true))
        do {
            if let canonical {
                try store.log.compact(through: 0, file: canonical)
            } else {
                try store.log.compact(through: 0, payload: payload)
            }
        } catch {
            store.close()
            throw .storage(error)
        }
        store.close()
        return try open(folder: folder)
    }

    /// The whole state as a snapshot file's bytes (sequence 0): what `state export` writes.
    ///
    /// Equal states give equal bytes.
    public func exportSnapshot() throws -> [UInt8] {
        let copy = state.withLock { $0.store }
        return FastStateWriter.snapshotFile(of: copy, sequence: 0)
    }

    /// A copy of the whole state.
    public var snapshot: StoreState { state.withLock { $0.store } }

    /// Folds the journal into a new snapshot now.
    public func compact() throws(Failure) {
        do { try log.compact() } catch { throw .storage(error) }
    }

    /// What the durable layer has done (writes, syncs, compactions, journal size).
    public var statistics: DurableLog.Statistics { log.statistics }

    /// Releases the folder (and its lock).
    public func close() { log.close() }

    // MARK: OrderStore

    /// The order with this id.
    public func order(id: Int) -> OrderData? { state.withLock { $0.store.orders[id] } }
    /// The order id for an account number.
    public func orderId(accountNumber: String) -> Int? { state.withLock { $0.store.accountNumbers[accountNumber] } }
    /// A page of orders.
    public func orders(matching query: OrderQuery) -> OrderPage { state.withLock { $0.store.orders(matching: query) } }
    /// A customer account by id.
    public func user(id: Int) -> UserAccount? { state.withLock { $0.store.users[id] } }
    /// A customer account by phone.
    public func user(phone: String) -> UserAccount? {
        state.withLock { guarded in guarded.store.userIdsByPhone[phone].flatMap { guarded.store.users[$0] } }
    }
    /// A run-time product.
    public func product(id: Int) -> Product? { state.withLock { $0.store.products[id] } }
    /// An idempotency record.
    public func idempotencyRecord(key: String) -> IdempotencyRecord? { state.withLock { $0.store.idempotency[key] } }
    /// The last id of a kind.
    public func lastId(_ kind: IdKind) -> Int { state.withLock { $0.store.lastIds[kind] ?? 0 } }

    /// Writes the transaction to the journal and applies it, then returns once the journal line is on disk.
    public func commit(_ transaction: StoreTransaction) throws {
        let record = FastStateWriter.record(of: transaction)
        let sequence = try state.withLock { guarded throws(StorageError) -> Int in
            let sequence = try log.write(compactRecord: record)
            guarded.store.apply(transaction)
            guarded.sequence = sequence
            return sequence
        }
        try log.waitUntilDurable(sequence)
    }
}
