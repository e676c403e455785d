/// The type-erased description of one declared argument, as the parser and the help generator see it.
///
/// Commands do not build these by hand: they declare ``Option``, ``RepeatingOption``, ``Flag``, ``Argument`` or
/// ``VariadicArgument`` properties, which ``DeclaredCommand/declaredArguments`` lists in
/// ``CommandConfiguration/arguments``.
struct ArgumentSpec: Sendable {
    /// How an argument consumes the command line.
    enum Kind: Sendable, Hashable {
        /// `--name value` or `--name=value`; `repeating` keeps every occurrence, otherwise the last wins.
        case option(repeating: Bool)
        /// `--name`, present or absent.
        case flag
        /// A word in its position; `variadic` takes all remaining positional words.
        case positional(variadic: Bool)
    }

    /// How the argument is consumed.
    let kind: Kind
    /// The long name without dashes (`state` for `--state`); `nil` for positionals.
    let longName: String?
    /// The short alias without the dash (`H` for `-H`).
    let shortName: Character?
    /// The placeholder of the value in help (`dir` shows as `<dir>`).
    let valueName: String
    /// One or two sentences for the help screen.
    let help: String
    /// Whether parsing fails when the argument is absent.
    let isRequired: Bool
    /// The default shown in help, if any.
    let defaultDescription: String?
    /// What a valid value looks like, for error messages.
    let expected: String
    /// Converts the text of a value; `nil` rejects it.
    let convert: @Sendable (String) -> (any Sendable)?

    /// The key under which ``ParsedValues`` stores this argument: unique within a command.
    var key: String {
        switch kind {
        case .positional: return "<\(valueName)>"
        case .option, .flag: return longName.map { "--\($0)" } ?? "-\(shortName.map(String.init) ?? "")"
        }
    }

    /// The preferred spelling of the name: `--state`, `-H` when there is no long name, `<path>` for positionals.
    var displayName: String { key }

    /// The argument with its value placeholder: `--state <dir>`, `--include`, `<path>`.
    var synopsis: String {
        switch kind {
        case .option: return "\(displayName) <\(valueName)>"
        case .flag, .positional: return displayName
        }
    }

    /// How the argument shows in a usage line: brackets when optional, `...` when it repeats.
    var usageFragment: String {
        switch kind {
        case .option(let repeating):
            let core = repeating ? "\(synopsis) ..." : synopsis
            return isRequired ? core : "[\(core)]"
        case .flag:
            return "[\(synopsis)]"
        case .positional(let variadic):
            let core = variadic ? "\(synopsis) ..." : synopsis
            return isRequired ? core : "[\(core)]"
        }
    }

    /// The left column of the help screen: `-H, --header <header>` or `<path>`.
    var helpLabel: String {
        switch kind {
        case .positional:
            return synopsis
        case .option, .flag:
            var names: [String] = []
            if let shortName { names.append("-\(shortName)") }
            if let longName { names.append("--\(longName)") }
            let label = names.joined(separator: ", ")
            if case .option = kind { return "\(label) <\(valueName)>" }
            return label
        }
    }

    /// Whether this is a positional argument.
    var isPositional: Bool {
        if case .positional = kind { return true }
        return false
    }
}

/// Something a command lists in ``CommandConfiguration/arguments``.
protocol ArgumentDeclaration: Sendable {
    /// The erased description used for parsing and help.
    var spec: ArgumentSpec { get }
}
