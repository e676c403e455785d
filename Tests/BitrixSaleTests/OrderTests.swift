import Foundation
import Testing

@testable import BitrixSale

/// `Order::create`, `getField` and `setField` (docs/BITRIX-SEMANTICS.md §1.1–1.2, §10.1, §10.3).
@Suite struct OrderTests {
    // docs/BITRIX-SEMANTICS.md §10.1
    @Test func createPresetsTheFlagsStatusXmlIdAndSiteCurrency() {
        let order = Fixture.newOrder(userId: 1)
        #expect(order.field("CANCELED") == .bool(false))
        #expect(order.field("DEDUCTED") == .bool(false))
        #expect(order.field("ALLOW_DELIVERY") == .bool(false))
        #expect(order.field("PAYED") == .bool(false))
        #expect(order.statusId == "N")
        #expect(order.dateStatus == Fixture.now)  // STATUS_ID goes through setField, which stamps DATE_STATUS
        #expect(order.xmlId.hasPrefix("bx_"))
        #expect(order.currency == "KZT")
        #expect(order.siteId == "s1")
        #expect(order.isNew)
    }

    // docs/BITRIX-SEMANTICS.md §1.1: `$currency == null` is loose, so "" also falls back to the site currency.
    @Test(arguments: [(String?.none, "KZT"), ("", "KZT"), ("USD", "USD")])
    func createTakesTheGivenCurrencyOrElseTheSiteCurrency(given: String?, expected: String) {
        #expect(Fixture.newOrder(currency: given).currency == expected)
    }

    // docs/BITRIX-SEMANTICS.md §10.1, §1.1: USER_ID only when intval > 0, stored raw.
    @Test(arguments: [
        (FieldValue?.none, String?.none), (.int(0), nil), (.string("abc"), nil), (.int(-5), nil),
        (.string("0"), nil), (.string("5abc"), "5abc"), (.int(7), "7"), (.string("12"), "12"),
    ])
    func createKeepsUserIdOnlyWhenIntvalIsPositiveAndStoresItRaw(given: FieldValue?, stored: String?) {
        let order = Fixture.newOrder(userId: given)
        #expect(order.userIdText == stored)
        #expect(order.field("USER_ID") == stored.map(FieldValue.string))
    }

    @Test func twoOrdersGetDifferentXmlIds() {
        #expect(Fixture.newOrder().xmlId != Fixture.newOrder().xmlId)
    }

    // docs/BITRIX-SEMANTICS.md §10.3, §1.2: unknown and engine-owned names throw ArgumentOutOfRangeException.
    @Test(arguments: [
        "NOPE", "ID", "PAYED", "DATE_PAYED", "SUM_PAID", "ALLOW_DELIVERY", "PRICE_DELIVERY", "PAY_SYSTEM_ID",
        "DELIVERY_ID", "TRACKING_NUMBER", "CREATED_BY", "RESERVED", "EMP_PAYED_ID", "PAY_VOUCHER_NUM", "price",
    ])
    func setFieldThrowsForANameThatIsNotSettable(name: String) {
        var order = Fixture.newOrder()
        #expect(throws: SaleException.argumentOutOfRange("name=\(name)")) { try order.setField(name, "1") }
    }

    // docs/BITRIX-SEMANTICS.md §1.2: the settable list includes the calculated fields.
    @Test(arguments: ["COMMENTS", "ADDITIONAL_INFO", "TAX_VALUE", "VAT_RATE", "USE_VAT", "RESPONSIBLE_ID", "LID"])
    func setFieldAcceptsANameOfTheSettableList(name: String) throws {
        var order = Fixture.newOrder()
        #expect(try order.setField(name, "x7").isSuccess)
        #expect(order.field(name) == .string("x7"))
    }

    // docs/BITRIX-SEMANTICS.md §10.3, §1.2: USER_ID and CURRENCY changes throw NotImplementedException.
    @Test func changingUserIdThrowsNotImplemented() {
        var order = Fixture.newOrder(userId: 1)
        #expect(throws: SaleException.notImplemented("field USER_ID")) { try order.setField("USER_ID", 2) }
        var anonymous = Fixture.newOrder(userId: nil)
        #expect(throws: SaleException.notImplemented("field USER_ID")) { try anonymous.setField("USER_ID", 2) }
        #expect(order.userIdText == "1")
    }

    @Test func changingCurrencyThrowsNotImplemented() {
        var order = Fixture.newOrder()
        #expect(throws: SaleException.notImplemented("field CURRENCY")) { try order.setField("CURRENCY", "USD") }
        #expect(order.currency == "KZT")
    }

    // docs/BITRIX-SEMANTICS.md §10.3: loose comparison, an unchanged value is a no-op (even for USER_ID/CURRENCY).
    @Test(arguments: [
        ("USER_ID", FieldValue.string("10")), ("USER_ID", .int(10)), ("USER_ID", .amount(10)),
        ("CURRENCY", .string("KZT")), ("STATUS_ID", .string("N")), ("CANCELED", .bool(false)),
        ("CANCELED", .string("N")),
    ])
    func setFieldWithALooselyEqualValueIsANoOp(name: String, value: FieldValue) throws {
        var order = Fixture.newOrder(userId: "10")
        let before = order.data
        let result = try order.setField(name, value)
        #expect(result.isSuccess)
        #expect(order.data == before)  // not even UPDATED_1C or DATE_STATUS moves
    }

    // docs/BITRIX-SEMANTICS.md §1.2: any real change sets UPDATED_1C = N.
    @Test func aRealChangeSetsUpdated1CToN() throws {
        var order = Fixture.newOrder()
        _ = try order.setField("COMMENTS", "позвонить заранее")
        #expect(order.field("UPDATED_1C") == .string("N"))
        #expect(order.comments == "позвонить заранее")
    }

    // docs/BITRIX-SEMANTICS.md §1.2 (MARKED side effects)
    @Test func clearingMarkedClearsTheReason() throws {
        var order = Fixture.newOrder()
        _ = try order.setFields(["MARKED": "Y", "REASON_MARKED": "проверить адрес"])
        #expect(order.marked)
        #expect(order.field("DATE_MARKED") != nil)
        _ = try order.setField("MARKED", "N")
        #expect(!order.marked)
        #expect(order.reasonMarked == nil)
    }

    // docs/BITRIX-SEMANTICS.md §1.6: PRICE is settable by hand and rounded to the value precision.
    @Test func setFieldPriceIsRoundedToTwoPlaces() throws {
        var order = Fixture.newOrder()
        _ = try order.setField("PRICE", .string("100.005"))
        #expect(order.price == dec("100.01"))
    }

    @Test func aNonNumericPriceIsRefusedAndTheOldPriceKept() throws {
        var order = Fixture.newOrder()
        let result = try order.setField("PRICE", "дорого")
        #expect(!result.isSuccess)
        #expect(order.price == 0)
    }

    // docs/BITRIX-SEMANTICS.md §1.7: setField('ACCOUNT_NUMBER') of a taken number fails with BX_ERROR.
    @Test func anAccountNumberTakenByAnotherOrderIsRefused() throws {
        let engine = try Fixture.engine()
        var first = try Fixture.complete(on: engine).order
        try #require(engine.save(&first).isSuccess)
        var second = try Fixture.complete(on: engine).order
        let result = try second.setField("ACCOUNT_NUMBER", .string(first.accountNumber ?? ""))
        #expect(result.errorCodes == ["BX_ERROR"])
        #expect(result.errors.first?.messageRu == "Заказ с таким номером уже существует")
        #expect(second.accountNumber == nil)
    }

    // docs/BITRIX-SEMANTICS.md §1.2, §5.2: setPersonTypeId goes through setField.
    @Test func setPersonTypeIdSetsPersonTypeId() {
        var order = Fixture.newOrder()
        _ = order.setPersonTypeId(2)
        #expect(order.personTypeId == 2)
        #expect(order.field("PERSON_TYPE_ID") == .int(2))
    }
}
