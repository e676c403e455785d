/// A command of the command line, as a type: its configuration, then `validate()`, then `run(_:)`.
///
/// In the spirit of swift-argument-parser's `ParsableCommand`. A leaf command is a ``DeclaredCommand``: its
/// arguments are its properties, declared once as property wrappers, and the parser builds it from them (there is no
/// other way to declare an argument). A command with ``CommandConfiguration/subcommands`` is a ``CommandGroup``; it
/// is never instantiated, and naming it without a subcommand prints its help.
protocol ParsableCommand: Sendable {
    /// The name, help texts, arguments and subcommands.
    static var configuration: CommandConfiguration { get }

    /// Rejects combinations of arguments that parse but do not fit together; runs before ``run(_:)``.
    ///
    /// A thrown ``ValidationError`` is printed as a usage error and exits with ``ExitCode/usage``.
    func validate() throws(ValidationError)

    /// Does the work and tells how it went; a thrown error is printed and exits with ``ExitCode/failure``.
    func run(_ context: CommandContext) async throws -> ExitCode
}

extension ParsableCommand {
    /// Accepts every combination.
    func validate() throws(ValidationError) {}
}

/// A command that only groups subcommands (`scenario`, `state`); it is never instantiated or run.
protocol CommandGroup: ParsableCommand {}

extension CommandGroup {
    /// Groups are never run: naming one without a subcommand prints its help instead.
    func run(_ context: CommandContext) async throws -> ExitCode {
        context.standardOutput.write(HelpGenerator.help(for: CommandPath([Self.self])))
        return .success
    }
}
