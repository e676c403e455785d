/// `bitrix-emu load [--state DIR] --count N [--seed S] [--start-railway-id K]`.
struct LoadCommand: ParsableCommand {
    static let state = SharedOptions.state(isRequired: false)
    static let initialize = SharedOptions.initialize
    static let count = Option(
        "count",
        valueName: "n",
        parser: .positiveInteger,
        isRequired: true,
        help: "How many orders to create."
    )
    static let seed = Option(
        "seed",
        valueName: "s",
        parser: .unsignedInteger,
        help: "The seed of the order generator; the same seed makes the same orders."
    )
    static let startRailwayID = Option(
        "start-railway-id",
        valueName: "k",
        parser: .positiveInteger,
        help: "The railway order id of the first order; the next ones count up from it."
    )

    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Create N valid orders through the API.",
        discussion: "Prints 'ok <bitrix_order_id> <railway_order_id>' for each acknowledged create.",
        arguments: [state, initialize, count, seed, startRailwayID]
    )

    /// The state folder, or `nil` for an in-memory engine.
    let state: String?
    /// Whether `--init` was given.
    let initialize: Bool
    /// How many orders to create; at least 1.
    let count: Int
    /// The generator seed, if given.
    let seed: UInt64?
    /// The first railway order id, if given.
    let startRailwayID: Int?

    init(from values: ParsedValues) throws(UsageError) {
        state = values[Self.state]
        initialize = values[Self.initialize]
        count = try values.require(Self.count)
        seed = values[Self.seed]
        startRailwayID = values[Self.startRailwayID]
    }

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.load(self, context)
    }
}
