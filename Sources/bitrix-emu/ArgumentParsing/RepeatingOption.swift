/// An option that may be given any number of times, keeping every value in order: `-H 'A: 1' -H 'B: 2'`.
///
/// As a property wrapper of a ``DeclaredCommand``, the property is every value in order (empty when absent).
@propertyWrapper
struct RepeatingOption<Value: Sendable>: BindableArgument {
    /// The erased description used for parsing and help.
    let spec: ArgumentSpec
    /// The values bound when this declaration wraps a property.
    private let box = ArgumentValueBox()

    /// Every parsed value, in command-line order.
    var wrappedValue: [Value] { box.value as? [Value] ?? [] }

    /// Binds the property from the parsed values.
    func bind(_ values: ParsedValues) throws(UsageError) {
        box.value = values[self]
    }

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
