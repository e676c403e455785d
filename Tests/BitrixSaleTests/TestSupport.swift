import Foundation
import Testing

@testable import BitrixSale

/// Shared fixtures: a fixed clock, engines over the default site, and a complete order that saves without warnings.
enum Fixture {
    /// The fixed "now" of every test.
    static let now = Date(timeIntervalSince1970: 1_760_940_000)

    /// A context over the default site with the fixed clock (for editing orders without an engine).
    static let context = SaleContext(site: .defaultSite, clock: .fixed(now))

    /// An engine over the default site with the fixed clock and its own in-memory store.
    static func engine(
        strict: Bool = false,
        ids: IdGenerator = .sequential,
        clock: SaleClock = .fixed(now),
        store: InMemoryOrderStore = InMemoryOrderStore()
    ) throws -> SaleEngine {
        try SaleEngine(store: store, clock: clock, ids: ids, strict: strict)
    }

    /// `Order::create('s1', $userId, $currency)` without an engine.
    static func newOrder(userId: FieldValue? = 1, currency: String? = nil) -> Order {
        Order.create(siteId: "s1", userId: userId, currency: currency, context: context)
    }

    /// The codes of a ``complete(on:userId:currency:)`` order's parts.
    struct Complete {
        var order: Order
        var payment: Int
        var line: Int
        var shipment: Int
    }

    /// An order that saves without a single warning: user 1, person type 1, FIO/PHONE/ADDRESS filled, one
    /// "Букет из 15 роз" (15000) moved into a courier shipment (2500), and one cash payment whose SUM follows the
    /// price (17500).
    static func complete(on engine: SaleEngine, userId: FieldValue = 1, currency: String? = nil) throws -> Complete {
        var order = engine.createOrder(userId: userId, currency: currency)
        order.setPersonTypeId(1)
        let payment = order.createPayment(paySystemId: 1)
        let line = order.createBasketItem(moduleId: "catalog", productId: 5)
        try #require(try order.setBasketItemField(line, "QUANTITY", 1).isSuccess)
        let shipment = order.createShipment(deliveryId: 1)
        try #require(try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 1).isSuccess)
        order.setPropertyValue("Мария Петрова", code: "FIO")
        order.setPropertyValue("+77015211545", code: "PHONE")
        order.setPropertyValue("ул. Абая 150, кв 25", code: "ADDRESS")
        return Complete(order: order, payment: payment, line: line, shipment: shipment)
    }

    /// A basket line without a provider (`MODULE` empty) and with `CUSTOM_PRICE = Y`, `BASE_PRICE = PRICE`.
    @discardableResult
    static func customLine(_ order: inout Order, price: Decimal, quantity: Decimal, currency: String = "KZT") throws
        -> Int
    {
        let line = order.createBasketItem(moduleId: "", productId: 900)
        try order.setBasketItemFields(
            line,
            [
                "CURRENCY": .string(currency), "CUSTOM_PRICE": "Y", "BASE_PRICE": .decimal(price),
                "PRICE": .decimal(price), "QUANTITY": .decimal(quantity),
            ]
        )
        return line
    }
}

extension SaleResult {
    /// The codes of the warnings.
    var warningCodes: Set<String> { Set(warnings.map(\.code)) }
    /// The codes of the errors.
    var errorCodes: Set<String> { Set(errors.map(\.code)) }
}

/// A decimal from a string literal (money is never built from a float literal).
func dec(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }
