/// A positional argument taking exactly one word: `METHOD` in `request GET /api/v2/orders`.
///
/// As a property wrapper of a ``DeclaredCommand``, the property is the value (nil when optional and absent; a
/// required one is checked by the parser before binding).
@propertyWrapper
struct Argument<Value: Sendable>: BindableArgument {
    /// The erased description used for parsing and help.
    let spec: ArgumentSpec
    /// The value bound when this declaration wraps a property.
    private let box = ArgumentValueBox()

    /// The parsed value, or nil.
    var wrappedValue: Value? { box.value as? Value }

    /// Binds the property from the parsed values.
    func bind(_ values: ParsedValues) throws(UsageError) {
        box.value = spec.isRequired ? try values.require(self) : values[self]
    }

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
