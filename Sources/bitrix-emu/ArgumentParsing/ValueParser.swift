/// Turns the text of one option value or positional argument into a typed value.
///
/// A parser carries the phrase shown when the text is rejected
/// (`the value 'abc' is invalid for '--count <n>': expected a positive integer`).
struct ValueParser<Value: Sendable>: Sendable {
    /// What a valid value looks like, as a noun phrase: "a positive integer".
    let expected: String
    /// The conversion; `nil` rejects the text.
    let parse: @Sendable (String) -> Value?

    /// Creates a parser from the phrase describing valid values and the conversion.
    init(expected: String, parse: @escaping @Sendable (String) -> Value?) {
        self.expected = expected
        self.parse = parse
    }
}

extension ValueParser where Value == String {
    /// Any text, including the empty string.
    static var string: Self { Self(expected: "a string") { $0 } }

    /// Any text but the empty string.
    static var nonEmptyString: Self { Self(expected: "a non-empty string") { $0.isEmpty ? nil : $0 } }
}

extension ValueParser where Value == Int {
    /// A decimal integer greater than zero, such as `1` or `100000`.
    static var positiveInteger: Self {
        Self(expected: "a positive integer") { text in
            guard text.allSatisfy(\.isASCIIDigitCharacter), let value = Int(text), value > 0 else { return nil }
            return value
        }
    }
}

extension ValueParser where Value == UInt64 {
    /// A decimal integer from 0 to 2^64 - 1.
    static var unsignedInteger: Self {
        Self(expected: "a non-negative integer") { text in
            guard text.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
            return UInt64(text)
        }
    }
}

extension Character {
    /// Whether this is one of the ASCII digits `0` to `9`, not any Unicode digit.
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
