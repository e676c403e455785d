import Foundation
import Testing

@testable import BitrixSale

/// Basket lines and the order price (docs/BITRIX-SEMANTICS.md §1.6, §2, §10.4–10.6, §9.2, §9.3, §9.13).
@Suite struct OrderBasketTests {
    // Findings B18 (K21 `basketitembase.php` setField: PriceMaths::roundPrecision on PRICE, BASE_PRICE,
    // DISCOUNT_PRICE), docs/BITRIX-SEMANTICS.md §1.6: the price is rounded when set, then each line's PRICE × QTY is
    // rounded on its own.
    @Test func anItemPriceIsRoundedAtSetFieldAndEachLineAgain() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: dec("10.005"), quantity: 3)  // 10.01 × 3 = 30.03
        #expect(order.basketItem(line)?.price == dec("10.01"))
        #expect(order.basketItem(line)?.basePrice == dec("10.01"))
        try Fixture.customLine(&order, price: dec("0.33"), quantity: dec("1.5"))  // 0.495 → 0.50
        #expect(order.basketPrice == dec("30.53"))
        #expect(order.price == dec("30.53"))
    }

    // docs/BITRIX-SEMANTICS.md §10.4: + Σ PRICE_DELIVERY of real shipments, recomputed on every change.
    @Test func priceFollowsEveryBasketAndShipmentChange() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 1000, quantity: 2)
        #expect(order.price == 2000)
        _ = try order.setBasketItemField(line, "QUANTITY", 3)
        #expect(order.price == 3000)
        let shipment = order.createShipment(deliveryId: 2)
        _ = try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 3)
        _ = try order.setShipmentField(shipment, "CUSTOM_PRICE_DELIVERY", "Y")
        _ = try order.setShipmentField(shipment, "PRICE_DELIVERY", 700)
        #expect(order.deliveryPrice == 700)
        #expect(order.price == 3700)
        _ = try order.setBasketItemField(line, "PRICE", 1500)
        #expect(order.price == 5200)
        _ = try order.deleteShipment(shipment)
        #expect(order.price == 4500)
        _ = try order.deleteBasketItem(line)
        #expect(order.price == 0)
    }

    // docs/BITRIX-SEMANTICS.md §1.6: a hand-set PRICE holds until the next recalculation trigger.
    @Test func aHandSetPriceHoldsUntilTheNextRecalculation() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 1000, quantity: 1)
        _ = try order.setField("PRICE", 900)
        #expect(order.price == 900)
        _ = try order.setField("COMMENTS", "скидка по звонку")
        #expect(order.price == 900)
        _ = try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(order.price == 2000)
    }

    // docs/BITRIX-SEMANTICS.md §10.5, §2.3: a provider line without CUSTOM_PRICE takes the catalog price on QUANTITY.
    @Test func aCatalogLineTakesNamePriceAndCurrencyFromTheCatalogOnQuantity() throws {
        var order = Fixture.newOrder()
        let line = try order.createBasketItem(moduleId: "catalog", productId: 4)
        _ = try order.setBasketItemFields(line, ["PRODUCT_PROVIDER_CLASS": Fixture.provider, "QUANTITY": 2])
        let item = try #require(order.basketItem(line))
        #expect(item.name == "Букет из 25 хризантем")
        #expect(item.price == dec("12500.50"))
        #expect(item.basePrice == dec("12500.50"))
        #expect(item.discountPrice == 0)
        #expect(item.currency == "KZT")
        #expect(order.price == 25001)
    }

    // Findings B11, B12 (K21 `basketitembase.php` getProvider: null unless PRODUCT_PROVIDER_CLASS is set;
    // `internals/catalog/provider.php`: no PRICE_DATA for such a line): MODULE = catalog alone is no provider, so
    // PRICE, NAME and CURRENCY stay as the caller left them, and verify() reports the missing currency at save.
    @Test func aCatalogLineWithoutAProviderClassGetsNothingFromTheCatalog() throws {
        let engine = try Fixture.engine()
        var order = engine.orderWithBasket(userId: 1)
        let bare = try order.createBasketItem(moduleId: "catalog", productId: 1)
        _ = try order.setBasketItemField(bare, "QUANTITY", 2)
        let priced = try order.createBasketItem(moduleId: "catalog", productId: 5)
        _ = try order.setBasketItemFields(priced, ["PRICE": 500, "QUANTITY": 1])
        _ = try order.setBasketItemField(priced, "QUANTITY", 3)
        #expect(order.basketItem(bare)?.price == 0)
        #expect(order.basketItem(bare)?.name == "")
        #expect(order.basketItem(bare)?.currency == nil)
        #expect(order.basketItem(priced)?.price == 500)  // with a provider it would be 15000
        #expect(order.price == 1500)
        let result = engine.save(&order)
        #expect(result.warnings.filter { $0.message == "Product currency is missing" }.count == 2)
        #expect(!result.warningCodes.contains("EMU_PRICE_NOT_CUSTOM"))  // B14s: nothing will replace 500
        #expect(order.marked)
    }

    // docs/BITRIX-SEMANTICS.md §10.5: a line without a provider keeps its price.
    @Test func aLineWithoutAProviderKeepsItsPrice() throws {
        var order = Fixture.newOrder()
        let line = try order.createBasketItem(moduleId: "", productId: 5)  // the catalog has 5 at 15000
        _ = try order.setBasketItemFields(line, ["CURRENCY": "KZT", "PRICE": 333, "QUANTITY": 4])
        #expect(order.basketItem(line)?.price == 333)
        #expect(order.basketItem(line)?.quantity == 4)
        #expect(order.price == 1332)
    }

    // docs/BITRIX-SEMANTICS.md §2.2: CALLBACK_FUNC makes isCustom() false, but getProvider() still needs
    // PRODUCT_PROVIDER_CLASS (K21 `basketitembase.php`); legacy callbacks are not emulated (docs/FIDELITY.md).
    @Test func aCallbackFunctionAloneIsNotAProvider() throws {
        var order = Fixture.newOrder()
        let line = try order.createBasketItem(moduleId: "", productId: 5)
        _ = try order.setBasketItemFields(
            line,
            ["CALLBACK_FUNC": "CatalogBasketCallback", "PRICE": 333, "QUANTITY": 1]
        )
        #expect(order.basketItem(line)?.isCustom == false)
        #expect(order.basketItem(line)?.hasProvider == false)
        #expect(order.basketItem(line)?.price == 333)
    }

    // K21 `basketitembase.php` getProvider: a provider class that is blank after trimming is no provider.
    @Test func aBlankProviderClassIsNoProvider() {
        let names: [String?] = [
            nil, "", " ", "\t", " \t ", "\u{00A0}", "\u{2003} ", "\n", " x ", "\u{00A0}\\Bitrix\\Catalog", "é",
            BasketItem.catalogProviderClass,
        ]
        for name in names {
            var item = BasketItem(code: 1, moduleId: "", productId: 5, xmlId: "", sort: 100)
            item.productProviderClass = name
            let trimmed = (name ?? "").trimmingCharacters(in: .whitespaces)
            #expect(item.hasProvider == !trimmed.isEmpty, "\(String(describing: name))")
        }
    }

    // docs/BITRIX-SEMANTICS.md §9.2: forgetting CUSTOM_PRICE = Y; the hand-set price is replaced and reported.
    @Test func aHandSetPriceWithoutCustomPriceIsReplacedOnTheNextQuantityChange() throws {
        var order = Fixture.newOrder()
        let line = try order.createBasketItem(moduleId: "catalog", productId: 5)
        _ = try order.setBasketItemFields(line, ["PRODUCT_PROVIDER_CLASS": Fixture.provider, "QUANTITY": 1])
        _ = try order.setBasketItemField(line, "PRICE", 14000)
        #expect(order.basketItem(line)?.price == 14000)
        _ = try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(order.basketItem(line)?.price == 15000)
        #expect(order.pendingDiagnostics.map(\.code) == ["EMU_CUSTOM_PRICE_REPLACED"])
    }

    // docs/BITRIX-SEMANTICS.md §9.2 workaround: with CUSTOM_PRICE = Y the price survives.
    @Test func aCustomPriceSurvivesQuantityChanges() throws {
        var order = Fixture.newOrder()
        let line = try order.createBasketItem(moduleId: "catalog", productId: 5)
        _ = try order.setBasketItemFields(line, ["PRICE": 14000, "CUSTOM_PRICE": "Y", "QUANTITY": 1])
        _ = try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(order.basketItem(line)?.price == 14000)
        #expect(order.price == 28000)
        #expect(order.pendingDiagnostics.isEmpty)
    }

    // docs/BITRIX-SEMANTICS.md §2.3 item 4: BASE_PRICE / DISCOUNT_PRICE recompute PRICE unless it is custom.
    @Test func basePriceMinusDiscountGivesThePriceOfANonCustomLine() throws {
        var order = Fixture.newOrder()
        let line = try order.createBasketItem(moduleId: "", productId: 1)
        _ = try order.setBasketItemFields(
            line,
            ["CURRENCY": "KZT", "QUANTITY": 1, "BASE_PRICE": 1000, "DISCOUNT_PRICE": 150]
        )
        #expect(order.basketItem(line)?.price == 850)
        _ = try order.setBasketItemField(line, "CUSTOM_PRICE", "Y")
        _ = try order.setBasketItemField(line, "BASE_PRICE", 2000)
        #expect(order.basketItem(line)?.price == 850)
    }

    // docs/BITRIX-SEMANTICS.md §9.3: a custom price with BASE_PRICE left at 0 is reported at save.
    @Test func aCustomPriceWithBasePriceZeroIsReported() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = try complete.order.setBasketItemFields(complete.line, ["CUSTOM_PRICE": "Y", "BASE_PRICE": 0])
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["EMU_BASE_PRICE_ZERO"])
    }

    // docs/BITRIX-SEMANTICS.md §10.6, §2.1: createItem never merges; getExistsItem is the caller's tool.
    @Test func createBasketItemNeverMergesTheSameProduct() throws {
        var order = Fixture.newOrder()
        let first = try order.createBasketItem(moduleId: "catalog", productId: 1)
        let second = try order.createBasketItem(moduleId: "catalog", productId: 1)
        #expect(first != second)
        #expect(order.data.basket.count == 2)
        #expect(order.data.basket.map(\.sort) == [100, 200])
        #expect(try order.existingBasketItem(moduleId: "catalog", productId: 1)?.code == first)
        #expect(try order.existingBasketItem(moduleId: "catalog", productId: 2) == nil)
    }

    // docs/BITRIX-SEMANTICS.md §10.6, §2.4: QUANTITY = 0 is an immediate error with code 0; the value is kept.
    @Test func quantityZeroIsAnImmediateErrorWithCodeZero() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 2)
        let result = try order.setBasketItemField(line, "QUANTITY", 0)
        #expect(!result.isSuccess)
        #expect(result.errorCodes == ["0"])
        #expect(result.errors.first?.message.contains("quantity cannot be zero or less than zero") == true)
        #expect(order.basketItem(line)?.quantity == 2)
    }

    // Findings B15b (K21 `basketitembase.php` onFieldModify QUANTITY, `internals/catalog/provider.php`): for a line
    // without a provider the available quantity is the quantity asked, so -2 fails `AVAILABLE_QUANTITY > 0` at
    // setField (docs/BITRIX-SEMANTICS.md §2.4 says the opposite); with a provider it fails the same way.
    @Test(arguments: [false, true])
    func aNegativeQuantityIsRefusedAtSetField(provider: Bool) throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 1)
        if provider { _ = try order.setBasketItemField(line, "PRODUCT_PROVIDER_CLASS", Fixture.provider) }
        let result = try order.setBasketItemField(line, "QUANTITY", -2)
        #expect(result.errorCodes == ["SALE_BASKET_ITEM_WRONG_AVAILABLE_QUANTITY"])
        #expect(result.errors.first?.field == "basket[n\(line)].QUANTITY")
        #expect(order.basketItem(line)?.quantity == 1)
    }

    // docs/BITRIX-SEMANTICS.md §2.2: MODULE, FUSER_ID, ORDER_ID, ID are not settable.
    @Test(arguments: ["MODULE", "FUSER_ID", "ORDER_ID", "ID", "UNKNOWN"])
    func aBasketFieldThatIsNotSettableThrows(name: String) throws {
        var order = Fixture.newOrder()
        let line = try order.createBasketItem(moduleId: "catalog", productId: 1)
        #expect(throws: SaleException.argumentOutOfRange("name=\(name)")) {
            try order.setBasketItemField(line, name, "x")
        }
    }

    // docs/BITRIX-SEMANTICS.md §2.3: an inactive product cannot be bought.
    @Test func anInactiveCatalogProductIsRefusedOnQuantity() throws {
        var order = Fixture.newOrder()
        let line = try order.createBasketItem(moduleId: "catalog", productId: 8)
        _ = try order.setBasketItemField(line, "PRODUCT_PROVIDER_CLASS", Fixture.provider)
        let result = try order.setBasketItemField(line, "QUANTITY", 1)
        #expect(result.errorCodes == ["SALE_BASKET_ITEM_WRONG_AVAILABLE_QUANTITY"])
        #expect(order.basketItem(line)?.quantity == 0)
    }

    // Findings B13b (K21 `basketitembase.php` onFieldModify: the availability check comes before the price check):
    // an unknown product on a provider line fails on availability; without a provider nothing is asked at all.
    @Test func aProductTheCatalogDoesNotKnowFailsOnAvailabilityOnlyWithAProvider() throws {
        var order = Fixture.newOrder()
        let line = try order.createBasketItem(moduleId: "catalog", productId: 4242)
        #expect(try order.setBasketItemField(line, "QUANTITY", 1).isSuccess)
        let provided = try order.createBasketItem(moduleId: "catalog", productId: 4242)
        _ = try order.setBasketItemField(provided, "PRODUCT_PROVIDER_CLASS", Fixture.provider)
        #expect(
            try order.setBasketItemField(provided, "QUANTITY", 1).errorCodes
                == ["SALE_BASKET_ITEM_WRONG_AVAILABLE_QUANTITY"]
        )
    }

    // docs/BITRIX-SEMANTICS.md §9.13: currency.
    @Test func changingALineCurrencyAwayFromTheOrderCurrencyThrowsNotSupported() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 1)
        #expect(throws: SaleException.notSupported("CURRENCY")) {
            try order.setBasketItemField(line, "CURRENCY", "USD")
        }
        #expect(order.basketItem(line)?.currency == "KZT")
    }

    // docs/BITRIX-SEMANTICS.md §9.13, §2.4: a line without currency is a verify warning; a catalog line in another
    // currency than the order is added without conversion and reported.
    @Test func aMissingLineCurrencyWarnsAndAForeignCatalogCurrencyIsReported() throws {
        let engine = try Fixture.engine()
        var order = engine.orderWithBasket(userId: 1, currency: "USD")
        let custom = try order.createBasketItem(moduleId: "", productId: 900)
        _ = try order.setBasketItemFields(custom, ["CUSTOM_PRICE": "Y", "BASE_PRICE": 5, "PRICE": 5, "QUANTITY": 1])
        let catalog = try order.createBasketItem(moduleId: "catalog", productId: 7)
        _ = try order.setBasketItemFields(catalog, ["PRODUCT_PROVIDER_CLASS": Fixture.provider, "QUANTITY": 1])
        #expect(order.basketItem(catalog)?.currency == "KZT")
        #expect(order.price == 505)  // 5 USD + 500 KZT, no conversion
        let result = engine.save(&order)
        #expect(result.isSuccess)
        #expect(result.warnings.contains { $0.code == "0" && $0.message == "Product currency is missing" })
        #expect(result.warnings.contains { $0.code == "EMU_CURRENCY_MISMATCH" })
    }
}
