/// Parses a command line, validates it, runs the chosen command and maps every outcome to an ``ExitCode``.
///
/// - Help (`--help`, `-h`, `help ...`, or a group without a subcommand): help on stdout, ``ExitCode/success``.
/// - Usage error or failed `validate()`: `error: ...`, `Usage: ...` and `See '... --help'.` on stderr,
///   ``ExitCode/usage``.
/// - `run` returns its own code; a ``ValidationError`` thrown by `run` is a usage error; any other error is
///   printed as `error: ...` on stderr with ``ExitCode/failure``.
struct CommandRunner: Sendable {
    /// The root of the command tree.
    let root: any ParsableCommand.Type

    /// Runs the arguments after the program name (`CommandLine.arguments.dropFirst()`).
    func run(_ arguments: [String], context: CommandContext) async -> ExitCode {
        let parsed: ParseResult
        do {
            parsed = try CommandParser(root: root).parse(arguments)
        } catch {
            context.standardError.write(HelpGenerator.errorMessage(error.error, path: error.path))
            return .usage
        }
        switch parsed {
        case .help(let path):
            context.standardOutput.write(HelpGenerator.help(for: path))
            return .success
        case .run(let command, let path):
            do {
                return try await command.run(context)
            } catch let error as ValidationError {
                context.standardError.write(HelpGenerator.errorMessage(.validation(error.message), path: path))
                return .usage
            } catch {
                context.standardError.write("error: \(error)\n")
                return .failure
            }
        }
    }
}
