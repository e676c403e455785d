import Foundation
import SaleJSON
import SaleMoney
import Testing
import TestSupport

@Suite struct AmountTests {
    static let posix = Locale(identifier: "en_US_POSIX")
    static let limit = Decimal(string: "99999999999999.9999", locale: posix)!

    /// What `Decimal` says `literal` should give: the amount's plain text, or the error code.
    enum Expected {
        case text(String)
        case refused(AmountError.Code)
    }

    static func oracle(_ literal: String) -> Expected? {
        guard let value = Decimal(string: literal, locale: posix) else { return nil }
        let magnitude = value < 0 ? -value : value
        if magnitude > limit { return .refused(.outOfRange) }
        var scaled = value * 10_000
        var whole = Decimal()
        NSDecimalRound(&whole, &scaled, 0, .plain)
        if whole != scaled { return .refused(.tooPrecise) }
        return .text(JSONNumber.plainText(value))
    }

    static func randomLiteral(_ generator: inout SeededGenerator) -> String {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in "0123456789000".randomElement(using: &generator)! })
        }
        var text = ["", "", "-"].randomElement(using: &generator)!
        let integer = digits(Int.random(in: 1...16, using: &generator))
        text += Bool.random(using: &generator) ? String(integer.drop { $0 == "0" }).ifEmpty("0") : integer
        if Bool.random(using: &generator) { text += "." + digits(Int.random(in: 1...7, using: &generator)) }
        if Int.random(in: 0..<4, using: &generator) == 0 {
            text += ["e", "E"].randomElement(using: &generator)! + ["", "+", "-"].randomElement(using: &generator)!
            text += String(Int.random(in: 0...20, using: &generator))
        }
        return text
    }

    @Test func parsingAgreesWithDecimalOnThousandsOfSeededLiterals() throws {
        var generator = SeededGenerator(seed: 4)
        var checked = 0
        var outcomes: [String: Int] = [:]
        for _ in 0..<5000 {
            let literal = Self.randomLiteral(&generator)
            guard let expected = Self.oracle(literal) else {
                Issue.record("Decimal cannot read \(literal)")
                continue
            }
            switch (expected, Result { () throws(AmountError) in try Amount(parsing: literal) }) {
            case (.text(let text), .success(let amount)):
                #expect(amount.plainText == text, "\(literal)")
                // The written text reads back as the same amount.
                #expect(try Amount(parsing: amount.plainText) == amount)
                outcomes["ok", default: 0] += 1
            case (.refused(let code), .failure(let error)):
                #expect(error.code == code, "\(literal): \(error)")
                outcomes[code.name, default: 0] += 1
            case (let expected, let actual):
                Issue.record("\(literal): expected \(expected), got \(actual)")
            }
            checked += 1
        }
        #expect(checked == 5000)
        // The seeded cases reach every outcome, many times.
        #expect(outcomes["ok", default: 0] > 1000)
        #expect(outcomes["too_precise", default: 0] > 100)
        #expect(outcomes["out_of_range", default: 0] > 100)
    }

    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("0.0000", "0"), ("15000", "15000"), ("15000.00", "15000"), ("-12.50", "-12.5"),
        ("1.5e3", "1500"), ("125E-2", "1.25"), ("1e-4", "0.0001"), ("0015.50", "15.5"), ("+3", "3"),
        ("99999999999999.9999", "99999999999999.9999"), ("-99999999999999.9999", "-99999999999999.9999"),
        ("1.50000000000000000000000000", "1.5"), ("0e999999999999", "0"), ("0.00000000000000000000001e23", "1"),
        ("12345678901234.5678", "12345678901234.5678"),
    ])
    func theParserReadsEveryForm(_ literal: String, _ text: String) throws {
        #expect(try Amount(parsing: literal).plainText == text)
    }

    @Test(arguments: [
        ("", AmountError.Code.syntax), ("-", .syntax), ("1.", .syntax), (".5", .syntax), ("1e", .syntax),
        ("1e+", .syntax), ("12a", .syntax), ("1,5", .syntax), (" 1", .syntax), ("--1", .syntax), ("0x10", .syntax),
        ("1.00001", .tooPrecise), ("0.00001", .tooPrecise), ("1e-5", .tooPrecise),
        ("1.0000000000000000000000001", .tooPrecise), ("100000000000000", .outOfRange), ("1e14", .outOfRange),
        ("-1e14", .outOfRange), ("9e999999999999999999", .outOfRange), ("1e-999999999999999999", .tooPrecise),
        ("123456789012345678901234567890", .outOfRange),
    ])
    func badTextIsRefusedWithAClearError(_ literal: String, _ code: AmountError.Code) {
        #expect {
            try Amount(parsing: literal)
        } throws: { error in
            guard let error = error as? AmountError else { return false }
            return error.code == code && (literal.isEmpty || error.description.contains(String(literal.prefix(40))))
        }
    }

    @Test func errorsNameTheValueAndWhatWasExpected() {
        #expect(AmountError(.tooPrecise, "1.00001").description == "1.00001 has more than 4 decimal places")
        #expect(
            AmountError(.syntax, "12a").description
                == "\"12a\" is not a decimal number (expected [-]digits[.digits][e[+-]digits])"
        )
        #expect(AmountError(.outOfRange, String(repeating: "9", count: 60)).subject.count == 41)
    }

    @Test func productsRoundHalfAwayFromZeroAsDecimalDoes() throws {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<4000 {
            let price = Amount(minorUnits: Int64.random(in: -999_999_999...999_999_999, using: &generator))!
            let quantity = Amount(minorUnits: Int64.random(in: -99_999...999_999, using: &generator))!
            let places = Int.random(in: 0...4, using: &generator)
            var exact =
                Decimal(string: price.plainText, locale: Self.posix)! * Decimal(
                    string: quantity.plainText,
                    locale: Self.posix
                )!
            var rounded = Decimal()
            NSDecimalRound(&rounded, &exact, places, .plain)
            let product = try price.multiplied(by: quantity, roundingTo: places)
            #expect(product.plainText == JSONNumber.plainText(rounded), "\(price) × \(quantity) to \(places)")
        }
    }

    @Test func halvesRoundAwayFromZero() throws {
        let half = try Amount(parsing: "0.5")
        #expect(try half.rounded(toPlaces: 0).plainText == "1")
        #expect(try half.negated.rounded(toPlaces: 0).plainText == "-1")
        #expect(try Amount(parsing: "2.345").rounded(toPlaces: 2).plainText == "2.35")
        #expect(try Amount(parsing: "-2.345").rounded(toPlaces: 2).plainText == "-2.35")
        #expect(try Amount(parsing: "2.3449").rounded(toPlaces: 2).plainText == "2.34")
        #expect(try Amount(parsing: "1.005").multiplied(by: Amount(parsing: "1"), roundingTo: 2).plainText == "1.01")
    }

    @Test func arithmeticOutsideTheRangeIsAnErrorNotATrap() throws {
        #expect(throws: AmountError.self) { try Amount.max.adding(Amount(minorUnits: 1)!) }
        #expect(throws: AmountError.self) { try Amount.min.subtracting(Amount(minorUnits: 1)!) }
        #expect(throws: AmountError.self) { try Amount.max.multiplied(by: Amount.max) }
        #expect(throws: AmountError.self) { try Amount.max.multiplied(by: 2) }
        #expect(throws: AmountError.self) { try Amount.max.rounded(toPlaces: 0) }
        #expect(try Amount.max.subtracting(Amount.max) == .zero)
        #expect(try Amount(parsing: "1500").multiplied(by: 3).plainText == "4500")
        #expect(Amount(minorUnits: Amount.maxMinorUnits + 1) == nil)
        #expect(Amount(units: Int.max) == nil)
        #expect(Amount(units: 15000)?.minorUnits == 150_000_000)
        #expect(try Amount(parsing: "2") > Amount(parsing: "1.9999"))
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}

extension AmountTests {
    @Test func theInPlaceWriterSpellsWhatPlainTextSpells() throws {
        var generator = SeededGenerator(seed: 41)
        var buffer = [UInt8](repeating: 0, count: Amount.maxTextLength)
        let edges: [Int64] = [0, 1, -1, 9_999, 10_000, -10_000, 10_001, Amount.maxMinorUnits, -Amount.maxMinorUnits]
        let random = (0..<3_000)
            .map { _ in Int64.random(in: -Amount.maxMinorUnits...Amount.maxMinorUnits, using: &generator) }
        for minor in edges + random {
            let amount = Amount(minorUnits: minor)!
            let count = buffer.withUnsafeMutableBufferPointer { amount.write(to: $0.baseAddress!) }
            #expect(String(decoding: buffer[..<count], as: UTF8.self) == amount.plainText, "\(minor)")
            #expect(try Amount(parsing: amount.plainText) == amount)
        }
    }

    @Test func saturatingArithmeticClampsAtTheBoundsAndIsExactInside() throws {
        #expect(Amount.max.saturatingAdding(0.0001) == .max)
        #expect(Amount.min.saturatingSubtracting(1) == .min)
        #expect(Amount.max.saturatingMultiplied(by: 2) == .max)
        #expect(Amount.max.negated.saturatingMultiplied(by: 2) == .min)
        #expect(Amount.max.isAtBound && Amount.min.isAtBound && !Amount.zero.isAtBound)
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<2_000 {
            let a = Amount(minorUnits: Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator))!
            let b = Amount(minorUnits: Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator))!
            let places = Int.random(in: 0...4, using: &generator)
            #expect(a.saturatingAdding(b) == (try a.adding(b)))
            #expect(a.saturatingSubtracting(b) == (try a.subtracting(b)))
            #expect(a.saturatingMultiplied(by: b, roundingTo: places) == (try a.multiplied(by: b, roundingTo: places)))
            #expect(a.saturatingRounded(toPlaces: places) == (try a.rounded(toPlaces: places)))
        }
    }

    @Test func literalsAreExactAndTruncatedUnitsDropTheFraction() {
        let literals: [(Amount, Int64)] = [
            (12.5, 125_000), (0.1, 1_000), (123456789012.34, 1_234_567_890_123_400), (-0.0001, -1),
            (15000, 150_000_000),
        ]
        for (amount, minor) in literals { #expect(amount.minorUnits == minor) }
        #expect((12.99 as Amount).truncatedUnits == 12)
        #expect((-12.99 as Amount).truncatedUnits == -12)
    }
}
