/// `bitrix-emu state`: maintenance of a durable state folder.
struct StateCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Check, compact, export or import a state folder.",
        subcommands: [
            StateVerifyCommand.self, StateCompactCommand.self, StateExportCommand.self, StateImportCommand.self,
        ]
    )
}

/// `bitrix-emu state verify --state DIR [--site FILE]`.
struct StateVerifyCommand: DeclaredCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Replay the snapshot and journal and check every invariant.",
        discussion: "Exits 0 when the state is sound, 1 when it is not.",
        arguments: declaredArguments
    )

    /// The state folder (required: `$state` is the value).
    @Option(SharedOptions.state(isRequired: true)) var state: String?
    /// The site configuration file, or `nil` for the built-in default site.
    @Option(SharedOptions.site) var site: String?

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.stateVerify(self, context)
    }
}

/// `bitrix-emu state compact --state DIR`.
struct StateCompactCommand: DeclaredCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Write a new snapshot and truncate the journal.",
        arguments: declaredArguments
    )

    /// The state folder (required: `$state` is the value).
    @Option(SharedOptions.state(isRequired: true)) var state: String?

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.stateCompact(self, context)
    }
}

/// `bitrix-emu state export --state DIR [--output FILE]`.
struct StateExportCommand: DeclaredCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the current state as one JSON document.",
        arguments: declaredArguments
    )

    /// The state folder (required: `$state` is the value).
    @Option(SharedOptions.state(isRequired: true)) var state: String?
    /// The output file, or `nil` for standard output.
    @Option("output", short: "o", valueName: "file", help: "Write the export to this file instead of standard output.")
    var output: String?

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.stateExport(self, context)
    }
}
