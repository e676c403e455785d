import Foundation
import SaleMoney
import Testing

@testable import BitrixSale

/// `BasketItem.Field`: the typed names of K21 `basketitembase.php` getSettableFields, used by the create endpoint.
@Suite struct BasketItemFieldTests {
    @Test func theTypedCallsSetWhatTheStringKeyedCallsSet() throws {
        func build(_ set: (inout Basket, Int) throws -> SaleResult) throws -> (Basket, SaleResult) {
            var basket = Basket.create(siteId: "s1", context: Fixture.context)
            let line = basket.createItem(moduleId: "catalog", productId: 5)
            let result = try set(&basket, line)
            return (basket, result)
        }
        let variants: [(KeyValuePairs<String, FieldValue>, KeyValuePairs<BasketItem.Field, FieldValue>)] = [
            (
                [
                    "QUANTITY": 2, "PRODUCT_PROVIDER_CLASS": Fixture.provider, "PRICE": "10.005", "CUSTOM_PRICE": "Y",
                    "CURRENCY": "KZT", "BASE_PRICE": 12, "NOTES": "for mum",
                ],
                [
                    .quantity: 2, .productProviderClass: Fixture.provider, .price: "10.005", .customPrice: "Y",
                    .currency: "KZT", .basePrice: 12, .notes: "for mum",
                ]
            ),
            (
                ["PRODUCT_PROVIDER_CLASS": Fixture.provider, "QUANTITY": 1],
                [.productProviderClass: Fixture.provider, .quantity: 1]
            ),
            (["PRICE": "дорого", "QUANTITY": 0], [.price: "дорого", .quantity: 0]),
        ]
        for (strings, typed) in variants {
            let (byName, nameResult) = try build { try $0.setItemFields($1, strings) }
            let (byCase, caseResult) = try build { try $0.setItemFields($1, typed) }
            // Each basket line gets its own XML_ID from the context's counter; everything else must match.
            var lines = byCase.items
            for index in lines.indices { lines[index].xmlId = byName.items[index].xmlId }
            #expect(lines == byName.items)
            #expect(lines.count == 1)
            #expect(caseResult.errors == nameResult.errors)
            #expect(caseResult.warnings == nameResult.warnings)
        }
    }

    @Test func everyCaseIsASettableName() {
        #expect(BasketItem.settableFields.count == BasketItem.Field.allCases.count)
        for field in BasketItem.Field.allCases {
            #expect(BasketItem.settableFields.contains(field.rawValue))
        }
        #expect(BasketItem.Field(rawValue: "MODULE") == nil)
    }
}
