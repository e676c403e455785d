import Foundation
import Testing

@testable import BitrixSale

/// The README's "Create and save an order the right way", line for line: if this breaks, the README is wrong.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleSavesACompleteOrderInStrictMode() throws {
        // README begin
        let engine = try SaleEngine(strict: true)
        var edits = SaleResult()
        var basket = engine.createBasket()
        let line = basket.createItem(moduleId: "catalog", productId: 5)
        edits.merge(
            try basket.setItemFields(
                line,
                [
                    "PRODUCT_PROVIDER_CLASS": .string(BasketItem.catalogProviderClass),
                    "CUSTOM_PRICE": "Y", "PRICE": 14000, "BASE_PRICE": 14000, "QUANTITY": 1,
                ]
            )
        )
        var order = engine.createOrder(userId: 1)
        edits.merge(order.setPersonTypeId(1))
        edits.merge(try order.setBasket(basket))
        let shipment = order.createShipment(deliveryId: 1)
        edits.merge(try order.setShipmentFields(shipment, ["CUSTOM_PRICE_DELIVERY": "Y", "PRICE_DELIVERY": 2500]))
        edits.merge(try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 1))
        for (code, value) in ["FIO": "Иван Иванов", "PHONE": "+77015211545", "ADDRESS": "ул. Абая 150"] {
            edits.merge(order.setPropertyValue(value, code: code))
        }
        edits.merge(order.setPropertyValue("21.10.2025", code: "DELIVERY_DATE"))
        let payment = order.createPayment(paySystemId: 3)
        edits.merge(try order.setPaymentField(payment, "SUM", .amount(order.price)))
        let result = engine.save(&order)
        // README end
        #expect(edits.isSuccess, "\(edits.errors)")
        #expect(edits.warnings.isEmpty, "\(edits.warnings)")
        #expect(result.isSuccess, "\(result.errors)")
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(order.id == 1)
        #expect(order.accountNumber == "1")
        #expect(order.price == 16500)
        #expect(order.basket?.items.first?.price == 14000)
        #expect(order.basket?.items.first?.name == "Букет из 15 роз")  // the provider's name, filled by setBasket
        #expect(order.systemShipmentItems.isEmpty)
    }

    /// The code between `README begin` and `README end` above is the README's block (comments, spacing, trailing
    /// commas and the final `print` aside), so the test above runs what the README shows.
    @Test func theTestRunsTheREADMEsCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```swift\nimport BitrixSale\n").dropFirst().first)
            .components(separatedBy: "\nprint(").first
        let body = try #require(test.components(separatedBy: "// README begin\n").dropFirst().first)
            .components(separatedBy: "// README end").first
        #expect(Self.normalized(try #require(block)) == Self.normalized(try #require(body)))
        #expect(Self.normalized(try #require(block)).count > 500)
    }

    /// Without `//` comments, whitespace and trailing commas.
    static func normalized(_ code: String) -> String {
        let lines = code.split(separator: "\n")
            .map { line in
                line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
            }
        return lines.joined().filter { !$0.isWhitespace }.replacingOccurrences(of: ",]", with: "]")
    }
}
