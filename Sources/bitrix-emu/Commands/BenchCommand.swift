/// `bitrix-emu bench [--orders N] [--json] [--snapshot-out FILE] [--durable-only] [--payloads-out FILE]
/// [--budget SECONDS]`.
struct BenchCommand: DeclaredCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure order creation, reads and snapshots in process.",
        arguments: declaredArguments
    )

    /// How many orders to create (defaulted: `$orders` is the value).
    @Option(
        "orders",
        valueName: "n",
        parser: .positiveInteger,
        defaultValue: 100_000,
        help: "How many orders to create and read back."
    )
    var orders: Int?
    /// Whether to print JSON.
    @Flag("json", help: "Print the measurements as one JSON object.") var json: Bool
    /// Where to write the snapshot, if anywhere.
    @Option("snapshot-out", valueName: "file", help: "Also write the final state as a snapshot to this file.")
    var snapshotOut: String?
    /// Whether to skip everything but the durable creates.
    @Flag(
        "durable-only",
        help: "Measure only the durable creates (one client, then 32 clients on one store)."
    )
    var durableOnly: Bool
    /// Where to write the request bodies, if anywhere.
    @Option(
        "payloads-out",
        valueName: "file",
        help: "Also write the generated create bodies to this file, one JSON line each (for a peer to insert)."
    )
    var payloadsOut: String?
    /// The time limit of each durable create measurement, in seconds (defaulted: `$budget` is the value).
    @Option(
        "budget",
        valueName: "seconds",
        parser: .positiveInteger,
        defaultValue: 10,
        help: "At most this many seconds for each durable create measurement."
    )
    var budget: Int?

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.bench(self, context)
    }
}
