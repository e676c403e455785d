import Foundation
import Testing

@testable import BitrixSale

/// The README's "Create and save an order the right way", line for line: if this breaks, the README is wrong.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleSavesACompleteOrderInStrictMode() throws {
        let engine = try SaleEngine(strict: true)
        var order = engine.createOrder(userId: 1)
        order.setPersonTypeId(1)
        let line = order.createBasketItem(moduleId: "catalog", productId: 5)
        try order.setBasketItemFields(line, ["CUSTOM_PRICE": "Y", "PRICE": 14000, "BASE_PRICE": 14000, "QUANTITY": 1])
        let shipment = order.createShipment(deliveryId: 1)
        try order.setShipmentFields(shipment, ["CUSTOM_PRICE_DELIVERY": "Y", "PRICE_DELIVERY": 2500])
        try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 1)
        let payment = order.createPayment(paySystemId: 3)
        try order.setPaymentField(payment, "SUM", .decimal(order.price))
        for (code, value) in ["FIO": "Иван Иванов", "PHONE": "+77015211545", "ADDRESS": "ул. Абая 150"] {
            order.setPropertyValue(value, code: code)
        }
        let result = engine.save(&order)
        #expect(result.isSuccess, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(order.id == 1)
        #expect(order.accountNumber == "1")
        #expect(order.price == 16500)
        #expect(order.basket[0].price == 14000)
        #expect(order.systemShipmentItems.isEmpty)
    }
}
