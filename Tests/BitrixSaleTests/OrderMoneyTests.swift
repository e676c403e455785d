import Foundation
import SaleMoney
import Testing
import TestSupport

@testable import BitrixSale

/// Money and quantities in the model are `Amount`s: `decimal(18,4)`, the columns of `b_sale_basket`, `b_sale_order`,
/// `b_sale_order_delivery` and `b_sale_order_payment` (docs/DESIGN.md "Exact amounts").
@Suite struct OrderMoneyTests {
    // A18 `install.sql` (b_sale_basket.QUANTITY/PRICE decimal(18,4)), K21 `basketitembase.php` setField: PHP keeps a
    // float until MySQL's decimal(18,4) column rounds it, so more than four places are rounded, not refused.
    @Test func textWithMoreThanFourPlacesIsRoundedAsTheColumnRoundsIt() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 1)
        #expect(try order.setBasketItemField(line, "QUANTITY", "1.23456").isSuccess)
        #expect(order.basketItem(line)?.quantity == dec("1.2346"))
        #expect(try order.setBasketItemField(line, "QUANTITY", ".00005").isSuccess)
        #expect(order.basketItem(line)?.quantity == dec("0.0001"))
        // PRICE is rounded to the site precision (2) from the exact text, not from a float.
        #expect(try order.setBasketItemField(line, "PRICE", "10.00499999").isSuccess)
        #expect(order.basketItem(line)?.price == 10)
        #expect(try order.setBasketItemField(line, "PRICE", "10.005").isSuccess)
        #expect(order.basketItem(line)?.price == dec("10.01"))
    }

    // A18 `install.sql`, K21 `internals/entity.php` save: beyond decimal(18,4) the INSERT fails; refused when set.
    @Test func aNumberBeyondTheColumnIsRefusedNamingTheRange() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 100, quantity: 1)
        let result = try order.setBasketItemField(line, "PRICE", "1e20")
        #expect(
            result.errors.map(\.message) == [
                "PRICE is out of range for decimal(18,4) (at most 99999999999999.9999), got \"1e20\""
            ]
        )
        #expect(order.basketItem(line)?.price == 100)
        let text = try order.setBasketItemField(line, "PRICE", "дорого")
        #expect(text.errors.map(\.message) == ["PRICE must be a number, got \"дорого\""])
    }

    // K21 `orderbase.php` save → `internals/order.php` add: a derived total saturates instead of trapping or wrapping;
    // the save refuses it as MySQL refuses the INSERT.
    @Test func aTotalBeyondTheColumnSaturatesAndTheSaveRefusesIt() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        let line = complete.line
        _ = try complete.order.setBasketItemFields(line, ["CUSTOM_PRICE": "Y", "PRICE": "99999999999999"])
        _ = try complete.order.setBasketItemField(line, "QUANTITY", 100)
        #expect(complete.order.basketPrice == .max)
        #expect(complete.order.price == .max)
        let result = engine.save(&complete.order)
        #expect(!result.isSuccess)
        #expect(
            result.errors.contains {
                $0.field == "PRICE" && $0.message.hasPrefix("Out of range value for column 'PRICE'")
            }
        )
    }

    @Test func amountsCompareLooselyWithIntegersAndText() {
        #expect(FieldValue.amount(10).looselyEquals(.int(10)))
        #expect(FieldValue.int(10).looselyEquals(.amount(10)))
        #expect(FieldValue.amount(12.5).looselyEquals("12.50"))
        #expect(!FieldValue.amount(12.5).looselyEquals("12.51"))
        #expect(FieldValue.amount(12.5).text == "12.5")
        #expect(FieldValue.amount(-7.9).intval == -7)
        #expect(FieldValue.string("1.00001").amountValue() == 1)
        #expect(FieldValue.string(" 2.5 ").amountValue() == 2.5)
        #expect(FieldValue.string("1e20").amountValue() == nil)
    }
}

extension OrderMoneyTests {
    /// `Money.parse`'s quick refusal changes no answer: held to the trim-then-check it skips.
    @Test func theQuickRefusalOfNonNumbersAnswersAsTheFullCheck() {
        func reference(_ text: String) -> Decimal? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty,
                trimmed.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || "+-.eE".unicodeScalars.contains($0) })
            else { return nil }
            guard let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")), value.isFinite
            else { return nil }
            return value
        }
        let alphabet = ["1", "2", "0", ".", "-", "+", "e", "E", " ", "\t", "\n", "\u{00A0}", "\u{2003}", "a", "Р", "é"]
        var generator = SeededGenerator(seed: 5)
        var numbers = 0
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator))
                .map { _ in alphabet.randomElement(using: &generator)! }
                .joined()
            let expected = reference(text)
            if expected != nil { numbers += 1 }
            #expect(Money.parse(text) == expected, "\(text.debugDescription)")
        }
        #expect(numbers > 200)
    }
}
