import BitrixSale
import Foundation
import SaleStorage
import SiteAPI
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The API over a durable store whose disk fails: a truthful 503, nothing visible, fail-stop, and a retry by
/// `railway_order_id` after reopening that finds out what happened.
@Suite struct StoreFailureTests {
    static let folder = URL(fileURLWithPath: "/state")

    func makeAPI(_ disk: InMemoryFileSystem, create: Bool = true) throws -> (SiteAPI, DurableOrderStore) {
        let store = try DurableOrderStore.open(
            folder: Self.folder,
            options: .init(create: create, compactionThreshold: nil, fileSystem: disk)
        )
        return (try SiteAPI(engine: try SaleEngine(store: store, clock: .fixed(testNow))), store)
    }

    @Test func aFailedFlushAnswers503WithTheCauseAndAnUnknownOutcome() throws {
        let disk = InMemoryFileSystem()
        let (api, store) = try makeAPI(disk)
        #expect(try api.create(seedPayload(railwayId: 1)).status == 200)
        disk.inject(.init(.sync, path: "journal.jsonl", code: EIO))
        let failed = try api.create(seedPayload(railwayId: 2))
        #expect(failed.status == 503)
        let message = failed.error ?? ""
        #expect(message.contains("/state/journal.jsonl: fdatasync failed: Input/output error"), "\(message)")
        #expect(message.contains("the outcome is unknown"), "\(message)")
        #expect(message.contains("same railway_order_id"), "\(message)")
        #expect(!message.contains("nothing was changed"))
        let powerCut = disk.crashed()
        // Not listed, not replayable: the retry in this process is refused with the first cause.
        #expect(api.storedOrderCount == 1)
        disk.clearFaults()
        let retry = try api.create(seedPayload(railwayId: 2))
        #expect(retry.status == 503)
        #expect((retry.error ?? "").contains("stopped accepting writes"))
        #expect((retry.error ?? "").contains("fdatasync failed: Input/output error"))
        // Reopened: the line reached the disk here, so the retry is an idempotent replay of order 2.
        store.close()
        let (again, reopened) = try makeAPI(disk, create: false)
        let replay = try again.create(seedPayload(railwayId: 2))
        #expect(replay.status == 200)
        #expect(replay["bitrix_order_id"] == 2)
        #expect(again.storedOrderCount == 2)
        reopened.close()
        // Had the power been cut instead, the unflushed line would be gone: the same retry creates the order.
        let (fresh, crashedStore) = try makeAPI(powerCut, create: false)
        #expect(fresh.storedOrderCount == 1)
        let created = try fresh.create(seedPayload(railwayId: 2))
        #expect(created.status == 200)
        #expect(created["bitrix_order_id"] == 2)
        #expect(fresh.storedOrderCount == 2)
        crashedStore.close()
    }

    @Test func aFullDiskIsNamedInThe503() throws {
        let disk = InMemoryFileSystem()
        let (api, store) = try makeAPI(disk)
        disk.inject(.init(.write, path: "journal.jsonl", code: ENOSPC, persistent: true))
        let failed = try api.create(seedPayload(railwayId: 3))
        #expect(failed.status == 503)
        #expect((failed.error ?? "").contains("No space left on device"), "\(failed.error ?? "")")
        #expect(api.storedOrderCount == 0)
        store.close()
    }
}
