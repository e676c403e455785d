import Foundation
import Testing

@testable import BitrixSale

/// The emulator's diagnostics: each silent degradation of Bitrix (docs/BITRIX-SEMANTICS.md §9) is a warning with its
/// own code; strict mode turns it into a save error and stores nothing.
@Suite struct DiagnosticTests {
    /// One degradation applied to an otherwise complete order.
    struct Case: Sendable, CustomTestStringConvertible {
        var code: String
        var userId: FieldValue = 1
        var currency: String? = nil
        var degrade: @Sendable (inout Fixture.Complete) throws -> Void = { _ in }
        var testDescription: String { code }
    }

    static let cases: [Case] = [
        // docs/BITRIX-SEMANTICS.md §9.8
        Case(code: "EMU_PROPERTY_CODE_UNKNOWN") { _ = $0.order.setPropertyValue("ТОО", code: "COMPANY") },
        // docs/BITRIX-SEMANTICS.md §9.2
        Case(code: "EMU_CUSTOM_PRICE_REPLACED") {
            _ = try $0.order.setBasketItemField($0.line, "PRICE", 14000)
            _ = try $0.order.setBasketItemField($0.line, "QUANTITY", 2)
            // A new payment never follows the price (B26): the caller sets it again.
            _ = try $0.order.setPaymentField($0.payment, "SUM", .amount($0.order.price))
        },
        // docs/BITRIX-SEMANTICS.md §9.5
        Case(code: "EMU_ITEMS_IN_SYSTEM_SHIPMENT") {
            // With two real shipments no auto-edit applies (B21): the new line waits in the system shipment.
            let pickup = $0.order.createShipment(deliveryId: 2)
            let extra = try $0.order.createBasketItem(moduleId: "catalog", productId: 7)
            _ = try $0.order.setBasketItemFields(extra, ["PRODUCT_PROVIDER_CLASS": Fixture.provider, "QUANTITY": 1])
            _ = try $0.order.deleteShipment(pickup)
            _ = try $0.order.setPaymentField($0.payment, "SUM", .amount($0.order.price))
        },
        // docs/BITRIX-SEMANTICS.md §9.12
        Case(code: "EMU_PAYMENT_SUM_MISMATCH") {
            let second = $0.order.createPayment(paySystemId: 2)
            _ = try $0.order.setPaymentField(second, "SUM", 100)
        },
        // docs/BITRIX-SEMANTICS.md §9.9
        Case(code: "EMU_REQUIRED_PROPERTY_EMPTY") { _ = $0.order.setPropertyValue(nil, code: "ADDRESS") },
        // docs/BITRIX-SEMANTICS.md §9.1
        Case(code: "EMU_USER_NOT_FOUND", userId: "77015211545"),
        // docs/BITRIX-SEMANTICS.md §9.13
        Case(code: "EMU_CURRENCY_MISMATCH", currency: "USD"),
        // docs/BITRIX-SEMANTICS.md §7.2
        Case(code: "EMU_UNKNOWN_STATUS") { _ = try $0.order.setField("STATUS_ID", "ZZ") },
        // A18 `USER_DESCRIPTION varchar(2000)`
        Case(code: "EMU_VALUE_TRUNCATED") {
            _ = try $0.order.setField("USER_DESCRIPTION", .string(String(repeating: "я", count: 2001)))
        },
        // K21 `internals/order.php` EXTERNAL_ORDER BooleanField
        Case(code: "EMU_EXTERNAL_ORDER_NOT_A_FLAG") { _ = try $0.order.setField("EXTERNAL_ORDER", "RW-999") },
    ]

    private func degraded(_ engine: SaleEngine, _ testCase: Case) throws -> Order {
        var complete = try Fixture.complete(on: engine, userId: testCase.userId, currency: testCase.currency)
        try testCase.degrade(&complete)
        return complete.order
    }

    @Test(arguments: cases)
    func eachDegradationIsAWarningWithItsOwnCode(_ testCase: Case) throws {
        let engine = try Fixture.engine()
        var order = try degraded(engine, testCase)
        let result = engine.save(&order)
        #expect(result.isSuccess)
        #expect(result.warningCodes == [testCase.code])
        #expect(result.warnings.filter { !$0.isDiagnostic }.isEmpty)
        #expect(engine.list(OrderQuery()).total == 1)
    }

    @Test(arguments: cases)
    func strictSaveTurnsTheDegradationIntoAnErrorAndStoresNothing(_ testCase: Case) throws {
        let engine = try Fixture.engine()
        var order = try degraded(engine, testCase)
        let result = engine.save(&order, strict: true)
        #expect(!result.isSuccess)
        #expect(result.errorCodes == [testCase.code])
        #expect(result.id == nil)
        #expect(order.isNew)
        #expect(engine.list(OrderQuery()).total == 0)
        #expect(engine.store.lastId(.order) == 0)
    }

    @Test(arguments: cases)
    func aStrictEngineRefusesTheDegradationWithoutBeingAsked(_ testCase: Case) throws {
        let engine = try Fixture.engine(strict: true)
        var order = try degraded(engine, testCase)
        #expect(engine.save(&order).errorCodes == [testCase.code])
        #expect(engine.list(OrderQuery()).total == 0)
        // …and a non-strict save on the same engine can still be asked for.
        #expect(engine.save(&order, strict: false).isSuccess)
    }

    // docs/BITRIX-SEMANTICS.md §4.4: an order without any payment is legitimate; strict mode reports but never
    // escalates it.
    @Test func strictModeDoesNotEscalateAMissingPayment() throws {
        let engine = try Fixture.engine(strict: true)
        var complete = try Fixture.complete(on: engine)
        _ = try complete.order.deletePayment(complete.payment)
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["EMU_NO_PAYMENT"])
    }

    @Test func everyDiagnosticCodeIsDistinct() {
        #expect(Set(Self.cases.map(\.code)).count == Self.cases.count)
    }
}
