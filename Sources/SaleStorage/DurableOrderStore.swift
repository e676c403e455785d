import BitrixSale
import Foundation
import SaleJSON
import Synchronization

/// The durable ``BitrixSale/OrderStore``: the state in memory (a ``BitrixSale/StoreState``, answering like the
/// in-memory store) and every committed transaction in a state folder's journal (``DurableLog``) before the commit
/// returns.
///
/// Readers see only what is on disk: ``stage(_:)`` writes a transaction's journal line, ``publish(_:)`` waits for
/// the flush that covers it (shared by every commit staged meanwhile) and only then applies it to the state readers
/// see. A failed write or flush stops the store: nothing staged after the last good flush is ever shown, and every
/// later write is refused with the cause until the folder is reopened.
///
/// Compaction folds the journal into the snapshot, automatically past a size threshold and on demand.
public final class DurableOrderStore: OrderStore {
    /// How to open a state folder.
    public struct Options: Sendable {
        /// Create the folder (and an empty state) when nothing exists at its path.
        public var create: Bool
        /// Start an empty state in an existing folder that holds none (otherwise that is an error: `--init`).
        public var initialize: Bool
        /// Open without writing anything (no lock, no repair): for readers that may run beside a writer.
        public var readOnly: Bool
        /// Fold the journal into the snapshot on ``DurableOrderStore/close()`` once it has grown past a quarter of
        /// the snapshot (and 64 KiB), so the next open reads the state rather than its history.
        public var compactOnClose: Bool
        /// The file system (a fault-injecting ``InMemoryFileSystem`` in tests).
        public var fileSystem: any FileSystem
        /// New journals are preallocated in chunks of this many bytes (see ``DurableLog/Options/journalChunkBytes``);
        /// nil: append-only.
        public var journalChunkBytes: Int?
        /// Journal size in bytes past which the store compacts by itself, on a background thread while commits
        /// continue, once the journal has also outgrown the snapshot on disk; nil: only on demand.
        public var compactionThreshold: Int?

        /// Makes options.
        public init(
            create: Bool = false,
            initialize: Bool = false,
            compactionThreshold: Int? = 64 << 20,
            readOnly: Bool = false,
            fileSystem: any FileSystem = POSIXFileSystem(),
            journalChunkBytes: Int? = 256 << 10,
            compactOnClose: Bool = true
        ) {
            self.create = create
            self.initialize = initialize
            self.compactionThreshold = compactionThreshold
            self.readOnly = readOnly
            self.fileSystem = fileSystem
            self.journalChunkBytes = journalChunkBytes
            self.compactOnClose = compactOnClose
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
    private let compactOnClose: Bool
    private struct Guarded {
        /// What readers see: every record up to ``sequence``, all of them on disk.
        var store: StoreState
        var sequence: Int
        /// Written to the journal, not yet known to be on disk, in journal order.
        var pending: [StagedCommit] = []
        /// While ``replaceState(with:)`` compacts: the state it is writing and the sequence it covers (a compaction
        /// started meanwhile snapshots this, never the state being replaced).
        var replacement: (sequence: Int, state: StoreState)?
    }

    private let state: Mutex<Guarded>

    private init(
        folder: URL,
        log: DurableLog,
        state: StoreState,
        sequence: Int,
        warnings: [StorageWarning],
        compactOnClose: Bool
    ) {
        self.folder = folder
        self.log = log
        self.compactOnClose = compactOnClose
        self.state = Mutex(Guarded(store: state, sequence: sequence))
        self.openingWarnings = warnings
        log.setSnapshotFileSource { [weak self] in
            guard let self else { return (0, .failure(.closed(folder: folder.path))) }
            // A copy-on-write copy: the next commit pays one copy of the state, encoding runs outside the lock.
            let (sequence, copy) = self.state.withLock { guarded in
                guarded.replacement ?? (guarded.sequence, guarded.store)
            }
            return (sequence, .success(FastStateWriter.snapshotFile(of: copy, sequence: sequence)))
        }
    }

    /// Opens (or, with `options.create`, creates) a state folder, replaying its snapshot and journal.
    public static func open(folder: URL, options: Options = Options()) throws(Failure) -> DurableOrderStore {
        let log: DurableLog
        let recovery: DurableLog.Recovery
        let snapshot: Result<StoreState, StateCodecError>?
        let logOptions = DurableLog.Options(
            create: options.create,
            initialize: options.initialize,
            compactionThreshold: options.compactionThreshold,
            readOnly: options.readOnly,
            fileSystem: options.fileSystem,
            journalChunkBytes: options.journalChunkBytes
        )
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
            var strings = FastStateReader.SharedStrings()
            for (offset, record) in recovery.raw.enumerated() {
                let sequence = recovery.snapshotSequence + 1 + offset
                do {
                    switch record {
                    case .bytes(let range):
                        // The fast reader first; anything it does not take goes the general way, which names it.
                        if let transaction = FastStateReader.record(recovery.journalBytes[range], strings: &strings) {
                            state.apply(transaction)
                        } else {
                            let value = try JSONParser(maxDepth: logOptions.maxDepth)
                                .parse(recovery.journalBytes[range])
                            state.apply(try StateCodec.transaction(from: value))
                        }
                    case .value(let value):
                        state.apply(try StateCodec.transaction(from: value))
                    }
                } catch let error as StateCodecError {
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
                warnings: recovery.warnings,
                compactOnClose: options.compactOnClose
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
        try bytes.withUnsafeBufferPointer { buffer throws(StorageError) in
            try readSnapshot(buffer, path: path, maxDepth: maxDepth)
        }
    }

    /// Checks and decodes a snapshot file's bytes in place (a mapped file), as ``readSnapshot(_:path:maxDepth:)``
    /// does with an array.
    static func readSnapshot(
        _ bytes: UnsafeBufferPointer<UInt8>,
        path: String,
        maxDepth: Int
    ) throws(StorageError) -> (sequence: Int, value: Result<StoreState, StateCodecError>) {
        if let fast = FastStateReader.snapshot(bytes) { return (fast.sequence, .success(fast.state)) }
        let decoded = try SnapshotFormat.decode(Array(bytes), path: path, maxDepth: maxDepth)
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
        let store = try open(folder: folder, options: Options(create: true, initialize: true))
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

    /// Releases the folder (and its lock), first folding the journal into the snapshot when it has grown past a
    /// quarter of the snapshot and 64 KiB (unless ``Options/compactOnClose`` is off, the store is read-only or
    /// stopped).
    ///
    /// - Returns: why that compaction failed, if it did (the journal then stays as it was: nothing is lost).
    @discardableResult
    public func close() -> StorageError? {
        let statistics = log.statistics
        var failure: StorageError?
        if compactOnClose, !statistics.readOnly, statistics.failure == nil,
            statistics.journalBytes > max(64 << 10, statistics.snapshotBytes / 4)
        {
            do { try log.compact() } catch { failure = error }
        }
        log.close()
        return failure
    }

    // MARK: OrderStore

    /// The order with this id.
    public func order(id: Int) -> OrderData? { state.withLock { $0.store.orders[id] } }
    /// The order id for an account number.
    public func orderId(accountNumber: String) -> Int? {
        state.withLock { $0.store.orderId(accountNumber: accountNumber) }
    }
    /// A page of orders.
    public func orders(matching query: OrderQuery) -> OrderPage { state.withLock { $0.store.orders(matching: query) } }
    /// A customer account by id.
    public func user(id: Int) -> UserAccount? { state.withLock { $0.store.users[id] } }
    /// A customer account by phone.
    public func user(phone: String) -> UserAccount? {
        state.withLock { guarded in guarded.store.userId(phone: phone).flatMap { guarded.store.users[$0] } }
    }
    /// A run-time product.
    public func product(id: Int) -> Product? { state.withLock { $0.store.products[id] } }
    /// An idempotency record.
    public func idempotencyRecord(key: String) -> IdempotencyRecord? { state.withLock { $0.store.idempotency[key] } }
    /// The last id of a kind.
    public func lastId(_ kind: IdKind) -> Int { state.withLock { $0.store.lastIds[kind] ?? 0 } }

    /// Writes the transaction to the journal and returns once it is on disk and visible.
    public func commit(_ transaction: StoreTransaction) throws {
        try publish(try stage(transaction))
    }

    /// Writes the transaction's journal line (not yet flushed); readers do not see it until ``publish(_:)``.
    public func stage(_ transaction: StoreTransaction) throws -> StagedCommit {
        let record = FastStateWriter.record(of: transaction)
        return try state.withLock { guarded throws(StorageError) -> StagedCommit in
            let staged = StagedCommit(sequence: try log.write(compactRecord: record), transaction: transaction)
            guarded.pending.append(staged)
            return staged
        }
    }

    /// Waits for the flush that covers the staged commit (leading it, or sharing one), then shows it and every
    /// commit before it to readers.
    ///
    /// - Throws: the flush's failure (``StorageError/io(path:operation:code:)`` naming the journal and the cause) or
    ///   ``StorageError/stopped(after:)`` once an earlier one failed; nothing after the last good flush is shown.
    public func publish(_ commit: StagedCommit) throws {
        do {
            try log.waitUntilDurable(commit.sequence)
        } catch {
            // Fail-stop: show what the last good flush covered, drop the rest (it may or may not be on disk).
            let durable = log.statistics.durableSequence
            state.withLock { guarded in
                publishLocked(&guarded, through: durable)
                guarded.pending.removeAll()
            }
            throw error
        }
        state.withLock { publishLocked(&$0, through: commit.sequence) }
    }

    private func publishLocked(_ guarded: inout Guarded, through sequence: Int) {
        var count = 0
        while count < guarded.pending.count, guarded.pending[count].sequence <= sequence {
            guarded.store.apply(guarded.pending[count].transaction)
            guarded.sequence = guarded.pending[count].sequence
            count += 1
        }
        if count > 0 { guarded.pending.removeFirst(count) }
    }

    /// Replaces the whole state durably: an empty journal record fixes a sequence N, then a compaction through N
    /// writes `newState` as the snapshot (a crash before its rename reopens to the old state, after it to the new
    /// one); readers see the new state only once it is on disk.
    ///
    /// The caller (``BitrixSale/SaleEngine/replaceState(with:)``) holds the engine's write lock, so nothing is staged
    /// meanwhile.
    public func replaceState(with newState: StoreState) throws {
        let marker = try stage(StoreTransaction())
        try publish(marker)
        state.withLock { $0.replacement = (marker.sequence, newState) }
        do {
            try log.compact(
                through: marker.sequence,
                file: FastStateWriter.snapshotFile(of: newState, sequence: marker.sequence)
            )
        } catch {
            state.withLock { $0.replacement = nil }
            throw error
        }
        state.withLock { guarded in
            guarded.replacement = nil
            guarded.store = newState
            guarded.sequence = marker.sequence
        }
    }

    /// The commits staged but not yet on disk, oldest first.
    public func unpublished() -> [StagedCommit] { state.withLock { $0.pending } }
}
