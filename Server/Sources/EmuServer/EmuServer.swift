import BitrixSale
import EmulatedSite
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import SaleStorage
import UnixSignals

/// Runs the emulated site on a port until SIGINT or SIGTERM.
public enum EmuServer {
    /// Starts the server, prints `listening on SCHEME://HOST:PORT` once it answers, and returns the exit status
    /// after a graceful shutdown (0), or 1 when it cannot start (a locked or damaged state folder, a bad site
    /// file, an unreadable certificate), with the reason on standard error.
    public static func run(_ options: ServerOptions) async -> Int32 {
        let site: EmulatedSite
        let tlsConfiguration: TLSConfiguration?
        do {
            let configuration =
                try options.siteFile.map { try SiteConfiguration.load(contentsOf: URL(fileURLWithPath: $0)) }
                ?? .defaultSite
            let clock: any SiteClock = options.now.map { ManualClock($0) } ?? SystemOffsetClock()
            tlsConfiguration = try options.tls.map { tls in
                let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate)
                    .map { NIOSSLCertificateSource.certificate($0) }
                let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
                return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            }
            site = try EmulatedSite(
                site: configuration,
                storage: options.stateFolder.map {
                    .folder(URL(fileURLWithPath: $0), .init(create: true, initialize: options.initialize))
                } ?? .memory,
                clock: clock,
                options: EmulatedSite.Options(
                    journalCapacity: options.journalCapacity,
                    controlPlane: options.controlPlaneAccess
                )
            )
        } catch {
            standardError("bitrix-emu-server: \(error)\n")
            return 1
        }
        for warning in site.durableStore?.openingWarnings ?? [] { standardError("warning: \(warning)\n") }
        var logger = Logger(label: "bitrix-emu-server")
        logger.logLevel = .info
        let pool = NIOThreadPool(numberOfThreads: max(1, options.workerThreads))
        pool.start()
        let adapter = HTTPAdapter(
            site: site,
            pool: pool,
            logger: logger,
            bodyLimit: site.options.apiOptions.maxBodyBytes,
            stateLimit: options.maxStateBytes
        )
        let scheme = options.scheme
        let host = options.host
        do {
            let server: HTTPServerBuilder =
                if let tlsConfiguration { try .tls(.http1(), tlsConfiguration: tlsConfiguration) } else { .http1() }
            let app = Application(
                responder: adapter,
                server: server,
                configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? options.port
                    standardOutput("listening on \(scheme)://\(host):\(port)\n")
                },
                logger: logger
            )
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            standardError("bitrix-emu-server: \(error)\n")
            site.close()
            try? await pool.shutdownGracefully()
            return 1
        }
        if let error = site.close() {
            standardError("warning: compacting on close failed (the journal is intact): \(error)\n")
        }
        try? await pool.shutdownGracefully()
        standardError("bitrix-emu-server: stopped; the state is closed\n")
        return 0
    }

    /// Writes to standard output at once (a test or script waits for the line).
    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes to standard error.
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
