import BitrixSale
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import SaleStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a durable store does when the disk fails (EIO, ENOSPC, short and torn writes), on ``InMemoryFileSystem``.
@Suite struct FaultInjectionTests {
    static let folder = URL(fileURLWithPath: "/state")
    static let journal = "/state/journal.jsonl"
    static let now = Date(timeIntervalSince1970: 1_760_936_400)

    func open(_ disk: InMemoryFileSystem, create: Bool = true) throws -> DurableOrderStore {
        try DurableOrderStore.open(
            folder: Self.folder,
            options: .init(create: create, compactionThreshold: nil, fileSystem: disk)
        )
    }

    /// Saves a minimal order through the engine; the result's id, or nil when the save failed.
    @discardableResult
    func save(_ engine: SaleEngine, key: String? = nil) -> SaleResult {
        var result = SaleResult()
        do {
            try engine.transaction { transaction in
                var order = engine.createOrder(userId: .int(1), currency: "KZT")
                result = transaction.save(&order)
                if let key, let id = order.id {
                    transaction.bindIdempotencyKey(IdempotencyRecord(key: key, orderId: id, fingerprint: "f"))
                }
            }
        } catch {
            result.addError(SaleError(code: "STORE", message: "\(error)"))
        }
        return result
    }

    @Test func aFailedFlushShowsNothingAndStopsEveryLaterWriteWithTheCause() throws {
        let disk = InMemoryFileSystem()
        let store = try open(disk)
        let engine = try SaleEngine(store: store, clock: .fixed(Self.now))
        #expect(save(engine, key: "railway:1").isSuccess)
        disk.inject(.init(.sync, path: "journal.jsonl", code: EIO))
        let failed = save(engine, key: "railway:2")
        #expect(!failed.isSuccess)
        let message = failed.errors.first?.message ?? ""
        #expect(message.contains("/state/journal.jsonl: fdatasync failed: Input/output error"), "\(message)")
        // Nothing of the failed commit is visible: not the order, not its key, not its id.
        #expect(store.orders(matching: OrderQuery()).total == 1)
        #expect(store.idempotencyRecord(key: "railway:2") == nil)
        #expect(store.lastId(.order) == 1)
        #expect(store.unpublished().isEmpty)
        // Fail-stop: the disk works again, the store still refuses, naming the first cause.
        disk.clearFaults()
        let later = save(engine, key: "railway:3")
        let refusal = later.errors.first?.message ?? ""
        #expect(refusal.contains("stopped accepting writes"), "\(refusal)")
        #expect(refusal.contains("fdatasync failed: Input/output error"), "\(refusal)")
        #expect(store.orders(matching: OrderQuery()).total == 1)
        store.close()
    }

    @Test(arguments: [EIO, ENOSPC])
    func aFailedWriteIsReportedWithItsCauseAndLeavesNoLine(_ code: Int32) throws {
        let disk = InMemoryFileSystem()
        let store = try open(disk)
        let engine = try SaleEngine(store: store, clock: .fixed(Self.now))
        #expect(save(engine).isSuccess)
        let before = disk.contents(Self.journal)
        // A torn write: 17 bytes of the line reach the file, then the call fails.
        disk.inject(.init(.write, path: "journal.jsonl", code: code, writtenBytes: 17))
        let failed = save(engine)
        let message = failed.errors.first?.message ?? ""
        let cause = code == ENOSPC ? "No space left on device" : "Input/output error"
        #expect(message.contains("/state/journal.jsonl: write failed: \(cause)"), "\(message)")
        #expect(disk.contents(Self.journal) == before, "the torn bytes are cut away again")
        #expect(store.orders(matching: OrderQuery()).total == 1)
        store.close()
        let reopened = try open(disk, create: false)
        #expect(reopened.orders(matching: OrderQuery()).total == 1)
        reopened.close()
    }

    @Test func afterACrashTheFolderHoldsEveryAcknowledgedOrderAndNoOtherVisibleOne() throws {
        let disk = InMemoryFileSystem()
        let store = try open(disk)
        let engine = try SaleEngine(store: store, clock: .fixed(Self.now))
        for _ in 1...3 { #expect(save(engine).isSuccess) }
        disk.inject(.init(.sync, path: "journal.jsonl", code: EIO))
        #expect(!save(engine).isSuccess)
        let crashed = disk.crashed()
        let reopened = try open(crashed, create: false)
        #expect(reopened.orders(matching: OrderQuery()).orders.compactMap(\.id) == [3, 2, 1])
        reopened.close()
        // Without a crash the unflushed line may be on disk: the outcome was unknown, and a retry by key finds it.
        store.close()
        let uncertain = try open(disk, create: false)
        #expect(uncertain.orders(matching: OrderQuery()).total == 4)
        uncertain.close()
    }

    @Test func concurrentCommitsThroughTheEngineShareOneFlush() throws {
        let disk = InMemoryFileSystem()
        let store = try open(disk)
        let engine = try SaleEngine(store: store, clock: .fixed(Self.now))
        let clients = 16
        disk.holdSyncs(path: "journal.jsonl")
        let group = DispatchGroup()
        let failures = Mutex(0)
        for _ in 0..<clients {
            group.enter()
            Thread {
                if !save(engine).isSuccess { failures.withLock { $0 += 1 } }
                group.leave()
            }
            .start()
        }
        // The first flush is held: every other client must still be able to stage its line (the engine lock is not
        // held across the flush). Without that, writes would stay at 1 and this loop would give up.
        var spins = 0
        while store.statistics.writes < clients, spins < 200_000 {
            spins += 1
            usleep(50)
        }
        let written = store.statistics.writes
        // Nothing is visible while the flush is held.
        let visibleWhileHeld = store.orders(matching: OrderQuery()).total
        disk.releaseSyncs()
        group.wait()
        #expect(written == clients)
        #expect(visibleWhileHeld == 0)
        #expect(failures.withLock { $0 } == 0)
        // One flush for the lines staged before it started, at most one more for those staged while it was held
        // (without group commit through the engine: 16, one per create).
        #expect(store.statistics.syncs <= 2)
        #expect(store.orders(matching: OrderQuery()).total == clients)
        store.close()
    }

    @Test func aReplayWaitsUntilTheOrderItNamesIsOnDisk() throws {
        let disk = InMemoryFileSystem()
        let store = try open(disk)
        let engine = try SaleEngine(store: store, clock: .fixed(Self.now))
        disk.holdSyncs(path: "journal.jsonl")
        let done = DispatchSemaphore(value: 0)
        Thread {
            _ = save(engine, key: "railway:7")
            done.signal()
        }
        .start()
        while store.statistics.writes < 1 { usleep(50) }
        // A second transaction sees the staged key, but returns only after the first flush.
        let seen = Mutex<IdempotencyRecord?>(nil)
        let replay = DispatchSemaphore(value: 0)
        Thread {
            _ = try? engine.transaction { transaction in
                seen.withLock { $0 = transaction.idempotencyRecord(key: "railway:7") }
            }
            replay.signal()
        }
        .start()
        while seen.withLock({ $0 }) == nil { usleep(50) }
        #expect(store.idempotencyRecord(key: "railway:7") == nil)
        disk.inject(.init(.sync, path: "journal.jsonl", code: EIO))
        disk.releaseSyncs()
        done.wait()
        replay.wait()
        #expect(seen.withLock { $0 }?.orderId == 1)
        #expect(store.idempotencyRecord(key: "railway:7") == nil)
        store.close()
    }

    @Test func stateFilesArePrivateAndOnlyRegularFilesAreOpened() throws {
        let disk = InMemoryFileSystem()
        let store = try open(disk)
        let engine = try SaleEngine(store: store, clock: .fixed(Self.now))
        #expect(save(engine).isSuccess)
        try store.compact()
        store.close()
        #expect(disk.permissions("/state") == 0o700)
        for name in ["LOCK", "journal.jsonl", "snapshot.json"] {
            #expect(disk.permissions("/state/" + name) == 0o600, "\(name)")
        }
        // Files an older build left readable by others: a reader warns, a writer makes them private.
        disk.setPermissions(path: "/state/journal.jsonl", 0o644)
        disk.setPermissions(path: "/state/snapshot.json", 0o644)
        let reader = try DurableOrderStore.open(
            folder: Self.folder,
            options: .init(readOnly: true, fileSystem: disk)
        )
        #expect(
            reader.openingWarnings == [
                .readableByOthers(file: "/state/journal.jsonl"), .readableByOthers(file: "/state/snapshot.json"),
            ]
        )
        reader.close()
        #expect(disk.permissions("/state/journal.jsonl") == 0o644, "a reader changes nothing")
        try open(disk, create: false).close()
        #expect(disk.permissions("/state/journal.jsonl") == 0o600)
        #expect(disk.permissions("/state/snapshot.json") == 0o600)
        disk.makeSpecialFile("/state/snapshot.json")
        #expect {
            try open(disk, create: false)
        } throws: { error in
            "\(error)".contains("/state/snapshot.json: expected a regular file")
        }
    }

    @Test func aFailedCompactionIsReportedAndTheRecordsStayDurable() throws {
        let disk = InMemoryFileSystem()
        let store = try open(disk)
        let engine = try SaleEngine(store: store, clock: .fixed(Self.now))
        for _ in 1...2 { #expect(save(engine).isSuccess) }
        disk.inject(.init(.write, path: "snapshot.json.tmp", code: ENOSPC))
        #expect {
            try store.compact()
        } throws: { error in
            "\(error)".contains("snapshot.json.tmp: write failed: No space left on device")
        }
        #expect(save(engine).isSuccess, "a failed snapshot write does not stop the journal")
        store.close()
        let reopened = try open(disk.crashed(), create: false)
        #expect(reopened.orders(matching: OrderQuery()).total == 3)
        reopened.close()
    }
}

/// `SaleEngine.replaceState(with:)` through the durable commit path: what a control plane's reset relies on.
@Suite struct ReplaceStateTests {
    static let folder = URL(fileURLWithPath: "/state")

    func open(_ disk: InMemoryFileSystem, create: Bool = true) throws -> DurableOrderStore {
        try DurableOrderStore.open(
            folder: Self.folder,
            options: .init(create: create, compactionThreshold: nil, fileSystem: disk)
        )
    }

    func saveOrder(_ engine: SaleEngine) -> Int? {
        var order = engine.createOrder(userId: .int(1), currency: "KZT")
        return engine.save(&order).id
    }

    @Test func aReplacedStateIsWhatReadersAndAReopenSee() throws {
        let disk = InMemoryFileSystem()
        let store = try open(disk)
        let engine = try SaleEngine(store: store, clock: .fixed(FaultInjectionTests.now))
        for _ in 1...3 { #expect(saveOrder(engine) != nil) }
        // Another engine's state, as a control plane would load it from a snapshot.
        let other = InMemoryOrderStore()
        let otherEngine = try SaleEngine(store: other, clock: .fixed(FaultInjectionTests.now))
        for _ in 1...5 { _ = saveOrder(otherEngine) }
        _ = otherEngine.delete(id: 2)
        try engine.replaceState(with: other.snapshot)
        #expect(store.snapshot == other.snapshot)
        #expect(saveOrder(engine) == 6, "ids continue from the replacing state's counters")
        store.close()
        let reopened = try open(disk.crashed(), create: false)
        #expect(reopened.orders(matching: OrderQuery()).orders.compactMap(\.id) == [6, 5, 4, 3, 1])
        reopened.close()
        // Reset to empty: ids start again.
        let again = try open(disk, create: false)
        let engineAgain = try SaleEngine(store: again, clock: .fixed(FaultInjectionTests.now))
        try engineAgain.replaceState(with: StoreState())
        #expect(again.orders(matching: OrderQuery()).total == 0)
        #expect(saveOrder(engineAgain) == 1)
        again.close()
        let empty = try open(disk.crashed(), create: false)
        #expect(empty.orders(matching: OrderQuery()).orders.compactMap(\.id) == [1])
        empty.close()
    }

    @Test func aFailedReplacementLeavesTheStateAsItWas() throws {
        let disk = InMemoryFileSystem()
        let store = try open(disk)
        let engine = try SaleEngine(store: store, clock: .fixed(FaultInjectionTests.now))
        for _ in 1...2 { #expect(saveOrder(engine) != nil) }
        let before = store.snapshot
        disk.inject(.init(.rename, path: "snapshot.json", code: EIO))
        #expect(throws: (any Error).self) { try engine.replaceState(with: StoreState()) }
        #expect(store.snapshot == before)
        store.close()
        let reopened = try open(disk.crashed(), create: false)
        #expect(reopened.snapshot == before)
        reopened.close()
    }
}

/// A failure at every step of a workload (each call of each kind, in turn): whatever fails, every acknowledged order
/// is in the folder afterwards, after a power cut as after a clean stop, and the folder opens.
@Suite struct EveryStepFaultTests {
    static let operations: [InMemoryFileSystem.Operation] = [.write, .sync, .rename, .truncate, .open]

    /// Creates, saves, compacts, saves and closes; returns the ids of the saves that were acknowledged.
    func workload(_ disk: InMemoryFileSystem) -> [Int] {
        var acknowledged: [Int] = []
        guard
            let store = try? DurableOrderStore.open(
                folder: FaultInjectionTests.folder,
                options: .init(create: true, compactionThreshold: nil, fileSystem: disk, journalChunkBytes: 4096)
            ),
            let engine = try? SaleEngine(store: store, clock: .fixed(FaultInjectionTests.now))
        else { return [] }
        func save() {
            var order = engine.createOrder(userId: .int(1), currency: "KZT")
            _ = order.setPropertyValue(String(repeating: "адрес ", count: 60), code: "ADDRESS")  // lines of ~1 KB
            let result = engine.save(&order)
            if result.isSuccess, let id = result.id { acknowledged.append(id) }
        }
        for _ in 0..<6 { save() }
        try? store.compact()
        for _ in 0..<4 { save() }
        store.close()
        return acknowledged
    }

    @Test(arguments: operations)
    func acknowledgedOrdersSurviveAFailureAtAnyCall(_ operation: InMemoryFileSystem.Operation) throws {
        let calls = InMemoryFileSystem()
        #expect(workload(calls).count == 10)
        let total = calls.calls(operation)
        #expect(total > 0)
        for index in 0..<total {
            for code in [EIO, ENOSPC] {
                let disk = InMemoryFileSystem()
                disk.inject(.init(operation, after: index, code: code, writtenBytes: operation == .write ? 7 : 0))
                let acknowledged = workload(disk)
                for (name, survivor) in [("after a power cut", disk.crashed()), ("after a stop", disk)] {
                    let reopened = try? DurableOrderStore.open(
                        folder: FaultInjectionTests.folder,
                        options: .init(fileSystem: survivor)
                    )
                    guard let reopened else {
                        #expect(acknowledged.isEmpty, "\(operation) #\(index) \(name): the folder does not open")
                        continue
                    }
                    let stored = Set(reopened.orders(matching: OrderQuery()).orders.compactMap(\.id))
                    reopened.close()
                    #expect(
                        Set(acknowledged).isSubset(of: stored),
                        "\(operation) #\(index) errno \(code) \(name): lost \(Set(acknowledged).subtracting(stored))"
                    )
                }
            }
        }
    }
}

extension FaultInjectionTests {
    @Test func aFailedAutomaticCompactionIsReportedAndCloseReportsItsOwn() throws {
        let disk = InMemoryFileSystem()
        let store = try DurableOrderStore.open(
            folder: Self.folder,
            options: .init(create: true, compactionThreshold: 1, fileSystem: disk)
        )
        let engine = try SaleEngine(store: store, clock: .fixed(Self.now))
        disk.inject(.init(.write, path: "snapshot.json.tmp", code: ENOSPC, persistent: true))
        for _ in 1...5 { #expect(save(engine).isSuccess, "a failed compaction does not stop commits") }
        let closing = store.close()  // waits for the running automatic compaction
        #expect(closing == nil, "the journal is below the close threshold (64 KiB): close does not compact")
        let failure = try #require(store.statistics.lastCompactionError)
        #expect("\(failure)".contains("snapshot.json.tmp: write failed: No space left on device"))
        let reopened = try open(disk.crashed(), create: false)
        #expect(reopened.orders(matching: OrderQuery()).total == 5)
        reopened.close()
    }
}
