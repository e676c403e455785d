/// Builds the help screen and the usage lines of a command from its declaration.
enum HelpGenerator {
    /// The width help text is wrapped to.
    static let width = 80
    /// The column where the help of an argument or subcommand starts.
    static let helpColumn = 26

    /// The synopsis after `USAGE:` / `Usage:`: `bitrix-emu load [--state <dir>] --count <n> ...`.
    static func usage(for path: CommandPath) -> String {
        let configuration = path.configuration
        if configuration.isGroup { return "\(path.commandLine) <subcommand>" }
        let fragments = configuration.specs.map(\.usageFragment)
        return ([path.commandLine] + fragments).joined(separator: " ")
    }

    /// The full help screen printed for `--help`, ending in a newline.
    static func help(for path: CommandPath) -> String {
        let configuration = path.configuration
        var lines: [String] = []
        lines.append(contentsOf: wrap("OVERVIEW: \(configuration.abstract)", indent: 0))
        if !configuration.discussion.isEmpty {
            lines.append("")
            for paragraph in configuration.discussion.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(contentsOf: paragraph.isEmpty ? [""] : wrap(String(paragraph), indent: 0))
            }
        }
        lines.append("")
        lines.append("USAGE: \(usage(for: path))")

        let specs = configuration.specs
        let positionals = specs.filter(\.isPositional)
        if !positionals.isEmpty {
            lines.append("")
            lines.append("ARGUMENTS:")
            for spec in positionals {
                lines.append(contentsOf: entry(spec.helpLabel, spec.help))
            }
        }

        lines.append("")
        lines.append("OPTIONS:")
        for spec in specs where !spec.isPositional {
            var notes: [String] = []
            if spec.isRequired { notes.append("(required)") }
            if let defaultDescription = spec.defaultDescription { notes.append("(default: \(defaultDescription))") }
            if case .option(repeating: true) = spec.kind { notes.append("(may be repeated)") }
            lines.append(contentsOf: entry(spec.helpLabel, spec.help, notes: notes))
        }
        lines.append(contentsOf: entry("-h, --help", "Show help information."))

        if configuration.isGroup {
            lines.append("")
            lines.append("SUBCOMMANDS:")
            for subcommand in configuration.subcommands {
                let sub = subcommand.configuration
                lines.append(contentsOf: entry(sub.commandName, sub.abstract))
            }
            lines.append("")
            let root = path.commands[0].configuration.commandName
            let below = path.commands.dropFirst().map { $0.configuration.commandName }
            let helpCommand = ([root, "help"] + below + ["<subcommand>"]).joined(separator: " ")
            lines.append("  See '\(helpCommand)' for detailed help.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The three lines printed to stderr for a usage error, ending in a newline.
    static func errorMessage(_ error: UsageError, path: CommandPath) -> String {
        """
        error: \(error)
        Usage: \(usage(for: path))
          See '\(path.commandLine) --help'.

        """
    }

    /// One argument or subcommand: the label, then the help from ``helpColumn``; each note stays on one line.
    private static func entry(_ label: String, _ help: String, notes: [String] = []) -> [String] {
        let labelColumn = "  " + label
        let wrapped = wrap(words: help.split(separator: " ").map(String.init) + notes, indent: helpColumn)
        guard let first = wrapped.first else { return [labelColumn] }
        if labelColumn.count + 2 <= helpColumn {
            let padding = String(repeating: " ", count: helpColumn - labelColumn.count)
            let firstLine = labelColumn + padding + first.drop { $0 == " " }
            return [firstLine] + wrapped.dropFirst()
        }
        return [labelColumn] + wrapped
    }

    /// Splits `text` into lines of at most ``width`` characters, each prefixed by `indent` spaces.
    static func wrap(_ text: String, indent: Int) -> [String] {
        wrap(words: text.split(separator: " ").map(String.init), indent: indent)
    }

    /// Lays out `words` (each kept whole, even if it contains spaces) in lines of at most ``width`` characters.
    static func wrap(words: [String], indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent)
        var lines: [String] = []
        var current = ""
        for word in words {
            if current.isEmpty {
                current = prefix + word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = prefix + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
