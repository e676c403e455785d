/// A positional argument taking all remaining words: `PATH...`; must be the last positional declared.
///
/// As a property wrapper of a ``DeclaredCommand``, the property is every word in order.
@propertyWrapper
struct VariadicArgument<Value: Sendable>: BindableArgument {
    /// The erased description used for parsing and help.
    let spec: ArgumentSpec
    /// The values bound when this declaration wraps a property.
    private let box = ArgumentValueBox()

    /// Every parsed word, in order.
    var wrappedValue: [Value] { box.value as? [Value] ?? [] }

    /// Binds the property from the parsed values.
    func bind(_ values: ParsedValues) throws(UsageError) {
        box.value = values[self]
    }

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
