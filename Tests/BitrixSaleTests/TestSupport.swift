import Foundation
import SaleMoney
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

    /// `Order::create('s1', $userId, $currency)` without an engine, then (unless `basket` is false)
    /// `appendBasket(Basket::create('s1'))`: an empty basket attached, as every order-building code path needs.
    static func newOrder(userId: FieldValue? = 1, currency: String? = nil, basket: Bool = true) -> Order {
        var order = Order.create(siteId: "s1", userId: userId, currency: currency, context: context)
        if basket { _ = try! order.appendBasket(Basket.create(siteId: "s1", context: context)) }
        return order
    }

    /// `\Bitrix\Catalog\Product\CatalogProvider`, the value of PRODUCT_PROVIDER_CLASS that gives a line a provider.
    static let provider = FieldValue.string(BasketItem.catalogProviderClass)

    /// The codes of a ``complete(on:userId:currency:)`` order's parts.
    struct Complete {
        var order: Order
        var payment: Int
        var line: Int
        var shipment: Int
    }

    /// An order that saves without a single warning, built as Bitrix needs it: user 1, a basket with one
    /// "Букет из 15 роз" (15000, catalog provider) attached with `setBasket`, person type 1, FIO/PHONE/ADDRESS, the line
    /// moved into a courier shipment (2500), and one cash payment whose SUM is set to the price (17500) at the end.
    static func complete(on engine: SaleEngine, userId: FieldValue = 1, currency: String? = nil) throws -> Complete {
        var basket = engine.createBasket()
        let line = basket.createItem(moduleId: "catalog", productId: 5)
        try #require(
            try basket.setItemFields(line, ["PRODUCT_PROVIDER_CLASS": provider, "QUANTITY": 1])
                .isSuccess
        )
        var order = engine.createOrder(userId: userId, currency: currency)
        _ = order.setPersonTypeId(1)
        _ = try order.setBasket(basket)
        let shipment = order.createShipment(deliveryId: 1)
        try #require(try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 1).isSuccess)
        _ = order.setPropertyValue("Мария Петрова", code: "FIO")
        _ = order.setPropertyValue("+77015211545", code: "PHONE")
        _ = order.setPropertyValue("ул. Абая 150, кв 25", code: "ADDRESS")
        let payment = order.createPayment(paySystemId: 1)
        _ = try order.setPaymentField(payment, "SUM", .amount(order.price))
        return Complete(order: order, payment: payment, line: line, shipment: shipment)
    }

    /// A basket line without a provider (`MODULE` empty) and with `CUSTOM_PRICE = Y`, `BASE_PRICE = PRICE`.
    @discardableResult
    static func customLine(_ order: inout Order, price: Amount, quantity: Amount, currency: String = "KZT") throws
        -> Int
    {
        let line = try order.createBasketItem(moduleId: "", productId: 900)
        _ = try order.setBasketItemFields(
            line,
            [
                "CURRENCY": .string(currency), "CUSTOM_PRICE": "Y", "BASE_PRICE": .amount(price),
                "PRICE": .amount(price), "QUANTITY": .amount(quantity),
            ]
        )
        return line
    }
}

extension SaleEngine {
    /// `Order::create` on this engine, then `appendBasket(Basket::create())`: a new order with an empty basket.
    func orderWithBasket(userId: FieldValue? = nil, currency: String? = nil) -> Order {
        var order = createOrder(userId: userId, currency: currency)
        _ = try! order.appendBasket(createBasket())
        return order
    }
}

extension SaleResult {
    /// The codes of the warnings.
    var warningCodes: Set<String> { Set(warnings.map(\.code)) }
    /// The codes of the errors.
    var errorCodes: Set<String> { Set(errors.map(\.code)) }
}

/// A decimal from a string literal (money is never built from a float literal).
func dec(_ text: String) -> Amount { try! Amount(parsing: text) }
