import EmulatedSite
import Foundation

/// What the server is told on its command line, checked.
public struct ServerOptions: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// The durable state folder, or nil for in memory.
    public var stateFolder: String?
    /// Whether `--init` was given: start an empty state in an existing folder that holds none (otherwise an error,
    /// never a quiet empty start).
    public var initialize: Bool
    /// The site file, or nil for the built-in site.
    public var siteFile: String?
    /// A fixed engine clock, or nil for the system clock.
    public var now: Date?
    /// PEM certificate and key paths for HTTPS.
    public var tls: (certificate: String, key: String)?
    /// The control plane's admin token.
    public var adminToken: String?
    /// How many requests the journal keeps.
    public var journalCapacity: Int
    /// The largest snapshot `POST /__emu/reset` takes, in bytes.
    public var maxStateBytes: Int
    /// Threads that run engine calls (off the event loop; a durable save blocks one until its flush).
    public var workerThreads: Int

    /// Makes options.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        stateFolder: String? = nil,
        initialize: Bool = false,
        siteFile: String? = nil,
        now: Date? = nil,
        tls: (certificate: String, key: String)? = nil,
        adminToken: String? = nil,
        journalCapacity: Int = 1000,
        maxStateBytes: Int = 1 << 30,
        workerThreads: Int = 64
    ) {
        self.host = host
        self.port = port
        self.stateFolder = stateFolder
        self.initialize = initialize
        self.siteFile = siteFile
        self.now = now
        self.tls = tls
        self.adminToken = adminToken
        self.journalCapacity = journalCapacity
        self.maxStateBytes = maxStateBytes
        self.workerThreads = workerThreads
    }

    /// Whether `host` is a loopback address (127.0.0.0/8, `::1`, `localhost`).
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Who may use the control plane: with `--admin-token`, its holders; else anyone on loopback, nobody elsewhere.
    public var controlPlaneAccess: EmulatedSite.ControlPlaneAccess {
        if let adminToken { return .token(adminToken) }
        return isLoopback ? .open : .closed
    }

    /// `http` or `https`.
    public var scheme: String { tls == nil ? "http" : "https" }
}
