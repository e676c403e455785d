import BitrixSale
import Foundation
import Testing

@testable import SaleStorage

/// The dense order and account tables (``BitrixSale/IdTable``): a state reached through deletes, re-puts and rebound
/// keys equals the state holding the same content built directly, and both snapshot to the same bytes.
@Suite struct DenseStateTests {
    @Test func aStateWithHolesEqualsTheSameContentBuiltDirectlyAndSnapshotsIdentically() throws {
        let source = FastStateCodecTests.variedState(seed: 21, orders: 90, wholeSecondDates: true)
        let all = source.orders.values
        let deleted: Set<Int> = [2, 3, 40, 41, 42, 89]
        #expect(deleted.isSubset(of: Set(all.compactMap(\.id))))
        let records = [
            IdempotencyRecord(key: "railway:z", orderId: 1, fingerprint: "f"),
            IdempotencyRecord(key: "railway:a", orderId: 1, fingerprint: "f"),
            IdempotencyRecord(key: "railway:m", orderId: 5, fingerprint: "f"),
        ]

        // History: everything at once, then deletes (holes), a key rebound to another order, a re-put.
        var history = StoreState()
        var first = StoreTransaction()
        first.orders = all
        first.users = source.users.values
        first.products = Array(source.products.values)
        first.idempotencyRecords = records + [IdempotencyRecord(key: "railway:q", orderId: 2, fingerprint: "g")]
        first.lastIds = source.lastIds
        history.apply(first)
        var delete = StoreTransaction()
        delete.deletedOrderIds = Array(deleted).sorted()
        delete.idempotencyRecords = [IdempotencyRecord(key: "railway:q", orderId: 1, fingerprint: "g")]
        history.apply(delete)
        var reput = StoreTransaction()
        reput.orders = all.filter { $0.id == 10 }
        history.apply(reput)

        // Direct: only what remains, in descending order.
        var direct = StoreState()
        var only = StoreTransaction()
        only.orders = all.filter { !deleted.contains($0.id ?? 0) }.reversed()
        only.users = source.users.values.reversed()
        only.products = Array(source.products.values)
        only.idempotencyRecords = records + [IdempotencyRecord(key: "railway:q", orderId: 1, fingerprint: "g")]
        only.lastIds = source.lastIds
        direct.apply(only)

        #expect(history == direct)
        #expect(history.hashValue == direct.hashValue)
        #expect(history.orders.count == all.count - deleted.count)
        for id in deleted { #expect(history.orders[id] == nil, "order \(id) is a hole") }
        #expect(history.orders.keys == all.compactMap(\.id).filter { !deleted.contains($0) })
        #expect(history.idempotencyKeysByOrder == [1: ["railway:a", "railway:q", "railway:z"], 5: ["railway:m"]])
        let bytes = SnapshotFile.bytes(of: history)
        #expect(bytes == SnapshotFile.bytes(of: direct))
        // And the snapshot reads back to the same state.
        #expect(try SnapshotFile.state(from: bytes, path: "dense.json") == history)
    }

    @Test func aKeyRemovedFromAnOrdersListLeavesTheOthers() {
        var state = StoreState()
        var bind = StoreTransaction()
        bind.idempotencyRecords = ["railway:c", "railway:a", "railway:b"]
            .map { IdempotencyRecord(key: $0, orderId: 3, fingerprint: "f") }
        state.apply(bind)
        #expect(state.idempotencyKeysByOrder == [3: ["railway:a", "railway:b", "railway:c"]])
        // The first key moves away: the next one becomes the first.
        var move = StoreTransaction()
        move.idempotencyRecords = [IdempotencyRecord(key: "railway:a", orderId: 4, fingerprint: "f")]
        state.apply(move)
        #expect(state.idempotencyKeysByOrder == [3: ["railway:b", "railway:c"], 4: ["railway:a"]])
        // A middle key moves away.
        move.idempotencyRecords = [IdempotencyRecord(key: "railway:c", orderId: 4, fingerprint: "f")]
        state.apply(move)
        #expect(state.idempotencyKeysByOrder == [3: ["railway:b"], 4: ["railway:a", "railway:c"]])
        // Rebinding a key to the order it is already bound to changes nothing.
        move.idempotencyRecords = [IdempotencyRecord(key: "railway:b", orderId: 3, fingerprint: "f")]
        state.apply(move)
        #expect(state.idempotencyKeysByOrder == [3: ["railway:b"], 4: ["railway:a", "railway:c"]])
    }
}
