import Foundation
import Testing

@testable import BitrixSale

/// The findings rows (shared fidelity-findings.md) not covered next to their feature, each named after the Bitrix
/// source file it follows (K21 = kotopheiop/bitrix-core, sale 21.400.100).
@Suite struct FidelityFindingsTests {
    // B38, K21 `orderbase.php` getBasket/loadBasket: a saved order loads with its basket; a new one has none until
    // setBasket / appendBasket, and appendBasket refuses an order that has an ID (NotSupportedException).
    @Test func aSavedOrderLoadsWithItsBasketAndRefusesAnotherOne() throws {
        let engine = try Fixture.engine()
        #expect(engine.createOrder(userId: 1).basket == nil)
        var complete = try Fixture.complete(on: engine)
        let id = try #require(engine.save(&complete.order).id)
        let loaded = try #require(try engine.load(id: id))
        let basket = try #require(loaded.basket)
        #expect(basket.orderId == id)
        #expect(basket.items.map(\.productId) == [5])
        #expect(Basket.loadItemsForOrder(loaded).items == basket.items)
        #expect(Basket.loadItemsForOrder(engine.createOrder(userId: 1)).items.isEmpty)
        var again = loaded
        #expect(throws: SaleException.notSupported("appendBasket on an order with ID \(id)")) {
            try again.setBasket(engine.createBasket())
        }
    }

    // B38: every order-side basket call on a new order without a basket is the PHP fatal error it would be.
    @Test func everyBasketCallOnTheMissingBasketIsFatal() throws {
        var order = Fixture.newOrder(basket: false)
        #expect(throws: SaleException.fatal(.callOnNull("createItem"))) {
            try order.createBasketItem(moduleId: "catalog", productId: 1)
        }
        #expect(throws: SaleException.fatal(.callOnNull("getExistsItem"))) {
            try order.existingBasketItem(moduleId: "catalog", productId: 1)
        }
        #expect(throws: SaleException.fatal(.callOnNull("getItemByBasketCode"))) {
            try order.setBasketItemField(1, "QUANTITY", 1)
        }
        #expect(throws: SaleException.fatal(.callOnNull("getItemByBasketCode"))) { try order.deleteBasketItem(1) }
        _ = try order.appendBasket(Basket.create(siteId: "s1", context: Fixture.context))
        #expect(try order.createBasketItem(moduleId: "catalog", productId: 1) > 0)
    }

    // docs/BITRIX-SEMANTICS.md §2.3 item 2, K21 `orderbase.php` setBasket → `basket/baserefreshstrategy.php`:
    // setBasket refreshes provider lines (name, catalog price unless custom, CAN_BUY = N for a product that is gone);
    // appendBasket does not; a line without a provider is never touched.
    @Test func setBasketRefreshesProviderLinesAndAppendBasketDoesNot() throws {
        func basket() throws -> (Basket, Int, Int, Int) {
            var basket = Basket.create(siteId: "s1", context: Fixture.context)
            let handSet = basket.createItem(moduleId: "catalog", productId: 5)
            _ = try basket.setItemFields(handSet, ["CURRENCY": "KZT", "QUANTITY": 1])
            _ = try basket.setItemFields(handSet, ["PRICE": 14000, "PRODUCT_PROVIDER_CLASS": Fixture.provider])
            let custom = basket.createItem(moduleId: "catalog", productId: 3)
            _ = try basket.setItemFields(
                custom,
                ["PRODUCT_PROVIDER_CLASS": Fixture.provider, "CUSTOM_PRICE": "Y", "PRICE": 9000, "QUANTITY": 1]
            )
            let bare = basket.createItem(moduleId: "catalog", productId: 6)
            _ = try basket.setItemFields(bare, ["CURRENCY": "KZT", "PRICE": 10, "QUANTITY": 1])
            return (basket, handSet, custom, bare)
        }
        let (prepared, handSet, custom, bare) = try basket()
        #expect(prepared.item(custom)?.name == "")  // a custom price skips the single-line refresh at QUANTITY
        var set = Fixture.newOrder(basket: false)
        _ = try set.setBasket(prepared)
        #expect(set.basketItem(handSet)?.price == 15000)
        #expect(set.pendingDiagnostics.map(\.code) == ["EMU_CUSTOM_PRICE_REPLACED"])
        #expect(set.basketItem(custom)?.price == 9000)
        #expect(set.basketItem(custom)?.name == "Букет «Весна»")
        #expect(set.basketItem(custom)?.currency == "KZT")
        #expect(set.basketItem(bare)?.price == 10)
        #expect(set.basketItem(bare)?.name == "")
        #expect(set.price == 24010, "\(set.data.basket.map(\.price)) \(set.data.basket.map(\.quantity))")
        var appended = Fixture.newOrder(basket: false)
        _ = try appended.appendBasket(prepared)
        #expect(appended.basketItem(handSet)?.price == 14000)
        #expect(appended.basketItem(custom)?.name == "")
    }

    // docs/BITRIX-SEMANTICS.md §2.3, K21 `basket/baserefreshstrategy.php`: a provider line whose product became
    // inactive gets CAN_BUY = N.
    @Test func setBasketMarksAProductThatIsGoneAsNotBuyable() throws {
        var basket = Basket.create(siteId: "s1", context: Fixture.context)
        let line = basket.createItem(moduleId: "catalog", productId: 8)
        _ = try basket.setItemFields(line, ["CURRENCY": "KZT", "CUSTOM_PRICE": "Y", "PRICE": 7000, "QUANTITY": 1])
        _ = try basket.setItemField(line, "PRODUCT_PROVIDER_CLASS", Fixture.provider)
        var order = Fixture.newOrder(basket: false)
        _ = try order.setBasket(basket)
        #expect(order.basketItem(line)?.canBuy == false)
    }

    // B30, K21 `internals/input.php` Date::getErrorSingle → `main/tools.php` CheckDateTime/ParseDateTime: a DATE
    // property value must be a real date in the site's FORMAT_DATE, parts mapped by position, separators alike.
    @Test(arguments: [
        ("DD.MM.YYYY", "21.10.2025", true), ("DD.MM.YYYY", "2025-10-21", false), ("DD.MM.YYYY", "31.02.2025", false),
        ("DD.MM.YYYY", "21/10/2025", false), ("DD.MM.YYYY", "1.2.2025", true), ("MM/DD/YYYY", "10/21/2025", true),
        ("MM/DD/YYYY", "2025-10-21", false), ("YYYY-MM-DD", "2025-10-21", true), ("DD.MM.YYYY", "завтра", false),
    ])
    func aDatePropertyIsCheckedAgainstTheSiteFormat(format: String, value: String, accepted: Bool) throws {
        var site = SiteConfiguration.defaultSite
        site.formatDate = format
        let engine = try SaleEngine(site: site, clock: .fixed(Fixture.now))
        var complete = try Fixture.complete(on: engine)
        _ = complete.order.setPropertyValue(value, code: "DELIVERY_DATE")
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes.contains("PROPERTIES[5]") == !accepted)
        #expect(complete.order.marked == !accepted)
        if !accepted {
            #expect(result.warnings.first { $0.code == "PROPERTIES[5]" }?.message.hasSuffix("input error") == true)
        }
    }

    // B30: the site format is validated on load; a format without day, month and year is refused, naming the field.
    @Test func aSiteFormatWithoutDayMonthAndYearIsRefused() throws {
        var site = SiteConfiguration.defaultSite
        site.formatDate = "YYYY"
        site.saleVersion = SaleVersion(rawValue: "17.0")
        let problems = site.problems().map(\.path)
        #expect(problems.contains("$.formatDate"))
        #expect(problems.contains("$.saleVersion"))
        #expect(SiteDateFormat("DD.MM.YYYY")?.string(year: 2025, month: 3, day: 7) == "07.03.2025")
    }

    // B06, K21 `internals/entity.php` setField: `$oldValue === null && $value !== null` makes '' over null a change
    // (which, like any change, resets UPDATED_1C).
    @Test func anEmptyStringOverNullIsAChange() throws {
        var order = Fixture.newOrder()
        _ = try order.setField("UPDATED_1C", "Y")
        _ = try order.setField("ADDITIONAL_INFO", "")
        #expect(order.field("ADDITIONAL_INFO") == .string(""))
        #expect(order.field("UPDATED_1C") == .string("N"))
    }

    // B07, B08, K21 `orderbase.php` setField/getField (getCalculatedFields; DEDUCTED in getAvailableFields): a
    // DISCOUNT_PRICE set on the order reads back from the object but is never stored; DEDUCTED is stored and read
    // back until a shipment's DEDUCTED brings the roll-up back.
    @Test func discountPriceIsKeptOnTheObjectAndDeductedIsStored() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = try complete.order.setField("DISCOUNT_PRICE", 150)
        _ = try complete.order.setField("VAT_SUM", 12)
        #expect(complete.order.field("DISCOUNT_PRICE")?.decimalValue == 150)
        #expect(complete.order.field("VAT_SUM")?.decimalValue == 12)
        _ = try complete.order.setField("DEDUCTED", "Y")
        #expect(complete.order.field("DEDUCTED")?.flag == true)
        let id = try #require(engine.save(&complete.order).id)
        let loaded = try #require(try engine.load(id: id))
        #expect(loaded.field("DISCOUNT_PRICE")?.decimalValue == 0)
        #expect(loaded.field("VAT_SUM") == nil)
        #expect(loaded.field("DEDUCTED")?.flag == true)
        var edited = loaded
        _ = try edited.setShipmentField(complete.shipment, "DEDUCTED", "Y")
        _ = try edited.setShipmentField(complete.shipment, "DEDUCTED", "N")
        #expect(edited.field("DEDUCTED")?.flag == false)
    }

    // B28, K21 `order.php` onOrderModify (CANCELED returns after the payment check): a paid and shipped order's
    // cancel gives the payment error alone.
    @Test func cancelingAPaidAndShippedOrderGivesOnlyThePaymentError() throws {
        var complete = try Fixture.complete(on: Fixture.engine())
        _ = try complete.order.setPaymentField(complete.payment, "PAID", "Y")
        _ = try complete.order.setShipmentField(complete.shipment, "DEDUCTED", "Y")
        #expect(try complete.order.setField("CANCELED", "Y").errorCodes == ["SALE_ORDER_CANCEL_PAYMENT_EXIST_ACTIVE"])
    }

    // B34, A18 install.sql `STATUS_ID char(2)`, K21 `orderbase.php` onFieldModify (no check): an unknown, too long
    // status is reported and loads cut to its column.
    @Test func aTooLongStatusIsReportedAndLoadsCutToTwoCharacters() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = try complete.order.setField("STATUS_ID", "XYZ")
        let result = engine.save(&complete.order)
        #expect(result.warningCodes == ["EMU_UNKNOWN_STATUS", "EMU_VALUE_TRUNCATED"])
        let id = try #require(result.id)
        #expect(try engine.load(id: id)?.statusId == "XY")
    }

    // B03b, A18 install.sql `USER_ID int not null`, K21 `main/lib/orm/fields/integerfield.php`: a USER_ID given as
    // "1abc" is read back from the saved row as 1.
    @Test func aRawUserIdReadsBackAsTheIntegerColumn() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine, userId: "1abc")
        let id = try #require(engine.save(&complete.order).id)
        #expect(complete.order.field("USER_ID") == .string("1abc"))  // the object in memory keeps what it was given
        #expect(try engine.load(id: id)?.field("USER_ID") == .string("1"))
    }

    // B37, K21 `orderbase.php` save (OnSaleOrderBeforeSaved receives ENTITY): a handler may change the order, and
    // the change is checked and stored like any other.
    @Test func aBeforeSaveHandlerMayChangeTheOrder() throws {
        let engine = try Fixture.engine()
        engine.onBeforeSaveEditing { order in
            _ = try? order.setField("COMMENTS", "проверено")
            return nil
        }
        var complete = try Fixture.complete(on: engine)
        let id = try #require(engine.save(&complete.order).id)
        #expect(complete.order.comments == "проверено")
        #expect(try engine.load(id: id)?.comments == "проверено")
    }
}

/// Findings B46 (K21 `order.php` onShipmentModify, PRICE_DELIVERY: `isNew() ? $value : PRICE_DELIVERY - $old +
/// $value`).
@Suite struct NewOrderDeliveryPriceTests {
    @Test func aNewOrdersDeliveryPriceIsTheLastChangedShipmentsWhileItsPriceAddsThemAll() throws {
        let engine = try Fixture.engine()
        var order = engine.orderWithBasket(userId: 1)
        let first = order.createShipment(deliveryId: 1)
        let second = order.createShipment(deliveryId: 2)
        _ = try order.setShipmentFields(first, ["CUSTOM_PRICE_DELIVERY": "Y", "PRICE_DELIVERY": 100])
        _ = try order.setShipmentFields(second, ["CUSTOM_PRICE_DELIVERY": "Y", "PRICE_DELIVERY": 200])
        #expect(order.deliveryPrice == 200)
        #expect(order.field("PRICE_DELIVERY") == .amount(200))
        #expect(order.price == 300)
        let id = try #require(engine.save(&order).id)
        var loaded = try #require(try engine.load(id: id))
        #expect(loaded.deliveryPrice == 200)
        // A saved order moves by the delta: 200 − 100 + 150.
        _ = try loaded.setShipmentField(first, "PRICE_DELIVERY", 150)
        #expect(loaded.deliveryPrice == 250)
        #expect(loaded.price == 350)
    }

    @Test func withOneShipmentNothingDiffersFromTheSum() throws {
        var complete = try Fixture.complete(on: Fixture.engine())
        #expect(complete.order.deliveryPrice == 2500)
        #expect(complete.order.data.otherFields["PRICE_DELIVERY"] == nil)
        _ = try complete.order.setShipmentFields(
            complete.shipment,
            ["CUSTOM_PRICE_DELIVERY": "Y", "PRICE_DELIVERY": 900]
        )
        #expect(complete.order.deliveryPrice == 900)
        #expect(complete.order.data.otherFields["PRICE_DELIVERY"] == nil)
    }
}
