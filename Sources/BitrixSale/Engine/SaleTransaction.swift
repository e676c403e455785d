import Foundation
import SaleMoney

/// The steps of one atomic change, staged while the engine's write lock is held (see
/// ``SaleEngine/transaction(_:)``): everything staged commits together, or nothing does.
public struct SaleTransaction: Sendable {
    let engine: SaleEngine
    var staged = StoreTransaction()
    var savedOrders: [(Order, Bool)] = []
    var rolledBack = false
    /// The last id handed out per kind in this transaction, by ``IdKind/position`` (0: none yet). Written into the
    /// staged transaction once, by ``stagedWithIds``, not on every id.
    private var issuedIds = [Int](repeating: 0, count: IdKind.allCases.count)
    var stagedUsers: [String: UserAccount] = [:]
    private var stagedKeys: [String: IdempotencyRecord] = [:]
    private var stagedAccountNumbers: Set<String> = []

    /// What the store has staged but not yet shown to readers, oldest first: this transaction reads through it.
    private let pending: [StoreTransaction]

    init(engine: SaleEngine, pending: [StagedCommit] = []) {
        self.engine = engine
        self.pending = pending.map(\.transaction)
    }

    /// Drops everything staged: the transaction will commit nothing.
    public mutating func rollback() { rolledBack = true }

    // MARK: Ids

    /// The next id of a kind from the injected generator; never one handed out before (restarts and deletes
    /// included), and above the site's own ids for users and products.
    public mutating func nextId(_ kind: IdKind) -> Int {
        let issued = issuedIds[kind.position]
        let last = issued > 0 ? issued : max(storedLastId(kind), engine.siteIdFloors[kind.position])
        let id = max(engine.ids.next(kind, last), last + 1)
        issuedIds[kind.position] = id
        return id
    }

    /// ``staged`` with the last id of each kind this transaction handed out: what the engine commits.
    var stagedWithIds: StoreTransaction {
        var transaction = staged
        for kind in IdKind.allCases where issuedIds[kind.position] > 0 {
            transaction.lastIds[kind] = issuedIds[kind.position]
        }
        return transaction
    }

    // MARK: Customers, products, idempotency keys

    /// The last id of a kind in the store, staged commits not yet published included.
    private func storedLastId(_ kind: IdKind) -> Int {
        pending.reduce(engine.store.lastId(kind)) { max($0, $1.lastIds[kind] ?? 0) }
    }

    /// The customer account with this normalised phone (staged, stored or the site's), or nil.
    public func user(phone: String) -> UserAccount? {
        stagedUsers[phone] ?? pending.reversed().lazy.compactMap { $0.users.last { $0.phone == phone } }.first
            ?? engine.user(phone: phone)
    }

    /// The customer account with this id, or nil.
    public func user(id: Int) -> UserAccount? {
        stagedUsers.values.first { $0.id == id }
            ?? pending.reversed().lazy.compactMap { $0.users.last { $0.id == id } }.first ?? engine.user(id: id)
    }

    /// The order with this id as this transaction sees it: staged, then staged by earlier commits not yet published,
    /// then stored.
    public func order(id: Int) -> OrderData? {
        if let order = staged.orders.last(where: { $0.id == id }) { return order }
        if staged.deletedOrderIds.contains(id) { return nil }
        for commit in pending.reversed() {
            if commit.deletedOrderIds.contains(id) { return nil }
            if let order = commit.orders.last(where: { $0.id == id }) { return order }
        }
        return engine.store.order(id: id)
    }

    /// Finds the account with this phone, or stages a new one.
    public mutating func findOrCreateUser(phone: String, name: String) -> (user: UserAccount, created: Bool) {
        if let existing = user(phone: phone) { return (existing, false) }
        let user = UserAccount(id: nextId(.user), phone: phone, name: name)
        stagedUsers[phone] = user
        staged.users.append(user)
        return (user, true)
    }

    /// Stages a product: a new id when `product.id` is 0 or less, else insert or replace with that id.
    public mutating func saveProduct(_ product: Product) -> Product {
        var product = product
        if product.id <= 0 {
            product.id = nextId(.product)
        } else if product.id > max(issuedIds[IdKind.product.position], storedLastId(.product)) {
            issuedIds[IdKind.product.position] = product.id
        }
        staged.products.append(product)
        return product
    }

    /// The record bound to an idempotency key (staged or stored), or nil.
    public func idempotencyRecord(key: String) -> IdempotencyRecord? {
        if let record = stagedKeys[key] { return record }
        var record = engine.store.idempotencyRecord(key: key)
        for commit in pending {
            if let bound = record, commit.deletedOrderIds.contains(bound.orderId) { record = nil }
            if let bound = commit.idempotencyRecords.last(where: { $0.key == key }) { record = bound }
        }
        return record
    }

    /// Binds an idempotency key to an order.
    public mutating func bindIdempotencyKey(_ record: IdempotencyRecord) {
        stagedKeys[record.key] = record
        staged.idempotencyRecords.append(record)
    }

    // MARK: Save

    /// `$order->save()` (docs/BITRIX-SEMANTICS.md §6.1, §6.2 for sale 18.x and later).
    ///
    /// 1. `OnSaleOrderBeforeSaved` handlers may veto (`SALE_EVENT_ON_BEFORE_ORDER_SAVED_ERROR`).
    /// 2. `verify()` problems become warnings and mark the order (MARKED = Y, REASON_MARKED).
    /// 3. The emulator's diagnostics (docs/BITRIX-SEMANTICS.md §9) become warnings too; with `strict` every warning is
    /// an error instead.
    /// 4. The order row needs USER_ID and CURRENCY (`BX_EMPTY_REQUIRED`; no id is assigned).
    /// 5. Ids come from the generator; ACCOUNT_NUMBER is the id (`<id>-1` … on a clash), shipments and payments get
    ///    `<number>/<n>` with the system shipment taking one; DATE_INSERT / DATE_UPDATE come from the clock.
    /// 6. Child rows Bitrix cannot insert (a payment without PAY_SYSTEM_NAME, shipment items of quantity 0) are left
    ///    out with a warning.
    public mutating func save(_ order: inout Order, strict: Bool? = nil) -> SaleResult {
        let strict = strict ?? engine.strict
        var working = order
        var result = SaleResult()
        for hook in engine.hooks.withLock({ $0.before }) {
            if let error = hook(&working) {
                result.addError(error)
                return result
            }
        }
        _ = working.propertyCollection()
        let problems = working.verify()
        var diagnostics = working.pendingDiagnostics
        // The order's figures, priced once for the diagnostics and the column check below.
        let totals = working.totals
        for diagnostic in diagnose(working, totals: totals) where !diagnostics.contains(diagnostic) {
            diagnostics.append(diagnostic)
        }
        let warnings = problems + diagnostics
        if strict {
            let escalated = warnings.filter { !Diagnostic.neverEscalated.contains($0.code) }
            if !escalated.isEmpty {
                result.addErrors(escalated)
                for warning in warnings where !escalated.contains(warning) { result.addWarning(warning) }
                return result
            }
        }
        for warning in warnings { result.addWarning(warning) }
        // The order row (docs/BITRIX-SEMANTICS.md §1.3).
        if working.data.userIdText == nil { result.addError(Self.required("USER_ID")) }
        if (working.data.currency ?? "").isEmpty { result.addError(Self.required("CURRENCY")) }
        if let error = Self.priceOutOfRange(totals) { result.addError(error) }
        guard result.isSuccess else { return result }
        let now = engine.clock.now()
        let isNew = working.isNew
        if isNew {
            let id = nextId(.order)
            working.data.id = id
            working.data.accountNumber = accountNumber(for: id)
            if working.data.dateInsert == nil { working.data.dateInsert = now }
        } else {
            working.data.version += 1
        }
        working.data.dateUpdate = now
        assignChildIds(&working, result: &result)
        if !problems.isEmpty {
            working.data.marked = true
            working.data.reasonMarked = String((problems.last?.message ?? "").prefix(255))
            // A shipment's own verify failure marks the shipment too (docs/BITRIX-SEMANTICS.md §3.6).
            for index in working.data.shipments.indices {
                let prefix = "shipments[\(working.data.shipments[index].code)]"
                if let problem = problems.last(where: { $0.field?.hasPrefix(prefix) ?? false }) {
                    working.data.shipments[index].marked = true
                    working.data.shipments[index].reasonMarked = String(problem.message.prefix(255))
                }
            }
        }
        working.pendingDiagnostics = []
        staged.orders.removeAll { $0.id == working.data.id }
        staged.orders.append(working.data)
        if let number = working.data.accountNumber { stagedAccountNumbers.insert(number) }
        savedOrders.append((working, isNew))
        order = working
        result.id = working.data.id
        return result
    }

    /// `Order::delete($id)` (docs/BITRIX-SEMANTICS.md §1.4): refused when the order is missing, has a paid payment or
    /// a shipped shipment.
    public mutating func delete(orderId: Int) -> SaleResult {
        guard orderId > 0, let data = order(id: orderId) else {
            return .failure(SaleEngine.notFound(orderId))
        }
        var order = Order(data: data, context: engine.context)
        // Bitrix cancels first; the cancel refuses paid payments and shipped shipments (docs/BITRIX-SEMANTICS.md §7.3).
        do {
            let cancel = try order.setField("CANCELED", .bool(true))
            guard cancel.isSuccess else { return cancel }
        } catch {
            return .failure(SaleError(code: .generic, message: "\(error)"))
        }
        staged.deletedOrderIds.append(orderId)
        var result = SaleResult()
        result.id = orderId
        return result
    }

    /// Derived totals saturate at `decimal(18,4)`'s bound (``SaleMoney/Amount/isAtBound``); MySQL's strict mode
    /// refuses such a PRICE at the INSERT (Bitrix throws `SqlQueryException`; the emulator answers an error).
    private static func priceOutOfRange(_ totals: Order.Totals) -> SaleError? {
        guard totals.price.isAtBound || totals.basketPrice.isAtBound || totals.deliveryPrice.isAtBound else {
            return nil
        }
        return SaleError(
            code: .generic,
            message: "Out of range value for column 'PRICE': the order's price reaches \(Amount.max), beyond what "
                + "decimal(18,4) holds",
            field: "PRICE"
        )
    }

    private static func required(_ field: String) -> SaleError {
        SaleError(
            code: .emptyRequired,
            message: "The field \(field) is required.",
            messageRu: "Не заполнено обязательное поле \"\(field)\"",
            field: field
        )
    }

    private func isTaken(_ number: String) -> Bool {
        if stagedAccountNumbers.contains(number) { return true }
        for commit in pending.reversed() {
            if let order = commit.orders.last(where: { $0.accountNumber == number }) {
                return !commit.deletedOrderIds.contains(order.id ?? 0)
            }
        }
        guard let owner = engine.store.orderId(accountNumber: number) else { return false }
        return !pending.contains { $0.deletedOrderIds.contains(owner) }
    }

    /// docs/BITRIX-SEMANTICS.md §1.7: the id as text, else `<id>-1` … `<id>-10`, else the id with the next free suffix.
    private func accountNumber(for id: Int) -> String {
        let plain = String(id)
        if !isTaken(plain) { return plain }
        var suffix = 1
        while isTaken("\(plain)-\(suffix)") { suffix += 1 }
        return "\(plain)-\(suffix)"
    }

    private mutating func assignChildIds(_ order: inout Order, result: inout SaleResult) {
        let number = order.data.accountNumber ?? String(order.data.id ?? 0)
        for index in order.data.basket.indices where order.data.basket[index].id == nil {
            order.data.basket[index].id = nextId(.basketItem)
        }
        // Shipments: the system shipment is saved first and takes a number (docs/BITRIX-SEMANTICS.md §1.7).
        func suffix(_ text: String?) -> Int { text.flatMap { Int($0.split(separator: "/").last ?? "") } ?? 0 }
        var highest =
            ([order.data.systemShipmentAccountNumber] + order.data.shipments.map(\.accountNumber))
            .map(suffix).max() ?? 0
        if order.data.systemShipmentId == nil {
            order.data.systemShipmentId = nextId(.shipment)
            highest += 1
            order.data.systemShipmentAccountNumber = "\(number)/\(highest)"
        }
        for index in order.data.shipments.indices {
            order.data.shipments[index].items.removeAll { $0.quantity <= 0 }
            if order.data.shipments[index].id == nil {
                order.data.shipments[index].id = nextId(.shipment)
                highest += 1
                order.data.shipments[index].accountNumber = "\(number)/\(highest)"
            }
            for item in order.data.shipments[index].items.indices
            where order.data.shipments[index].items[item].id == nil {
                order.data.shipments[index].items[item].id = nextId(.shipmentItem)
            }
        }
        // Payments: a payment without PAY_SYSTEM_NAME fails its row insert and is left out (docs/BITRIX-SEMANTICS.md
        // §4.1).
        let unsaved = order.data.payments.filter { ($0.paySystemName ?? "").isEmpty }
        for payment in unsaved {
            result.addWarning(
                SaleError(
                    code: .emptyRequired,
                    message: "The field PAY_SYSTEM_NAME is required.",
                    messageRu: "Не заполнено обязательное поле \"PAY_SYSTEM_NAME\"",
                    field: "payments[\(payment.code)].PAY_SYSTEM_NAME"
                )
            )
        }
        order.data.payments.removeAll { ($0.paySystemName ?? "").isEmpty }
        var highestPayment = order.data.payments.map { suffix($0.accountNumber) }.max() ?? 0
        for index in order.data.payments.indices where order.data.payments[index].id == nil {
            order.data.payments[index].id = nextId(.payment)
            highestPayment += 1
            order.data.payments[index].accountNumber = "\(number)/\(highestPayment)"
        }
        for index in (order.data.properties ?? []).indices where order.data.properties?[index].id == nil {
            order.data.properties?[index].id = nextId(.propertyValue)
        }
    }

    /// The emulator's diagnostics that need the engine (customer accounts) or the whole order.
    private func diagnose(_ order: Order, totals: Order.Totals) -> [SaleError] {
        var found: [SaleError] = []
        let data = order.data
        if let text = data.userIdText {
            if let id = data.userId, user(id: id) == nil { found.append(Diagnostic.userNotFound(text)) }
        }
        if engine.context.status(id: data.statusId)?.type != .order {
            found.append(Diagnostic.unknownStatus(data.statusId))
        }
        if !order.hasBasket { found.append(Diagnostic.orderWithoutBasket()) }
        for item in data.basket {
            // Only a provider replaces a price: a line without one keeps it (B14s).
            if item.priceSetByHand, !item.customPrice, item.hasProvider {
                found.append(
                    Diagnostic.priceNotCustom(
                        item: item.basketCode,
                        productId: item.productId,
                        price: item.price.plainText
                    )
                )
            }
            if item.customPrice, item.basePrice == 0, item.price > 0 {
                found.append(Diagnostic.basePriceZero(item: item.basketCode, productId: item.productId))
            }
            if let currency = item.currency, let orderCurrency = data.currency, currency != orderCurrency {
                found.append(
                    Diagnostic.currencyMismatch(
                        item: item.basketCode,
                        itemCurrency: currency,
                        orderCurrency: orderCurrency
                    )
                )
            }
        }
        let undistributed = order.systemShipmentItems.filter { $0.quantity > 0 }
        if !undistributed.isEmpty { found.append(Diagnostic.itemsInSystemShipment(undistributed.count)) }
        for payment in data.payments where (payment.paySystemName ?? "").isEmpty {
            found.append(Diagnostic.paymentDropped(payment: "#\(payment.code)"))
        }
        let payments = data.payments.filter { !($0.paySystemName ?? "").isEmpty }
        let price = totals.price
        if payments.isEmpty {
            if price > 0 { found.append(Diagnostic.noPayment(orderPrice: price.plainText)) }
        } else {
            let sum = payments.reduce(Amount.zero) { $0.saturatingAdding($1.sum) }
            if sum != price {
                found.append(
                    Diagnostic.paymentSumMismatch(paymentSum: sum.plainText, orderPrice: price.plainText)
                )
            }
        }
        for value in data.properties ?? [] where (value.value ?? "").isEmpty {
            if let definition = engine.context.property(id: value.propertyId), definition.required {
                found.append(Diagnostic.requiredPropertyEmpty(code: definition.code, name: definition.name))
            }
        }
        return found
    }
}
