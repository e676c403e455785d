import BitrixSale
import Foundation
import SaleJSON
import Testing

@testable import SaleStorage

/// One battery of store behaviour (save, load, delete, list, counters, idempotency keys, reopen), run unchanged
/// against the in-memory store and the durable one.
@Suite struct StoreBatteryTests {
    /// Makes a fresh store and a way to "reopen" it (the in-memory store reopens as itself).
    struct Subject: CustomTestStringConvertible, Sendable {
        let name: String
        let make: @Sendable () throws -> (store: any OrderStore, reopen: @Sendable () throws -> any OrderStore)
        var testDescription: String { name }
    }

    static let subjects: [Subject] = [
        Subject(name: "in-memory") {
            let store = InMemoryOrderStore()
            return (store, { store })
        },
        Subject(name: "durable") {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("battery-\(UUID().uuidString)")
            let store = try DurableOrderStore.open(folder: folder, options: .init(create: true))
            let holder = StoreHolder(store)
            return (
                store,
                {
                    holder.current.close()
                    let reopened = try DurableOrderStore.open(folder: folder)
                    holder.current = reopened
                    return reopened
                }
            )
        },
    ]

    final class StoreHolder: @unchecked Sendable {
        var current: DurableOrderStore
        init(_ store: DurableOrderStore) { current = store }
    }

    static let now = Date(timeIntervalSince1970: 1_760_936_400)

    func makeEngine(_ store: any OrderStore) throws -> SaleEngine {
        try SaleEngine(store: store, clock: .fixed(Self.now))
    }

    @discardableResult
    func saveOrder(_ engine: SaleEngine, status: String = "N", user: Int = 1) throws -> Order {
        var order = engine.createOrder(userId: .int(user))
        _ = order.setPersonTypeId(1)
        var basket = engine.createBasket()
        let line = basket.createItem(moduleId: "catalog", productId: 5)
        _ = try basket.setItemFields(
            line,
            ["PRODUCT_PROVIDER_CLASS": .string(BasketItem.catalogProviderClass), "QUANTITY": 2]
        )
        _ = try order.setBasket(basket)
        let shipment = order.createShipment(deliveryId: 1)
        _ = try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 2)
        order.createPayment(paySystemId: 3)
        _ = order.setPropertyValue("Иван", code: "FIO")
        if status != "N" { _ = try order.setField("STATUS_ID", .string(status)) }
        let result = engine.save(&order)
        #expect(result.isSuccess, "\(result.errors)")
        return order
    }

    @Test(arguments: subjects)
    func savedOrdersLoadBackEqualAfterReopen(_ subject: Subject) throws {
        let (store, reopen) = try subject.make()
        let engine = try makeEngine(store)
        let first = try saveOrder(engine)
        let second = try saveOrder(engine, status: "AP")
        let reopened = try reopen()
        #expect(reopened.order(id: try #require(first.id)) == first.data)
        #expect(reopened.order(id: try #require(second.id)) == second.data)
        #expect(reopened.orderId(accountNumber: "2") == second.id)
    }

    @Test(arguments: subjects)
    func deletedOrdersStayDeletedAndTheirIdsAreNeverReused(_ subject: Subject) throws {
        let (store, reopen) = try subject.make()
        let engine = try makeEngine(store)
        let first = try saveOrder(engine)
        #expect(engine.delete(id: try #require(first.id)).isSuccess)
        let reopened = try reopen()
        #expect(reopened.order(id: try #require(first.id)) == nil)
        let again = try saveOrder(try makeEngine(reopened))
        #expect(again.id == 2)
        #expect(reopened.lastId(.order) == 2)
    }

    @Test(arguments: subjects)
    func listFiltersSortsAndPagesWithTheTotal(_ subject: Subject) throws {
        let (store, reopen) = try subject.make()
        let engine = try makeEngine(store)
        for index in 0..<7 { try saveOrder(engine, status: index % 2 == 0 ? "N" : "F") }
        let reopened = try reopen()
        let page = reopened.orders(matching: OrderQuery(statusIds: ["N"], sort: .idDescending, offset: 1, limit: 2))
        #expect(page.total == 4)
        #expect(page.orders.compactMap(\.id) == [5, 3])
        let ascending = reopened.orders(matching: OrderQuery(sort: .idAscending, limit: 3))
        #expect(ascending.orders.compactMap(\.id) == [1, 2, 3])
        #expect(ascending.total == 7)
    }

    /// Deletes spread over many id chunks (a run of 600 and every fifth id) leave exactly the pages and totals that
    /// walking the remaining orders gives, before and after a reopen.
    @Test(arguments: subjects)
    func deletesAcrossManyOrdersKeepListPagesExact(_ subject: Subject) throws {
        let (store, reopen) = try subject.make()
        var reference = FastStateCodecTests.variedState(seed: 3, orders: 1300, wholeSecondDates: true)
        var load = StoreTransaction()
        load.orders = reference.orderIds.compactMap { reference.orders[$0] }
        try store.commit(load)
        let ids = reference.orderIds
        var delete = StoreTransaction()
        delete.deletedOrderIds = Array(ids[100..<700]) + ids.filter { $0 % 5 == 0 }
        try store.commit(delete)
        reference.apply(delete)
        #expect(
            reference.orderIds.count == 1300 - 600 - ids.filter { $0 % 5 == 0 && !(ids[100..<700]).contains($0) }.count
        )
        for current in [store, try reopen()] {
            for statuses in [nil, ["N"], ["AP", "CO"]] as [Set<String>?] {
                for sort in [OrderQuery.Sort.idAscending, .idDescending] {
                    for (offset, limit) in [(0, 25), (95, 10), (400, 50), (2000, 5)] as [(Int, Int?)] {
                        let query = OrderQuery(statusIds: statuses, sort: sort, offset: offset, limit: limit)
                        let page = current.orders(matching: query)
                        let expected = StatusIndexTests.bruteForce(reference, query)
                        #expect(page.total == expected.total, "\(query)")
                        #expect(page.orders.compactMap(\.id) == expected.orders.compactMap(\.id), "\(query)")
                    }
                }
            }
            #expect(current.order(id: ids[150]) == nil)
            #expect(current.order(id: try #require(reference.orderIds.last)) != nil)
        }
    }

    @Test(arguments: subjects)
    func idempotencyKeysCustomersAndProductsSurviveAndGoWithTheirOrder(_ subject: Subject) throws {
        let (store, reopen) = try subject.make()
        let engine = try makeEngine(store)
        let orderId = try engine.transaction { transaction -> Int in
            let (user, created) = transaction.findOrCreateUser(phone: "+77015211545", name: "Иван")
            #expect(created)
            var order = engine.createOrder(userId: .int(user.id))
            _ = try order.appendBasket(engine.createBasket())  // the basket first, as Bitrix needs it
            let result = transaction.save(&order)
            #expect(result.isSuccess)
            let id = try #require(order.id)
            transaction.bindIdempotencyKey(IdempotencyRecord(key: "railway:999", orderId: id, fingerprint: "f"))
            _ = transaction.saveProduct(Product(id: 0, name: "Новый букет", price: 100, currency: "KZT"))
            return id
        }
        var reopened = try reopen()
        #expect(reopened.idempotencyRecord(key: "railway:999")?.orderId == orderId)
        #expect(reopened.user(phone: "+77015211545")?.id == 2)  // above the site's user 1
        #expect(reopened.product(id: 9)?.name == "Новый букет")  // above the site's products 1…8
        #expect(try makeEngine(reopened).delete(id: orderId).isSuccess)
        reopened = try reopen()
        #expect(reopened.idempotencyRecord(key: "railway:999") == nil)
    }

    @Test func equalStatesGiveIdenticalSnapshotBytes() throws {
        func export() throws -> [UInt8] {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try DurableOrderStore.open(folder: folder, options: .init(create: true))
            defer { store.close() }
            let engine = try makeEngine(store)
            for _ in 0..<3 { try saveOrder(engine) }
            return try store.exportSnapshot()
        }
        #expect(try export() == export())
    }

    @Test func anExportedSnapshotStartsANewFolderWithTheSameState() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let store = try DurableOrderStore.open(folder: base.appendingPathComponent("a"), options: .init(create: true))
        let engine = try makeEngine(store)
        for _ in 0..<3 { try saveOrder(engine) }
        let file = base.appendingPathComponent("state.json")
        try Data(try store.exportSnapshot()).write(to: file)
        store.close()
        let copy = try DurableOrderStore.create(folder: base.appendingPathComponent("b"), from: file)
        defer { copy.close() }
        #expect(copy.snapshot == (try DurableOrderStore.open(folder: base.appendingPathComponent("a"))).snapshot)
    }
}
