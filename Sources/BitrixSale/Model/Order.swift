import Foundation
public import SaleMoney

/// An order (`Bitrix\Sale\Order`): its fields, basket, shipments, payments and property values, edited as Bitrix
/// edits them, with the derived figures (price, paid flag, the system shipment) computed from the parts.
///
/// Read fields through ``data`` or directly (`order.statusId`, `order.basket`), edit them with the Bitrix-named
/// methods (``setField(_:_:)``, ``createBasketItem(moduleId:productId:)``, ``createShipment(deliveryId:)`` …), and
/// save through ``SaleEngine/save(_:)``.
@dynamicMemberLookup
public struct Order: Sendable {
    /// The site, catalog and clock the order is checked against.
    public let context: SaleContext
    /// The persisted state.
    public internal(set) var data: OrderData
    /// Emulator diagnostics noticed while editing (reported by the next save).
    public internal(set) var pendingDiagnostics: [SaleError] = []
    /// Whether ``setBasket(_:)`` or ``appendBasket(_:)`` has given this (new) order a basket.
    var basketAttached: Bool
    /// The calculated fields set on this object (`calculatedFields`): read back, never stored.
    var calculatedFields: [String: FieldValue] = [:]

    /// Wraps persisted state (as the engine does on load): a saved order, or state that already has lines, has its
    /// basket; a saved USER_ID reads as the integer column gives it.
    public init(data: OrderData, context: SaleContext) {
        var data = data
        // B03b: `USER_ID int not null` gives back the integer (`"5abc"` is read as 5).
        // (An all-digit text is already the integer: checked without allocating, as every load passes here.)
        if data.id != nil, let text = data.userIdText, !text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let id = data.userId
        {
            data.userIdText = String(id)
        }
        // `STATUS_ID varchar(2)` keeps the first 2 characters (B34).
        if data.id != nil, data.statusId.count > Self.statusIdLength {
            data.statusId = String(data.statusId.prefix(Self.statusIdLength))
        }
        // `USER_DESCRIPTION varchar(2000)` keeps the first 2000 characters.
        if data.id != nil, let text = data.userDescription, text.utf8.count > Self.userDescriptionLength,
            text.count > Self.userDescriptionLength
        {
            data.userDescription = String(text.prefix(Self.userDescriptionLength))
        }
        self.data = data
        self.context = context
        basketAttached = data.id != nil || !data.basket.isEmpty
    }

    /// Reads a field of ``data``.
    public subscript<Value>(dynamicMember keyPath: KeyPath<OrderData, Value>) -> Value { data[keyPath: keyPath] }

    /// `Order::create($siteId, $userId, $currency)` (docs/BITRIX-SEMANTICS.md §1.1).
    ///
    /// Presets CANCELED, DEDUCTED, ALLOW_DELIVERY and PAYED to N, STATUS_ID to N, XML_ID to `bx_…`. USER_ID is kept
    /// only when PHP's `intval` of it is positive, and then as given (`"5abc"` stays `"5abc"`). The currency defaults
    /// to the site currency.
    public static func create(
        siteId: String,
        userId: FieldValue? = nil,
        currency: String? = nil,
        context: SaleContext
    ) -> Order {
        let userText: String? =
            if let userId, userId.intval > 0 { userId.text } else { nil }
        // `if ($currency == null)` compares loosely: an empty string also falls back to the site currency.
        let currency = (currency ?? "").isEmpty ? context.site.currency : currency
        var data = OrderData(
            siteId: siteId,
            userIdText: userText,
            currency: currency,
            xmlId: context.uniqueId()
        )
        data.dateStatus = context.clock.now()
        return Order(data: data, context: context)
    }

    /// Whether the order has never been saved (`ID = 0` in Bitrix).
    public var isNew: Bool { data.id == nil }

    var precision: Int { context.site.valuePrecision }

    // MARK: Derived figures

    /// `Basket::getPrice()`: Σ round(PRICE × QUANTITY) over every line.
    public var basketPrice: Amount {
        data.basket.reduce(Amount.zero) { $0.saturatingAdding($1.finalPrice(precision: precision)) }
    }

    /// `Basket::getBasePrice()`: Σ round(BASE_PRICE × QUANTITY).
    public var basketBasePrice: Amount {
        data.basket.reduce(Amount.zero) {
            $0.saturatingAdding($1.basePrice.saturatingMultiplied(by: $1.quantity, roundingTo: precision))
        }
    }

    /// Σ PRICE_DELIVERY of the real shipments.
    public var shipmentsDeliveryPrice: Amount {
        data.shipments.reduce(Amount.zero) { $0.saturatingAdding($1.priceDelivery) }
    }

    /// The order's `PRICE_DELIVERY`: Σ of the real shipments, except where Bitrix keeps something else (B46, K21
    /// `order.php` onShipmentModify): on a new order each shipment's change *sets* it to that shipment's price, so
    /// with two shipments it is the last changed one's, and later changes move it by their deltas.
    public var deliveryPrice: Amount {
        data.otherFields["PRICE_DELIVERY"].flatMap(Money.storedAmount) ?? shipmentsDeliveryPrice
    }

    /// The price Bitrix calculates: basket price plus every real shipment's delivery price (docs/BITRIX-SEMANTICS.md
    /// §1.6).
    public var calculatedPrice: Amount { basketPrice.saturatingAdding(shipmentsDeliveryPrice) }

    /// `PRICE`: a hand-set price until the next recalculation, else ``calculatedPrice``.
    public var price: Amount { data.manualPrice ?? calculatedPrice }

    /// `getPaymentCollection()->getPaidSum()`: Σ SUM of paid payments.
    public var paidSum: Amount { data.payments.reduce(Amount.zero) { $1.paid ? $0.saturatingAdding($1.sum) : $0 } }

    /// `SUM_PAID`: the paid sum, capped at the price (docs/BITRIX-SEMANTICS.md §4.4).
    public var sumPaid: Amount { min(paidSum, price) }

    /// `PAYED`: some payment is paid and round(PRICE) ≤ round(paid sum) (docs/BITRIX-SEMANTICS.md §4.4).
    public var isPaid: Bool { isPaid(price: price, paidSum: paidSum) }

    private func isPaid(price: Amount, paidSum: Amount) -> Bool {
        data.payments.contains(where: \.paid)
            && price.saturatingRounded(toPlaces: precision) <= paidSum.saturatingRounded(toPlaces: precision)
    }

    /// The derived money figures at once, each computed a single time (reading ``price``, ``sumPaid`` and
    /// ``isPaid`` one by one prices the basket once per figure).
    public struct Totals: Sendable, Hashable {
        /// ``Order/basketPrice``.
        public var basketPrice: Amount
        /// ``Order/deliveryPrice``.
        public var deliveryPrice: Amount
        /// ``Order/price``.
        public var price: Amount
        /// ``Order/sumPaid``.
        public var sumPaid: Amount
        /// ``Order/isPaid``.
        public var isPaid: Bool
    }

    /// ``Totals``: the same values as the separate properties.
    public var totals: Totals {
        let basket = basketPrice
        let delivery = deliveryPrice
        let price = data.manualPrice ?? basket.saturatingAdding(shipmentsDeliveryPrice)
        let paid = paidSum
        return Totals(
            basketPrice: basket,
            deliveryPrice: delivery,
            price: price,
            sumPaid: min(paid, price),
            isPaid: isPaid(price: price, paidSum: paid)
        )
    }

    /// The quantities the hidden system shipment holds: per basket line, its quantity less what real shipments hold.
    public var systemShipmentItems: [ShipmentItem] {
        data.basket.compactMap { item in
            let rest = item.quantity.saturatingSubtracting(distributedQuantity(ofBasketItem: item.code))
            return rest == 0 ? nil : ShipmentItem(basketCode: item.code, quantity: rest, id: nil)
        }
    }

    /// What real shipments hold of a basket line.
    public func distributedQuantity(ofBasketItem code: Int) -> Amount {
        data.shipments.reduce(Amount.zero) { $0.saturatingAdding($1.quantity(ofBasketItem: code)) }
    }

    /// `ShipmentCollection::isShipped()`: non-empty, system shipment empty, every non-empty real shipment shipped.
    public var isShipped: Bool {
        !data.shipments.isEmpty && systemShipmentItems.isEmpty
            && data.shipments.filter { !$0.isEmpty }.allSatisfy(\.deducted)
    }

    /// `ALLOW_DELIVERY` of the order: as ``isShipped`` for the allow-delivery flag.
    public var isAllowDelivery: Bool {
        !data.shipments.isEmpty && systemShipmentItems.isEmpty
            && data.shipments.filter { !$0.isEmpty }.allSatisfy(\.allowDelivery)
    }

    /// The order's `DELIVERY_ID`: the first real shipment's service, nil without one.
    public var deliveryId: Int? { data.shipments.first?.deliveryId }

    /// The order's `PAY_SYSTEM_ID`: the first payment's pay system, nil without one.
    public var paySystemId: Int? { data.payments.first?.paySystemId }

    /// The basket line with this code, or nil.
    public func basketItem(_ code: Int) -> BasketItem? { data.basket.first { $0.code == code } }

    /// The real shipment with this code, or nil.
    public func shipment(_ code: Int) -> Shipment? { data.shipments.first { $0.code == code } }

    /// The payment with this code, or nil.
    public func payment(_ code: Int) -> Payment? { data.payments.first { $0.code == code } }

    // MARK: Editing helpers

    mutating func nextCode() -> Int {
        defer { data.nextCode += 1 }
        return data.nextCode
    }

    /// The order's PRICE_DELIVERY after a shipment's delivery price went from `old` to `new` (B46): set to `new` on
    /// a new order, moved by the delta on a saved one; stored only while it differs from the shipments' sum.
    mutating func shipmentDeliveryPriceChanged(from old: Amount, to new: Amount) {
        guard old != new else { return }
        let stored = data.otherFields["PRICE_DELIVERY"].flatMap(Money.storedAmount)
        let target: Amount
        if isNew {
            target = new
        } else if let stored {
            target = stored.saturatingSubtracting(old).saturatingAdding(new)
        } else {
            return
        }
        data.otherFields["PRICE_DELIVERY"] = target == shipmentsDeliveryPrice ? nil : target.plainText
    }

    mutating func note(_ diagnostic: SaleError) {
        if !pendingDiagnostics.contains(diagnostic) { pendingDiagnostics.append(diagnostic) }
    }

    /// Runs an edit that may change the price; afterwards applies Bitrix's reactions to a price change: a hand-set
    /// PRICE is dropped when `recalculates`, and a lone editable payment's SUM may follow the new price
    /// (docs/BITRIX-SEMANTICS.md §4.3, B26).
    ///
    /// Only a lone payment can follow, and no price edit adds or removes a payment, so the price is computed before
    /// and after the edit only when the order has exactly one payment (pricing walks the whole basket).
    mutating func changingPrice<T>(recalculates: Bool = true, _ edit: (inout Order) throws -> T) rethrows -> T {
        let paymentCount = data.payments.count
        let before = paymentCount == 1 ? price : nil
        let result = try edit(&self)
        assert(data.payments.count == paymentCount, "a price edit must not add or remove payments")
        if recalculates { data.manualPrice = nil }
        if let before, price != before { followPriceWithLonePayment(previousPrice: before) }
        return result
    }

    /// `PaymentCollection::onOrderModify('PRICE')`: the lone payment's SUM follows the price when it may be edited
    /// automatically.
    ///
    /// Sale 21 (K21 `paymentcollection.php` isAllowAutoEdit) needs `!isChanged('SUM')`, and `Payment::create()` sets
    /// SUM through `setFieldsNoDemand`, which marks it changed: a payment never follows before its first save, nor
    /// after a hand-set SUM. Sale 22 (R22 `getItemForAutoEdit`) follows when the SUM equals the previous price.
    private mutating func followPriceWithLonePayment(previousPrice: Amount) {
        guard data.payments.count == 1, !data.canceled else { return }
        let payment = data.payments[0]
        let allowEdit = context.paySystem(id: payment.paySystemId)?.allowEditPayment ?? false
        guard !payment.paid, !payment.isReturn, allowEdit else { return }
        if context.site.saleVersion.autoSumFollowsPreviousPrice {
            guard payment.sum == previousPrice else { return }
        } else {
            guard payment.id != nil, !payment.sumChangedByHand else { return }
        }
        data.payments[0].sum = price
    }
}
