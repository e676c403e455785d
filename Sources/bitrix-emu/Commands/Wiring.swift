// The bodies of the commands, one extension file per command group (Wiring+State.swift, …). Each function gets
// the parsed, validated command and the output streams, and returns the exit code.

enum Wiring {
    static func bench(_ command: BenchCommand, _ context: CommandContext) async throws -> ExitCode {
        notWired("bench", context)
    }

    private static func notWired(_ name: String, _ context: CommandContext) -> ExitCode {
        context.standardError.write("bitrix-emu: \(name) is not wired yet\n")
        return .failure
    }
}
