import Foundation
import Synchronization

/// The state every store keeps, with the indexes that make lookups and list queries cheap.
///
/// Value type: a durable store keeps one and applies the same transactions to it, so both stores answer alike.
public struct StoreState: Sendable, Hashable {
    /// Orders by id.
    public private(set) var orders: [Int: OrderData] = [:]
    /// Order ids in ascending order.
    public private(set) var orderIds: [Int] = []
    /// Account number → order id.
    public private(set) var accountNumbers: [String: Int] = [:]
    /// Customer accounts by id.
    public private(set) var users: [Int: UserAccount] = [:]
    /// Customer account id by phone.
    public private(set) var userIdsByPhone: [String: Int] = [:]
    /// Run-time products by id.
    public private(set) var products: [Int: Product] = [:]
    /// Idempotency records by key.
    public private(set) var idempotency: [String: IdempotencyRecord] = [:]
    /// The last id per kind.
    public private(set) var lastIds: [IdKind: Int] = [:]

    /// An empty state.
    public init() {}

    /// Applies a transaction.
    public mutating func apply(_ transaction: StoreTransaction) {
        for order in transaction.orders {
            guard let id = order.id else { continue }
            if let old = orders[id] {
                if let number = old.accountNumber { accountNumbers[number] = nil }
            } else {
                let position = orderIds.endIndex > 0 && orderIds[orderIds.endIndex - 1] > id
                    ? insertionPoint(id) : orderIds.endIndex
                orderIds.insert(id, at: position)
            }
            orders[id] = order
            if let number = order.accountNumber { accountNumbers[number] = id }
        }
        for id in transaction.deletedOrderIds {
            guard let old = orders.removeValue(forKey: id) else { continue }
            if let number = old.accountNumber { accountNumbers[number] = nil }
            let position = insertionPoint(id)
            if position < orderIds.count, orderIds[position] == id { orderIds.remove(at: position) }
            idempotency = idempotency.filter { $0.value.orderId != id }
        }
        for user in transaction.users {
            if let old = users[user.id] { userIdsByPhone[old.phone] = nil }
            users[user.id] = user
            userIdsByPhone[user.phone] = user.id
        }
        for product in transaction.products { products[product.id] = product }
        for record in transaction.idempotencyRecords { idempotency[record.key] = record }
        for (kind, value) in transaction.lastIds { lastIds[kind] = max(lastIds[kind] ?? 0, value) }
    }

    private func insertionPoint(_ id: Int) -> Int {
        var low = 0
        var high = orderIds.count
        while low < high {
            let middle = (low + high) / 2
            if orderIds[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Answers a list query by walking the ids in the query's order.
    public func orders(matching query: OrderQuery) -> OrderPage {
        var total = 0
        var page: [OrderData] = []
        let limit = query.limit ?? Int.max
        func visit(_ id: Int) {
            guard let order = orders[id], query.matches(order) else { return }
            if total >= query.offset, page.count < limit { page.append(order) }
            total += 1
        }
        switch query.sort {
        case .idAscending: for id in orderIds { visit(id) }
        case .idDescending: for id in orderIds.reversed() { visit(id) }
        }
        return OrderPage(orders: page, total: total)
    }
}

/// The in-memory ``OrderStore``: a ``StoreState`` behind a mutex. Nothing survives the process.
public final class InMemoryOrderStore: OrderStore {
    private let state: Mutex<StoreState>

    /// An empty store, or one starting from `state`.
    public init(_ state: StoreState = StoreState()) { self.state = Mutex(state) }

    /// A copy of the whole state (for snapshots and tests).
    public var snapshot: StoreState { state.withLock { $0 } }

    /// The order with this id.
    public func order(id: Int) -> OrderData? { state.withLock { $0.orders[id] } }
    /// The order id for an account number.
    public func orderId(accountNumber: String) -> Int? { state.withLock { $0.accountNumbers[accountNumber] } }
    /// A page of orders.
    public func orders(matching query: OrderQuery) -> OrderPage { state.withLock { $0.orders(matching: query) } }
    /// A customer account by id.
    public func user(id: Int) -> UserAccount? { state.withLock { $0.users[id] } }
    /// A customer account by phone.
    public func user(phone: String) -> UserAccount? {
        state.withLock { state in state.userIdsByPhone[phone].flatMap { state.users[$0] } }
    }
    /// A run-time product.
    public func product(id: Int) -> Product? { state.withLock { $0.products[id] } }
    /// An idempotency record.
    public func idempotencyRecord(key: String) -> IdempotencyRecord? { state.withLock { $0.idempotency[key] } }
    /// The last id of a kind.
    public func lastId(_ kind: IdKind) -> Int { state.withLock { $0.lastIds[kind] ?? 0 } }
    /// Applies a transaction.
    public func commit(_ transaction: StoreTransaction) throws { state.withLock { $0.apply(transaction) } }
}
