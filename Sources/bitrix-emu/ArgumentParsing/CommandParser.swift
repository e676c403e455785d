/// What a command line asks for once parsed.
enum ParseResult: Sendable {
    /// Print the help of the command at the end of the path and exit 0.
    case help(CommandPath)
    /// Run this validated command.
    case run(any ParsableCommand, CommandPath)
}

/// A command line that could not be parsed: the error and the command it was parsed against.
struct CommandLineError: Error, Sendable {
    /// The command whose usage line is shown with the error.
    let path: CommandPath
    /// What went wrong.
    let error: UsageError
}

/// Walks the command tree, then parses the leaf command's options and positionals.
///
/// Rules:
/// - `-h`/`--help` anywhere before `--` asks for the help of the command reached so far;
///   `help SUBCOMMAND...` right after the root does the same.
/// - A group named without a subcommand prints its help and succeeds, as swift-argument-parser's
///   default `run()` does for a command with subcommands (it throws `CleanExit.helpRequest`, which
///   prints the help to stdout and exits 0).
/// - Options: `--name value`, `--name=value`, `-n value`, `-nvalue`, `-n=value`; flags take no value;
///   options may come before, between or after positionals; `--` makes every later word positional.
/// - An option value may not look like an option (`--state --include` is a missing value), except
///   `-` alone and negative numbers, which reach the value parser.
struct CommandParser: Sendable {
    /// The root of the command tree.
    let root: any ParsableCommand.Type

    /// Parses the arguments after the program name.
    func parse(_ arguments: [String]) throws(CommandLineError) -> ParseResult {
        var path = CommandPath([root])
        var index = arguments.startIndex
        while path.configuration.isGroup {
            guard index < arguments.endIndex else { return .help(path) }
            let word = arguments[index]
            if word == "-h" || word == "--help" { return .help(path) }
            if word == "help" && path.commands.count == 1 {
                return try helpTarget(Array(arguments[(index + 1)...]), from: path)
            }
            if word.hasPrefix("-") && word != "-" {
                throw CommandLineError(path: path, error: .unknownOption(word, suggestion: nil))
            }
            path = try subcommand(named: word, of: path)
            index += 1
        }
        let words = Array(arguments[index...])
        if let terminator = words.firstIndex(of: "--") {
            if words[..<terminator].contains(where: Self.isHelpWord) { return .help(path) }
        } else if words.contains(where: Self.isHelpWord) {
            return .help(path)
        }
        do throws(UsageError) {
            let values = try Self.parseArguments(words, specs: path.configuration.specs)
            guard let leaf = path.last as? any DeclaredCommand.Type else {
                throw UsageError.validation("'\(path.commandLine)' declares no arguments to parse")
            }
            let command = try leaf.init(from: values)
            do throws(ValidationError) {
                try command.validate()
            } catch {
                throw UsageError.validation(error.message)
            }
            return .run(command, path)
        } catch {
            throw CommandLineError(path: path, error: error)
        }
    }

    private static func isHelpWord(_ word: String) -> Bool {
        word == "-h" || word == "--help"
    }

    private func subcommand(named word: String, of path: CommandPath) throws(CommandLineError) -> CommandPath {
        let subcommands = path.configuration.subcommands
        if let match = subcommands.first(where: { $0.configuration.commandName == word }) {
            return path.appending(match)
        }
        let names = subcommands.map { $0.configuration.commandName }
        let suggestion = Suggestion.closest(to: word, among: names)
        throw CommandLineError(path: path, error: .unknownCommand(word, suggestion: suggestion))
    }

    private func helpTarget(_ words: [String], from start: CommandPath) throws(CommandLineError) -> ParseResult {
        var path = start
        for word in words where !Self.isHelpWord(word) && word != "-help" {
            guard path.configuration.isGroup else {
                throw CommandLineError(path: path, error: .unexpectedArgument(word))
            }
            path = try subcommand(named: word, of: path)
        }
        return .help(path)
    }

    /// Parses a leaf command's words against its declared arguments.
    static func parseArguments(_ words: [String], specs: [ArgumentSpec]) throws(UsageError) -> ParsedValues {
        var values = ParsedValues()
        var positionals: [String] = []
        var index = 0
        var optionsEnded = false

        func nextValue(for spec: ArgumentSpec, inline: String?) throws(UsageError) -> String {
            if let inline { return inline }
            guard index < words.count, !looksLikeOption(words[index]) else {
                throw .missingValue(option: spec.synopsis)
            }
            defer { index += 1 }
            return words[index]
        }

        func record(_ spec: ArgumentSpec, written name: String, inline: String?) throws(UsageError) {
            switch spec.kind {
            case .flag:
                if inline != nil { throw .flagTakesNoValue(name) }
                values.set(true, for: spec.key)
            case .option(let repeating):
                let text = try nextValue(for: spec, inline: inline)
                let value = try convert(text, for: spec)
                if repeating {
                    values.append(value, for: spec.key)
                } else {
                    values.set(value, for: spec.key)
                }
            case .positional:
                preconditionFailure("positionals are not named")
            }
        }

        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !looksLikeOption(word) {
                positionals.append(word)
            } else if word == "--" {
                optionsEnded = true
            } else if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                guard let spec = specs.first(where: { $0.longName == name }) else {
                    throw unknownOption("--\(name)", bareName: name, specs: specs)
                }
                try record(spec, written: "--\(name)", inline: inline)
            } else {
                let letter = word[word.index(after: word.startIndex)]
                let rest = String(word.dropFirst(2))
                guard let spec = specs.first(where: { $0.shortName == letter }) else {
                    throw unknownOption(word, bareName: String(word.dropFirst()), specs: specs)
                }
                if case .flag = spec.kind, !rest.isEmpty {
                    throw unknownOption(word, bareName: String(word.dropFirst()), specs: specs)
                }
                let inline = rest.isEmpty ? nil : (rest.hasPrefix("=") ? String(rest.dropFirst()) : rest)
                try record(spec, written: "-\(letter)", inline: inline)
            }
        }

        var remaining = positionals[...]
        for spec in specs where spec.isPositional {
            guard case .positional(let variadic) = spec.kind else { continue }
            let taken = variadic ? remaining : remaining.prefix(1)
            for text in taken {
                values.append(try convert(text, for: spec), for: spec.key)
            }
            remaining = remaining.dropFirst(taken.count)
        }
        if let extra = remaining.first {
            throw .unexpectedArgument(extra)
        }

        for spec in specs where spec.isRequired && !values.contains(spec.key) {
            throw .missingArgument(spec.synopsis)
        }
        return values
    }

    /// Whether a word is an option name rather than a value: starts with `-`, but is not `-` alone
    /// and not a negative number.
    static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        let rest = word.dropFirst()
        let isNumber = rest.first?.isASCIIDigitCharacter == true && Double(rest) != nil
        return !isNumber
    }

    private static func convert(_ text: String, for spec: ArgumentSpec) throws(UsageError) -> any Sendable {
        guard let value = spec.convert(text) else {
            throw .invalidValue(text, argument: spec.synopsis, expected: spec.expected)
        }
        return value
    }

    private static func unknownOption(_ written: String, bareName: String, specs: [ArgumentSpec]) -> UsageError {
        let longNames = specs.compactMap(\.longName) + ["help"]
        let suggestion = Suggestion.closest(to: bareName, among: longNames).map { "--\($0)" }
        return .unknownOption(written, suggestion: suggestion)
    }
}
