import Foundation
import Testing

@testable import BitrixSale

/// Shipments and the system shipment (docs/BITRIX-SEMANTICS.md §3, §10.7–10.9, §9.4–9.6, §9.10).
@Suite struct OrderShipmentsTests {
    // docs/BITRIX-SEMANTICS.md §10.7, §3.2: the system shipment holds what real shipments do not; it is read-only.
    @Test func theSystemShipmentHoldsTheUndistributedQuantityAndCannotBeEdited() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 5)
        #expect(order.systemShipmentItems == [ShipmentItem(basketCode: line, quantity: 5, id: nil)])
        let shipment = order.createShipment(deliveryId: 2)
        _ = try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 3)
        #expect(order.systemShipmentItems.map(\.quantity) == [2])
        #expect(throws: SaleException.notSupported("system shipment cannot be modified")) {
            try order.setShipmentField(Order.systemShipmentCode, "DELIVERY_ID", 1)
        }
        #expect(throws: SaleException.notSupported("system shipment cannot be deleted")) {
            try order.deleteShipment(Order.systemShipmentCode)
        }
    }

    // docs/BITRIX-SEMANTICS.md §10.7, §3.3: moving more than the system shipment holds is refused.
    @Test func movingMoreThanTheSystemShipmentHoldsIsRefused() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 2)
        let first = order.createShipment(deliveryId: 2)
        let second = order.createShipment(deliveryId: 2)
        _ = try order.setShipmentItemQuantity(shipment: first, basketItem: line, quantity: 2)
        let result = try order.setShipmentItemQuantity(shipment: second, basketItem: line, quantity: 1)
        #expect(result.errorCodes == ["SALE_SHIPMENT_ITEM_LESS_AVAILABLE_QUANTITY"])
        #expect(order.shipment(second)?.quantity(ofBasketItem: line) == 0)
        // Lowering the basket below what shipments hold (two shipments: no auto-edit) is refused too
        // (docs/BITRIX-SEMANTICS.md §3.3).
        let lower = try order.setBasketItemField(line, "QUANTITY", 1)
        #expect(lower.errorCodes == ["SALE_ORDER_SYSTEM_SHIPMENT_LESS_QUANTITY"])
    }

    // docs/BITRIX-SEMANTICS.md §3.3: with one editable real shipment the basket quantity change follows into it.
    @Test func aQuantityChangeFollowsIntoTheLoneEditableShipment() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 2)
        let shipment = order.createShipment(deliveryId: 2)
        _ = try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 2)
        _ = try order.setBasketItemField(line, "QUANTITY", 5)
        #expect(order.shipment(shipment)?.quantity(ofBasketItem: line) == 5)
        #expect(order.systemShipmentItems.isEmpty)
    }

    // docs/BITRIX-SEMANTICS.md §10.8, §3.1: a new shipment gets the empty delivery service, DN and N flags.
    @Test func aNewShipmentDefaultsToTheEmptyDeliveryStatusDNAndNFlags() throws {
        var order = Fixture.newOrder()
        let code = order.createShipment()
        let shipment = try #require(order.shipment(code))
        #expect(shipment.deliveryId == 3)
        #expect(shipment.deliveryName == "Без доставки")
        #expect(shipment.statusId == "DN")
        #expect(!shipment.allowDelivery && !shipment.deducted && !shipment.canceled && !shipment.marked)
        #expect(!shipment.customPriceDelivery)
        #expect(shipment.xmlId.hasPrefix("bx_"))
        #expect(shipment.field("SYSTEM") == .bool(false))
    }

    // docs/BITRIX-SEMANTICS.md §10.8, §3.6: an invalid DELIVERY_ID is rejected at setField; ≤ 0 only warns at save.
    @Test func anUnknownDeliveryIdIsRejectedAtSetFieldAndZeroOnlyWarnsAtSave() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        let rejected = try complete.order.setShipmentField(complete.shipment, "DELIVERY_ID", 77)
        #expect(rejected.errorCodes == ["SALE_SHIPMENT_WRONG_DELIVERY_SERVICE"])
        #expect(complete.order.shipment(complete.shipment)?.deliveryId == 1)
        _ = try complete.order.setShipmentField(complete.shipment, "DELIVERY_ID", 0)
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["SALE_SHIPMENT_DELIVERY_SERVICE_EMPTY"])
        #expect(complete.order.marked)
        #expect(complete.order.reasonMarked == "Delivery service is not specified")
    }

    // docs/BITRIX-SEMANTICS.md §3.4: a DELIVERY_ID change resets DELIVERY_NAME; the order DELIVERY_ID follows.
    @Test func changingTheDeliveryServiceResetsItsNameAndTheOrderDeliveryId() throws {
        var order = Fixture.newOrder()
        let code = order.createShipment(deliveryId: 1)
        _ = try order.setShipmentField(code, "DELIVERY_ID", 2)
        #expect(order.shipment(code)?.deliveryName == "Самовывоз")
        #expect(order.deliveryId == 2)
        #expect(order.field("DELIVERY_ID") == .int(2))
    }

    // docs/BITRIX-SEMANTICS.md §10.9, §3.4: PRICE_DELIVERY = BASE − DISCOUNT unless CUSTOM_PRICE_DELIVERY = Y.
    @Test func priceDeliveryIsBaseMinusDiscountUnlessCustom() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 1000, quantity: 1)
        let code = order.createShipment(deliveryId: 2)
        _ = try order.setShipmentItemQuantity(shipment: code, basketItem: line, quantity: 1)
        _ = try order.setShipmentField(code, "BASE_PRICE_DELIVERY", 800)
        _ = try order.setShipmentField(code, "DISCOUNT_PRICE", 300)
        #expect(order.shipment(code)?.priceDelivery == 500)
        #expect(order.price == 1500)
        _ = try order.setShipmentField(code, "CUSTOM_PRICE_DELIVERY", "Y")
        _ = try order.setShipmentField(code, "BASE_PRICE_DELIVERY", 2000)
        #expect(order.shipment(code)?.priceDelivery == 500)
        _ = try order.setShipmentField(code, "PRICE_DELIVERY", 650)
        #expect(order.deliveryPrice == 650)
        #expect(order.field("PRICE_DELIVERY") == .amount(650))
        #expect(order.price == 1650)
    }

    // docs/BITRIX-SEMANTICS.md §3.3: for a new order, moving items prices the delivery from the service.
    @Test func movingItemsIntoACourierShipmentPricesTheDelivery() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 1000, quantity: 1)
        let code = order.createShipment(deliveryId: 1)
        #expect(order.deliveryPrice == 0)
        _ = try order.setShipmentItemQuantity(shipment: code, basketItem: line, quantity: 1)
        #expect(order.shipment(code)?.basePriceDelivery == 2500)
        #expect(order.price == 3500)
    }

    // docs/BITRIX-SEMANTICS.md §9.10: a hand-set PRICE_DELIVERY without CUSTOM_PRICE_DELIVERY is replaced and reported.
    @Test func aHandSetDeliveryPriceWithoutCustomIsReplacedByTheService() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 1000, quantity: 1)
        let code = order.createShipment(deliveryId: 1)
        _ = try order.setShipmentItemQuantity(shipment: code, basketItem: line, quantity: 1)
        _ = try order.setShipmentField(code, "PRICE_DELIVERY", 1000)
        #expect(order.deliveryPrice == 1000)
        _ = try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(order.deliveryPrice == 2500)
        #expect(order.pendingDiagnostics.map(\.code) == ["EMU_DELIVERY_PRICE_REPLACED"])
    }

    // docs/BITRIX-SEMANTICS.md §9.10: createItem with a service id that does not exist quietly uses "no delivery".
    @Test func anUnknownServiceInCreateShipmentFallsBackToNoDeliveryAndIsReported() {
        var order = Fixture.newOrder()
        let code = order.createShipment(deliveryId: 404)
        #expect(order.shipment(code)?.deliveryId == 3)
        #expect(order.pendingDiagnostics.map(\.code) == ["EMU_UNKNOWN_DELIVERY_SERVICE"])
    }

    // docs/BITRIX-SEMANTICS.md §9.4, §2.7 (K21 `order.php` setBasket → `shipmentcollection.php` resetCollection):
    // setBasket deletes every shipment made before it; the system shipment then holds every quantity.
    @Test func setBasketDeletesTheShipmentsMadeBeforeIt() throws {
        var order = Fixture.newOrder(basket: false)
        order.createShipment(deliveryId: 2)
        var basket = Basket.create(siteId: "s1", context: Fixture.context)
        let line = basket.createItem(moduleId: "", productId: 900)
        _ = try basket.setItemFields(line, ["CURRENCY": "KZT", "CUSTOM_PRICE": "Y", "PRICE": 100, "QUANTITY": 2])
        _ = try order.setBasket(basket)
        #expect(order.shipments.isEmpty)
        #expect(order.systemShipmentItems == [ShipmentItem(basketCode: line, quantity: 2, id: nil)])
        #expect(order.price == 200)
    }

    // Findings B21 (K21 `shipmentcollection.php` isAllowAutoEdit ~L967, `shipmentitemcollection.php:722-728`,
    // `shipment.php` onBasketModify): with exactly one real shipment that is not allowed, shipped or canceled, a new
    // line's quantity goes into it by itself, and its delivery price is recalculated.
    @Test func theLoneRealShipmentTakesANewLinesQuantity() throws {
        var order = Fixture.newOrder()
        let shipment = order.createShipment(deliveryId: 1)
        let line = try Fixture.customLine(&order, price: 1000, quantity: 2)
        #expect(order.shipment(shipment)?.quantity(ofBasketItem: line) == 2)
        #expect(order.systemShipmentItems.isEmpty)
        #expect(order.shipment(shipment)?.priceDelivery == 2500)
        _ = try order.setBasketItemField(line, "QUANTITY", 3)
        #expect(order.shipment(shipment)?.quantity(ofBasketItem: line) == 3)
        // A second real shipment ends the auto-edit: the next line waits in the system shipment.
        order.createShipment(deliveryId: 2)
        let later = try Fixture.customLine(&order, price: 10, quantity: 1)
        #expect(order.systemShipmentItems == [ShipmentItem(basketCode: later, quantity: 1, id: nil)])
    }

    // Findings B21: a new line partly moved by hand follows a decrease without going below zero in the shipment.
    @Test func aDecreaseBelowWhatTheLoneShipmentHoldsEmptiesItAndNoMore() throws {
        var order = Fixture.newOrder()
        let shipment = order.createShipment(deliveryId: 1)
        order.createShipment(deliveryId: 2)  // two shipments while the line is set up: no auto-edit yet
        let line = try Fixture.customLine(&order, price: 10, quantity: 5)
        _ = try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 3)
        _ = try order.deleteShipment(order.shipments[1].code)
        _ = try order.setBasketItemField(line, "QUANTITY", 1)
        #expect(order.shipment(shipment)?.quantity(ofBasketItem: line) == 0)
        #expect(order.systemShipmentItems == [ShipmentItem(basketCode: line, quantity: 1, id: nil)])
    }

    // Findings B21: an allowed (or shipped, or canceled) lone shipment is not edited automatically.
    @Test func anAllowedLoneShipmentIsNotEditedAutomatically() throws {
        var order = Fixture.newOrder()
        let shipment = order.createShipment(deliveryId: 1)
        _ = try order.setShipmentField(shipment, "ALLOW_DELIVERY", "Y")
        let line = try Fixture.customLine(&order, price: 1000, quantity: 2)
        #expect(order.shipment(shipment)?.quantity(ofBasketItem: line) == 0)
        #expect(order.systemShipmentItems.count == 1)
    }

    // docs/BITRIX-SEMANTICS.md §9.5, §3.2, §3.5: items left in the system shipment: the order saves, but it can never
    // be allowed for delivery or shipped, and the real shipment's delivery price does not follow the items.
    @Test func itemsLeftInTheSystemShipmentBlockAllowDeliveryAndShipped() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        // Allowed first, so the lone shipment does not take the new line by itself (B21).
        _ = try complete.order.setShipmentField(complete.shipment, "ALLOW_DELIVERY", "Y")
        let extra = try complete.order.createBasketItem(moduleId: "catalog", productId: 7)
        _ = try complete.order.setBasketItemFields(extra, ["PRODUCT_PROVIDER_CLASS": Fixture.provider, "QUANTITY": 1])
        _ = try complete.order.setShipmentField(complete.shipment, "DEDUCTED", "Y")
        _ = try complete.order.setPaymentField(complete.payment, "SUM", .amount(complete.order.price))
        #expect(!complete.order.isAllowDelivery)
        #expect(!complete.order.isShipped)
        #expect(complete.order.field("DEDUCTED") == .bool(false))
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["EMU_ITEMS_IN_SYSTEM_SHIPMENT"])
        #expect(!complete.order.marked)
    }

    @Test func withEverythingDistributedAllowingAndShippingReachTheOrder() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = try complete.order.setShipmentField(complete.shipment, "ALLOW_DELIVERY", "Y")
        #expect(complete.order.isAllowDelivery)
        _ = try complete.order.setShipmentField(complete.shipment, "DEDUCTED", "Y")
        #expect(complete.order.isShipped)
        #expect(complete.order.field("ALLOW_DELIVERY") == .bool(true))
    }

    // docs/BITRIX-SEMANTICS.md §9.6, §3.3: createItem without setQuantity: a verify warning, the order is marked and
    // the zero item is not saved.
    @Test func aShipmentItemWithoutQuantityWarnsMarksAndIsNotSaved() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        let extra = try Fixture.customLine(&complete.order, price: 100, quantity: 1)
        let second = complete.order.createShipment(deliveryId: 2)
        _ = try complete.order.createShipmentItem(shipment: second, basketItem: extra)
        #expect(complete.order.shipment(second)?.items.map(\.quantity) == [0])
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes.contains("SALE_SHIPMENT_ITEM_ERR_QUANTITY_EMPTY"))
        #expect(complete.order.marked)
        #expect(complete.order.shipment(second)?.items.isEmpty == true)
        #expect(try engine.load(id: try #require(result.id))?.shipment(second)?.items.isEmpty == true)
    }

    // docs/BITRIX-SEMANTICS.md §3.6, §7.3: a shipped shipment cannot be deleted or edited.
    @Test func aShippedShipmentCannotBeDeletedOrGetNewItems() throws {
        var complete = try Fixture.complete(on: Fixture.engine())
        _ = try complete.order.setShipmentField(complete.shipment, "DEDUCTED", "Y")
        #expect(try complete.order.deleteShipment(complete.shipment).errorCodes == ["SALE_SHIPMENT_EXIST_SHIPPED"])
        let extra = try Fixture.customLine(&complete.order, price: 1, quantity: 1)
        let add = try complete.order.createShipmentItem(shipment: complete.shipment, basketItem: extra)
        #expect(add.errorCodes == ["SALE_SHIPMENT_ITEM_SHIPMENT_ALREADY_SHIPPED_CANNOT_EDIT"])
    }

    // docs/BITRIX-SEMANTICS.md §7.3: a canceled order refuses allow-delivery, shipping and delivery price changes.
    @Test(arguments: [
        ("ALLOW_DELIVERY", FieldValue.string("Y"), "SALE_ORDER_ALLOW_DELIVERY_ORDER_CANCELED"),
        ("DEDUCTED", .string("Y"), "SALE_ORDER_SHIPMENT_ORDER_CANCELED"),
        ("PRICE_DELIVERY", .int(10), "SALE_ORDER_PRICE_DELIVERY_ORDER_CANCELED"),
    ])
    func aCanceledOrderRefusesShipmentChanges(name: String, value: FieldValue, code: String) throws {
        var complete = try Fixture.complete(on: Fixture.engine())
        try #require(try complete.order.setField("CANCELED", "Y").isSuccess)
        #expect(try complete.order.setShipmentField(complete.shipment, name, value).errorCodes == [code])
    }
}

/// Fixes found by the core test suite: delivery-price deltas and shipment marking.
@Suite struct ShipmentFollowUpTests {
    let engine = try! SaleEngine(clock: .fixed(Date(timeIntervalSince1970: 1_760_936_400)))

    // docs/BITRIX-SEMANTICS.md §1.6: a PRICE_DELIVERY change adds its delta to the order PRICE, even a hand-set one.
    @Test func aDeliveryPriceChangeMovesAHandSetOrderPriceByItsDelta() throws {
        var order = engine.orderWithBasket(userId: 1)
        let line = try order.createBasketItem(moduleId: "catalog", productId: 5)
        _ = try order.setBasketItemField(line, "QUANTITY", 1)
        let shipment = order.createShipment(deliveryId: 1)
        _ = try order.setField("PRICE", 100)
        _ = try order.setShipmentFields(shipment, ["CUSTOM_PRICE_DELIVERY": "Y", "PRICE_DELIVERY": 2500])
        #expect(order.price == 2600)
    }

    // docs/BITRIX-SEMANTICS.md §3.6: a shipment verify failure marks the shipment, which marks the order.
    @Test func aShipmentWithoutDeliveryServiceIsMarkedAtSave() throws {
        var order = engine.orderWithBasket(userId: 1)
        let line = try order.createBasketItem(moduleId: "catalog", productId: 5)
        _ = try order.setBasketItemField(line, "QUANTITY", 1)
        let shipment = order.createShipment(deliveryId: 1)
        _ = try order.setShipmentField(shipment, "DELIVERY_ID", 0)
        let result = engine.save(&order)
        #expect(result.isSuccess)
        #expect(order.marked)
        #expect(order.shipments[0].marked)
        #expect(order.shipments[0].reasonMarked == "Delivery service is not specified")
    }
}
