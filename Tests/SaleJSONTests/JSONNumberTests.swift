import Foundation
import SaleJSON
import Testing

@Suite("JSONNumber")
struct JSONNumberTests {
    static let big = "123456789012345678901234567890123456789012345"

    @Test(
        "numbers with the same value are equal and hash equally",
        arguments: [
            ("15000", "15000.0"), ("15000", "1.5e4"), ("15000.0", "1.5E+4"), ("15000", "150e2"),
            ("-0", "0"), ("-0.0", "0e10"), ("0.10", "1e-1"), ("100", "1E2"), ("0.000", "0"),
            ("12500.50", "12500.5"), ("-3.133", "-3133e-3"), ("1e200", "10e199"), ("1e-200", "0.1e-199"),
            (big, big + ".000"), (big, "1.23456789012345678901234567890123456789012345e44"),
        ]
    )
    func equalByValue(_ a: String, _ b: String) {
        let lhs = JSONNumber(literal: a)
        let rhs = JSONNumber(literal: b)
        #expect(lhs == rhs)
        #expect(hashOf(lhs) == hashOf(rhs))
        #expect(JSONValue.number(lhs) == .number(rhs))
        #expect(hashOf(JSONValue.number(lhs)) == hashOf(JSONValue.number(rhs)))
        #expect(Set([lhs, rhs]).count == 1)
    }

    @Test(
        "numbers with different values are different",
        arguments: [
            ("1", "-1"), ("0.1", "0.10000000000000001"), ("15000", "15000.0000000000000000000000000000000000001"),
            (big, "123456789012345678901234567890123456789012346"), ("1e200", "1.0000000000000001e200"),
            ("1e-200", "1e-201"), ("12500.5", "12500.05"),
        ]
    )
    func differentValues(_ a: String, _ b: String) {
        #expect(JSONNumber(literal: a) != JSONNumber(literal: b))
        #expect(Set([JSONNumber(literal: a), JSONNumber(literal: b)]).count == 2)
    }

    @Test(
        ".int gives the value when integral and in range, else nil, and never traps",
        arguments: [
            ("0", 0), ("-0", 0), ("2.0", 2), ("2.5", nil), ("1e3", 1000), ("-3e2", -300), ("25e-1", nil),
            ("9223372036854775807", Int.max), ("9223372036854775808", nil), ("-9223372036854775808", Int.min),
            ("-9223372036854775809", nil), ("92233720368547758070e-1", Int.max), ("9.223372036854775808e18", nil),
            ("1e18", 1_000_000_000_000_000_000), ("1e19", nil), ("1e30", nil), ("-1e30", nil), ("1e400", nil),
            ("1e-200", nil), ("0.000", 0), ("123.456e1000000000000", nil), (big, nil),
            (String(repeating: "9", count: 400), nil), ("-" + String(repeating: "9", count: 399), nil),
        ] as [(String, Int?)]
    )
    func intConversion(_ literal: String, _ expected: Int?) {
        #expect(JSONNumber(literal: literal).int == expected)
    }

    @Test(
        ".isIntegral holds for integral values however large",
        arguments: [
            ("0", true), ("-0.0", true), ("2.0", true), ("2.5", false), ("1e3", true), ("25e-1", false),
            ("1e200", true), ("1e-200", false), (big, true), (big + ".5", false), ("1.5e1", true),
        ]
    )
    func integral(_ literal: String, _ expected: Bool) {
        #expect(JSONNumber(literal: literal).isIntegral == expected)
    }

    @Test(
        "plainText writes a Decimal without exponent or trailing zeros",
        arguments: [
            ("0", "0"), ("-0", "0"), ("0.000", "0"), ("-5", "-5"), ("0.01", "0.01"), ("-0.01", "-0.01"),
            ("12500.5", "12500.5"), ("12500.500", "12500.5"), ("1e20", "100000000000000000000"), ("100", "100"),
            ("1.000", "1"), ("-123.4500", "-123.45"), ("0.000001", "0.000001"), ("1e-10", "0.0000000001"),
            ("12345678901234.56", "12345678901234.56"), ("3.133", "3.133"), ("1500e-2", "15"),
            ("99999999999999999999999999999999999999", "99999999999999999999999999999999999999"),
        ]
    )
    func plainText(_ decimalText: String, _ expected: String) throws {
        let decimal = try #require(Decimal(string: decimalText, locale: Locale(identifier: "en_US_POSIX")))
        #expect(JSONNumber.plainText(decimal) == expected)
        #expect(JSONNumber(decimal).literal == expected)
        #expect(JSONNumber(decimal).decimal == decimal)
    }

    @Test("plainText of computed Decimals", arguments: [(Decimal(12500) / 4, "3125"), (Decimal(1) / 8, "0.125")])
    func plainTextOfComputed(_ decimal: Decimal, _ expected: String) {
        #expect(JSONNumber.plainText(decimal) == expected)
        #expect(JSONNumber.plainText(-decimal) == "-" + expected)
    }

    @Test(
        ".decimal is exact and never goes through Double",
        arguments: ["0.1", "3.133", "12345678901234.56", "0.3", "-19.99", "99999999999999999999999999.99", "1e-20"]
    )
    func decimalIsExact(_ literal: String) throws {
        let decimal = try #require(JSONNumber(literal: literal).decimal)
        #expect(decimal == Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")))
        #expect(JSONNumber(decimal) == JSONNumber(literal: literal))
        #expect(JSONNumber(decimal).literal == JSONNumber.plainText(decimal))
    }

    @Test(
        ".decimal is nil when a Decimal cannot hold the value exactly",
        arguments: [
            "123456789012345678901234567890123456789012345", "1e200", "1e-200",
            "0.1234567890123456789012345678901234567891",
        ]
    )
    func decimalOutOfRange(_ literal: String) {
        #expect(JSONNumber(literal: literal).decimal == nil)
    }

    @Test("keeps the literal and describes itself by it")
    func keepsLiteral() {
        #expect(JSONNumber(literal: "1.50E+3").description == "1.50E+3")
        #expect(JSONNumber(42).literal == "42")
        #expect(JSONNumber(-7).literal == "-7")
        #expect(JSONNumber(Int.min).literal == "-9223372036854775808")
        #expect(JSONNumber(literal: "0.5").double == 0.5)
    }
}

@Suite("JSONValue")
struct JSONValueTests {
    @Test("objects are equal whatever the member order, and hash equally")
    func objectOrderIgnored() {
        let a: JSONValue = ["x": 1, "y": [1, 2], "z": ["p": nil, "q": "r"]]
        let b: JSONValue = ["z": ["q": "r", "p": nil], "x": 1, "y": [1, 2]]
        #expect(a == b)
        #expect(hashOf(a) == hashOf(b))
        #expect(Set([a, b]).count == 1)
    }

    @Test("the last duplicate key wins in equality, hashing and lookup")
    func lastDuplicateWins() {
        let duplicated: JSONValue = .object([("a", 1), ("b", 2), ("a", 3)])
        let plain: JSONValue = ["b": 2, "a": 3]
        #expect(duplicated == plain)
        #expect(hashOf(duplicated) == hashOf(plain))
        #expect(duplicated != ["a": 1, "b": 2])
        #expect(duplicated["a"] == 3)
    }

    @Test("numbers compare by value inside containers")
    func numbersInsideContainers() {
        let a: JSONValue = [
            "total": .number(JSONNumber(literal: "15000")), "list": [.number(JSONNumber(literal: "1.0"))],
        ]
        let b: JSONValue = ["total": .number(JSONNumber(literal: "1.5e4")), "list": [1]]
        #expect(a == b)
        #expect(hashOf(a) == hashOf(b))
    }

    @Test(
        "values of different kinds or contents differ",
        arguments: [
            (JSONValue.null, JSONValue.bool(false)), (0, false), ("1", 1), ([], [:]), ([1, 2], [2, 1]),
            (["a": 1], ["a": 1, "b": 2]), (["a": nil], [:]),
        ] as [(JSONValue, JSONValue)]
    )
    func differentValues(_ a: JSONValue, _ b: JSONValue) {
        #expect(a != b)
    }

    @Test("strings and keys compare by code points, not by Unicode canonical equivalence")
    func stringsCompareByCodePoints() {
        let composed: JSONValue = "\u{E9}"
        let decomposed: JSONValue = "e\u{301}"
        #expect(composed != decomposed)
        #expect(JSONValue.object([("\u{E9}", 1)]) != .object([("e\u{301}", 1)]))
        // Two members, not a duplicate: the last one does not replace the first.
        let both: JSONValue = .object([("\u{E9}", 1), ("e\u{301}", 2)])
        #expect(both != .object([("e\u{301}", 2)]))
        #expect(both == .object([("e\u{301}", 2), ("\u{E9}", 1)]))
        #expect(hashOf(both) == hashOf(JSONValue.object([("e\u{301}", 2), ("\u{E9}", 1)])))
        #expect(both["\u{E9}"] == 1)
        #expect(both["e\u{301}"] == 2)
    }

    @Test("accessors return the payload of the matching case only")
    func accessors() {
        let object: JSONValue = ["s": "text", "n": 5, "b": true, "a": [nil], "o": [:]]
        #expect(object["s"]?.stringValue == "text")
        #expect(object["n"]?.numberValue?.int == 5)
        #expect(object["b"]?.boolValue == true)
        #expect(object["a"]?.arrayValue == [.null])
        #expect(object["a"]?.arrayValue?.first?.isNull == true)
        #expect(object["o"]?.objectMembers?.isEmpty == true)
        #expect(object["missing"] == nil)
        #expect(object["s"]?.numberValue == nil)
        #expect(JSONValue.array([])["s"] == nil)
        #expect(
            [JSONValue.null, true, 1, "s", [], [:]].map(\.typeName)
                == ["null", "boolean", "number", "string", "array", "object"]
        )
        #expect(JSONValue.int(3) == 3)
        #expect(JSONValue.object(["k": 1, "j": 2] as KeyValuePairs).objectMembers?.map(\.key) == ["k", "j"])
    }
}
