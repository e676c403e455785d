import Foundation
import Testing

@testable import BitrixSale

/// Basket line properties (findings "missing" 6; K21 `basketpropertiesbase.php` redefine /
/// isPropertyAlreadyExists, `basketitemcollection.php` getExistsItem).
@Suite struct BasketItemPropertyTests {
    let size = BasketItemProperty(name: "Размер", code: "SIZE", value: "L")
    let note = BasketItemProperty(name: "Открытка", code: "CARD_TEXT", value: "С днём рождения!")

    @Test func setPropertyUpdatesByCodeAddsNewOnesAndDeletesTheRestButTheCatalogXmlIds() throws {
        var basket = Basket.create(siteId: "s1", context: Fixture.context)
        let line = basket.createItem(moduleId: "catalog", productId: 5)
        let xmlId = BasketItemProperty(name: "Product XML_ID", code: "PRODUCT.XML_ID", value: "5")
        try basket.setItemProperties(line, [xmlId, size, note])
        try basket.setItemProperties(line, [BasketItemProperty(name: "Размер", code: "SIZE", value: "XL")])
        #expect(basket.item(line)?.properties?.map(\.code) == ["PRODUCT.XML_ID", "SIZE"])
        #expect(BasketItemProperty.value(of: "SIZE", in: basket.item(line)?.properties) == "XL")
        try basket.setItemProperties(line, [])
        #expect(basket.item(line)?.properties?.map(\.code) == ["PRODUCT.XML_ID"])
    }

    @Test func getExistsItemTellsLinesApartByTheirProperties() throws {
        var order = Fixture.newOrder()
        let plain = try order.createBasketItem(moduleId: "catalog", productId: 5)
        let large = try order.createBasketItem(moduleId: "catalog", productId: 5)
        try order.setBasketItemProperties(large, [size])
        #expect(try order.existingBasketItem(moduleId: "catalog", productId: 5)?.code == plain)
        #expect(try order.existingBasketItem(moduleId: "catalog", productId: 5, properties: [size])?.code == large)
        #expect(try order.existingBasketItem(moduleId: "catalog", productId: 5, properties: [size, note]) == nil)
    }

    @Test func propertiesAreSavedAndLoadWithTheBasket() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        try complete.order.setBasketItemProperties(complete.line, [size, note])
        let id = try #require(engine.save(&complete.order).id)
        let loaded = try #require(try engine.load(id: id))
        #expect(loaded.basket?.items.first?.properties == [size, note])
    }
}
