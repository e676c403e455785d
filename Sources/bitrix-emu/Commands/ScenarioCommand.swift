/// `bitrix-emu scenario`: the QA scenario commands.
struct ScenarioCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Run QA scenario files.",
        subcommands: [ScenarioRunCommand.self]
    )
}

/// `bitrix-emu scenario run PATH... [--junit FILE] [--site FILE]`.
struct ScenarioRunCommand: ParsableCommand {
    static let paths = VariadicArgument(
        "path",
        parser: .nonEmptyString,
        help: "Scenario files, or folders searched for scenario files."
    )
    static let junit = Option<String>(
        "junit",
        valueName: "file",
        help: "Also write a JUnit XML report to this file."
    )
    static let site = SharedOptions.site

    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run QA scenario files or folders.",
        discussion: "Each scenario runs against a fresh engine. Exits 0 when every scenario passes, 1 otherwise.",
        arguments: [paths, junit, site]
    )

    /// The files and folders to run, in command-line order.
    let paths: [String]
    /// Where to write the JUnit XML report, if anywhere.
    let junit: String?
    /// The site configuration file, if not the default site.
    let site: String?

    init(from values: ParsedValues) throws(UsageError) {
        paths = values[Self.paths]
        junit = values[Self.junit]
        site = values[Self.site]
    }

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.scenarioRun(self, context)
    }
}
