/// An option that may be given any number of times, keeping every value in order: `-H 'A: 1' -H 'B: 2'`.
struct RepeatingOption<Value: Sendable>: ArgumentDeclaration {
    /// The erased description used for parsing and help.
    let spec: ArgumentSpec

    /// Declares a repeatable option; see ``Option/init(_:short:valueName:parser:isRequired:defaultValue:help:)``.
    init(
        _ longName: String,
        short shortName: Character? = nil,
        valueName: String,
        parser: ValueParser<Value>,
        help: String
    ) {
        self.spec = ArgumentSpec(
            kind: .option(repeating: true),
            longName: longName,
            shortName: shortName,
            valueName: valueName,
            help: help,
            isRequired: false,
            defaultDescription: nil,
            expected: parser.expected,
            convert: { parser.parse($0) }
        )
    }
}
