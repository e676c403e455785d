import Foundation
public import SaleMoney

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

    /// An exact amount, written as ``Amount/plainText``.
    public init(_ value: Amount) { self.literal = value.plainText }

    /// The literal.
    public var description: String { literal }

    /// The value as an exact ``Amount`` (nil when it has non-zero digits past the fourth place or is out of
    /// `decimal(18,4)`'s range).
    public var amount: Amount? { try? Amount(parsing: literal) }

    /// The exact value as a `Decimal` (nil when out of `Decimal`'s range or when it has more digits than it can hold).
    public var decimal: Decimal? {
        // Decimal(string:) silently drops digits past its precision; a rounded amount is not this number.
        guard let value = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")),
            let expected = exactValue, let actual = JSONNumber(value).exactValue, actual == expected
        else { return nil }
        return value
    }

    /// The value as an `Int` when it is integral and fits, else nil (`2.0` gives 2, `2.5` nil, `1e30` nil).
    public var int: Int? {
        if let direct = Int(literal) { return direct }
        guard let value = exactValue, value.exponent >= 0 else { return nil }
        // Int.max has 19 digits; the text conversion returns nil rather than trapping on overflow.
        guard value.digits.count + value.exponent <= 19 else { return nil }
        let text = value.digits + String(repeating: "0", count: value.digits.isEmpty ? 0 : value.exponent)
        return Int((value.negative ? "-" : "") + (text.isEmpty ? "0" : text))
    }

    /// Whether the value is integral (however large).
    public var isIntegral: Bool {
        if Int(literal) != nil { return true }
        guard let value = exactValue else { return false }
        return value.exponent >= 0
    }

    /// The value as a Double (for display and comparisons only; never for money).
    public var double: Double { Double(literal) ?? .nan }

    /// Equal by value.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.literal == rhs.literal { return true }
        if let a = lhs.exactValue, let b = rhs.exactValue { return a == b }
        return lhs.double == rhs.double
    }

    /// Hashes the normalised value so that equal numbers hash equally.
    public func hash(into hasher: inout Hasher) {
        if let value = exactValue {
            hasher.combine(value.negative)
            hasher.combine(value.digits)
            hasher.combine(value.exponent)
        } else {
            hasher.combine(double)
        }
    }

    /// The exact value of the literal as `±digits × 10^exponent`, the digits without leading or trailing zeros
    /// (zero is no digits, exponent 0, not negative); nil when the literal is not JSON number syntax.
    ///
    /// Unlike `Decimal` (38 digits, exponents to ±127) this is exact for every literal the parser accepts.
    var exactValue: (negative: Bool, digits: String, exponent: Int)? {
        var bytes = Substring(literal).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        let integer = bytes.prefix(while: isDigit)
        guard !integer.isEmpty else { return nil }
        bytes = bytes.dropFirst(integer.count)
        var fraction = bytes.prefix(0)
        if bytes.first == UInt8(ascii: ".") {
            fraction = bytes.dropFirst().prefix(while: isDigit)
            guard !fraction.isEmpty else { return nil }
            bytes = bytes.dropFirst(1 + fraction.count)
        }
        var exponent = 0
        if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            let exponentNegative = bytes.first == UInt8(ascii: "-")
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let digits = bytes.prefix(while: isDigit)
            guard !digits.isEmpty else { return nil }
            bytes = bytes.dropFirst(digits.count)
            for digit in digits {
                // An exponent beyond a billion is not kept exactly (and never overflows): fall back to Double.
                guard exponent < 1_000_000_000 else { return nil }
                exponent = exponent * 10 + Int(digit - 0x30)
            }
            if exponentNegative { exponent = -exponent }
        }
        guard bytes.isEmpty else { return nil }
        var digits = Array(integer) + Array(fraction)
        exponent -= fraction.count
        let leadingZeros = digits.prefix(while: { $0 == UInt8(ascii: "0") }).count
        digits.removeFirst(leadingZeros)
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty { return (negative: false, digits: "", exponent: 0) }
        return (negative: negative, digits: String(decoding: digits, as: UTF8.self), exponent: exponent)
    }

    /// A decimal written without exponent, `-` for negatives, no trailing zeros after the point.
    public static func plainText(_ value: Decimal) -> String { Amount.plainText(of: value) }
}

extension JSONNumber {
    /// How far a JSON number runs in `bytes` from `start` (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`): the JSON
    /// number grammar, written once for the parser and the create body's one-pass decoder.
    public enum Extent: Sendable, Equatable {
        /// The number ends before this index.
        case end(Int)
        /// The text is not a number: what was expected at this index.
        case missing(String, at: Int)
    }

    /// The ``Extent`` of the number starting at `start` (which is inside `bytes`).
    public static func extent(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Extent {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var index = start
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { return .missing("a digit", at: index) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { return .missing("a digit after '.'", at: index) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                return .missing("a digit in the exponent", at: index)
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return .end(index)
    }
}
