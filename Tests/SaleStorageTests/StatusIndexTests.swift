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
}
