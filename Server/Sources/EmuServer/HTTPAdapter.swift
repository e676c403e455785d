import EmulatedSite
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import SaleHTTP
import SaleJSON

/// The request context: Hummingbird's core storage plus the channel, so a dropped-connection fault can close it.
public struct EmuRequestContext: RequestContext {
    /// Hummingbird's core context.
    public var coreContext: CoreRequestContextStorage
    /// The connection.
    public let channel: any Channel

    /// Makes the context for one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Adapts HTTP to the emulated site's values: reads the body as a stream cut at the limit + 1, runs the façade on
/// the worker threads, waits out a delay fault, drops the connection for a drop fault, and logs one line.
///
/// Nothing of the emulator's behaviour is here; every answer comes from ``EmulatedSite/EmulatedSite``, and any
/// failure of the adapter itself is a JSON 500 with a log line, never a bare 500.
public struct HTTPAdapter: HTTPResponder {
    /// The site.
    public let site: EmulatedSite
    /// The threads that run engine calls.
    public let pool: NIOThreadPool
    /// The access log.
    public let logger: Logger
    /// The largest body `/api/v2`, `/rest` and the rest of `/__emu` read (the site answers 413 above it).
    public let bodyLimit: Int
    /// The largest snapshot `POST /__emu/reset` reads.
    public let stateLimit: Int

    /// Makes the adapter.
    public init(site: EmulatedSite, pool: NIOThreadPool, logger: Logger, bodyLimit: Int, stateLimit: Int) {
        self.site = site
        self.pool = pool
        self.logger = logger
        self.bodyLimit = bodyLimit
        self.stateLimit = stateLimit
    }

    /// Answers one request.
    public func respond(to request: Request, context: EmuRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let target = request.head.path ?? "/"
        let method = request.method.rawValue
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            logger.info(
                "\(method) \(Redaction.target(target)) \(status) \(String(format: "%.3f", milliseconds))ms"
            )
        }
        do {
            let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
            let limit = path == "/__emu/reset" ? stateLimit : bodyLimit
            let (body, overflow) = try await Self.readBody(request.body, limit: limit)
            if overflow, path == "/__emu/reset" {
                status = 413
                return Self.json(
                    413,
                    "The snapshot is larger than \(stateLimit) bytes; start the server with a larger --max-state-bytes"
                )
            }
            var headers: [HeaderField] = []
            for field in request.headers { headers.append(HeaderField(field.name.rawName, field.value)) }
            let apiRequest = APIRequest(method: method, target: target, headers: headers, body: body)
            let site = self.site
            let answer = try await pool.runIfActive { site.answer(apiRequest) }
            if answer.delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(answer.delayMilliseconds)) }
            guard let response = answer.response else {
                status = 0
                context.channel.close(mode: .all, promise: nil)
                return Response(status: .ok)
            }
            status = response.status
            return Self.response(response)
        } catch {
            status = 500
            logger.error("adapter failure on \(method) \(Redaction.target(target)): \(error)")
            return Self.json(500, "The server could not handle the request: \(error)")
        }
    }

    /// The body up to `limit` + 1 bytes, and whether there was more than `limit`.
    ///
    /// The site answers 413 past its limit, after its route and token checks; the rest is not read.
    static func readBody(_ body: RequestBody, limit: Int) async throws -> (bytes: [UInt8], overflow: Bool) {
        var bytes: [UInt8] = []
        for try await buffer in body {
            let room = limit + 1 - bytes.count
            if buffer.readableBytes >= room {
                buffer.withUnsafeReadableBytes { bytes.append(contentsOf: $0.prefix(room)) }
                return (bytes, true)
            }
            buffer.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
        }
        return (bytes, false)
    }

    /// A site response as Hummingbird's.
    static func response(_ response: APIResponse) -> Response {
        var fields = HTTPFields()
        for field in response.headers {
            if let name = HTTPField.Name(field.name) { fields.append(HTTPField(name: name, value: field.value)) }
        }
        fields[.contentLength] = String(response.body.count)
        return Response(
            status: HTTPResponse.Status(code: response.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body))
        )
    }

    /// The adapter's own JSON failure envelope.
    static func json(_ status: Int, _ message: String) -> Response {
        let body = JSONWriter()
            .bytes(.object([(key: "success", value: .bool(false)), (key: "error", value: .string(message))]))
        return response(
            APIResponse(
                status: status,
                headers: [
                    HeaderField("Content-Type", "application/json; charset=UTF-8"),
                    HeaderField("Access-Control-Allow-Origin", "*"),
                ],
                body: body
            )
        )
    }
}
