import Foundation
import Synchronization

/// The engine façade: creates, saves, loads, deletes and lists orders of one site through an ``OrderStore``,
/// assigning ids and account numbers, stamping dates from an injected clock and running the save hooks
/// (Bitrix's `OnSaleOrderBeforeSaved` / `OnSaleOrderSaved`).
///
/// Safe to call from many tasks at once: writes are serialised by one lock (a ``SaleTransaction`` holds it), reads go
/// straight to the store.
public final class SaleEngine: Sendable {
    /// A before-save handler: return an error to veto the save (`OnSaleOrderBeforeSaved`).
    public typealias BeforeSaveHook = @Sendable (Order) -> SaleError?
    /// A before-save handler that may also change the order, as `OnSaleOrderBeforeSaved` can through its ENTITY
    /// parameter (B37): its edits are saved; an error vetoes the save.
    public typealias EditingBeforeSaveHook = @Sendable (inout Order) -> SaleError?
    /// An after-save handler (`OnSaleOrderSaved`): the saved order and whether it was new.
    ///
    /// Runs after the lock is released, so it may call the engine.
    public typealias AfterSaveHook = @Sendable (Order, _ isNew: Bool) -> Void

    /// The site.
    public let site: SiteConfiguration
    /// Where orders are kept.
    public let store: any OrderStore
    /// The clock.
    public let clock: SaleClock
    /// The id generator.
    public let ids: IdGenerator
    /// Whether saves are strict by default: every warning (diagnostic or `verify()` problem) fails the save.
    public let strict: Bool
    /// What orders consult while edited.
    public let context: SaleContext

    struct Hooks {
        var before: [EditingBeforeSaveHook] = []
        var after: [AfterSaveHook] = []
    }

    let writeLock = Mutex<Void>(())
    let hooks = Mutex(Hooks())
    let siteUsers: [Int: UserAccount]
    let siteUsersByPhone: [String: UserAccount]
    /// The highest id the site configuration itself uses per kind: run-time ids start above it.
    /// The site's own largest id per kind, by ``IdKind/position`` (users and products; 0 for the rest).
    let siteIdFloors: [Int]

    /// Makes an engine.
    ///
    /// - Parameters:
    ///   - site: the site configuration (checked: an invalid one is refused).
    ///   - store: where orders are kept; an in-memory store by default.
    ///   - clock: the clock; inject a fixed or manual one in tests.
    ///   - ids: the id generator.
    ///   - strict: whether every save is strict unless told otherwise.
    /// - Throws: ``SiteConfigurationError`` naming every problem of an invalid site.
    public init(
        site: SiteConfiguration = .defaultSite,
        store: any OrderStore = InMemoryOrderStore(),
        clock: SaleClock = .system,
        ids: IdGenerator = .sequential,
        strict: Bool = false
    ) throws(SiteConfigurationError) {
        try site.validate()
        self.site = site
        self.store = store
        self.clock = clock
        self.ids = ids
        self.strict = strict
        siteUsers = Dictionary(site.users.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        siteUsersByPhone = Dictionary(site.users.map { ($0.phone, $0) }, uniquingKeysWith: { a, _ in a })
        var floors = [Int](repeating: 0, count: IdKind.allCases.count)
        floors[IdKind.user.position] = site.users.map(\.id).max() ?? 0
        floors[IdKind.product.position] = site.products.map(\.id).max() ?? 0
        siteIdFloors = floors
        let siteProducts = Dictionary(site.products.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        context = SaleContext(
            site: site,
            clock: clock,
            product: { id in store.product(id: id) ?? siteProducts[id] },
            accountNumberOwner: { number in store.orderId(accountNumber: number) }
        )
    }

    // MARK: Hooks

    /// Adds an `OnSaleOrderBeforeSaved` handler.
    ///
    /// It runs while the engine's write lock is held: it must not call the engine.
    public func onBeforeSave(_ hook: @escaping BeforeSaveHook) {
        hooks.withLock { $0.before.append { order in hook(order) } }
    }

    /// Adds an `OnSaleOrderBeforeSaved` handler that may change the order before it is checked and stored.
    ///
    /// It runs while the engine's write lock is held: it must not call the engine.
    public func onBeforeSaveEditing(_ hook: @escaping EditingBeforeSaveHook) {
        hooks.withLock { $0.before.append(hook) }
    }

    /// Adds an `OnSaleOrderSaved` handler.
    public func onSaved(_ hook: @escaping AfterSaveHook) { hooks.withLock { $0.after.append(hook) } }

    // MARK: Orders

    /// `Order::create($siteId, $userId, $currency)` on this engine's site.
    public func createOrder(userId: FieldValue? = nil, currency: String? = nil) -> Order {
        Order.create(siteId: site.siteId, userId: userId, currency: currency, context: context)
    }

    /// `$order->save()`: see ``SaleTransaction/save(_:strict:)``.
    ///
    /// On success `order` gets its ids, account numbers and dates; on failure it is left as it was.
    public func save(_ order: inout Order, strict: Bool? = nil) -> SaleResult {
        var result = SaleResult()
        do {
            try transaction { transaction in
                result = transaction.save(&order, strict: strict)
                if !result.isSuccess { transaction.rollback() }
            }
        } catch {
            return .failure(Self.storeError(error))
        }
        return result
    }

    /// `Order::load($id)`: nil when there is no such order.
    ///
    /// - Throws: ``SaleException/argumentNull(_:)`` for an id ≤ 0, as Bitrix does.
    public func load(id: Int) throws(SaleException) -> Order? {
        guard id > 0 else { throw .argumentNull("id") }
        return store.order(id: id).map { Order(data: $0, context: context) }
    }

    /// `Order::loadByAccountNumber($number)`: nil when not found.
    ///
    /// - Throws: ``SaleException/argumentNull(_:)`` for an empty number.
    public func load(accountNumber: String) throws(SaleException) -> Order? {
        guard !accountNumber.isEmpty else { throw .argumentNull("value") }
        return store.orderId(accountNumber: accountNumber).flatMap { store.order(id: $0) }
            .map {
                Order(data: $0, context: context)
            }
    }

    /// `Order::delete($id)` (docs/BITRIX-SEMANTICS.md §1.4): refused for a missing order, a paid payment or a shipped
    /// shipment.
    public func delete(id: Int) -> SaleResult {
        var result = SaleResult()
        do {
            try transaction { transaction in
                result = transaction.delete(orderId: id)
                if !result.isSuccess { transaction.rollback() }
            }
        } catch {
            return .failure(Self.storeError(error))
        }
        return result
    }

    /// A page of orders and the number matching in all.
    public func list(_ query: OrderQuery) -> (orders: [Order], total: Int) {
        let page = store.orders(matching: query)
        return (page.orders.map { Order(data: $0, context: context) }, page.total)
    }

    /// Changes an order's status through `setField('STATUS_ID')` and `save()` (docs/BITRIX-SEMANTICS.md §7.2: Bitrix
    /// checks neither that the status exists nor any permission; the engine reports an unknown one as a diagnostic).
    public func changeStatus(orderId: Int, to statusId: String, strict: Bool? = nil) -> SaleResult {
        guard orderId > 0, var order = store.order(id: orderId).map({ Order(data: $0, context: context) }) else {
            return .failure(Self.notFound(orderId))
        }
        do {
            let set = try order.setField("STATUS_ID", .string(statusId))
            guard set.isSuccess else { return set }
        } catch {
            return .failure(SaleError(code: .generic, message: "\(error)", field: "STATUS_ID"))
        }
        return save(&order, strict: strict)
    }

    // MARK: Customers and products

    /// The customer account with this id (run-time accounts first, then the site's), or nil.
    public func user(id: Int) -> UserAccount? { store.user(id: id) ?? siteUsers[id] }

    /// The customer account with this normalised phone, or nil.
    public func user(phone: String) -> UserAccount? { store.user(phone: phone) ?? siteUsersByPhone[phone] }

    /// The catalog product with this id (run-time products first), or nil.
    public func product(id: Int) -> Product? { context.product(id: id) }

    // MARK: Transactions

    /// Runs `body` holding the engine's write lock, stages everything it staged as one store transaction (unless it
    /// called ``SaleTransaction/rollback()`` or threw), releases the lock, waits until the store has it (for a durable
    /// store: on disk, the flush shared with concurrent commits) and only then runs the after-save hooks and returns.
    ///
    /// A transaction that stages nothing still waits for the changes staged before it, which it may have read (an
    /// idempotent replay answers only with what is stored). Use it to make several steps atomic: find or create a
    /// customer, check an idempotency key, save an order.
    ///
    /// - Throws: what `body` throws, or the store's error when the change could not be confirmed (nothing of it is
    ///   then visible; whether it reached the disk is unknown until the store is reopened).
    public func transaction<T>(_ body: (inout SaleTransaction) throws -> T) throws -> T {
        let (value, saved, awaited): (T, [(Order, Bool)], StagedCommit?) = try writeLock.withLock { _ in
            let pending = store.unpublished()
            var transaction = SaleTransaction(engine: self, pending: pending)
            let value = try body(&transaction)
            var awaited = pending.last
            let staged = transaction.stagedWithIds
            if !transaction.rolledBack, !staged.isEmpty {
                awaited = try store.stage(staged)
            }
            return (value, transaction.rolledBack ? [] : transaction.savedOrders, awaited)
        }
        if let awaited { try store.publish(awaited) }
        if !saved.isEmpty {
            let after = hooks.withLock { $0.after }
            for (order, isNew) in saved { for hook in after { hook(order, isNew) } }
        }
        return value
    }

    /// Replaces everything the store holds with `state` (``StoreState()``: an empty store; ids then start again
    /// above the site's own), for a control plane's "reset" or "load this snapshot".
    ///
    /// Holds the write lock: commits staged before it are published first (their failure is thrown), later ones wait.
    /// No after-save hook runs. Durable: when it returns, a reopen finds `state`; when it throws, the store still
    /// holds what it held.
    public func replaceState(with state: StoreState) throws {
        try writeLock.withLock { _ in
            if let last = store.unpublished().last { try store.publish(last) }
            try store.replaceState(with: state)
        }
    }

    static func storeError(_ error: any Error) -> SaleError {
        SaleError(
            code: .storeError,
            message: "The store could not confirm the change (nothing of it is visible; whether it reached the disk "
                + "is unknown until the store is reopened): \(error)"
        )
    }

    static func notFound(_ id: Int) -> SaleError {
        SaleError(
            code: .orderEntityNotFound,
            message: "The order was not found",
            messageRu: "Заказ не найден",
            field: "ID"
        )
    }
}
