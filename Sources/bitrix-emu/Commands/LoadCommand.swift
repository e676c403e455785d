/// `bitrix-emu load [--state DIR] --count N [--seed S] [--start-railway-id K]`.
struct LoadCommand: DeclaredCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Create N valid orders through the API.",
        discussion: "Prints 'ok <bitrix_order_id> <railway_order_id>' for each acknowledged create.",
        arguments: declaredArguments
    )

    /// The state folder, or `nil` for an in-memory engine.
    @Option(SharedOptions.state(isRequired: false)) var state: String?
    /// Whether `--init` was given.
    @Flag(SharedOptions.initialize) var initialize: Bool
    /// How many orders to create; at least 1 (required: `$count` is the value).
    @Option("count", valueName: "n", parser: .positiveInteger, isRequired: true, help: "How many orders to create.")
    var count: Int?
    /// The generator seed, if given.
    @Option(
        "seed",
        valueName: "s",
        parser: .unsignedInteger,
        help: "The seed of the order generator; the same seed makes the same orders."
    )
    var seed: UInt64?
    /// The first railway order id, if given.
    @Option(
        "start-railway-id",
        valueName: "k",
        parser: .positiveInteger,
        help: "The railway order id of the first order; the next ones count up from it."
    )
    var startRailwayID: Int?

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.load(self, context)
    }
}
