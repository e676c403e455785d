import BitrixSale
import Foundation
import Testing

@testable import SaleStorage

/// The status index answers list queries exactly as walking every order does, including after status changes
/// and deletes.
@Suite struct StatusIndexTests {
    static func bruteForce(_ state: StoreState, _ query: OrderQuery) -> OrderPage {
        let ids = query.sort == .idAscending ? state.orderIds : state.orderIds.reversed()
        let matching = ids.compactMap { state.orders[$0] }.filter(query.matches)
        let page = matching.dropFirst(query.offset).prefix(query.limit ?? Int.max)
        return OrderPage(orders: Array(page), total: matching.count)
    }

    @Test func statusFilteredPagesEqualTheWalk() {
        var state = FastStateCodecTests.variedState(seed: 11, orders: 120, wholeSecondDates: true)
        var change = StoreTransaction()
        change.deletedOrderIds = [3, 50, 77]
        change.orders = [30, 31, 90]
            .compactMap { id in
                state.orders[id]
                    .map { order in
                        var moved = order
                        moved = OrderData(
                            id: moved.id,
                            siteId: moved.siteId,
                            userIdText: moved.userIdText,
                            currency: moved.currency,
                            personTypeId: moved.personTypeId,
                            statusId: "DE",
                            canceled: moved.canceled,
                            marked: moved.marked,
                            reasonMarked: moved.reasonMarked,
                            accountNumber: moved.accountNumber,
                            xmlId: moved.xmlId,
                            dateInsert: moved.dateInsert,
                            dateUpdate: moved.dateUpdate,
                            dateStatus: moved.dateStatus,
                            dateCanceled: moved.dateCanceled,
                            userDescription: moved.userDescription,
                            comments: moved.comments,
                            manualPrice: moved.manualPrice,
                            otherFields: moved.otherFields,
                            basket: moved.basket,
                            shipments: moved.shipments,
                            payments: moved.payments,
                            properties: moved.properties,
                            systemShipmentId: moved.systemShipmentId,
                            systemShipmentAccountNumber: moved.systemShipmentAccountNumber,
                            version: moved.version + 1,
                            nextCode: moved.nextCode
                        )
                        return moved
                    }
            }
        state.apply(change)
        #expect(state.orderIdsByStatus["DE"] == [30, 31, 90])
        let filters: [Set<String>?] = [nil, ["N"], ["AP", "CO"], ["N", "AP", "CO", "DE"], ["XX"], []]
        for statuses in filters {
            for sort in [OrderQuery.Sort.idAscending, .idDescending] {
                for (offset, limit) in [(0, 20), (7, 5), (30, nil), (500, 10), (0, 0)] as [(Int, Int?)] {
                    let query = OrderQuery(statusIds: statuses, sort: sort, offset: offset, limit: limit)
                    #expect(state.orders(matching: query) == Self.bruteForce(state, query), "\(query)")
                }
            }
        }
    }

    /// Deletes across several id chunks (a whole chunk's worth in a row, and scattered ones) leave every page and
    /// total as the walk gives them, and the state equal to one built from the remaining orders alone.
    @Test func deletesAcrossChunksKeepPagesExact() {
        var state = FastStateCodecTests.variedState(seed: 5, orders: 1500, wholeSecondDates: true)
        let ids = state.orderIds
        var change = StoreTransaction()
        change.deletedOrderIds = Array(ids[200..<900]) + ids.filter { $0 % 7 == 0 } + [ids[0], ids[ids.count - 1]]
        state.apply(change)
        let remaining = Set(ids).subtracting(change.deletedOrderIds)
        #expect(state.orderIds == remaining.sorted())
        #expect(state.orderIdsByStatus.values.reduce(0) { $0 + $1.count } == remaining.count)
        let filters: [Set<String>?] = [nil, ["N"], ["AP", "CO"], ["N", "AP", "CO", "DE"]]
        for statuses in filters {
            for sort in [OrderQuery.Sort.idAscending, .idDescending] {
                for (offset, limit) in [(0, 20), (150, 30), (490, 40), (700, nil), (5000, 10)] as [(Int, Int?)] {
                    let query = OrderQuery(statusIds: statuses, sort: sort, offset: offset, limit: limit)
                    #expect(state.orders(matching: query) == Self.bruteForce(state, query), "\(query)")
                }
            }
        }
        var rebuilt = StoreState()
        var load = StoreTransaction()
        load.orders = remaining.sorted(by: >).compactMap { state.orders[$0] }  // descending: other chunk boundaries
        rebuilt.apply(load)
        #expect(rebuilt.orderIds == state.orderIds)
        #expect(rebuilt.orderIdList == state.orderIdList)
        #expect(rebuilt.orderIdListsByStatus == state.orderIdListsByStatus)
    }
}

/// The key index that lets a delete drop its order's idempotency keys without scanning every key.
@Suite struct IdempotencyIndexTests {
    @Test func aDeleteDropsExactlyTheKeysBoundToItsOrder() throws {
        let engine = try SaleEngine(clock: .fixed(Date(timeIntervalSince1970: 1_760_936_400)))
        var orders: [OrderData] = []
        for _ in 1...2 {
            var order = engine.createOrder(userId: .int(1), currency: "KZT")
            #expect(engine.save(&order).isSuccess)
            orders.append(order.data)
        }
        var state = StoreState()
        var first = StoreTransaction()
        first.orders = orders
        first.idempotencyRecords = [
            IdempotencyRecord(key: "railway:b", orderId: 1, fingerprint: "f"),
            IdempotencyRecord(key: "railway:a", orderId: 1, fingerprint: "f"),
            IdempotencyRecord(key: "railway:c", orderId: 2, fingerprint: "f"),
        ]
        state.apply(first)
        #expect(state.idempotencyKeysByOrder == [1: ["railway:a", "railway:b"], 2: ["railway:c"]])
        // A key rebound to another order moves with it.
        var rebind = StoreTransaction()
        rebind.idempotencyRecords = [IdempotencyRecord(key: "railway:b", orderId: 2, fingerprint: "g")]
        state.apply(rebind)
        #expect(state.idempotencyKeysByOrder == [1: ["railway:a"], 2: ["railway:b", "railway:c"]])
        var delete = StoreTransaction()
        delete.deletedOrderIds = [1]
        state.apply(delete)
        #expect(state.idempotency.keys.sorted() == ["railway:b", "railway:c"])
        #expect(state.idempotencyKeysByOrder == [2: ["railway:b", "railway:c"]])
        var deleteSecond = StoreTransaction()
        deleteSecond.deletedOrderIds = [2]
        state.apply(deleteSecond)
        #expect(state.idempotency.isEmpty)
        #expect(state.idempotencyKeysByOrder.isEmpty)
    }
}
