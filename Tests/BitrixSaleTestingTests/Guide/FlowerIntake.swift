import BitrixSale
import Foundation
import SaleMoney

// The intake code of the guide "Testing create-order code" (Sources/BitrixSaleTesting/BitrixSaleTesting.docc):
// what a shop writes to turn its checkout form into a Bitrix order. Tested twice, without the testing product
// (IntakeTestsWithoutProduct.swift) and with it (IntakeTestsWithProduct.swift).

/// The shop's checkout form.
struct IntakeForm: Sendable {
    var userId = 1
    var phone = "+77015211545"
    var name = "Иван Иванов"
    var address = "ул. Абая 150"
    /// Product id → quantity.
    var items: [Int: Int] = [5: 1]
    var pickup = false
    /// `YYYY-MM-DD`.
    var date: String? = "2025-10-21"
    var payment = "kaspi"
    var giftNote: String?
}

/// Why the intake refused a form.
enum IntakeError: Error, Equatable {
    case emptyBasket
    case unknownPayment(String)
    case rejected([String])
}

/// Turns forms into saved orders, the way docs/CREATE-ENDPOINT.md shows.
struct FlowerIntake {
    let engine: SaleEngine

    func create(_ form: IntakeForm) throws -> (order: Order, result: SaleResult) {
        guard !form.items.isEmpty else { throw IntakeError.emptyBasket }
        guard let paySystem = engine.site.paySystems.first(where: { $0.code == form.payment }) else {
            throw IntakeError.unknownPayment(form.payment)
        }
        var edits = SaleResult()
        var basket = engine.createBasket()
        var lines: [(code: Int, quantity: Int)] = []
        for (productId, quantity) in form.items.sorted(by: { $0.key < $1.key }) {
            let line = basket.createItem(moduleId: "catalog", productId: productId)
            let fields: KeyValuePairs<String, FieldValue> = [
                "PRODUCT_PROVIDER_CLASS": .string(BasketItem.catalogProviderClass), "QUANTITY": .int(quantity),
            ]
            edits.merge(try basket.setItemFields(line, fields))
            lines.append((line, quantity))
        }
        var order = engine.createOrder(userId: .int(form.userId))
        edits.merge(order.setPersonTypeId(1))
        edits.merge(try order.setBasket(basket))
        let shipment = order.createShipment(deliveryId: form.pickup ? 2 : 1)
        for line in lines {
            let quantity = Amount(units: line.quantity)!
            edits.merge(
                try order.setShipmentItemQuantity(shipment: shipment, basketItem: line.code, quantity: quantity)
            )
        }
        var properties = ["FIO": form.name, "PHONE": form.phone, "ADDRESS": form.address]
        if let note = form.giftNote { properties["GIFT_NOTE"] = note }
        if let date = form.date {
            let parts = date.split(separator: "-")
            properties["DELIVERY_DATE"] = parts.count == 3 ? "\(parts[2]).\(parts[1]).\(parts[0])" : date
        }
        for (code, value) in properties.sorted(by: { $0.key < $1.key }) {
            edits.merge(order.setPropertyValue(value, code: code))
        }
        let payment = order.createPayment(paySystemId: paySystem.id)
        edits.merge(try order.setPaymentField(payment, "SUM", .amount(order.price)))
        guard edits.isSuccess else { throw IntakeError.rejected(edits.errors.map(\.code)) }
        var result = engine.save(&order)
        for warning in edits.warnings where !result.warnings.contains(warning) { result.addWarning(warning) }
        return (order, result)
    }

    /// One line for the florist's screen: `№1 · 17500 KZT · courier · not paid`, or nil for an unknown order.
    func summary(orderId: Int) throws -> String? {
        guard let order = try engine.load(id: orderId) else { return nil }
        let delivery = order.deliveryId == 2 ? "pickup" : "courier"
        let paid = order.isPaid ? "paid" : "not paid"
        return "№\(order.accountNumber ?? "?") · \(order.price) \(order.data.currency ?? "") · \(delivery) · \(paid)"
    }
}
