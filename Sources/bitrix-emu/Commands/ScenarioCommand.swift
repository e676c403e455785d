/// `bitrix-emu scenario`: the QA scenario commands.
struct ScenarioCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run QA scenario files.",
        subcommands: [ScenarioRunCommand.self]
    )
}

/// `bitrix-emu scenario run PATH... [--junit FILE] [--site FILE]`.
struct ScenarioRunCommand: DeclaredCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run QA scenario files or folders.",
        discussion: "Each scenario runs against a fresh engine. Exits 0 when every scenario passes, 1 when one fails, "
            + "2 when a file is not a valid scenario. The format: docs/SCENARIOS.md.",
        arguments: declaredArguments
    )

    /// The files and folders to run, in command-line order.
    @VariadicArgument("path", parser: .nonEmptyString, help: "Scenario files, or folders searched for scenario files.")
    var paths: [String]
    /// Where to write the JUnit XML report, if anywhere.
    @Option("junit", valueName: "file", help: "Also write a JUnit XML report to this file.") var junit: String?
    /// The site configuration file, if not the default site.
    @Option(SharedOptions.site) var site: String?

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.scenarioRun(self, context)
    }
}
