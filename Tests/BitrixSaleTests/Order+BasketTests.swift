import Foundation
import Testing

@testable import BitrixSale

/// Basket lines and the order price (bitrix-semantics.md §1.6, §2, §10.4–10.6, §9.2, §9.3, §9.13).
@Suite struct OrderBasketTests {
    // bitrix-semantics.md §10.4, §1.6: Σ round(PRICE × QTY) at precision 2, each line rounded on its own.
    @Test func priceIsTheSumOfEachLineRoundedToTwoPlaces() throws {
        var order = Fixture.newOrder()
        try Fixture.customLine(&order, price: dec("0.333"), quantity: 3)  // 0.999 → 1.00
        try Fixture.customLine(&order, price: dec("10.005"), quantity: 1)  // 10.005 → 10.01
        #expect(order.basketPrice == dec("11.01"))
        #expect(order.price == dec("11.01"))
    }

    // bitrix-semantics.md §10.4: + Σ PRICE_DELIVERY of real shipments, recomputed on every change.
    @Test func priceFollowsEveryBasketAndShipmentChange() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 1000, quantity: 2)
        #expect(order.price == 2000)
        try order.setBasketItemField(line, "QUANTITY", 3)
        #expect(order.price == 3000)
        let shipment = order.createShipment(deliveryId: 2)
        try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 3)
        try order.setShipmentField(shipment, "CUSTOM_PRICE_DELIVERY", "Y")
        try order.setShipmentField(shipment, "PRICE_DELIVERY", 700)
        #expect(order.deliveryPrice == 700)
        #expect(order.price == 3700)
        try order.setBasketItemField(line, "PRICE", 1500)
        #expect(order.price == 5200)
        try order.deleteShipment(shipment)
        #expect(order.price == 4500)
        try order.deleteBasketItem(line)
        #expect(order.price == 0)
    }

    // bitrix-semantics.md §1.6: a hand-set PRICE holds until the next recalculation trigger.
    @Test func aHandSetPriceHoldsUntilTheNextRecalculation() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 1000, quantity: 1)
        try order.setField("PRICE", 900)
        #expect(order.price == 900)
        try order.setField("COMMENTS", "скидка по звонку")
        #expect(order.price == 900)
        try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(order.price == 2000)
    }

    // bitrix-semantics.md §10.5, §2.3: a provider line without CUSTOM_PRICE takes the catalog price on QUANTITY.
    @Test func aCatalogLineTakesNamePriceAndCurrencyFromTheCatalogOnQuantity() throws {
        var order = Fixture.newOrder()
        let line = order.createBasketItem(moduleId: "catalog", productId: 4)
        try order.setBasketItemField(line, "QUANTITY", 2)
        let item = try #require(order.basketItem(line))
        #expect(item.name == "Букет из 25 хризантем")
        #expect(item.price == dec("12500.50"))
        #expect(item.basePrice == dec("12500.50"))
        #expect(item.discountPrice == 0)
        #expect(item.currency == "KZT")
        #expect(order.price == 25001)
    }

    // bitrix-semantics.md §10.5: a line without a provider keeps its price.
    @Test func aLineWithoutAProviderKeepsItsPrice() throws {
        var order = Fixture.newOrder()
        let line = order.createBasketItem(moduleId: "", productId: 5)  // the catalog has 5 at 15000
        try order.setBasketItemFields(line, ["CURRENCY": "KZT", "PRICE": 333, "QUANTITY": 4])
        #expect(order.basketItem(line)?.price == 333)
        #expect(order.basketItem(line)?.quantity == 4)
        #expect(order.price == 1332)
    }

    // bitrix-semantics.md §2.2: CALLBACK_FUNC alone makes a line a provider line (isCustom() is false).
    @Test func aCallbackFunctionMakesALineAskTheProvider() throws {
        var order = Fixture.newOrder()
        let line = order.createBasketItem(moduleId: "", productId: 5)
        try order.setBasketItemFields(line, ["CALLBACK_FUNC": "CatalogBasketCallback", "PRICE": 333, "QUANTITY": 1])
        #expect(order.basketItem(line)?.isCustom == false)
        #expect(order.basketItem(line)?.price == 15000)
    }

    // bitrix-semantics.md §9.2: forgetting CUSTOM_PRICE = Y; the hand-set price is replaced and reported.
    @Test func aHandSetPriceWithoutCustomPriceIsReplacedOnTheNextQuantityChange() throws {
        var order = Fixture.newOrder()
        let line = order.createBasketItem(moduleId: "catalog", productId: 5)
        try order.setBasketItemField(line, "QUANTITY", 1)
        try order.setBasketItemField(line, "PRICE", 14000)
        #expect(order.basketItem(line)?.price == 14000)
        try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(order.basketItem(line)?.price == 15000)
        #expect(order.pendingDiagnostics.map(\.code) == ["EMU_CUSTOM_PRICE_REPLACED"])
    }

    // bitrix-semantics.md §9.2 workaround: with CUSTOM_PRICE = Y the price survives.
    @Test func aCustomPriceSurvivesQuantityChanges() throws {
        var order = Fixture.newOrder()
        let line = order.createBasketItem(moduleId: "catalog", productId: 5)
        try order.setBasketItemFields(line, ["PRICE": 14000, "CUSTOM_PRICE": "Y", "QUANTITY": 1])
        try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(order.basketItem(line)?.price == 14000)
        #expect(order.price == 28000)
        #expect(order.pendingDiagnostics.isEmpty)
    }

    // bitrix-semantics.md §2.3 item 4: BASE_PRICE / DISCOUNT_PRICE recompute PRICE unless it is custom.
    @Test func basePriceMinusDiscountGivesThePriceOfANonCustomLine() throws {
        var order = Fixture.newOrder()
        let line = order.createBasketItem(moduleId: "", productId: 1)
        try order.setBasketItemFields(
            line,
            ["CURRENCY": "KZT", "QUANTITY": 1, "BASE_PRICE": 1000, "DISCOUNT_PRICE": 150]
        )
        #expect(order.basketItem(line)?.price == 850)
        try order.setBasketItemField(line, "CUSTOM_PRICE", "Y")
        try order.setBasketItemField(line, "BASE_PRICE", 2000)
        #expect(order.basketItem(line)?.price == 850)
    }

    // bitrix-semantics.md §9.3: a custom price with BASE_PRICE left at 0 is reported at save.
    @Test func aCustomPriceWithBasePriceZeroIsReported() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        try complete.order.setBasketItemFields(complete.line, ["CUSTOM_PRICE": "Y", "BASE_PRICE": 0])
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["EMU_BASE_PRICE_ZERO"])
    }

    // bitrix-semantics.md §10.6, §2.1: createItem never merges; getExistsItem is the caller's tool.
    @Test func createBasketItemNeverMergesTheSameProduct() throws {
        var order = Fixture.newOrder()
        let first = order.createBasketItem(moduleId: "catalog", productId: 1)
        let second = order.createBasketItem(moduleId: "catalog", productId: 1)
        #expect(first != second)
        #expect(order.basket.count == 2)
        #expect(order.basket.map(\.sort) == [100, 200])
        #expect(order.existingBasketItem(moduleId: "catalog", productId: 1)?.code == first)
        #expect(order.existingBasketItem(moduleId: "catalog", productId: 2) == nil)
    }

    // bitrix-semantics.md §10.6, §2.4: QUANTITY = 0 is an immediate error with code 0; the value is kept.
    @Test func quantityZeroIsAnImmediateErrorWithCodeZero() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 2)
        let result = try order.setBasketItemField(line, "QUANTITY", 0)
        #expect(!result.isSuccess)
        #expect(result.errorCodes == ["0"])
        #expect(result.errors.first?.message.contains("quantity cannot be zero or less than zero") == true)
        #expect(order.basketItem(line)?.quantity == 2)
    }

    // bitrix-semantics.md §10.6, §2.4: a negative quantity passes setField and only warns at save (MARKED).
    @Test func aNegativeQuantityPassesSetFieldAndOnlyWarnsAtSave() throws {
        let engine = try Fixture.engine()
        var order = engine.createOrder(userId: 1)
        let line = try Fixture.customLine(&order, price: 100, quantity: 1)
        #expect(try order.setBasketItemField(line, "QUANTITY", -2).isSuccess)
        #expect(order.basketItem(line)?.quantity == -2)
        let result = engine.save(&order)
        #expect(result.isSuccess)
        #expect(result.warnings.contains { $0.code == "0" && $0.field == "basket[n\(line)].QUANTITY" })
        #expect(order.marked)
    }

    // bitrix-semantics.md §2.2: MODULE, FUSER_ID, ORDER_ID, ID are not settable.
    @Test(arguments: ["MODULE", "FUSER_ID", "ORDER_ID", "ID", "UNKNOWN"])
    func aBasketFieldThatIsNotSettableThrows(name: String) throws {
        var order = Fixture.newOrder()
        let line = order.createBasketItem(moduleId: "catalog", productId: 1)
        #expect(throws: SaleException.argumentOutOfRange("name=\(name)")) {
            try order.setBasketItemField(line, name, "x")
        }
    }

    // bitrix-semantics.md §2.3: an inactive product cannot be bought.
    @Test func anInactiveCatalogProductIsRefusedOnQuantity() throws {
        var order = Fixture.newOrder()
        let line = order.createBasketItem(moduleId: "catalog", productId: 8)
        let result = try order.setBasketItemField(line, "QUANTITY", 1)
        #expect(result.errorCodes == ["SALE_BASKET_ITEM_WRONG_AVAILABLE_QUANTITY"])
        #expect(order.basketItem(line)?.quantity == 0)
    }

    // bitrix-semantics.md §2.3: a provider line whose provider has no price gives SALE_BASKET_ITEM_WRONG_PRICE.
    @Test func aProductTheCatalogDoesNotKnowGivesWrongPrice() throws {
        var order = Fixture.newOrder()
        let line = order.createBasketItem(moduleId: "catalog", productId: 4242)
        #expect(try order.setBasketItemField(line, "QUANTITY", 1).errorCodes == ["SALE_BASKET_ITEM_WRONG_PRICE"])
    }

    // bitrix-semantics.md §9.13: currency.
    @Test func changingALineCurrencyAwayFromTheOrderCurrencyThrowsNotSupported() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 1)
        #expect(throws: SaleException.notSupported("CURRENCY")) {
            try order.setBasketItemField(line, "CURRENCY", "USD")
        }
        #expect(order.basketItem(line)?.currency == "KZT")
    }

    // bitrix-semantics.md §9.13, §2.4: a line without currency is a verify warning; a catalog line in another
    // currency than the order is added without conversion and reported.
    @Test func aMissingLineCurrencyWarnsAndAForeignCatalogCurrencyIsReported() throws {
        let engine = try Fixture.engine()
        var order = engine.createOrder(userId: 1, currency: "USD")
        let custom = order.createBasketItem(moduleId: "", productId: 900)
        try order.setBasketItemFields(custom, ["CUSTOM_PRICE": "Y", "BASE_PRICE": 5, "PRICE": 5, "QUANTITY": 1])
        let catalog = order.createBasketItem(moduleId: "catalog", productId: 7)
        try order.setBasketItemField(catalog, "QUANTITY", 1)
        #expect(order.basketItem(catalog)?.currency == "KZT")
        #expect(order.price == 505)  // 5 USD + 500 KZT, no conversion
        let result = engine.save(&order)
        #expect(result.isSuccess)
        #expect(result.warnings.contains { $0.code == "0" && $0.message == "Product currency is missing" })
        #expect(result.warnings.contains { $0.code == "EMU_CURRENCY_MISMATCH" })
    }
}
