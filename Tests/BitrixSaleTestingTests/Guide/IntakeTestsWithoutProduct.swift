import BitrixSale
import Foundation
import SaleHTTP
import SaleJSON
import SiteAPI
import Testing

// The guide's "before": FlowerIntake tested with the library alone.
@Suite struct IntakeTestsWithoutProduct {
    static let now = Date(timeIntervalSince1970: 1_760_936_400)

    func makeEngine(site: SiteConfiguration = .defaultSite, strict: Bool = true) throws -> SaleEngine {
        try SaleEngine(site: site, clock: .fixed(Self.now), ids: .sequential, strict: strict)
    }

    func siteWithGiftNote() throws -> SiteConfiguration {
        var site = SiteConfiguration.defaultSite
        let id = (site.orderProperties.map(\.id).max() ?? 0) + 1
        site.orderProperties.append(
            OrderPropertyDefinition(id: id, personTypeId: 1, code: "GIFT_NOTE", name: "Текст открытки")
        )
        try site.validate()
        return site
    }

    /// An order made by other code: the README's setup, without a payment.
    func saveOrderWithoutPayment(on engine: SaleEngine) throws -> Order {
        var basket = engine.createBasket()
        let line = basket.createItem(moduleId: "catalog", productId: 5)
        _ = try basket.setItemFields(
            line,
            ["PRODUCT_PROVIDER_CLASS": .string(BasketItem.catalogProviderClass), "QUANTITY": 1]
        )
        var order = engine.createOrder(userId: 1)
        _ = order.setPersonTypeId(1)
        _ = try order.setBasket(basket)
        let shipment = order.createShipment(deliveryId: 1)
        _ = try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 1)
        for (code, value) in ["FIO": "Иван Иванов", "PHONE": "+77015211545", "ADDRESS": "ул. Абая 150"] {
            _ = order.setPropertyValue(value, code: code)
        }
        let result = engine.save(&order, strict: false)
        #expect(result.isSuccess, "\(result.errors)")
        return order
    }

    @Test func aFormBecomesACleanOrder() throws {
        let engine = try makeEngine()
        let (order, result) = try FlowerIntake(engine: engine).create(IntakeForm())
        #expect(result.isSuccess, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(order.price == 17500)
        #expect(order.systemShipmentItems.isEmpty)
    }

    @Test func pickupIsFree() throws {
        let engine = try makeEngine()
        var form = IntakeForm()
        form.pickup = true
        let (order, result) = try FlowerIntake(engine: engine).create(form)
        #expect(result.isSuccess, "\(result.errors)")
        #expect(order.price == 15000)
    }

    @Test func anUnknownPaymentIsRefused() throws {
        let engine = try makeEngine()
        var form = IntakeForm()
        form.payment = "bitcoin"
        #expect(throws: IntakeError.unknownPayment("bitcoin")) { try FlowerIntake(engine: engine).create(form) }
    }

    @Test func anEmptyBasketIsRefused() throws {
        let engine = try makeEngine()
        var form = IntakeForm()
        form.items = [:]
        #expect(throws: IntakeError.emptyBasket) { try FlowerIntake(engine: engine).create(form) }
    }

    @Test func theDateIsStoredInTheSitesFormat() throws {
        let engine = try makeEngine()
        let (order, _) = try FlowerIntake(engine: engine).create(IntakeForm())
        #expect(order.data.properties?.first { $0.code == "DELIVERY_DATE" }?.value == "21.10.2025")
    }

    @Test func aGiftNoteIsKeptWhereTheSiteHasTheProperty() throws {
        let engine = try makeEngine(site: try siteWithGiftNote())
        var form = IntakeForm()
        form.giftNote = "С днём рождения"
        let (order, result) = try FlowerIntake(engine: engine).create(form)
        #expect(result.isSuccess, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(order.data.properties?.first { $0.code == "GIFT_NOTE" }?.value == "С днём рождения")
    }

    @Test func aGiftNoteIsLostWhereTheSiteLacksTheProperty() throws {
        let engine = try makeEngine(strict: false)
        var form = IntakeForm()
        form.giftNote = "С днём рождения"
        let (_, result) = try FlowerIntake(engine: engine).create(form)
        #expect(result.warnings.contains { $0.code == "EMU_PROPERTY_CODE_UNKNOWN" }, "\(result.warnings)")
    }

    @Test func theOrderReadsAsTheAPIShowsIt() throws {
        let engine = try makeEngine()
        _ = try FlowerIntake(engine: engine).create(IntakeForm())
        let api = try SiteAPI(engine: engine)
        let response = api.handle(
            APIRequest(
                method: "GET",
                target: "/api/v2/orders/1",
                headers: [HeaderField("Authorization", "Bearer dev-token-NOT-A-SECRET")]
            )
        )
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains(#""date_insert":"2025-10-20T10:00:00+05:00""#), "\(text)")
        #expect(text.contains(#""DELIVERY_DATE":"2025-10-21""#), "\(text)")
    }

    @Test func aSummaryOfAnUnpaidOrderMadeElsewhere() throws {
        let engine = try makeEngine()
        let order = try saveOrderWithoutPayment(on: engine)
        let summary = try FlowerIntake(engine: engine).summary(orderId: try #require(order.id))
        #expect(summary == "№1 · 17500 KZT · courier · not paid")
    }

    @Test func aSummaryOfAnUnknownOrderIsNil() throws {
        let engine = try makeEngine()
        #expect(try FlowerIntake(engine: engine).summary(orderId: 42) == nil)
    }
}
