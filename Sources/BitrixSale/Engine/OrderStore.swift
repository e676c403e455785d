import Foundation

/// Where the engine keeps what it persists: orders with all their parts, customer accounts, products created at run
/// time, id counters and idempotency keys.
///
/// Reads may come from many tasks at once and see only what is stored (for a durable store: on disk). Writes come
/// from the engine in two steps: ``stage(_:)`` under the engine's write lock fixes a transaction's place (a durable
/// store writes its journal line) without showing it to readers; ``publish(_:)``, after the lock is released, waits
/// until it is stored (concurrent commits share one flush) and then shows it. The engine's next writer sees staged
/// transactions through ``unpublished()``. When `publish` throws, nothing of the change was shown; whether it
/// reached the disk is unknown until the store is reopened.
public protocol OrderStore: Sendable {
    /// The order with this id, or nil.
    func order(id: Int) -> OrderData?
    /// The id of the order with this account number, or nil.
    func orderId(accountNumber: String) -> Int?
    /// A page of orders matching the query, and how many match in all.
    func orders(matching query: OrderQuery) -> OrderPage
    /// The run-time customer account with this id, or nil (the site's own accounts are the engine's business).
    func user(id: Int) -> UserAccount?
    /// The run-time customer account with this normalised phone, or nil.
    func user(phone: String) -> UserAccount?
    /// The run-time product with this id, or nil.
    func product(id: Int) -> Product?
    /// The idempotency record for a key, or nil.
    func idempotencyRecord(key: String) -> IdempotencyRecord?
    /// The last id handed out for a kind (0 when none).
    func lastId(_ kind: IdKind) -> Int
    /// Applies a transaction atomically (and durably, for a durable store): ``stage(_:)`` then ``publish(_:)``.
    func commit(_ transaction: StoreTransaction) throws
    /// Fixes the transaction's place after every one staged before it, without showing it to readers yet.
    ///
    /// Called with the engine's write lock held; must be cheap (no flush).
    func stage(_ transaction: StoreTransaction) throws -> StagedCommit
    /// Returns once the staged transaction (and every one before it) is stored, and shows it to readers.
    ///
    /// Throws when that could not be confirmed: nothing of it is shown, and a durable store refuses every later
    /// write with the cause until it is reopened.
    func publish(_ commit: StagedCommit) throws
    /// The transactions staged but not yet published, oldest first.
    func unpublished() -> [StagedCommit]
    /// Replaces everything the store holds (orders, customers, products, keys, id counters) with `state`, durably
    /// (for a durable store: on disk before it returns, and what a reopen finds); called with the engine's write lock
    /// held, after every staged commit is published.
    func replaceState(with state: StoreState) throws
}

extension OrderStore {
    /// A store whose commits are visible at once: stages by committing.
    public func stage(_ transaction: StoreTransaction) throws -> StagedCommit {
        try commit(transaction)
        return StagedCommit(sequence: 0, transaction: transaction)
    }

    /// Nothing to wait for.
    public func publish(_ commit: StagedCommit) throws {}

    /// None.
    public func unpublished() -> [StagedCommit] { [] }
}

/// A transaction staged in an ``OrderStore``: its place in the store's order, and what it changes.
public struct StagedCommit: Sendable, Hashable {
    /// Its sequence (a durable store's journal sequence; 0 for a store without one).
    public var sequence: Int
    /// The change.
    public var transaction: StoreTransaction

    /// Makes a staged commit.
    public init(sequence: Int, transaction: StoreTransaction) {
        self.sequence = sequence
        self.transaction = transaction
    }
}

/// One atomic change to an ``OrderStore``.
public struct StoreTransaction: Sendable, Hashable {
    /// Orders to insert or replace (by id).
    public var orders: [OrderData] = []
    /// Orders to delete; their idempotency records go with them (a deleted order's key may be used again).
    public var deletedOrderIds: [Int] = []
    /// Customer accounts to insert or replace.
    public var users: [UserAccount] = []
    /// Products to insert or replace.
    public var products: [Product] = []
    /// Idempotency records to insert or replace.
    public var idempotencyRecords: [IdempotencyRecord] = []
    /// New values of the id counters (only ever raised).
    public var lastIds: [IdKind: Int] = [:]

    /// An empty transaction.
    public init() {}

    /// Whether it changes nothing.
    public var isEmpty: Bool {
        orders.isEmpty && deletedOrderIds.isEmpty && users.isEmpty && products.isEmpty
            && idempotencyRecords.isEmpty && lastIds.isEmpty
    }
}

/// What an idempotency key (the create endpoint's `railway_order_id`) is bound to.
public struct IdempotencyRecord: Sendable, Hashable, Codable {
    /// The key, for example `railway:999`.
    public var key: String
    /// The order created under it.
    public var orderId: Int
    /// A canonical fingerprint of the request (equal requests, equal fingerprints).
    public var fingerprint: IdempotencyFingerprint

    /// Makes a record.
    public init(key: String, orderId: Int, fingerprint: IdempotencyFingerprint) {
        self.key = key
        self.orderId = orderId
        self.fingerprint = fingerprint
    }
}

/// A list query: filter, sort, offset and limit.
public struct OrderQuery: Sendable, Hashable {
    /// The sort order by id.
    public enum Sort: String, Sendable, Hashable {
        /// Oldest first.
        case idAscending
        /// Newest first.
        case idDescending
    }

    /// Only these statuses (nil: any).
    public var statusIds: Set<String>?
    /// Only this customer (nil: any).
    public var userId: Int?
    /// An order property that must hold exactly one value.
    public struct PropertyFilter: Sendable, Hashable {
        /// The property code, for example `RAILWAY_ORDER_ID`.
        public var code: String
        /// The value, as Bitrix stores it (text).
        public var value: String

        /// Makes a filter.
        public init(code: String, value: String) {
            self.code = code
            self.value = value
        }
    }

    /// Only orders whose property `code` has exactly this value.
    public var property: PropertyFilter?
    /// The order.
    public var sort: Sort
    /// How many matching orders to skip.
    public var offset: Int
    /// How many to return at most (nil: all).
    public var limit: Int?

    /// Makes a query.
    public init(
        statusIds: Set<String>? = nil,
        userId: Int? = nil,
        property: PropertyFilter? = nil,
        sort: Sort = .idDescending,
        offset: Int = 0,
        limit: Int? = nil
    ) {
        self.statusIds = statusIds
        self.userId = userId
        self.property = property
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }

    /// Whether an order matches the filter (not the page).
    public func matches(_ order: OrderData) -> Bool {
        if let statusIds, !statusIds.contains(order.statusId) { return false }
        if let userId, order.userId != userId { return false }
        if let property, order.propertyValue(code: property.code) != property.value { return false }
        return true
    }
}

/// A page of a list query.
public struct OrderPage: Sendable, Hashable {
    /// The orders of the page, in the query's order.
    public var orders: [OrderData]
    /// How many orders match the filter in all.
    public var total: Int

    /// Makes a page.
    public init(orders: [OrderData], total: Int) {
        self.orders = orders
        self.total = total
    }
}
