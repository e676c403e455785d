import BitrixSale
import BitrixSaleTesting
import Testing

// The guide's "after": the same ten tests of FlowerIntake with BitrixSaleTesting.
@Suite struct IntakeTestsWithProduct {
    @Test func aFormBecomesACleanOrder() throws {
        let (order, result) = try FlowerIntake(engine: try TestEngine.make(strict: true)).create(IntakeForm())
        #expect(expectClean(result) && order.price == 17500 && order.systemShipmentItems.isEmpty)
    }

    @Test func pickupIsFree() throws {
        let form = IntakeForm(pickup: true)
        let (order, result) = try FlowerIntake(engine: try TestEngine.make(strict: true)).create(form)
        #expect(expectSuccess(result) && order.price == 15000)
    }

    @Test func anUnknownPaymentIsRefused() throws {
        let intake = FlowerIntake(engine: try TestEngine.make())
        #expect(throws: IntakeError.unknownPayment("bitcoin")) { try intake.create(IntakeForm(payment: "bitcoin")) }
    }

    @Test func anEmptyBasketIsRefused() throws {
        let intake = FlowerIntake(engine: try TestEngine.make())
        #expect(throws: IntakeError.emptyBasket) { try intake.create(IntakeForm(items: [:])) }
    }

    @Test func theDateIsStoredInTheSitesFormat() throws {
        let (order, _) = try FlowerIntake(engine: try TestEngine.make()).create(IntakeForm())
        #expect(order.data.properties?.first { $0.code == "DELIVERY_DATE" }?.value == "21.10.2025")
    }

    @Test func aGiftNoteIsKeptWhereTheSiteHasTheProperty() throws {
        let engine = try TestEngine.make(site: try SiteBuilder().property("GIFT_NOTE").build(), strict: true)
        let (order, result) = try FlowerIntake(engine: engine).create(IntakeForm(giftNote: "С днём рождения"))
        #expect(expectClean(result) && engine.json(order).contains(#""GIFT_NOTE":"С днём рождения""#))
    }

    @Test func aGiftNoteIsLostWhereTheSiteLacksTheProperty() throws {
        let intake = FlowerIntake(engine: try TestEngine.make())
        expect(try intake.create(IntakeForm(giftNote: "С днём рождения")).result, hasWarning: .propertyCodeUnknown)
    }

    @Test func theOrderReadsAsTheAPIShowsIt() throws {
        let engine = try TestEngine.make()
        let json = engine.json(try FlowerIntake(engine: engine).create(IntakeForm()).order)
        #expect(
            json.contains(#""date_insert":"2025-10-20T10:00:00+05:00""#)
                && json.contains(#""DELIVERY_DATE":"2025-10-21""#)
        )
    }

    @Test func aSummaryOfAnUnpaidOrderMadeElsewhere() throws {
        let engine = try TestEngine.make()
        let (order, _) = try OrderBuilder().with { $0.lines[0].price = nil }.withoutPayment().save(on: engine)
        #expect(try FlowerIntake(engine: engine).summary(orderId: order.id!) == "№1 · 17500 KZT · courier · not paid")
    }

    @Test func aSummaryOfAnUnknownOrderIsNil() throws {
        #expect(try FlowerIntake(engine: try TestEngine.make()).summary(orderId: 42) == nil)
    }
}
