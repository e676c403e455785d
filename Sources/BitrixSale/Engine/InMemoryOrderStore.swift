import Foundation
import Synchronization

/// The state every store keeps, with the indexes that make lookups and list queries cheap.
///
/// Value type: a durable store keeps one and applies the same transactions to it, so both stores answer alike.
public struct StoreState: Sendable, Hashable {
    /// Orders by id, dense (``IdTable``: ids are handed out ascending, a delete leaves a hole).
    public private(set) var orders = IdTable<OrderData>()
    /// Order ids in ascending order, chunked so that a delete costs O(log n), not a shift of every id.
    public private(set) var orderIdList = SortedIdList()
    /// Account number → order id, the numbers read back from the orders (``KeyIndex``: no string kept twice).
    private var accountNumberIndex = KeyIndex()
    /// Account number → order id (O(n): for checks and tests; lookups use ``orderId(accountNumber:)``).
    public var accountNumbers: [String: Int] {
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(accountNumberIndex.count)
        for id in accountNumberIndex.ids { if let number = orders[id]?.accountNumber { numbers[number] = id } }
        return numbers
    }
    /// Customer accounts by id, dense like ``orders``.
    public private(set) var users = IdTable<UserAccount>()
    /// Customer account id by phone, the phones read back from the accounts.
    private var phoneIndex = KeyIndex()
    /// Customer account id by phone (O(n): for checks and tests; lookups use ``userId(phone:)``).
    public var userIdsByPhone: [String: Int] {
        var ids: [String: Int] = [:]
        ids.reserveCapacity(phoneIndex.count)
        for id in phoneIndex.ids { if let phone = users[id]?.phone { ids[phone] = id } }
        return ids
    }
    /// Run-time products by id.
    public private(set) var products: [Int: Product] = [:]
    /// Idempotency records by key.
    public private(set) var idempotency = IdempotencyTable()
    /// The smallest key bound to each order, dense by order id (derived from ``idempotency``), so a delete drops its
    /// order's keys in O(keys of that order), not by scanning every key; an order nearly always has one key, so
    /// this holds one string per order and no array.
    private var firstIdempotencyKeys = IdTable<String>()
    /// An order's other keys, ascending, for the rare order bound to more than one.
    private var moreIdempotencyKeys: [Int: [String]] = [:]
    /// The keys bound to each order, each list ascending (derived from ``idempotency``; O(n): for checks and tests).
    public var idempotencyKeysByOrder: [Int: [String]] {
        var keys: [Int: [String]] = [:]
        keys.reserveCapacity(firstIdempotencyKeys.count)
        for (order, first) in firstIdempotencyKeys { keys[order] = [first] + (moreIdempotencyKeys[order] ?? []) }
        return keys
    }
    /// The last id per kind.
    public private(set) var lastIds: [IdKind: Int] = [:]
    /// Order ids by status, each list ascending (a status without orders has no entry), so that a status-filtered page
    /// and its total cost O(statuses + offset + limit), not O(orders), and a delete O(log n).
    ///
    /// Derived from ``orders`` by ``apply(_:)``.
    public private(set) var orderIdListsByStatus: [String: SortedIdList] = [:]

    /// Order ids in ascending order, as an array (O(n): for snapshots and checks, not for queries).
    public var orderIds: [Int] { Array(orderIdList) }

    /// Order ids by status, each ascending, as arrays (O(n): for checks and tests, not for queries).
    public var orderIdsByStatus: [String: [Int]] { orderIdListsByStatus.mapValues { Array($0) } }

    /// An empty state.
    public init() {}

    /// Applies a transaction.
    public mutating func apply(_ transaction: StoreTransaction) {
        if transaction.orders.count > 64 {  // a bulk load (a snapshot): grow the tables once, not by doubling
            orders.reserveCapacity(orders.count + transaction.orders.count)
            orderIdList.reserveCapacity(transaction.orders.count)
            accountNumberIndex.reserveCapacity(accountNumberIndex.count + transaction.orders.count)
        }
        if transaction.users.count > 64 {
            users.reserveCapacity(users.count + transaction.users.count)
            phoneIndex.reserveCapacity(phoneIndex.count + transaction.users.count)
        }
        if transaction.idempotencyRecords.count > 64 {
            idempotency.reserveCapacity(idempotency.count + transaction.idempotencyRecords.count)
            firstIdempotencyKeys.reserveCapacity(firstIdempotencyKeys.count + transaction.idempotencyRecords.count)
        }
        for order in transaction.orders { put(order) }
        for id in transaction.deletedOrderIds {
            // The number leaves the index while the order still holds it.
            guard let number = orders[id].map({ $0.accountNumber }) else { continue }
            if let number { unbindAccountNumber(number) }
            guard let old = orders.removeValue(forKey: id) else { continue }
            orderIdList.remove(id)
            Self.remove(id, from: &orderIdListsByStatus, status: old.statusId)
        }
        for id in transaction.deletedOrderIds {
            // A deleted order's idempotency keys go with it.
            for key in removeIdempotencyKeys(of: id) where idempotency[key]?.orderId == id {
                idempotency.removeValue(forKey: key)
            }
        }
        for user in transaction.users {
            if let old = users[user.id] { unbindPhone(old.phone) }
            users[user.id] = user
            let accounts = users
            phoneIndex.set(user.phone, id: user.id) { accounts[$0]?.phone }
        }
        for product in transaction.products { products[product.id] = product }
        for record in transaction.idempotencyRecords { bind(record) }
        for (kind, value) in transaction.lastIds { lastIds[kind] = max(lastIds[kind] ?? 0, value) }
    }

    /// Binds an idempotency key, keeping the keys by order in step.
    private mutating func bind(_ record: IdempotencyRecord) {
        if let old = idempotency.updateValue(record), old.orderId != record.orderId {
            removeIdempotencyKey(record.key, of: old.orderId)
        }
        addIdempotencyKey(record.key, of: record.orderId)
    }

    /// Adds `key` to the order's keys, kept ascending (the first apart), so equal states hold equal lists whatever
    /// order their keys were bound in.
    private mutating func addIdempotencyKey(_ key: String, of order: Int) {
        guard let first = firstIdempotencyKeys[order] else {
            firstIdempotencyKeys[order] = key
            return
        }
        guard key != first else { return }
        var more = moreIdempotencyKeys.removeValue(forKey: order) ?? []
        if key < first {
            more.insert(first, at: 0)
            firstIdempotencyKeys[order] = key
        } else {
            let position = more.firstIndex { $0 >= key } ?? more.endIndex
            if position == more.endIndex || more[position] != key { more.insert(key, at: position) }
        }
        moreIdempotencyKeys[order] = more
    }

    /// Removes `key` from the order's keys.
    private mutating func removeIdempotencyKey(_ key: String, of order: Int) {
        guard let first = firstIdempotencyKeys[order] else { return }
        var more = moreIdempotencyKeys.removeValue(forKey: order) ?? []
        if key == first {
            firstIdempotencyKeys[order] = more.isEmpty ? nil : more.removeFirst()
        } else {
            more.removeAll { $0 == key }
        }
        if !more.isEmpty { moreIdempotencyKeys[order] = more }
    }

    /// Removes and returns all the order's keys.
    private mutating func removeIdempotencyKeys(of order: Int) -> [String] {
        guard let first = firstIdempotencyKeys.removeValue(forKey: order) else { return [] }
        return [first] + (moreIdempotencyKeys.removeValue(forKey: order) ?? [])
    }

    /// Room for `count` more orders in the order tables: a bulk load (a snapshot read) grows them once, not by
    /// doubling.
    public mutating func reserveOrders(_ count: Int) {
        guard count > 0 else { return }
        orders.reserveCapacity(orders.count + count)
        orderIdList.reserveCapacity(count)
        accountNumberIndex.reserveCapacity(accountNumberIndex.count + count)
    }

    /// Adds or replaces one order, exactly as applying a transaction holding only it: a snapshot read inserts each
    /// order as it is parsed, with no intermediate list.
    public mutating func put(_ order: OrderData) {
        guard let id = order.id else { return }
        // The old number leaves the index while the order still holds it.
        if let number = orders[id].flatMap(\.accountNumber) { unbindAccountNumber(number) }
        if let old = orders.updateValue(order, forKey: id) {
            if old.statusId != order.statusId {
                Self.remove(id, from: &orderIdListsByStatus, status: old.statusId)
                orderIdListsByStatus[order.statusId, default: SortedIdList()].insert(id)
            }
        } else {
            orderIdList.insert(id)
            orderIdListsByStatus[order.statusId, default: SortedIdList()].insert(id)
        }
        if let number = order.accountNumber {
            let orders = self.orders
            accountNumberIndex.set(number, id: id) { orders[$0]?.accountNumber }
        }
    }

    /// The order id for an account number.
    public func orderId(accountNumber: String) -> Int? {
        accountNumberIndex.id(for: accountNumber) { orders[$0]?.accountNumber }
    }

    /// The customer account id for a phone.
    public func userId(phone: String) -> Int? { phoneIndex.id(for: phone) { users[$0]?.phone } }

    /// Takes `number` out of the account-number index (while its order still holds it).
    private mutating func unbindAccountNumber(_ number: String) {
        let orders = self.orders
        accountNumberIndex.remove(number) { orders[$0]?.accountNumber }
    }

    /// Takes `phone` out of the phone index (while its account still holds it).
    private mutating func unbindPhone(_ phone: String) {
        let users = self.users
        phoneIndex.remove(phone) { users[$0]?.phone }
    }

    /// Removes `id` from the status's list, dropping the list when it empties (in place: no copy of the list).
    private static func remove(_ id: Int, from index: inout [String: SortedIdList], status: String) {
        guard index[status]?.remove(id) == true, index[status]?.isEmpty == true else { return }
        index[status] = nil
    }

    /// Answers a list query: from the status index when the filter is statuses only, else by walking the ids.
    public func orders(matching query: OrderQuery) -> OrderPage {
        if query.userId == nil, query.property == nil {
            let lists = query.statusIds.map { $0.compactMap { orderIdListsByStatus[$0] } } ?? [orderIdList]
            let total = lists.reduce(0) { $0 + $1.count }
            let ids = Self.page(
                lists,
                descending: query.sort == .idDescending,
                offset: query.offset,
                limit: query.limit
            )
            return OrderPage(orders: ids.compactMap { orders[$0] }, total: total)
        }
        return walk(query)
    }

    /// Ids `offset ..< offset + limit` of the merge of ascending lists, in the requested direction.
    private static func page(_ lists: [SortedIdList], descending: Bool, offset: Int, limit: Int?) -> [Int] {
        let limit = limit ?? Int.max
        if lists.count == 1 { return lists[0].page(offset: offset, limit: limit, descending: descending) }
        // A k-way merge: the next id is the largest (or smallest) head among the lists; nil marks a spent list.
        var heads: [SortedIdList.Index?] = lists.map { list in
            list.isEmpty ? nil : (descending ? list.index(before: list.endIndex) : list.startIndex)
        }
        var skipped = 0
        var page: [Int] = []
        while page.count < limit {
            var best: Int?
            for (list, head) in heads.enumerated() {
                guard let head else { continue }
                if let current = best, let chosenHead = heads[current] {
                    let candidate = lists[list][head]
                    let chosen = lists[current][chosenHead]
                    if descending ? candidate > chosen : candidate < chosen { best = list }
                } else {
                    best = list
                }
            }
            guard let best, let head = heads[best] else { break }
            let ids = lists[best]
            if descending {
                heads[best] = head == ids.startIndex ? nil : ids.index(before: head)
            } else {
                let next = ids.index(after: head)
                heads[best] = next == ids.endIndex ? nil : next
            }
            if skipped < offset { skipped += 1 } else { page.append(ids[head]) }
        }
        return page
    }

    /// Answers a list query by walking the ids in the query's order.
    private func walk(_ query: OrderQuery) -> OrderPage {
        var total = 0
        var page: [OrderData] = []
        let limit = query.limit ?? Int.max
        func visit(_ id: Int) {
            guard let order = orders[id], query.matches(order) else { return }
            if total >= query.offset, page.count < limit { page.append(order) }
            total += 1
        }
        switch query.sort {
        case .idAscending: for id in orderIdList { visit(id) }
        case .idDescending: for id in orderIdList.reversed() { visit(id) }
        }
        return OrderPage(orders: page, total: total)
    }
}

/// The in-memory ``OrderStore``: a ``StoreState`` behind a mutex.
///
/// Nothing survives the process.
public final class InMemoryOrderStore: OrderStore {
    private let state: Mutex<StoreState>

    /// An empty store, or one starting from `state`.
    public init(_ state: StoreState = StoreState()) { self.state = Mutex(state) }

    /// A copy of the whole state (for snapshots and tests).
    public var snapshot: StoreState { state.withLock { $0 } }

    /// The order with this id.
    public func order(id: Int) -> OrderData? { state.withLock { $0.orders[id] } }
    /// The order id for an account number.
    public func orderId(accountNumber: String) -> Int? { state.withLock { $0.orderId(accountNumber: accountNumber) } }
    /// A page of orders.
    public func orders(matching query: OrderQuery) -> OrderPage { state.withLock { $0.orders(matching: query) } }
    /// A customer account by id.
    public func user(id: Int) -> UserAccount? { state.withLock { $0.users[id] } }
    /// A customer account by phone.
    public func user(phone: String) -> UserAccount? {
        state.withLock { state in state.userId(phone: phone).flatMap { state.users[$0] } }
    }
    /// A run-time product.
    public func product(id: Int) -> Product? { state.withLock { $0.products[id] } }
    /// An idempotency record.
    public func idempotencyRecord(key: String) -> IdempotencyRecord? { state.withLock { $0.idempotency[key] } }
    /// The last id of a kind.
    public func lastId(_ kind: IdKind) -> Int { state.withLock { $0.lastIds[kind] ?? 0 } }
    /// Applies a transaction.
    public func commit(_ transaction: StoreTransaction) throws { state.withLock { $0.apply(transaction) } }
    /// Replaces the whole state.
    public func replaceState(with state: StoreState) throws { self.state.withLock { $0 = state } }
}
