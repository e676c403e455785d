import BitrixSale
import Foundation

/// Builds an ``Order`` from a ``Checkout`` the way a create-order endpoint must (README, docs/CREATE-ENDPOINT.md):
/// `Basket.create` + `setBasket`, the catalog provider on every line and `CUSTOM_PRICE = Y` for a hand-set price,
/// every line moved into the real shipment, a payment for the price, the properties with the DATE in the site's
/// `FORMAT_DATE`.
///
/// Each classic Bitrix mistake is one modifier away, so a test can show what the engine (and a real Bitrix) does
/// with it:
///
/// ```swift
/// let engine = try TestEngine.make()
/// var order = try OrderBuilder(.sample).withoutCustomPrice().build(on: engine)
/// expect(engine.save(&order), hasWarning: .customPriceReplaced)
/// ```
public struct OrderBuilder: Sendable {
    /// One deliberate mistake (an open set: the static members are the ones the builder knows).
    public struct Mistake: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The mistake's name.
        public var rawValue: String
        /// Makes a mistake from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The name.
        public var description: String { rawValue }

        /// Lines added through `$order->getBasket()->createItem(…)` on a new order that has no basket: the PHP
        /// script dies (``SaleException/fatal(_:)``), so ``OrderBuilder/build(on:)`` throws.
        public static let noBasket = Mistake(rawValue: "noBasket")
        /// A hand-set PRICE without `CUSTOM_PRICE = Y`: the catalog price replaces it (`EMU_CUSTOM_PRICE_REPLACED`).
        public static let noCustomPrice = Mistake(rawValue: "noCustomPrice")
        /// No `PRODUCT_PROVIDER_CLASS`: the catalog is never asked (no name, no currency).
        public static let noProviderClass = Mistake(rawValue: "noProviderClass")
        /// The lines left in the hidden system shipment (`EMU_ITEMS_IN_SYSTEM_SHIPMENT`).
        public static let itemsInSystemShipment = Mistake(rawValue: "itemsInSystemShipment")
        /// No payment at all (`EMU_NO_PAYMENT`).
        public static let noPayment = Mistake(rawValue: "noPayment")
        /// The phone's digits as USER_ID (`EMU_USER_NOT_FOUND`).
        public static let phoneAsUserId = Mistake(rawValue: "phoneAsUserId")
        /// The delivery date stored as the form sent it (ISO `2025-10-21`) instead of the site's `FORMAT_DATE`.
        public static let isoDateInDateProperty = Mistake(rawValue: "isoDateInDateProperty")
        /// The payment created before the lines, so its sum does not follow the price (`EMU_PAYMENT_SUM_MISMATCH`).
        public static let paymentBeforeBasket = Mistake(rawValue: "paymentBeforeBasket")
    }

    /// The checkout the order is built from.
    public var checkout: Checkout
    /// The mistakes to make.
    public private(set) var mistakes: Set<Mistake> = []

    /// A builder for `checkout` (the default site's ``Checkout/sample`` unless given).
    public init(_ checkout: Checkout = .sample) { self.checkout = checkout }

    /// The same builder, also making `mistake`.
    public func making(_ mistake: Mistake) -> OrderBuilder {
        var copy = self
        copy.mistakes.insert(mistake)
        return copy
    }

    /// See ``Mistake/noBasket``.
    public func withoutBasket() -> OrderBuilder { making(.noBasket) }
    /// See ``Mistake/noCustomPrice``.
    public func withoutCustomPrice() -> OrderBuilder { making(.noCustomPrice) }
    /// See ``Mistake/noProviderClass``.
    public func withoutProviderClass() -> OrderBuilder { making(.noProviderClass) }
    /// See ``Mistake/itemsInSystemShipment``.
    public func leavingItemsInSystemShipment() -> OrderBuilder { making(.itemsInSystemShipment) }
    /// See ``Mistake/noPayment``.
    public func withoutPayment() -> OrderBuilder { making(.noPayment) }
    /// See ``Mistake/phoneAsUserId``.
    public func withPhoneAsUserId() -> OrderBuilder { making(.phoneAsUserId) }
    /// See ``Mistake/isoDateInDateProperty``.
    public func withISODate() -> OrderBuilder { making(.isoDateInDateProperty) }
    /// See ``Mistake/paymentBeforeBasket``.
    public func withPaymentBeforeBasket() -> OrderBuilder { making(.paymentBeforeBasket) }

    /// The same builder with the checkout changed by `edit`.
    public func with(_ edit: (inout Checkout) -> Void) -> OrderBuilder {
        var copy = self
        edit(&copy.checkout)
        return copy
    }

    /// Builds the (unsaved) order on `engine`.
    ///
    /// - Throws: what the engine throws for the calls made; with ``Mistake/noBasket``, the PHP fatal error of
    ///   `getBasket()->createItem(…)` on a new order.
    public func build(on engine: SaleEngine) throws(SaleException) -> Order {
        let userId: FieldValue =
            mistakes.contains(.phoneAsUserId)
            ? .int(Int(checkout.phone.filter(\.isNumber)) ?? 0) : .int(checkout.userId)
        var order = engine.createOrder(userId: userId)
        _ = order.setPersonTypeId(checkout.personTypeId)
        var early: Int?
        if mistakes.contains(.paymentBeforeBasket) {
            let payment = order.createPayment(paySystemId: checkout.paySystemId)
            _ = try order.setPaymentField(payment, "SUM", .amount(order.price))
            early = payment
        }
        var codes: [Int] = []
        if mistakes.contains(.noBasket) {
            for line in checkout.lines {
                let code = try order.createBasketItem(moduleId: "catalog", productId: line.productId)
                _ = try order.setBasketItemFields(code, fields(for: line))
                codes.append(code)
            }
        } else {
            var basket = engine.createBasket()
            for line in checkout.lines {
                let code = basket.createItem(moduleId: "catalog", productId: line.productId)
                _ = try basket.setItemFields(code, fields(for: line))
                codes.append(code)
            }
            _ = try order.setBasket(basket)
        }
        let shipment = order.createShipment(deliveryId: checkout.deliveryId)
        if let price = checkout.deliveryPrice {
            _ = try order.setShipmentFields(
                shipment,
                ["CUSTOM_PRICE_DELIVERY": "Y", "PRICE_DELIVERY": .amount(price)]
            )
        }
        if !mistakes.contains(.itemsInSystemShipment) {
            for (code, line) in zip(codes, checkout.lines) {
                _ = try order.setShipmentItemQuantity(shipment: shipment, basketItem: code, quantity: line.quantity)
            }
        }
        var properties = checkout.properties
        if properties["PHONE"] == nil { properties["PHONE"] = checkout.phone }
        if let date = checkout.deliveryDate {
            properties["DELIVERY_DATE"] = mistakes.contains(.isoDateInDateProperty) ? date : siteDate(date, engine)
        }
        for (code, value) in properties.sorted(by: { $0.key < $1.key }) {
            _ = order.setPropertyValue(value, code: code)
        }
        if early == nil, !mistakes.contains(.noPayment) {
            let payment = order.createPayment(paySystemId: checkout.paySystemId)
            _ = try order.setPaymentField(payment, "SUM", .amount(order.price))
        }
        return order
    }

    /// Builds the order on `engine` and saves it: the saved (or, on failure, unsaved) order and the save's result.
    public func save(on engine: SaleEngine, strict: Bool? = nil) throws(SaleException) -> (Order, SaleResult) {
        var order = try build(on: engine)
        let result = engine.save(&order, strict: strict)
        return (order, result)
    }

    private func fields(for line: Checkout.Line) -> KeyValuePairs<String, FieldValue> {
        let provider: FieldValue =
            mistakes.contains(.noProviderClass) ? .null : .string(BasketItem.catalogProviderClass)
        let quantity = FieldValue.amount(line.quantity)
        guard let price = line.price else { return ["PRODUCT_PROVIDER_CLASS": provider, "QUANTITY": quantity] }
        let custom: FieldValue = mistakes.contains(.noCustomPrice) ? "N" : "Y"
        return [
            "PRODUCT_PROVIDER_CLASS": provider, "CUSTOM_PRICE": custom, "PRICE": .amount(price),
            "BASE_PRICE": .amount(price), "QUANTITY": quantity,
        ]
    }

    /// `2025-10-21` in the site's `FORMAT_DATE` (`21.10.2025` on the default site); as given if either is unreadable.
    private func siteDate(_ iso: String, _ engine: SaleEngine) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let format = SiteDateFormat(engine.site.formatDate) else { return iso }
        return format.string(year: parts[0], month: parts[1], day: parts[2])
    }
}
