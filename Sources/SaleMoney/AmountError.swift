/// Why a text is not an ``Amount``, or why arithmetic on amounts has no exact in-range result.
public struct AmountError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure (an open set of codes).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code's name, for example `too_precise`.
        public let name: String

        /// Not decimal number syntax (`[-]digits[.digits][e[±]digits]`).
        public static let syntax = Code(name: "syntax")
        /// Non-zero digits past the fourth decimal place (the stored scale).
        public static let tooPrecise = Code(name: "too_precise")
        /// The magnitude exceeds 99,999,999,999,999.9999 (`decimal(18,4)`).
        public static let outOfRange = Code(name: "out_of_range")

        /// The name.
        public var description: String { name }
    }

    /// What went wrong.
    public let code: Code
    /// The offending text or operation, shortened for messages.
    public let subject: String

    /// Makes an error about `subject` (shortened to 40 characters with `…`).
    public init(_ code: Code, _ subject: String) {
        self.code = code
        self.subject = subject.count <= 40 ? subject : String(subject.prefix(40)) + "…"
    }

    /// A message naming the value and what was expected.
    public var description: String {
        switch code {
        case .syntax: "\"\(subject)\" is not a decimal number (expected [-]digits[.digits][e[+-]digits])"
        case .tooPrecise: "\(subject) has more than \(Amount.scale) decimal places"
        case .outOfRange: "\(subject) is out of range (at most 99999999999999.9999 in magnitude)"
        default: "\(subject): \(code)"
        }
    }
}
