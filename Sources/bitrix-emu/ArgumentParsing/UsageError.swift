/// Why a command line could not be parsed; every case names the offending input.
enum UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A word in a command position that names no subcommand; `suggestion` is a close subcommand name.
    case unknownCommand(String, suggestion: String?)
    /// An option the command does not declare; `suggestion` is a close option name such as `--state`.
    case unknownOption(String, suggestion: String?)
    /// An option that takes a value was last on the line or followed by another option.
    case missingValue(option: String)
    /// A required option or positional argument was not given; the payload is its synopsis (`--count <n>`).
    case missingArgument(String)
    /// A value that the argument's parser rejected.
    case invalidValue(String, argument: String, expected: String)
    /// A flag written with `=value`.
    case flagTakesNoValue(String)
    /// A positional argument beyond those the command declares.
    case unexpectedArgument(String)
    /// A command's `validate()` rejected the combination.
    case validation(String)

    /// The sentence printed after `error: `.
    var description: String {
        switch self {
        case .unknownCommand(let name, let suggestion):
            return "unknown command '\(name)'" + Self.didYouMean(suggestion)
        case .unknownOption(let name, let suggestion):
            return "unknown option '\(name)'" + Self.didYouMean(suggestion)
        case .missingValue(let option):
            return "missing value for '\(option)'"
        case .missingArgument(let synopsis):
            return "missing expected argument '\(synopsis)'"
        case .invalidValue(let value, let argument, let expected):
            return "the value '\(value)' is invalid for '\(argument)': expected \(expected)"
        case .flagTakesNoValue(let name):
            return "the flag '\(name)' does not take a value"
        case .unexpectedArgument(let value):
            return "unexpected argument '\(value)'"
        case .validation(let message):
            return message
        }
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        guard let suggestion else { return "" }
        return "; did you mean '\(suggestion)'?"
    }
}
