import Foundation
import Testing

@testable import BitrixSale

/// Order property values (docs/BITRIX-SEMANTICS.md §5, §10.11, §10.13, §9.8, §9.9).
@Suite struct PropertyValueCollectionTests {
    // docs/BITRIX-SEMANTICS.md §10.11, §5.2: loaded by person type, all person types when none is set, once.
    @Test func theCollectionLoadsForThePersonTypeOnceAndIsNotReloaded() {
        var order = Fixture.newOrder()
        _ = order.setPersonTypeId(1)
        let codes = order.propertyCollection().values.map(\.code)
        #expect(codes.first == "FIO")
        #expect(!codes.contains("COMPANY"))
        _ = order.setPersonTypeId(2)
        #expect(order.propertyCollection().values.map(\.code) == codes)
        #expect(order.propertyCollection().item(code: "COMPANY") == nil)
    }

    @Test func withoutAPersonTypeThePropertiesOfAllPersonTypesLoad() {
        var order = Fixture.newOrder()
        let ids = Set(order.propertyCollection().values.map(\.propertyId))
        #expect(ids == Set(SiteConfiguration.defaultSite.orderProperties.map(\.id)))
    }

    // docs/BITRIX-SEMANTICS.md §10.11: new values start at DEFAULT_VALUE; inactive properties are skipped.
    @Test func newValuesStartAtTheDefaultAndInactivePropertiesAreSkipped() {
        var site = SiteConfiguration.defaultSite
        site.orderProperties[0].defaultValue = "Аноним"
        site.orderProperties[1].active = false
        var order = Order.create(siteId: "s1", userId: 1, context: SaleContext(site: site, clock: .fixed(Fixture.now)))
        _ = order.setPersonTypeId(1)
        let collection = order.propertyCollection()
        #expect(collection.item(code: "FIO")?.value == "Аноним")
        #expect(collection.item(code: "EMAIL") == nil)
        #expect(collection.item(code: "PHONE")?.value == nil)
    }

    // docs/BITRIX-SEMANTICS.md §5.3: role lookups.
    @Test func roleLookupsReturnTheFlaggedProperty() {
        var order = Fixture.newOrder()
        _ = order.setPersonTypeId(1)
        let collection = order.propertyCollection()
        #expect(collection.payerName?.code == "FIO")
        #expect(collection.userEmail?.code == "EMAIL")
        #expect(collection.phone?.code == "PHONE")
        #expect(collection.address?.code == "ADDRESS")
    }

    // docs/BITRIX-SEMANTICS.md §9.8, §5.3: an unknown code finds nothing; setting it is reported and lost.
    @Test func anUnknownPropertyCodeIsNullAndItsValueIsLostWithADiagnostic() {
        var order = Fixture.newOrder()
        _ = order.setPersonTypeId(1)
        #expect(order.propertyCollection().item(code: "INN") == nil)
        let result = order.setPropertyValue("123456789012", code: "INN")
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["EMU_PROPERTY_CODE_UNKNOWN"])
        #expect(order.pendingDiagnostics.map(\.code) == ["EMU_PROPERTY_CODE_UNKNOWN"])
        #expect(!order.properties.values.contains { $0.value == "123456789012" })
    }

    // docs/BITRIX-SEMANTICS.md §9.9, §5.3: setValuesFromPost sets known ids and silently ignores the others.
    @Test func setValuesFromPostIgnoresUnknownIdsAndLeavesMissingOnesAlone() {
        var order = Fixture.newOrder()
        _ = order.setPersonTypeId(1)
        _ = order.setPropertyValue("old@example.kz", code: "EMAIL")
        let result = order.setValuesFromPost([1: "Иван", 20: "ТОО Ромашка"])
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["EMU_PROPERTY_ID_UNKNOWN"])
        #expect(order.data.propertyValue(code: "FIO") == "Иван")
        #expect(order.data.propertyValue(code: "EMAIL") == "old@example.kz")
    }

    // docs/BITRIX-SEMANTICS.md §9.9, §10.13, §5.4: required properties are not enforced by save (reported only).
    @Test func anEmptyRequiredPropertyDoesNotBlockTheSave() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = complete.order.setPropertyValue(nil, code: "PHONE")
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["EMU_REQUIRED_PROPERTY_EMPTY"])
        #expect(!complete.order.marked)
    }

    // docs/BITRIX-SEMANTICS.md §10.13, §5.4: format checks only warn, code PROPERTIES[<id>], and mark the order.
    @Test(arguments: [
        ("EMAIL", "not-an-email", 2), ("DELIVERY_TIME", "после обеда", 6), ("RAILWAY_ORDER_ID", "abc", 9),
        ("DELIVERY_DATE", "2025-02-30", 5), ("RECIPIENT_NAME", String(repeating: "я", count: 501), 7),
    ])
    func aBadlyFormattedValueOnlyWarnsWithItsPropertyCode(code: String, value: String, id: Int) throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = complete.order.setPropertyValue(value, code: code)
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["PROPERTIES[\(id)]"])
        #expect(result.warnings.first?.message.hasPrefix("Order property \"") == true)
        #expect(complete.order.marked)
        #expect(complete.order.reasonMarked == result.warnings.first?.message)
    }

    @Test(arguments: [
        ("EMAIL", "  a@b.kz "), ("DELIVERY_TIME", "14:00-16:00"),
        ("RECIPIENT_NAME", String(repeating: "я", count: 500)), ("DELIVERY_DATE", "21.10.2025"),
        ("RAILWAY_ORDER_ID", "999"),
    ])
    func aWellFormedValuePassesTheFormatChecks(code: String, value: String) throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = complete.order.setPropertyValue(value, code: code)
        let result = engine.save(&complete.order)
        #expect(result.warnings.isEmpty)
        #expect(!complete.order.marked)
    }

    // docs/BITRIX-SEMANTICS.md §5.3: e-mail values are trimmed.
    @Test func anEmailValueIsTrimmed() {
        var order = Fixture.newOrder()
        _ = order.setPersonTypeId(1)
        _ = order.setPropertyValue("  a@b.kz ", code: "EMAIL")
        #expect(order.data.propertyValue(code: "EMAIL") == "a@b.kz")
    }
}
