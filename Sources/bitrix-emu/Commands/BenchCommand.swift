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

    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure order creation, reads and snapshots in process.",
        arguments: [orders, json, snapshotOut]
    )

    /// How many orders to create.
    let orders: Int
    /// Whether to print JSON.
    let json: Bool
    /// Where to write the snapshot, if anywhere.
    let snapshotOut: String?

    init(from values: ParsedValues) throws(UsageError) {
        orders = try values.require(Self.orders)
        json = values[Self.json]
        snapshotOut = values[Self.snapshotOut]
    }

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.bench(self, context)
    }
}
