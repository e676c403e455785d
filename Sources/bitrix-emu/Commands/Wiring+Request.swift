import SaleHTTP
import BitrixSale
import EmulatedSite
import Foundation
import SaleStorage
import SiteAPI

extension Wiring {
    /// An API over an engine on `--state DIR` or, without it, in memory; the engine reads `clock` (the real time
    /// unless `request --now` fixes it).
    ///
    /// - Parameters:
    ///   - create: make the folder when nothing exists at the path (`load`; `request` only with `--init`).
    ///   - initialize: start an empty state in an existing folder that holds none (`--init`).
    ///   - readOnly: open without the lock and without writing (a `request` GET): a writer may run beside it.
    static func startAPI(
        state: String?,
        site: SiteConfiguration,
        create: Bool,
        initialize: Bool,
        readOnly: Bool = false,
        clock: SaleClock = .system,
        _ context: CommandContext
    ) -> (api: SiteAPI, engine: SaleEngine, store: DurableOrderStore?)? {
        do {
            var store: DurableOrderStore?
            if let state {
                store = try DurableOrderStore.open(
                    folder: URL(fileURLWithPath: state),
                    options: .init(
                        create: create,
                        initialize: initialize,
                        readOnly: readOnly,
                        fileSystem: CrashingFileSystem.fromEnvironment()
                    )
                )
                for warning in store?.openingWarnings ?? [] { context.standardError.write("warning: \(warning)\n") }
            }
            let engine = try SaleEngine(site: site, store: store ?? InMemoryOrderStore(), clock: clock)
            let api = try SiteAPI(engine: engine)
            // No teardown at exit: the API holds the engine, which holds the store and its state.
            context.keepUntilExit(api)
            return (api, engine, store)
        } catch {
            context.standardError.write("bitrix-emu: \(error)\n")
            return nil
        }
    }

    /// The whole emulated site (`/api/v2`, `/rest`, `/__emu`) on `--state DIR` (opened as `opening` says) or, without
    /// it, in memory; the engine reads `clock`.
    static func startSite(
        state: String?,
        site: SiteConfiguration,
        opening: SiteStorage.FolderOpening,
        clock: any SiteClock,
        _ context: CommandContext
    ) -> EmulatedSite? {
        do {
            let storage: SiteStorage = state.map { .folder(URL(fileURLWithPath: $0), opening) } ?? .memory
            let emulated = try EmulatedSite(site: site, storage: storage, clock: clock)
            for warning in emulated.durableStore?.openingWarnings ?? [] {
                context.standardError.write("warning: \(warning)\n")
            }
            // No teardown at exit: the site holds the engine, which holds the store and its state; closing the site
            // drops its engine and store, so the durable store (and with it the state) is kept as well.
            context.keepUntilExit(emulated)
            if let store = emulated.durableStore { context.keepUntilExit(store) }
            return emulated
        } catch {
            context.standardError.write("bitrix-emu: \(error)\n")
            return nil
        }
    }

    static func request(_ command: RequestCommand, _ context: CommandContext) async throws -> ExitCode {
        guard let site = loadSite(command.site, context) else { return .usage }
        var body: [UInt8] = []
        switch command.body {
        case .inline(let text): body = Array(text.utf8)
        case .file(let path):
            // The size first: a huge file is refused before it is read.
            let limit = APIOptions().maxBodyBytes
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            guard let attributes, attributes[.type] as? FileAttributeType == .typeRegular,
                let size = (attributes[.size] as? NSNumber)?.intValue
            else {
                context.standardError.write("bitrix-emu: cannot read the body file \(path): expected a regular file\n")
                return .usage
            }
            guard size <= limit else {
                context.standardError.write(
                    "bitrix-emu: the body file \(path) is \(size) bytes; expected at most \(limit) (the API's limit)\n"
                )
                return .usage
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                context.standardError.write("bitrix-emu: cannot read the body file \(path)\n")
                return .usage
            }
            body = Array(data)
        case nil: break
        }
        var headers = command.headerFields.map { HeaderField($0.name, $0.value) }
        if !command.noAuth, let token = site.apiTokens.first,
            !headers.contains(where: { $0.name.lowercased() == "authorization" })
        {
            headers.append(HeaderField("Authorization", "Bearer \(token)"))
        }
        // A GET reads: it opens the folder read-only (no lock, never writing), so a writer may run beside it.
        let reads = ["GET", "HEAD"].contains(command.method) && !command.initialize
        let opening = SiteStorage.FolderOpening(
            create: command.initialize,
            initialize: command.initialize,
            readOnly: reads
        )
        let clock: any SiteClock = command.now.map { ManualClock($0.date) } ?? SystemOffsetClock()
        guard let emulated = startSite(state: command.state, site: site, opening: opening, clock: clock, context)
        else { return .failure }
        defer {
            if let error = emulated.close() {
                context.standardError.write("warning: compacting on close failed (the journal is intact): \(error)\n")
            }
        }
        let response = emulated.handle(
            APIRequest(method: command.method, target: command.path, headers: headers, body: body)
        )
        if command.include {
            var head = "HTTP/1.1 \(response.status) \(reasonPhrase(response.status))\r\n"
            for field in response.headers { head += "\(field.name): \(field.value)\r\n" }
            context.standardOutput.write(head + "\r\n")
        }
        context.standardOutput.write(String(decoding: response.body, as: UTF8.self) + "\n")
        return (200..<300).contains(response.status) ? .success : .failure
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 403: "Forbidden"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        default: ""
        }
    }
}
