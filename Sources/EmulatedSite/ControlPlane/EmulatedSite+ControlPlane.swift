import BitrixSale
import Foundation
import SaleHTTP
import SaleJSON
import SaleStorage

extension EmulatedSite {
    /// The control plane's routes and the methods each takes.
    static let controlRoutes: [(path: String, methods: [String])] = [
        ("/__emu/ping", ["GET"]),
        ("/__emu/health", ["GET"]),
        ("/__emu/openapi.json", ["GET"]),
        ("/__emu/reset", ["POST"]),
        ("/__emu/state", ["GET"]),
        ("/__emu/clock", ["GET", "PUT"]),
        ("/__emu/requests", ["GET", "DELETE"]),
        ("/__emu/requests/count", ["POST"]),
        ("/__emu/faults", ["GET", "POST", "DELETE"]),
        ("/__emu/faults/{id}", ["DELETE"]),
    ]

    /// The routes open to anyone, whatever ``ControlPlaneAccess`` says.
    static let openControlPaths: Set<String> = ["/__emu/ping", "/__emu/health", "/__emu/openapi.json"]

    /// Answers a `/__emu/…` request.
    func controlPlane(_ request: APIRequest, path: String) -> APIResponse {
        var routePath = path
        var faultId: Int?
        if path.hasPrefix("/__emu/faults/") {
            let rest = path.dropFirst("/__emu/faults/".count)
            routePath = "/__emu/faults/{id}"
            faultId = Int(rest)
            if faultId == nil {
                return Self.failure(
                    ControlPlaneError(status: 404, message: "No fault rule \"\(rest.prefix(40))\"; ids are integers")
                )
            }
        }
        guard let route = Self.controlRoutes.first(where: { $0.path == routePath }) else {
            return Self.failure(
                ControlPlaneError(
                    status: 404,
                    message: "Unknown control-plane route \(path.prefix(200)); see /__emu/openapi.json"
                )
            )
        }
        guard route.methods.contains(request.method) else {
            return Self.failure(
                ControlPlaneError(
                    status: 405,
                    message: "Method \(request.method.prefix(20)) is not allowed here; use "
                        + route.methods.joined(separator: " or "),
                    allowedMethods: route.methods
                )
            )
        }
        if !Self.openControlPaths.contains(routePath), let refusal = accessRefusal(request) {
            return Self.failure(refusal)
        }
        do throws(ControlPlaneError) {
            switch (routePath, request.method) {
            case ("/__emu/ping", _):
                return APIResponse(
                    status: 200,
                    headers: [
                        HeaderField("Content-Type", "text/plain; charset=UTF-8"),
                        HeaderField("Access-Control-Allow-Origin", "*"),
                    ],
                    body: Array("pong".utf8)
                )
            case ("/__emu/health", _): return health()
            case ("/__emu/openapi.json", _):
                return APIResponse(
                    status: 200,
                    headers: [
                        HeaderField("Content-Type", "application/json; charset=UTF-8"),
                        HeaderField("Access-Control-Allow-Origin", "*"),
                    ],
                    body: Array(OpenAPIDocument.json.utf8)
                )
            case ("/__emu/reset", _): return try resetRoute(request)
            case ("/__emu/state", _):
                do {
                    let bytes = try exportState()
                    return APIResponse(
                        status: 200,
                        headers: [
                            HeaderField("Content-Type", "application/json; charset=UTF-8"),
                            HeaderField("Access-Control-Allow-Origin", "*"),
                        ],
                        body: bytes
                    )
                } catch let error as ControlPlaneError {
                    throw error
                } catch {
                    throw ControlPlaneError(status: 503, message: "The state cannot be exported: \(error)")
                }
            case ("/__emu/clock", "GET"): return clockAnswer()
            case ("/__emu/clock", _): return try setClock(request)
            case ("/__emu/requests", "GET"): return try listRequests(request)
            case ("/__emu/requests", _):
                return Self.json(200, .object([(key: "cleared", value: .int(journal.clear()))]))
            case ("/__emu/requests/count", _):
                let value = try Self.jsonBody(request, emptyAs: .object([]))
                let matcher = try RequestMatcher(json: value)
                return Self.json(200, .object([(key: "count", value: .int(journal.count(matching: matcher)))]))
            case ("/__emu/faults", "GET"):
                return Self.json(
                    200,
                    .object([(key: "faults", value: .array(faults.rules.map { $0.rule.json(fired: $0.fired) }))])
                )
            case ("/__emu/faults", "POST"):
                let rule = faults.add(try FaultRule(json: try Self.jsonBody(request, emptyAs: nil)))
                return Self.json(201, rule.json(fired: 0))
            case ("/__emu/faults", _):
                return Self.json(200, .object([(key: "cleared", value: .int(faults.clear()))]))
            default:
                let id = faultId ?? 0
                guard faults.remove(id: id) else {
                    throw ControlPlaneError(status: 404, message: "No fault rule \(id)")
                }
                return Self.json(200, .object([(key: "deleted", value: .int(id))]))
            }
        } catch {
            return Self.failure(error)
        }
    }

    /// Why this request may not use the control plane, or nil when it may.
    private func accessRefusal(_ request: APIRequest) -> ControlPlaneError? {
        switch options.controlPlane {
        case .open: return nil
        case .closed:
            return ControlPlaneError(
                status: 403,
                message:
                    "The control plane is closed: the server listens on a non-loopback address; start it with --admin-token"
            )
        case .token(let token):
            let bearer = request.header("Authorization")
                .flatMap { value -> String? in
                    value.lowercased().hasPrefix("bearer ") ? String(value.dropFirst(7)) : nil
                }
            if bearer == token || request.header("X-Emu-Admin-Token") == token { return nil }
            return ControlPlaneError(
                status: 401,
                message: "The control plane needs the admin token: Authorization: Bearer … or X-Emu-Admin-Token"
            )
        }
    }

    private func health() -> APIResponse {
        let durable: Bool
        if case .folder = storage { durable = true } else { durable = false }
        guard let orders = orderCount else {
            return Self.json(
                503,
                .object([
                    (key: "status", value: .string("unavailable")), (key: "orders", value: .null),
                    (key: "durable", value: .bool(durable)), (key: "version", value: .string(options.version)),
                ])
            )
        }
        return Self.json(
            200,
            .object([
                (key: "status", value: .string("ok")), (key: "orders", value: .int(orders)),
                (key: "durable", value: .bool(durable)), (key: "version", value: .string(options.version)),
            ])
        )
    }

    private func resetRoute(_ request: APIRequest) throws(ControlPlaneError) -> APIResponse {
        var state: StoreState?
        if !request.body.isEmpty {
            do {
                state = try SnapshotFile.state(from: request.body, path: "the request body")
            } catch {
                throw .badRequest("The body is not a state snapshot (the state file format): \(error)")
            }
        }
        do {
            try reset(to: state)
        } catch {
            throw ControlPlaneError(status: 503, message: "The reset failed: \(error)")
        }
        return Self.json(
            200,
            .object([(key: "status", value: .string("reset")), (key: "orders", value: .int(orderCount ?? 0))])
        )
    }

    private func clockAnswer() -> APIResponse {
        Self.json(
            200,
            .object([
                (key: "now", value: .string(JSONDates.text(clock.now))),
                (key: "ticking", value: .bool(clock.isTicking)),
            ])
        )
    }

    private func setClock(_ request: APIRequest) throws(ControlPlaneError) -> APIResponse {
        let value = try Self.jsonBody(request, emptyAs: nil)
        guard let members = value.objectMembers else {
            throw .badRequest(
                "The body must be an object: {\"now\": \"2025-10-20T10:00:00+05:00\"} or {\"advance\": \"PT2H\"}"
            )
        }
        for (key, _) in members where key != "now" && key != "advance" {
            throw .badRequest("Unknown clock member \"\(key)\"; expected \"now\" or \"advance\"")
        }
        switch (value["now"], value["advance"]) {
        case (let now?, nil):
            guard let text = now.stringValue, let date = JSONDates.date(text) else {
                throw .badRequest(
                    "now: expected an ISO 8601 date and time such as 2025-10-20T10:00:00+05:00, found \(JSONWriter().string(now).prefix(60))"
                )
            }
            clock.set(date)
        case (nil, let advance?):
            guard let text = advance.stringValue, let duration = ClockDuration(iso8601: text) else {
                throw .badRequest(
                    "advance: expected an ISO 8601 duration such as PT2H, P1D or -PT30M (no years or months), found \(JSONWriter().string(advance).prefix(60))"
                )
            }
            clock.advance(by: duration.seconds)
        default:
            throw .badRequest("Expected exactly one of \"now\" or \"advance\"")
        }
        return clockAnswer()
    }

    private func listRequests(_ request: APIRequest) throws(ControlPlaneError) -> APIResponse {
        var matcher = RequestMatcher()
        var limit: Int?
        for (name, value) in Self.queryItems(request.target) {
            switch name {
            case "method": matcher.method = value.uppercased()
            case "path": matcher.pathPrefix = value
            case "surface": matcher.surface = value
            case "status":
                guard let code = Int(value) else {
                    throw .badRequest("status: expected an integer HTTP status, found \"\(value.prefix(40))\"")
                }
                matcher.status = code
            case "since":
                guard let sequence = Int(value) else {
                    throw .badRequest(
                        "since: expected a journal sequence number (entries after it), found \"\(value.prefix(40))\""
                    )
                }
                matcher.afterSequence = sequence
            case "limit":
                guard let number = Int(value), number >= 1 else {
                    throw .badRequest("limit: expected a positive integer, found \"\(value.prefix(40))\"")
                }
                limit = number
            default:
                throw .badRequest(
                    "Unknown filter \"\(name.prefix(40))\"; expected method, path, surface, status, since or limit"
                )
            }
        }
        var entries = journal.entries(matching: matcher)
        if let limit, entries.count > limit { entries = Array(entries.suffix(limit)) }
        return Self.json(
            200,
            .object([
                (key: "requests", value: .array(entries.map(\.json))),
                (key: "recorded", value: .int(journal.recordedCount)),
                (key: "capacity", value: .int(journal.capacity)),
            ])
        )
    }

    // MARK: Helpers

    /// The request's body as JSON (`emptyAs` for an empty body; nil makes an empty body an error).
    static func jsonBody(_ request: APIRequest, emptyAs: JSONValue?) throws(ControlPlaneError) -> JSONValue {
        if request.body.isEmpty {
            guard let emptyAs else { throw .badRequest("The body is empty; expected a JSON object") }
            return emptyAs
        }
        do {
            return try JSONParser().parse(request.body)
        } catch {
            throw .badRequest("The body is not valid JSON: \(error)")
        }
    }

    /// The decoded `name=value` pairs of a target's query.
    static func queryItems(_ target: String) -> [(String, String)] {
        guard let mark = target.firstIndex(of: "?") else { return [] }
        return target[target.index(after: mark)...].split(separator: "&")
            .map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ text: Substring) -> String {
                    let plus = text.replacingOccurrences(of: "+", with: " ")
                    return plus.removingPercentEncoding ?? plus
                }
                return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
            }
    }

    /// The control plane's failure envelope.
    static func failure(_ error: ControlPlaneError) -> APIResponse {
        json(
            error.status,
            .object([(key: "success", value: .bool(false)), (key: "error", value: .string(error.message))]),
            extraHeaders: error.allowedMethods.isEmpty
                ? [] : [HeaderField("Allow", error.allowedMethods.joined(separator: ", "))]
        )
    }
}
