import Testing

@testable import bitrix_emu

/// Parses `arguments` against the real `bitrix-emu` tree.
func parse(_ arguments: [String]) throws(CommandLineError) -> ParseResult {
    try CommandParser(root: BitrixEmu.self).parse(arguments)
}

/// Parses `arguments` and returns the command they select, which must be of type `C`.
func parseCommand<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) throws -> C {
    guard case .run(let command, _) = try parse(arguments) else {
        Issue.record("\(arguments) did not select a command to run")
        throw CancellationError()
    }
    return try #require(command as? C)
}

/// The usage error that parsing `arguments` fails with, or `nil` when it parses.
func usageError(_ arguments: [String]) -> UsageError? {
    do {
        _ = try parse(arguments)
        return nil
    } catch {
        return error.error
    }
}

/// The command words of the help screen that `arguments` ask for, or `nil` when they ask for none.
func helpPath(_ arguments: [String]) throws -> String? {
    guard case .help(let path) = try parse(arguments) else { return nil }
    return path.commandLine
}

/// Runs `arguments` in process and returns the exit code and everything printed.
func runInProcess(_ arguments: [String]) async -> (code: ExitCode, stdout: String, stderr: String) {
    let output = CapturedOutput()
    let error = CapturedOutput()
    let context = CommandContext(standardOutput: output.sink, standardError: error.sink)
    let code = await CommandRunner(root: BitrixEmu.self).run(arguments, context: context)
    return (code, output.text, error.text)
}
