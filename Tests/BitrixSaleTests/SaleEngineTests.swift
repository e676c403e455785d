import Foundation
import Testing

@testable import BitrixSale

/// The engine: load, delete, list, status changes, concurrency (docs/BITRIX-SEMANTICS.md §1.4, §7, §10.15).
@Suite struct SaleEngineTests {
    private func saved(_ engine: SaleEngine, userId: FieldValue = 1, _ edit: (inout Order) throws -> Void = { _ in })
        throws -> Order
    {
        var order = try Fixture.complete(on: engine, userId: userId).order
        try edit(&order)
        try #require(engine.save(&order).isSuccess)
        return order
    }

    // docs/BITRIX-SEMANTICS.md §1.4: load(id ≤ 0) throws ArgumentNullException; a missing row is nil.
    @Test(arguments: [0, -1])
    func loadingANonPositiveIdThrows(id: Int) throws {
        let engine = try Fixture.engine()
        #expect(throws: SaleException.argumentNull("id")) { try engine.load(id: id) }
    }

    @Test func loadingAMissingOrderGivesNilAndASavedOneComesBackEqual() throws {
        let engine = try Fixture.engine()
        #expect(try engine.load(id: 5) == nil)
        let order = try saved(engine)
        #expect(try engine.load(id: 1)?.data == order.data)
        #expect(throws: SaleException.argumentNull("value")) { try engine.load(accountNumber: "") }
        #expect(try engine.load(accountNumber: "nope") == nil)
    }

    // docs/BITRIX-SEMANTICS.md §1.4 step 1: deleting a missing order gives SALE_ORDER_ENTITY_NOT_FOUND.
    @Test func deletingAMissingOrderIsNotFound() throws {
        let engine = try Fixture.engine()
        #expect(engine.delete(id: 42).errorCodes == ["SALE_ORDER_ENTITY_NOT_FOUND"])
    }

    // docs/BITRIX-SEMANTICS.md §1.4, §7.3: a paid payment or a shipped shipment refuses the delete.
    @Test func deletingAnOrderWithAPaidPaymentOrAShippedShipmentIsRefused() throws {
        let engine = try Fixture.engine()
        let paid = try saved(engine) { _ = try $0.setPaymentField($0.payments[0].code, "PAID", "Y") }
        let shipped = try saved(engine) { _ = try $0.setShipmentField($0.shipments[0].code, "DEDUCTED", "Y") }
        #expect(engine.delete(id: try #require(paid.id)).errorCodes == ["SALE_ORDER_CANCEL_PAYMENT_EXIST_ACTIVE"])
        #expect(engine.delete(id: try #require(shipped.id)).errorCodes == ["SALE_ORDER_CANCEL_SHIPMENT_EXIST_SHIPPED"])
        #expect(engine.list(OrderQuery()).total == 2)
    }

    @Test func deletingAnOrderRemovesItAndItsAccountNumber() throws {
        let engine = try Fixture.engine()
        let order = try saved(engine)
        let result = engine.delete(id: try #require(order.id))
        #expect(result.isSuccess)
        #expect(try engine.load(id: 1) == nil)
        #expect(try engine.load(accountNumber: "1") == nil)
        var next = try Fixture.complete(on: engine).order
        #expect(engine.save(&next).id == 2)  // ids are never reused
    }

    // Listing: filter, sort, offset, limit.
    @Test func listingFiltersSortsAndPages() throws {
        let engine = try Fixture.engine()
        for index in 1...5 {
            _ = try saved(engine, userId: index.isMultiple(of: 2) ? 1 : "77") { order in
                if index >= 4 { _ = try order.setField("STATUS_ID", "AP") }
                _ = order.setPropertyValue("Клиент \(index)", code: "FIO")
            }
        }
        #expect(engine.list(OrderQuery()).orders.compactMap(\.id) == [5, 4, 3, 2, 1])
        #expect(engine.list(OrderQuery(sort: .idAscending)).orders.compactMap(\.id) == [1, 2, 3, 4, 5])
        let page = engine.list(OrderQuery(sort: .idAscending, offset: 1, limit: 2))
        #expect(page.orders.compactMap(\.id) == [2, 3])
        #expect(page.total == 5)
        #expect(engine.list(OrderQuery(statusIds: ["AP"])).orders.compactMap(\.id) == [5, 4])
        #expect(engine.list(OrderQuery(userId: 1)).orders.compactMap(\.id) == [4, 2])
        #expect(engine.list(OrderQuery(property: .init(code: "FIO", value: "Клиент 3"))).orders.compactMap(\.id) == [3])
        #expect(engine.list(OrderQuery(statusIds: ["F"])).total == 0)
    }

    // docs/BITRIX-SEMANTICS.md §7.2: changeStatus stores the status unchecked; an unknown one is reported.
    @Test func changingTheStatusStoresItAndStampsDateStatus() throws {
        let clock = ManualClock(Fixture.now)
        let engine = try Fixture.engine(clock: clock.saleClock)
        let order = try saved(engine)
        clock.advance(by: 60)
        let result = engine.changeStatus(orderId: try #require(order.id), to: "AP")
        #expect(result.isSuccess)
        #expect(result.warnings.isEmpty)
        let stored = try #require(try engine.load(id: 1))
        #expect(stored.statusId == "AP")
        #expect(stored.dateStatus == Fixture.now.addingTimeInterval(60))
        #expect(!stored.canceled)
    }

    @Test func anUnknownStatusIsStoredWithAWarningOrRefusedWhenStrict() throws {
        let engine = try Fixture.engine()
        _ = try saved(engine)
        #expect(engine.changeStatus(orderId: 1, to: "XX", strict: true).errorCodes == ["EMU_UNKNOWN_STATUS"])
        #expect(try engine.load(id: 1)?.statusId == "N")
        #expect(engine.changeStatus(orderId: 1, to: "XX").warningCodes == ["EMU_UNKNOWN_STATUS"])
        #expect(try engine.load(id: 1)?.statusId == "XX")
        #expect(engine.changeStatus(orderId: 9, to: "AP").errorCodes == ["SALE_ORDER_ENTITY_NOT_FOUND"])
    }

    // docs/BITRIX-SEMANTICS.md §10.15, §7.3: CANCELED is a separate flag and leaves STATUS_ID alone.
    @Test func cancelingLeavesTheStatusAlone() throws {
        var order = Fixture.newOrder()
        _ = try order.setField("CANCELED", "Y")
        #expect(order.canceled)
        #expect(order.statusId == "N")
        #expect(order.dateCanceled == Fixture.now)
    }

    // Concurrency: 8 tasks × 1,000 saves on one engine give 8,000 distinct ids and lose none.
    @Test func eightTasksSavingAThousandOrdersEachLoseNothing() async throws {
        let store = InMemoryOrderStore()
        let engine = try Fixture.engine(store: store)
        let ids = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var ids: [Int] = []
                    for _ in 0..<1_000 {
                        var order = engine.orderWithBasket(userId: 1)
                        let result = engine.save(&order)
                        guard let id = result.id else { throw SaleException.objectNotFound("no id") }
                        ids.append(id)
                    }
                    return ids
                }
            }
            var all: [Int] = []
            for try await batch in group { all += batch }
            return all
        }
        #expect(ids.count == 8_000)
        #expect(Set(ids).count == 8_000)
        #expect(store.snapshot.orders.count == 8_000)
        #expect(Set(store.snapshot.orders.keys) == Set(ids))
        #expect(Set(store.snapshot.accountNumbers.keys).count == 8_000)
    }
}
