import ArgumentParser
import EmulatedSite
import Foundation
import SaleJSON

/// `bitrix-emu-server`: the command line.
public struct ServerCommand: AsyncParsableCommand {
    /// The command's help.
    public static let configuration = CommandConfiguration(
        commandName: "bitrix-emu-server",
        abstract: "Serve the emulated Bitrix shop (/api/v2, /rest, /__emu) on a port.",
        version: EmulatedSite.version
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port; 0 picks a free one.")
    var port = 8080

    @Option(
        name: .customLong("state"),
        help: "The durable state folder (created where nothing exists); omitted: in memory."
    )
    var stateFolder: String?

    @Flag(
        name: .customLong("init"),
        help: "Start an empty state in an existing --state folder that holds none (otherwise that is an error)."
    )
    var initialize = false

    @Option(name: .customLong("site"), help: "The site configuration file; omitted: the built-in site.")
    var siteFile: String?

    @Option(
        help: "A fixed engine clock, ISO 8601 with an offset (2025-10-20T10:00:00+05:00); omitted: the system clock."
    )
    var now: String?

    @Option(name: .customLong("tls-cert"), help: "A PEM certificate (chain) for HTTPS; needs --tls-key.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(
        name: .customLong("admin-token"),
        help: "The token the control plane /__emu requires (needed to open it on a non-loopback address)."
    )
    var adminToken: String?

    @Option(name: .customLong("journal-size"), help: "How many requests the request journal keeps.")
    var journalSize = 1000

    @Option(name: .customLong("max-state-bytes"), help: "The largest snapshot POST /__emu/reset takes.")
    var maxStateBytes = 1 << 30

    @Option(name: .customLong("threads"), help: "Threads for engine calls (off the event loop).")
    var threads = 64

    /// Parses the command line and runs the server (the asynchronous entry point; `--help` and `--version` print and
    /// exit).
    public static func start() async {
        do {
            let parsed = try parseAsRoot()
            guard let command = parsed as? ServerCommand else {
                var other = parsed
                try other.run()
                return
            }
            try await command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// Makes the command (ArgumentParser fills it in).
    public init() {}

    /// Checks the options together.
    public func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port: expected 0 to 65535, found \(port)") }
        if let now, JSONDates.date(now) == nil {
            throw ValidationError(
                "--now: expected an ISO 8601 date and time such as 2025-10-20T10:00:00+05:00, found \(now)"
            )
        }
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together: give both PEM files or neither")
        }
        guard journalSize >= 1 else {
            throw ValidationError("--journal-size: expected a positive number, found \(journalSize)")
        }
        guard (1...1024).contains(threads) else {
            throw ValidationError("--threads: expected 1 to 1024, found \(threads)")
        }
    }

    /// Runs the server until SIGINT or SIGTERM.
    public func run() async throws {
        let options = ServerOptions(
            host: host,
            port: port,
            stateFolder: stateFolder,
            initialize: initialize,
            siteFile: siteFile,
            now: now.flatMap(JSONDates.date),
            tls: tlsCertificate.flatMap { certificate in tlsKey.map { (certificate, $0) } },
            adminToken: adminToken,
            journalCapacity: journalSize,
            maxStateBytes: maxStateBytes,
            workerThreads: threads
        )
        let status = await EmuServer.run(options)
        if status != 0 { throw ExitCode(status) }
    }
}
