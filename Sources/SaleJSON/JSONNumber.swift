import Foundation

/// A JSON number kept as its literal text, so that no digit is lost.
///
/// Two numbers are equal when their values are equal (`15000` equals `15000.0` and `1.5e4`).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The literal as written in JSON (valid JSON number syntax).
    public let literal: String

    /// Wraps a literal that is already valid JSON number syntax (the parser's job to check).
    public init(literal: String) { self.literal = literal }

    /// An integer.
    public init(_ value: Int) { self.literal = String(value) }

    /// A decimal, written in plain notation without exponent.
    public init(_ value: Decimal) { self.literal = JSONNumber.plainText(value) }

    /// The literal.
    public var description: String { literal }

    /// The exact value as a `Decimal` (nil when out of `Decimal`'s range).
    public var decimal: Decimal? {
        Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The value as an `Int` when it is integral and fits, else nil (`2.0` gives 2, `2.5` nil, `1e30` nil).
    public var int: Int? {
        if let direct = Int(literal) { return direct }
        guard let value = decimal, value.isFinite else { return nil }
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == value else { return nil }
        // Decimal → Int through its exact string form, so there is no overflow trap.
        return Int(JSONNumber.plainText(rounded))
    }

    /// Whether the value is integral (however large).
    public var isIntegral: Bool {
        if Int(literal) != nil { return true }
        guard let value = decimal else { return false }
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 0, .plain)
        return rounded == value
    }

    /// The value as a Double (for display and comparisons only; never for money).
    public var double: Double { Double(literal) ?? .nan }

    /// Equal by value.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.literal == rhs.literal { return true }
        if let a = lhs.decimal, let b = rhs.decimal { return a == b }
        return lhs.double == rhs.double
    }

    /// Hashes the normalised value so that equal numbers hash equally.
    public func hash(into hasher: inout Hasher) {
        if let value = decimal { hasher.combine(JSONNumber.plainText(value)) } else { hasher.combine(double) }
    }

    /// A decimal written without exponent, `-` for negatives, no trailing zeros after the point.
    public static func plainText(_ value: Decimal) -> String {
        if let fast = DecimalText.text(value) { return fast }
        if value.isNaN { return "0" }
        if value.isZero { return "0" }
        let negative = value < 0
        let magnitude = negative ? -value : value
        // significand * 10^exponent; NSDecimal significand digits via description of an integer-shifted value.
        var digits = ""
        var exponent = magnitude.exponent
        var significand = magnitude.significand  // an integral Decimal
        // Strip trailing zeros from the significand into the exponent.
        var text = significand.description
        while text.count > 1, text.hasSuffix("0") {
            text.removeLast()
            exponent += 1
        }
        significand = Decimal(string: text) ?? significand
        digits = text
        var result: String
        if exponent >= 0 {
            result = digits + String(repeating: "0", count: exponent)
        } else {
            let fraction = -exponent
            if digits.count > fraction {
                let split = digits.index(digits.endIndex, offsetBy: -fraction)
                result = digits[..<split] + "." + digits[split...]
            } else {
                result = "0." + String(repeating: "0", count: fraction - digits.count) + digits
            }
        }
        return negative ? "-" + result : result
    }
}
