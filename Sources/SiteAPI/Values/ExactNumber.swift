import Foundation
import SaleJSON
import SaleMoney

/// A number read exactly from JSON or query text: `digits × 10^-scale`, never through a binary float.
///
/// Parsing costs at most one pass over the text and never traps, however long the literal or large the exponent.
struct ExactNumber: Sendable, Hashable {
    /// Whether the value is below zero (never set for zero).
    var negative: Bool
    /// The significant digits without leading or trailing zeros (empty for zero).
    var digits: [UInt8]
    /// The power of ten dividing `digits` (negative for trailing zeros).
    var scale: Int

    /// The largest integer id (2^53 − 1).
    static let maxId = 9_007_199_254_740_991

    /// Parses JSON number syntax (`-12.50e3`); with `plainOnly`, only `\d+(\.\d+)?` (query and form text).
    init?(_ text: Substring.UTF8View, plainOnly: Bool = false) {
        var index = text.startIndex
        func peek() -> UInt8? { index < text.endIndex ? text[index] : nil }
        var negative = false
        if !plainOnly, peek() == UInt8(ascii: "-") {
            negative = true
            index = text.index(after: index)
        }
        var mantissa: [UInt8] = []
        var fraction = 0
        var sawDigit = false
        while let byte = peek(), byte >= 0x30, byte <= 0x39 {
            mantissa.append(byte - 0x30)
            sawDigit = true
            index = text.index(after: index)
        }
        guard sawDigit else { return nil }
        if peek() == UInt8(ascii: ".") {
            index = text.index(after: index)
            var sawFraction = false
            while let byte = peek(), byte >= 0x30, byte <= 0x39 {
                mantissa.append(byte - 0x30)
                fraction += 1
                sawFraction = true
                index = text.index(after: index)
            }
            guard sawFraction else { return nil }
        }
        var exponent = 0
        if !plainOnly, let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            index = text.index(after: index)
            var exponentNegative = false
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                index = text.index(after: index)
            }
            var sawExponent = false
            while let byte = peek(), byte >= 0x30, byte <= 0x39 {
                // Saturate: anything beyond a million is out of every range this API accepts.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(byte - 0x30) }
                sawExponent = true
                index = text.index(after: index)
            }
            guard sawExponent else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == text.endIndex else { return nil }
        var start = 0
        while start < mantissa.count, mantissa[start] == 0 { start += 1 }
        var end = mantissa.count
        var scale = fraction - exponent
        while end > start, mantissa[end - 1] == 0 {
            end -= 1
            scale -= 1
        }
        digits = Array(mantissa[start..<end])
        if digits.isEmpty { scale = 0 }
        self.negative = negative && !digits.isEmpty
        self.scale = scale
    }

    /// Parses a JSON number.
    init?(_ number: JSONNumber) { self.init(Substring(number.literal).utf8) }

    /// Whether the value is zero.
    var isZero: Bool { digits.isEmpty }

    /// Whether the value has no fractional part.
    var isIntegral: Bool { scale <= 0 }

    /// Digits before the decimal point.
    var integerDigitCount: Int { max(digits.count - scale, 0) }

    /// Decimal places after dropping trailing zeros.
    var decimalPlaces: Int { max(scale, 0) }

    /// The value as an `Int` when integral and at most `limit`; nil otherwise (also for negatives when `limit` ≥ 0).
    func integer(atMost limit: Int) -> Int? {
        guard isIntegral, !negative else { return nil }
        if digits.isEmpty { return 0 }
        guard integerDigitCount <= 18 else { return nil }
        var value = 0
        for digit in digits { value = value * 10 + Int(digit) }
        for _ in 0..<(-scale) { value *= 10 }
        return value <= limit ? value : nil
    }

    /// Whether the magnitude is at most 10^`power`.
    func magnitude(atMostPowerOfTen power: Int) -> Bool {
        if integerDigitCount <= power { return true }
        if integerDigitCount > power + 1 { return false }
        // Exactly power + 1 integer digits: only 10^power itself (a single 1 digit) qualifies.
        return digits == [1]
    }

    /// The plain decimal text (`-12.5`, `15000`, `0`).
    var plainText: String {
        if digits.isEmpty { return "0" }
        var text = negative ? "-" : ""
        let characters = digits.map { Character(Unicode.Scalar($0 + 0x30)) }
        if scale <= 0 {
            text += String(characters) + String(repeating: "0", count: -scale)
        } else if scale < characters.count {
            text +=
                String(characters[..<(characters.count - scale)]) + "."
                + String(characters[(characters.count - scale)...])
        } else {
            text += "0." + String(repeating: "0", count: scale - characters.count) + String(characters)
        }
        return text
    }

    /// The text for messages: plain when short, `15e300` style when the exponent is huge (never a huge string).
    var display: String {
        if digits.count - scale <= 40, scale <= 40 { return plainText }
        return canonical
    }

    /// A compact normal form, equal for equal values: `0`, `15e3`, `-125e-1`.
    var canonical: String {
        if digits.isEmpty { return "0" }
        return (negative ? "-" : "") + String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self) + "e" + String(-scale)
    }

    /// The exact ``Amount``, nil when the value has non-zero digits past the fourth place or is beyond
    /// `decimal(18,4)` (money fields check their stricter limits first, so theirs always is one).
    var amount: Amount? {
        guard scale <= Amount.scale, integerDigitCount <= 18 - Amount.scale else { return nil }
        var minor: Int64 = 0
        for digit in digits { minor = minor * 10 + Int64(digit) }
        for _ in 0..<(Amount.scale - scale) { minor *= 10 }
        return Amount(minorUnits: negative ? -minor : minor)
    }
}
