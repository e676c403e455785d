import Foundation
import SaleJSON
import SaleMoney

/// Reads typed fields out of a JSON body, collecting every problem instead of stopping at the first.
///
/// `null` counts as absent. Numbers are read exactly (``ExactNumber``); numeric strings are accepted where noted.
struct FieldReader {
    /// The problems found so far, in the order found.
    var problems: [FieldProblem] = []

    mutating func add(_ field: String, _ code: String, _ message: String) {
        problems.append(FieldProblem(field: field, code: code, message: message))
    }

    /// The value, treating `null` as absent; records `required` when absent and `required` is set.
    mutating func present(_ value: JSONValue?, _ field: String, required: Bool) -> JSONValue? {
        guard let value, !value.isNull else {
            if required { add(field, "required", "is required") }
            return nil
        }
        return value
    }

    /// An exact number from a JSON number or a plain numeric string (`"15000"`, `"12.50"`).
    private mutating func number(_ value: JSONValue, _ field: String, expected: String) -> ExactNumber? {
        switch value {
        case .number(let number):
            if let exact = ExactNumber(number) { return exact }
        case .string(let text):
            let trimmed = Substring(text).trimmingSpaces
            if trimmed.utf8.count <= 64, let exact = ExactNumber(trimmed.utf8, plainOnly: true) { return exact }
            add(field, "invalid_type", "must be \(expected), got the string \"\(excerpt(text))\"")
            return nil
        default: break
        }
        add(field, "invalid_type", "must be \(expected), got \(value.typeName)")
        return nil
    }

    /// An integer in `range` (a numeric string is accepted); out of range or fractional → a problem.
    mutating func integer(
        _ value: JSONValue?,
        _ field: String,
        in range: ClosedRange<Int>,
        required: Bool,
        what: String = "an integer"
    ) -> Int? {
        guard let value = present(value, field, required: required),
            let exact = number(value, field, expected: what)
        else { return nil }
        guard exact.isIntegral else {
            add(field, "invalid_type", "must be \(what), got \(excerpt(exact.display))")
            return nil
        }
        guard !exact.negative, let integer = exact.integer(atMost: range.upperBound), integer >= range.lowerBound else {
            add(
                field,
                "out_of_range",
                "must be from \(range.lowerBound) to \(range.upperBound), got \(excerpt(exact.display))"
            )
            return nil
        }
        return integer
    }

    /// A positive id up to 2^53 − 1.
    mutating func id(_ value: JSONValue?, _ field: String, required: Bool) -> Int? {
        integer(value, field, in: 1...ExactNumber.maxId, required: required, what: "a positive integer")
    }

    /// A money amount: ≥ 0, at most 10^12, at most 2 decimal places (a numeric string is accepted).
    mutating func money(_ value: JSONValue?, _ field: String, required: Bool) -> Amount? {
        guard let value = present(value, field, required: required),
            let exact = number(value, field, expected: "a number")
        else { return nil }
        if exact.negative {
            add(field, "out_of_range", "must not be negative, got \(excerpt(exact.display))")
            return nil
        }
        if !exact.magnitude(atMostPowerOfTen: 12) {
            add(field, "out_of_range", "must be at most 1000000000000, got \(excerpt(exact.display))")
            return nil
        }
        if exact.decimalPlaces > 2 {
            add(field, "invalid_format", "must have at most 2 decimal places, got \(excerpt(exact.display))")
            return nil
        }
        // Within 10^12 and two places: always an Amount.
        return exact.amount
    }

    /// A string: trimmed, non-empty unless `allowEmpty`, at most `maxLength` characters counted as Unicode scalars
    /// (as MySQL's `utf8mb4` VARCHAR counts them: a letter with 200,000 combining marks is 200,001, not one), without
    /// control characters when `refuseControl` (names).
    mutating func text(
        _ value: JSONValue?,
        _ field: String,
        required: Bool,
        maxLength: Int,
        allowEmpty: Bool = false,
        refuseControl: Bool = false
    ) -> String? {
        guard let value = present(value, field, required: required) else { return nil }
        guard case .string(let raw) = value else {
            add(field, "invalid_type", "must be a string, got \(value.typeName)")
            return nil
        }
        let text = Self.trimmed(raw)
        if text.isEmpty, !allowEmpty {
            add(field, required ? "required" : "empty", "must not be empty")
            return nil
        }
        // Count lazily: UTF-8 bytes first (a scalar takes at least one), scalars only when the bytes exceed the limit.
        if text.utf8.count > maxLength {
            let scalars = text.unicodeScalars.count
            if scalars > maxLength {
                add(field, "too_long", "must be at most \(maxLength) characters (Unicode scalars), got \(scalars)")
                return nil
            }
        }
        if refuseControl, let control = Self.firstControl(text) {
            add(field, "invalid_character", "must not contain control characters, found \(control)")
            return nil
        }
        return text
    }

    /// The first control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) as `U+000A at character 5`,
    /// or nil.
    static func firstControl(_ text: String) -> String? {
        for (offset, scalar) in text.unicodeScalars.enumerated()
        where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) at character \(offset + 1)"
        }
        return nil
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, without the Foundation call (≈ 1 µs) when neither end
    /// is whitespace, the usual case.
    static func trimmed(_ text: String) -> String {
        // In ASCII the set is U+0009–U+000D and the space; beyond ASCII its members lie in ``mayBeWhitespace``'s
        // ranges, so a letter (Cyrillic, Latin, …) skips the set's lookup (≈ 1,800 instructions on Linux).
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
            return mayBeWhitespace(scalar) && CharacterSet.whitespacesAndNewlines.contains(scalar)
        }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last, !isWhitespace(first),
            !isWhitespace(last)
        else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return text
    }

    /// Whether a non-ASCII scalar lies where `CharacterSet.whitespacesAndNewlines` has members (U+0080–U+00A0,
    /// U+1680–U+180E, U+2000–U+3000, U+FEFF): a superset, checked against the set itself by `FieldReaderTests`.
    static func mayBeWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x80...0xA0, 0x1680...0x180E, 0x2000...0x3000, 0xFEFF: true
        default: false
        }
    }

    /// A phone, normalised (`+77015211545`).
    mutating func phone(_ value: JSONValue?, _ field: String, required: Bool) -> String? {
        guard let value = present(value, field, required: required) else { return nil }
        guard case .string(let raw) = value else {
            add(field, "invalid_type", "must be a string, got \(value.typeName)")
            return nil
        }
        if let control = Self.firstControl(raw) {
            add(field, "invalid_character", "must not contain control characters, found \(control)")
            return nil
        }
        guard let phone = PhoneNumber.normalise(raw) else {
            add(
                field,
                "invalid_format",
                "must be a phone number of 11 to 15 digits such as +77015211545, got \"\(excerpt(raw))\""
            )
            return nil
        }
        return phone
    }
}
