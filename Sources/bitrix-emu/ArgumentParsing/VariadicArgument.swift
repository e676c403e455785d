/// A positional argument taking all remaining words: `PATH...`; must be the last positional declared.
struct VariadicArgument<Value: Sendable>: ArgumentDeclaration {
    /// The erased description used for parsing and help.
    let spec: ArgumentSpec

    /// Declares a variadic positional shown as `<valueName> ...`; `isRequired` demands at least one word.
    init(_ valueName: String, parser: ValueParser<Value>, isRequired: Bool = true, help: String) {
        self.spec = ArgumentSpec(
            kind: .positional(variadic: true),
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
