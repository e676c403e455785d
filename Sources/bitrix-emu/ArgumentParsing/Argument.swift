/// A positional argument taking exactly one word: `METHOD` in `request GET /api/v2/orders`.
struct Argument<Value: Sendable>: ArgumentDeclaration {
    /// The erased description used for parsing and help.
    let spec: ArgumentSpec

    /// Declares a positional argument shown as `<valueName>`.
    init(_ valueName: String, parser: ValueParser<Value>, isRequired: Bool = true, help: String) {
        self.spec = ArgumentSpec(
            kind: .positional(variadic: false),
            longName: nil,
            shortName: nil,
            valueName: valueName,
            help: help,
            isRequired: isRequired,
            defaultDescription: nil,
            expected: parser.expected,
            convert: { parser.parse($0) }
        )
    }
}
