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
struct StateVerifyCommand: ParsableCommand {
    static let state = SharedOptions.state(isRequired: true)
    static let site = SharedOptions.site

    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Replay the snapshot and journal and check every invariant.",
        discussion: "Exits 0 when the state is sound, 1 when it is not.",
        arguments: [state, site]
    )

    /// The state folder.
    let state: String
    /// The site configuration file, or `nil` for the built-in default site.
    let site: String?

    init(from values: ParsedValues) throws(UsageError) {
        state = try values.require(Self.state)
        site = values[Self.site]
    }

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.stateVerify(self, context)
    }
}

/// `bitrix-emu state compact --state DIR`.
struct StateCompactCommand: ParsableCommand {
    static let state = SharedOptions.state(isRequired: true)

    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Write a new snapshot and truncate the journal.",
        arguments: [state]
    )

    /// The state folder.
    let state: String

    init(from values: ParsedValues) throws(UsageError) {
        state = try values.require(Self.state)
    }

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.stateCompact(self, context)
    }
}

/// `bitrix-emu state export --state DIR [--output FILE]`.
struct StateExportCommand: ParsableCommand {
    static let state = SharedOptions.state(isRequired: true)
    static let output = Option<String>(
        "output",
        short: "o",
        valueName: "file",
        help: "Write the export to this file instead of standard output."
    )

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the current state as one JSON document.",
        arguments: [state, output]
    )

    /// The state folder.
    let state: String
    /// The output file, or `nil` for standard output.
    let output: String?

    init(from values: ParsedValues) throws(UsageError) {
        state = try values.require(Self.state)
        output = values[Self.output]
    }

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.stateExport(self, context)
    }
}
