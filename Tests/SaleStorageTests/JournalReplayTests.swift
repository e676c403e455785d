import BitrixSale
import Foundation
import SaleJSON
import Testing

@testable import SaleStorage

/// Journal records replayed through the fast reader give exactly what the general road (parse, then `Codable`)
/// gives; anything the fast reader does not take goes the general road.
@Suite struct JournalReplayTests {
    static let now = Date(timeIntervalSince1970: 1_760_936_400)

    /// Saves `count` varied orders (statuses, deletes, users) on a store whose journal is never compacted.
    func fill(_ folder: URL, count: Int) throws {
        let store = try DurableOrderStore.open(
            folder: folder,
            options: .init(create: true, compactionThreshold: nil, compactOnClose: false)
        )
        let engine = try SaleEngine(store: store, clock: .fixed(Self.now))
        for number in 1...count {
            try engine.transaction { transaction in
                let user = transaction.findOrCreateUser(
                    phone: "+7701\(1_000_000 + number % 7)",
                    name: "Имя \"\(number)\""
                )
                var order = engine.createOrder(userId: .int(user.user.id), currency: "KZT")
                _ = order.setPersonTypeId(1)
                _ = try order.appendBasket(engine.createBasket())
                let line = try order.createBasketItem(moduleId: "catalog", productId: 5)
                _ = try order.setBasketItemField(line, "QUANTITY", .int(1 + number % 3))
                _ = order.setPropertyValue("ул. \\ Абая\t\(number)", code: "ADDRESS")
                _ = transaction.save(&order)
                if let id = order.id {
                    transaction.bindIdempotencyKey(
                        IdempotencyRecord(key: "railway:\(number)", orderId: id, fingerprint: "f")
                    )
                }
            }
            if number % 5 == 0 { _ = engine.delete(id: number - 1) }
            if number % 3 == 0 { _ = engine.changeStatus(orderId: number, to: "AP") }
        }
        store.close()
    }

    @Test func theFastReplayEqualsTheGeneralOne() throws {
        try withTemporaryFolder { folder in
            try fill(folder, count: 40)
            let store = try DurableOrderStore.open(folder: folder)
            let fast = store.snapshot
            store.close()
            let (log, recovery) = try DurableLog.open(folder: folder, options: .init(compactionThreshold: nil))
            log.close()
            #expect(recovery.snapshot == nil)
            var general = StoreState()
            for record in recovery.records { general.apply(try StateCodec.transaction(from: record)) }
            #expect(recovery.records.count > 40)
            #expect(fast == general)
            #expect(fast.orders.count == 32)
            // Every line took the fast road: canonical layout, checksum over the bytes as written, fast reader.
            let bytes = try fileBytes(folder, "journal.jsonl")
            let scan = try JournalFormat.scan(bytes, path: "journal.jsonl", maxDepth: 128)
            for record in scan.records {
                guard case .bytes(let range) = record else {
                    Issue.record("a line took the general road")
                    continue
                }
                var strings = FastStateReader.SharedStrings()
                #expect(FastStateReader.record(bytes[range], strings: &strings) != nil)
            }
        }
    }

    @Test func theFastRecordReaderTakesOnlyTheWritersOwnEscapes() throws {
        func users(_ name: String) -> [UserAccount]? {
            var strings = FastStateReader.SharedStrings()
            let body = ArraySlice(Array(#"{"users":[{"id":5,"name":"\#(name)","phone":"+7"}]}"#.utf8))
            return FastStateReader.record(body, strings: &strings)?.users
        }
        #expect(users(#"a\u001fb"#)?.first?.name == "a\u{1F}b")
        #expect(users(#"q\"\\"#)?.first?.name == "q\"\\")
        // Any other \uXXXX goes the general road: all four digits count (the old reader kept the last two, and took
        // a lone surrogate the general parser refuses as a NUL).
        #expect(users(#"\ud800"#) == nil)
        #expect(users(#"\u0141"#) == nil)
        #expect(users(#"\u4100"#) == nil)
        #expect(users(#"\/"#) == nil)
        #expect(throws: (any Error).self) { try JSONParser().parse(Array(#""\ud800""#.utf8)) }
    }

    @Test func aCleanCloseCompactsAJournalThatOutgrewAQuarterOfTheSnapshot() throws {
        try withTemporaryFolder { folder in
            try fill(folder, count: 60)
            let before = try fileBytes(folder, "journal.jsonl")
            let journalBefore = before.firstIndex(of: 0) ?? before.count
            let store = try DurableOrderStore.open(folder: folder)
            let state = store.snapshot
            #expect(store.statistics.journalBytes > 64 << 10)
            #expect(store.close() == nil)
            let after = try DurableOrderStore.open(folder: folder)
            #expect(after.statistics.snapshotSequence == after.statistics.lastSequence)
            #expect(after.statistics.journalBytes < 200)
            #expect(after.snapshot == state)
            after.close()
            let journal = try fileBytes(folder, "journal.jsonl")
            #expect((journal.firstIndex(of: 0) ?? journal.count) < journalBefore / 10, "only the header is left")
        }
    }
}
