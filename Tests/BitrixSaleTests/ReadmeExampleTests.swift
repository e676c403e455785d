import Foundation
import Testing

@testable import BitrixSale

/// The README's "Create and save an order the right way", line for line: if this breaks, the README is wrong.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleSavesACompleteOrderInStrictMode() throws {
        let engine = try SaleEngine(strict: true)
        var basket = engine.createBasket()
        let line = basket.createItem(moduleId: "catalog", productId: 5)
        try basket.setItemFields(
            line,
            [
                "PRODUCT_PROVIDER_CLASS": .string(BasketItem.catalogProviderClass), "CUSTOM_PRICE": "Y",
                "PRICE": 14000, "BASE_PRICE": 14000, "QUANTITY": 1,
            ]
        )
        var order = engine.createOrder(userId: 1)
        order.setPersonTypeId(1)
        try order.setBasket(basket)
        let shipment = order.createShipment(deliveryId: 1)
        try order.setShipmentFields(shipment, ["CUSTOM_PRICE_DELIVERY": "Y", "PRICE_DELIVERY": 2500])
        try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 1)
        for (code, value) in ["FIO": "Иван Иванов", "PHONE": "+77015211545", "ADDRESS": "ул. Абая 150"] {
            order.setPropertyValue(value, code: code)
        }
        order.setPropertyValue("21.10.2025", code: "DELIVERY_DATE")
        let payment = order.createPayment(paySystemId: 3)
        try order.setPaymentField(payment, "SUM", .decimal(order.price))
        let result = engine.save(&order)
        #expect(result.isSuccess, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(order.id == 1)
        #expect(order.accountNumber == "1")
        #expect(order.price == 16500)
        #expect(order.basket?.items.first?.price == 14000)
        #expect(order.basket?.items.first?.name == "Букет из 15 роз")  // the provider's name, filled by setBasket
        #expect(order.systemShipmentItems.isEmpty)
    }
}
