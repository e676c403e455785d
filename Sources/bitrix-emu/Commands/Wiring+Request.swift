import SaleHTTP
import BitrixSale
import EmulatedSite
import Foundation
import SaleStorage
import SiteAPI

extension Wiring {
    /// An API over an engine on `--state DIR` (created when it does not exist yet) or, without it, in memory.
    static func startAPI(state: String?, site: SiteConfiguration, _ context: CommandContext)
        -> (api: SiteAPI, engine: SaleEngine, store: DurableOrderStore?)?
    {
        do {
            var store: DurableOrderStore?
            if let state {
                let folder = URL(fileURLWithPath: state)
                let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent("journal.jsonl").path)
                store = try DurableOrderStore.open(folder: folder, options: .init(create: !exists))
                for warning in store?.openingWarnings ?? [] { context.standardError.write("warning: \(warning)\n") }
            }
            let engine = try SaleEngine(site: site, store: store ?? InMemoryOrderStore())
            return (try SiteAPI(engine: engine), engine, store)
        } catch {
            context.standardError.write("bitrix-emu: \(error)\n")
            return nil
        }
    }

    /// The whole emulated site (`/api/v2`, `/rest`, `/__emu`) on `--state DIR` (created when it does not exist
    /// yet) or, without it, in memory.
    static func startSite(state: String?, site: SiteConfiguration, _ context: CommandContext) -> EmulatedSite? {
        do {
            let storage: SiteStorage = state.map { .folder(URL(fileURLWithPath: $0)) } ?? .memory
            let emulated = try EmulatedSite(site: site, storage: storage)
            for warning in emulated.durableStore?.openingWarnings ?? [] {
                context.standardError.write("warning: \(warning)\n")
            }
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
        guard let emulated = startSite(state: command.state, site: site, context) else { return .failure }
        defer { emulated.close() }
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
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 422: "Unprocessable Content"
        case 500: "Internal Server Error"
        default: ""
        }
    }
}
