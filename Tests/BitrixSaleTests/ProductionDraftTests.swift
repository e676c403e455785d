import Foundation
import Testing

@testable import BitrixSale

/// Replays the production PHP draft of `POST /api/v2/orders/create` (seed-order-endpoints-findings.md) call by call
/// and shows each thing it gets wrong through the engine's diagnostics (bitrix-semantics.md §9).
@Suite struct ProductionDraftTests {
    let engine = try! SaleEngine(clock: .fixed(Date(timeIntervalSince1970: 1_760_940_000)))

    @Test func theDraftSavesButTheDiagnosticsNameEveryDegradation() throws {
        // $order = Order::create(SITE_ID, $payload['customer_phone']);  — a phone where a user id belongs (§9.1)
        var order = engine.createOrder(userId: "+77015211545")
        // $order->setPersonTypeId(1);
        order.setPersonTypeId(1)
        // foreach items: createItem('catalog', id); setField('QUANTITY'); setField('PRICE') — no CUSTOM_PRICE (§9.2)
        let line = order.createBasketItem(moduleId: "catalog", productId: 5)
        try order.setBasketItemField(line, "QUANTITY", 1)
        try order.setBasketItemField(line, "PRICE", 14000)
        // $shipment = $shipmentCollection->createItem(); $shipment->setField('DELIVERY_ID', 1);  — no items (§9.5)
        let shipment = order.createShipment()
        try order.setShipmentField(shipment, "DELIVERY_ID", 1)
        // properties: getAddress(), then by code; FIO and PHONE never set (§9.8, §9.9)
        let address = try #require(order.propertyCollection().address)
        order.setPropertyValue("ул. Абая 150, кв 25", propertyId: address.propertyId)
        order.setPropertyValue("2025-10-21", code: "DELIVERY_DATE")
        order.setPropertyValue("14:00-16:00", code: "DELIVERY_TIME")
        order.setPropertyValue("Мария Петрова", code: "RECIPIENT_NAME")
        order.setPropertyValue("999", code: "RAILWAY_ORDER_ID")
        // $order->save();  — no payment
        let result = engine.save(&order)

        #expect(result.isSuccess)
        #expect(result.id == 1)
        let codes = Set(result.warnings.map(\.code))
        #expect(codes.contains("EMU_USER_NOT_FOUND"))  // USER_ID 77015211545 is a phone
        #expect(codes.contains("EMU_PRICE_NOT_CUSTOM"))  // 14000 survives only until the next refresh
        #expect(codes.contains("EMU_ITEMS_IN_SYSTEM_SHIPMENT"))  // the courier shipment is empty
        #expect(codes.contains("EMU_REQUIRED_PROPERTY_EMPTY"))  // FIO and PHONE
        #expect(codes.contains("EMU_NO_PAYMENT"))
        #expect(order.userId == 77_015_211_545)
        #expect(order.price == 14000)
        #expect(order.deliveryPrice == 0)
        #expect(order.systemShipmentItems.count == 1)
        #expect(order.accountNumber == "1")
        #expect(order.shipments[0].accountNumber == "1/2")
    }

    @Test func strictModeRefusesTheDraftAndStoresNothing() throws {
        var order = engine.createOrder(userId: "+77015211545")
        order.setPersonTypeId(1)
        let line = order.createBasketItem(moduleId: "catalog", productId: 5)
        try order.setBasketItemField(line, "QUANTITY", 1)
        let result = engine.save(&order, strict: true)
        #expect(!result.isSuccess)
        #expect(order.isNew)
        #expect(engine.list(OrderQuery()).total == 0)
    }
}
