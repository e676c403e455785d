/// An option without a value, true when present: `--include`, `-i`.
///
/// As a property wrapper of a ``DeclaredCommand``, the property is whether the flag was given.
@propertyWrapper
struct Flag: BindableArgument {
    /// The erased description used for parsing and help.
    let spec: ArgumentSpec
    /// The value bound when this declaration wraps a property.
    private let box = ArgumentValueBox()

    /// Whether the flag was given.
    var wrappedValue: Bool { box.value as? Bool ?? false }

    /// Declares a property with the same declaration as `other` (a shared one such as `SharedOptions.initialize`).
    init(_ other: Flag) { spec = other.spec }

    /// Binds the property from the parsed values.
    func bind(_ values: ParsedValues) throws(UsageError) {
        box.value = values[self]
    }

    /// Declares a flag named `--longName`, with an optional one-letter alias.
    init(_ longName: String, short shortName: Character? = nil, help: String) {
        self.spec = ArgumentSpec(
            kind: .flag,
            longName: longName,
            shortName: shortName,
            valueName: longName,
            help: help,
            isRequired: false,
            defaultDescription: nil,
            expected: "no value",
            convert: { _ in true }
        )
    }
}
