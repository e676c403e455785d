/// `bitrix-emu bench [--orders N] [--json] [--snapshot-out FILE]`.
struct BenchCommand: ParsableCommand {
    static let orders = Option(
        "orders",
        valueName: "n",
        parser: .positiveInteger,
        defaultValue: 100_000,
        help: "How many orders to create and read back."
    )
    static let json = Flag("json", help: "Print the measurements as one JSON object.")
    static let snapshotOut = Option<String>(
        "snapshot-out",
        valueName: "file",
        help: "Also write the final state as a snapshot to this file."
    )

    static let durableOnly = Flag(
        "durable-only",
        help: "Measure only the durable creates (one client, then 32 clients on one store)."
    )
    static let budget = Option(
        "budget",
        valueName: "seconds",
        parser: .positiveInteger,
        defaultValue: 10,
        help: "At most this many seconds for each durable create measurement."
    )
    static let payloadsOut = Option<String>(
        "payloads-out",
        valueName: "file",
        help: "Also write the generated create bodies to this file, one JSON line each (for a peer to insert)."
    )

    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure order creation, reads and snapshots in process.",
        arguments: [orders, json, snapshotOut, durableOnly, payloadsOut, budget]
    )

    /// How many orders to create.
    let orders: Int
    /// Whether to print JSON.
    let json: Bool
    /// Where to write the snapshot, if anywhere.
    let snapshotOut: String?
    /// Whether to skip everything but the durable creates.
    let durableOnly: Bool
    /// Where to write the request bodies, if anywhere.
    let payloadsOut: String?
    /// The time limit of each durable create measurement, in seconds.
    let budget: Int

    init(from values: ParsedValues) throws(UsageError) {
        orders = try values.require(Self.orders)
        json = values[Self.json]
        snapshotOut = values[Self.snapshotOut]
        durableOnly = values[Self.durableOnly]
        payloadsOut = values[Self.payloadsOut]
        budget = try values.require(Self.budget)
    }

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.bench(self, context)
    }
}
