import Foundation
public import SaleMoney

/// A value passed to a string-keyed `setField`, loosely typed as PHP values are.
///
/// Values compare loosely, as PHP's `!=` does in Bitrix's `setField`: `"10"` equals `10`, `true` equals `"Y"`.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    /// A string.
    case string(String)
    /// An integer.
    case int(Int)
    /// An exact amount (money, quantities): `decimal(18,4)`.
    case amount(Amount)
    /// A flag: written `Y`/`N`.
    case bool(Bool)
    /// A date and time.
    case date(Date)
    /// PHP `null`.
    case null

    /// The text Bitrix stores for this value (`Y`/`N` for flags, plain decimals, ISO 8601 for dates, empty for null).
    public var text: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .amount(let value): value.plainText
        case .bool(let value): value ? "Y" : "N"
        case .date(let value): value.formatted(.iso8601)
        case .null: ""
        }
    }

    /// The text.
    public var description: String { text }

    /// Loose equality (PHP `==` on the stored text, numbers by value).
    public func looselyEquals(_ other: FieldValue) -> Bool {
        switch (self, other) {
        case (.amount(let a), .amount(let b)): return a == b
        case (.amount(let a), .int(let b)), (.int(let b), .amount(let a)): return Amount(units: b) == a
        default: break
        }
        if let a = decimalValue, let b = other.decimalValue { return a == b }
        return text == other.text
    }

    /// The value as a decimal when it is numeric (`"15000"`, `15000`, `1.5`), else nil: for loose comparisons of
    /// any numeric text (list filters); money goes through ``amountValue(roundedTo:)``.
    public var decimalValue: Decimal? {
        switch self {
        case .int(let value): Decimal(value)
        case .amount(let value): Money.parse(value.plainText)
        case .string(let value): Money.parse(value)
        case .bool, .date, .null: nil
        }
    }

    /// The value as an amount rounded half away from zero (PHP `round`) to `places` decimal places (0…4): what a
    /// money or quantity `setField` stores. Numbers and numeric text (`"15000"`, `" 1.5 "`, `"1e3"`, `".5"`) are
    /// read; nil when the value is not numeric or beyond `decimal(18,4)`'s range.
    ///
    /// Text with more than four decimal places is rounded like the rest (PHP holds a float until MySQL's
    /// `decimal(18,4)` column rounds it); it takes the slower exact-decimal path, everything else is parsed in place.
    public func amountValue(roundedTo places: Int = Amount.scale) -> Amount? {
        switch self {
        case .amount(let value): return value.saturatingRounded(toPlaces: places)
        case .int(let value): return Amount(units: value)
        case .bool, .date, .null: return nil
        case .string(let text):
            if let exact = try? Amount(parsing: text) { return exact.saturatingRounded(toPlaces: places) }
            guard let decimal = Money.parse(text) else { return nil }
            return try? Amount(
                parsing: Money.plainText(Money.round(decimal, places: min(max(places, 0), Amount.scale)))
            )
        }
    }

    /// Whether the value is numeric but beyond `decimal(18,4)`'s range (so ``amountValue(roundedTo:)`` is nil).
    public var isOutOfAmountRange: Bool { amountValue() == nil && decimalValue != nil }

    /// PHP's `intval`: the leading integer of a string (`"5abc"` → 5, `"abc"` → 0), 0 for null.
    public var intval: Int {
        switch self {
        case .int(let value): return value
        case .amount(let value): return Int(value.truncatedUnits)
        case .bool(let value): return value ? 1 : 0
        case .date, .null: return 0
        case .string(let value):
            // Up to 18 ASCII digits (a stored USER_ID): the number itself, without trimming or scanning scalars.
            if (1...18).contains(value.utf8.count), value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                return Int(value) ?? 0
            }
            var digits = ""
            var scalars = value.trimmingCharacters(in: .whitespaces).unicodeScalars[...]
            if let first = scalars.first, first == "-" || first == "+" {
                if first == "-" { digits.append("-") }
                scalars = scalars.dropFirst()
            }
            for scalar in scalars {
                guard ("0"..."9").contains(scalar) else { break }
                digits.unicodeScalars.append(scalar)
            }
            return Int(digits) ?? (digits.count > 1 ? (digits.hasPrefix("-") ? Int.min : Int.max) : 0)
        }
    }

    /// Whether PHP's `strval($value) === ''` holds (the ORM's "empty required field" test).
    public var isEmptyText: Bool { text.isEmpty }

    /// The Y/N flag, when the value is one (`true`, `"Y"`, `"N"`, `false`).
    public var flag: Bool? {
        switch self {
        case .bool(let value): value
        case .string("Y"): true
        case .string("N"): false
        default: nil
        }
    }
}

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral
{
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A flag.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
}

/// Decimal text helpers for what is not an ``Amount`` yet: text with more than four decimal places, and loose numeric
/// comparisons (``FieldValue/decimalValue``). Money itself is ``Amount``.
public enum Money: Sendable {
    /// The amount a field stored as text holds (`PRICE_DELIVERY` kept by hand), as ``FieldValue/amountValue(roundedTo:)``
    /// reads it (text from a state written before amounts were `decimal(18,4)` is rounded, not dropped); nil when the
    /// text is not a number.
    public static func storedAmount(_ text: String) -> Amount? { FieldValue.string(text).amountValue() }

    /// Rounds half away from zero (PHP `round`) to `places` decimal places.
    public static func round(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    /// Drops the fraction.
    public static func truncated(_ value: Decimal) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 0, value < 0 ? .up : .down)
        return result
    }

    /// Parses a plain decimal literal (`15000`, `-1.25`, `1e3`); nil for anything else.
    public static func parse(_ text: String) -> Decimal? {
        // A necessary condition first, so that ordinary text (a name, a flag) is refused at its first letter instead
        // of after Foundation's trim: every scalar belongs to a number or is white space.
        let mayBeNumber = text.unicodeScalars.allSatisfy { scalar in
            if scalar.isASCII {
                return ("0"..."9").contains(scalar) || "+-.eE \t".unicodeScalars.contains(scalar)
            }
            return CharacterSet.whitespaces.contains(scalar)
        }
        guard mayBeNumber else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty,
            trimmed.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || "+-.eE".unicodeScalars.contains($0) })
        else { return nil }
        guard let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")), value.isFinite else {
            return nil
        }
        return value
    }

    /// The value in plain notation: no exponent, no trailing zeros (`15000`, `12500.5`, `-0.01`).
    public static func plainText(_ value: Decimal) -> String { Amount.plainText(of: value) }
}
