/// `bitrix-emu version`: prints the tool's version.
struct VersionCommand: DeclaredCommand {
    /// The version printed by `bitrix-emu version`.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version of bitrix-emu.",
        arguments: declaredArguments
    )

    func run(_ context: CommandContext) async throws -> ExitCode {
        context.standardOutput.write("bitrix-emu \(Self.version)\n")
        return .success
    }
}
