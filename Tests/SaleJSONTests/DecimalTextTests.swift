import Foundation
import SaleJSON
import Testing
import TestSupport

@Suite struct DecimalTextTests {
    /// The expected plain text of a decimal literal `[-]digits[.digits]`: no leading zeros, no trailing fraction zeros,
    /// `0` for zero (computed on the text, independently of `Decimal`).
    static func plain(_ literal: String) -> String {
        let negative = literal.hasPrefix("-")
        let body = negative ? String(literal.dropFirst()) : literal
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0].drop { $0 == "0" })
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if integer.isEmpty { integer = "0" }
        let text = fraction.isEmpty ? integer : integer + "." + fraction
        return text == "0" ? "0" : (negative ? "-" : "") + text
    }

    @Test func decimalsReadFromTheirBytesWriteTheirExactPlainText() throws {
        #expect(DecimalText.isLayoutKnown)
        var generator = SeededGenerator(seed: 2026)
        var literals = [
            "0", "-0", "0.000", "1", "-1", "10", "100000", "0.01", "-0.01", "12500.5", "18446744073709551615",
        ]
        for _ in 0..<3000 {
            let integerDigits = Int.random(in: 0...10, using: &generator)
            let fractionDigits = Int.random(in: 0...6, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            text +=
                integerDigits == 0
                ? "0" : String((0..<integerDigits).map { _ in "0123456789".randomElement(using: &generator)! })
            if fractionDigits > 0 {
                text += "." + String((0..<fractionDigits).map { _ in "0123456789".randomElement(using: &generator)! })
            }
            literals.append(text)
        }
        for literal in literals {
            let value = try #require(Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")))
            var out: [UInt8] = []
            #expect(DecimalText.append(value, to: &out))
            #expect(String(decoding: out, as: UTF8.self) == Self.plain(literal), "\(literal)")
        }
        var nan: [UInt8] = []
        #expect(DecimalText.append(Decimal.nan, to: &nan))
        #expect(nan == Array("0".utf8))
    }
}
