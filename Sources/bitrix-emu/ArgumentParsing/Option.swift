/// An option that takes one value: `--state DIR` or `--state=DIR`; when repeated, the last one wins.
///
/// Declared as a property wrapper of a ``DeclaredCommand`` (`@Option("state", valueName: "dir", help: "…") var
/// state: String?`), whose property is then the value (its default when absent, nil when it has none); a required or
/// defaulted option is also read without the optional as the projected value, `command.$state`.
@propertyWrapper
struct Option<Value: Sendable>: BindableArgument {
    /// The erased description used for parsing and help.
    let spec: ArgumentSpec
    /// The value used when the option is absent.
    let defaultValue: Value?
    /// The value bound when this declaration wraps a property.
    private let box = ArgumentValueBox()

    /// The parsed value, its default when absent, or nil.
    var wrappedValue: Value? { box.value as? Value ?? defaultValue }

    /// The value of a required option or of one with a default (`command.$count`), which parsing guarantees.
    ///
    /// Reading it for an optional option without a default, or before parsing, is a programming error and stops.
    var projectedValue: Value {
        guard let value = wrappedValue else {
            preconditionFailure("\(spec.synopsis) is read as always present but is neither required nor defaulted")
        }
        return value
    }

    /// Declares a property with the same declaration as `other` (a shared one such as `SharedOptions.site`).
    init(_ other: Option<Value>) {
        spec = other.spec
        defaultValue = other.defaultValue
    }

    /// Binds the property from the parsed values.
    func bind(_ values: ParsedValues) throws(UsageError) {
        box.value = values[self]
    }

    /// Declares an option.
    ///
    /// - Parameters:
    ///   - longName: The name without dashes: `"state"` for `--state`.
    ///   - shortName: An optional one-letter alias: `"o"` for `-o`.
    ///   - valueName: The placeholder in help: `"dir"` shows as `<dir>`.
    ///   - parser: Converts and checks the value text.
    ///   - isRequired: Whether the command line must contain it.
    ///   - defaultValue: The value when absent; shown in help.
    ///   - help: The help text.
    init(
        _ longName: String,
        short shortName: Character? = nil,
        valueName: String,
        parser: ValueParser<Value>,
        isRequired: Bool = false,
        defaultValue: Value? = nil,
        help: String
    ) {
        self.defaultValue = defaultValue
        self.spec = ArgumentSpec(
            kind: .option(repeating: false),
            longName: longName,
            shortName: shortName,
            valueName: valueName,
            help: help,
            isRequired: isRequired,
            defaultDescription: defaultValue.map { String(describing: $0) },
            expected: parser.expected,
            convert: { parser.parse($0) }
        )
    }
}

extension Option where Value == String {
    /// Declares an option whose value is any non-empty text.
    init(
        _ longName: String,
        short shortName: Character? = nil,
        valueName: String,
        isRequired: Bool = false,
        help: String
    ) {
        self.init(
            longName,
            short: shortName,
            valueName: valueName,
            parser: .nonEmptyString,
            isRequired: isRequired,
            help: help
        )
    }
}
