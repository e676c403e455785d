/// The typed values of one command line, keyed by declaration: each declaration of a ``DeclaredCommand`` reads its
/// own value back from here when the command is bound (`values[self]` in its `bind(_:)`).
struct ParsedValues: Sendable {
    private var storage: [String: [any Sendable]] = [:]

    /// Creates an empty set of values.
    init() {}

    /// Records one converted value for the argument with `key`.
    mutating func append(_ value: any Sendable, for key: String) {
        storage[key, default: []].append(value)
    }

    /// Replaces the values recorded for `key` with `value`.
    mutating func set(_ value: any Sendable, for key: String) {
        storage[key] = [value]
    }

    /// Whether anything was recorded for `key`.
    func contains(_ key: String) -> Bool {
        storage[key]?.isEmpty == false
    }

    private func all<Value>(_ key: String, as type: Value.Type) -> [Value] {
        (storage[key] ?? []).compactMap { $0 as? Value }
    }

    /// The option's value, its default when absent, or `nil`.
    subscript<Value>(option: Option<Value>) -> Value? {
        all(option.spec.key, as: Value.self).last ?? option.defaultValue
    }

    /// Every value of a repeatable option, in command-line order.
    subscript<Value>(option: RepeatingOption<Value>) -> [Value] {
        all(option.spec.key, as: Value.self)
    }

    /// Whether the flag was given.
    subscript(flag: Flag) -> Bool {
        contains(flag.spec.key)
    }

    /// The positional argument's value, or `nil` when it is optional and absent.
    subscript<Value>(argument: Argument<Value>) -> Value? {
        all(argument.spec.key, as: Value.self).last
    }

    /// Every word of a variadic positional argument, in order.
    subscript<Value>(argument: VariadicArgument<Value>) -> [Value] {
        all(argument.spec.key, as: Value.self)
    }

    /// The value of a required positional argument, throwing ``UsageError/missingArgument(_:)``.
    func require<Value>(_ argument: Argument<Value>) throws(UsageError) -> Value {
        guard let value = self[argument] else { throw .missingArgument(argument.spec.synopsis) }
        return value
    }
}
