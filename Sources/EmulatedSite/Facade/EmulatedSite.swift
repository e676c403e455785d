import BitrixSale
import Foundation
import SaleHTTP
import SaleJSON
import SaleREST
import SaleStorage
import SiteAPI
import Synchronization

/// The whole emulated site as one surface: `/api/v2/…` to ``SiteAPI/SiteAPI``, `/rest/…` to the REST surface when
/// one is configured, and `/__emu/…` to the control plane; it records the request journal and applies faults.
///
/// The HTTP server, the scenarios and the command line all call this façade, so the same requests give the same
/// bytes everywhere. Safe to call from many threads at once: requests share the engine, a reset waits for the
/// requests in flight and holds new ones back until it is done.
public final class EmulatedSite: HTTPSurface {
    /// Makes the `/rest` surface over an engine (called again with the new engine after a reopen).
    public typealias RESTFactory = @Sendable (SaleEngine) throws -> any HTTPSurface

    /// Bitrix's REST `sale` scope (``SaleREST/SaleREST``): every `/rest/…` path is 404 on a site without a `rest`
    /// section, as the spec says.
    public static let saleREST: RESTFactory = { SaleREST(engine: $0) }

    /// Who may use the control plane (`/__emu/ping`, `/__emu/health` and `/__emu/openapi.json` are always open).
    public enum ControlPlaneAccess: Sendable, Hashable {
        /// Anyone (the server on a loopback address).
        case open
        /// Requests with `Authorization: Bearer TOKEN` or `X-Emu-Admin-Token: TOKEN`.
        case token(String)
        /// Nobody (the server on another address without `--admin-token`).
        case closed
    }

    /// The façade's settings.
    public struct Options: Sendable {
        /// How many requests the journal keeps.
        public var journalCapacity: Int
        /// Who may use the control plane.
        public var controlPlane: ControlPlaneAccess
        /// The `/api/v2` limits.
        public var apiOptions: APIOptions
        /// The version `/__emu/health` reports.
        public var version: String

        /// Makes options.
        public init(
            journalCapacity: Int = 1000,
            controlPlane: ControlPlaneAccess = .open,
            apiOptions: APIOptions = APIOptions(),
            version: String = EmulatedSite.version
        ) {
            self.journalCapacity = journalCapacity
            self.controlPlane = controlPlane
            self.apiOptions = apiOptions
            self.version = version
        }
    }

    /// The emulator's version.
    public static let version = "0.1.0"

    /// The largest JSON body the journal keeps for `POST /__emu/requests/count` body matchers (64 KiB), so that a
    /// full journal stays small.
    public static let journalBodyLimit = 64 << 10

    /// The site configuration.
    public let site: SiteConfiguration
    /// Where the orders are kept.
    public let storage: SiteStorage
    /// The engine's clock, settable through `/__emu/clock`.
    public let clock: any SiteClock
    /// The request journal.
    public let journal: RequestJournal
    /// The fault rules.
    public let faults: FaultBook
    /// The settings.
    public let options: Options

    let recipe: SiteBackend.Recipe
    let gate = ReadWriteLock()
    let current: Mutex<SiteBackend?>
    let monotonicNanoseconds: @Sendable () -> UInt64

    /// Opens the site.
    ///
    /// - Parameters:
    ///   - site: the site configuration.
    ///   - storage: in memory, or a durable state folder (opened, or created when it holds no state).
    ///   - initialState: a state to start from (a folder must then hold no state yet).
    ///   - clock: the engine's clock.
    ///   - rest: makes the `/rest` surface (Bitrix's REST by default); nil answers `/rest/…` with a 501 saying REST is
    ///     not configured.
    ///   - options: journal size, control-plane access, API limits.
    ///   - monotonicNanoseconds: the time source for durations (injected in tests).
    /// - Throws: the site's configuration error, or the state folder's (locked, damaged, …).
    public init(
        site: SiteConfiguration = .defaultSite,
        storage: SiteStorage = .memory,
        initialState: StoreState? = nil,
        clock: any SiteClock = SystemOffsetClock(),
        rest: RESTFactory? = EmulatedSite.saleREST,
        options: Options = Options(),
        monotonicNanoseconds: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) throws {
        self.site = site
        self.storage = storage
        self.clock = clock
        self.options = options
        self.monotonicNanoseconds = monotonicNanoseconds
        journal = RequestJournal(capacity: options.journalCapacity)
        faults = FaultBook()
        recipe = SiteBackend.Recipe(site: site, clock: clock, apiOptions: options.apiOptions, rest: rest)
        current = Mutex(try SiteBackend.open(recipe, storage: storage, initial: initialState))
    }

    /// The engine behind the site now (a reset replaces it), or nil after a failed reset or ``close()``.
    public var engine: SaleEngine? { current.withLock { $0?.engine } }

    /// The durable store behind the site now, or nil in memory.
    public var durableStore: DurableOrderStore? { current.withLock { $0?.durable } }

    /// Answers one request as a value: a dropped connection is status 0 and an injected delay is not waited for
    /// (``answer(_:)`` says both).
    public func handle(_ request: APIRequest) -> APIResponse { answer(request).responseOrDropped }

    /// Answers one request: routes it, applies the first fault rule that fires, and records it in the journal
    /// (control-plane requests are neither recorded nor faulted).
    public func answer(_ request: APIRequest) -> SiteAnswer {
        let path = Self.path(of: request.target)
        if request.method == "OPTIONS" { return SiteAnswer(response: Self.preflight()) }
        if path == "/__emu" || path.hasPrefix("/__emu/") {
            return SiteAnswer(response: controlPlane(request, path: path))
        }
        let surface = path == "/rest" || path.hasPrefix("/rest/") ? "rest" : path.hasPrefix("/api/") ? "api" : "other"
        let arrived = clock.now
        let start = monotonicNanoseconds()
        let rule = faults.fire(method: request.method, path: path, surface: surface)
        var response: APIResponse?
        var handled: APIResponse?
        if let rule, !rule.afterHandling, rule.action != .delayOnly {
            response = Self.faultResponse(rule)
        } else {
            handled = route(request, surface: surface)
            response = handled
            if let rule, rule.action != .delayOnly { response = Self.faultResponse(rule) }
        }
        let elapsed = Double(monotonicNanoseconds() &- start) / 1_000_000
        let applied = rule.map { rule in
            AppliedFault(
                ruleId: rule.id,
                kind: rule.kind,
                status: rule.action == .delayOnly ? nil : (response?.status ?? 0),
                delayMilliseconds: rule.delayMilliseconds,
                afterHandling: rule.afterHandling
            )
        }
        var body: JSONValue?
        if request.body.first.map({ $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) ?? false,
            request.body.count <= Self.journalBodyLimit, let parsed = try? JSONParser().parse(request.body)
        {
            body = Redaction.body(parsed)
        }
        journal.record(
            JournalEntry(
                sequence: 0,
                at: arrived,
                method: request.method,
                path: Redaction.target(request.target),
                surface: surface,
                status: response?.status ?? 0,
                durationMilliseconds: elapsed,
                diagnostics: handled?.header("X-Emu-Diagnostics"),
                fault: applied,
                body: body
            )
        )
        return SiteAnswer(response: response, delayMilliseconds: rule?.delayMilliseconds ?? 0, fault: applied)
    }

    /// Sends a request to the surface it names, on the current engine.
    private func route(_ request: APIRequest, surface: String) -> APIResponse {
        gate.reading {
            guard let backend = current.withLock({ $0 }) else {
                return Self.json(
                    503,
                    .object([
                        (key: "success", value: .bool(false)),
                        (
                            key: "error",
                            value: .string("The order store is unavailable: the last reset failed; reset again")
                        ),
                    ])
                )
            }
            guard surface == "rest" else { return backend.api.handle(request) }
            guard let rest = backend.rest else {
                return Self.json(
                    501,
                    .object([
                        (key: "error", value: .string("REST_NOT_CONFIGURED")),
                        (
                            key: "error_description",
                            value: .string(
                                "The /rest surface is not configured in this emulator; only /api/v2 and /__emu are"
                            )
                        ),
                    ])
                )
            }
            return rest.handle(request)
        }
    }

    // MARK: State

    /// Replaces the state: empty, or `state`, in one durable step (`SaleEngine.replaceState(with:)`: a crash leaves
    /// the old state or the new one, never neither).
    ///
    /// Waits for the requests in flight; the journal, the faults and the clock stay as they are.
    ///
    /// - Throws: the state folder's error when it cannot be rewritten, or a 503 ``ControlPlaneError`` once the site
    ///   is closed.
    public func reset(to state: StoreState? = nil) throws {
        try gate.writing {
            guard let backend = current.withLock({ $0 }) else {
                throw ControlPlaneError(status: 503, message: "The order store is closed")
            }
            try backend.engine.replaceState(with: state ?? StoreState())
        }
    }

    /// Drops the engine and reopens it from the state folder, as a process restart would.
    ///
    /// In memory the state is kept. The journal, the faults and the clock survive.
    public func reopen() throws {
        try gate.writing {
            let old = current.withLock { backend in
                let old = backend
                backend = nil
                return old
            }
            guard case .folder = storage else {
                let state = old?.memory?.snapshot
                current.withLock { $0 = nil }
                let backend = try SiteBackend.open(recipe, storage: .memory, initial: state)
                current.withLock { $0 = backend }
                return
            }
            _ = old?.close()
            let backend = try SiteBackend.open(recipe, storage: storage, initial: nil)
            current.withLock { $0 = backend }
        }
    }

    /// The state as a snapshot document (the export format; equal states give equal bytes).
    public func exportState() throws -> [UInt8] {
        try gate.reading {
            guard let backend = current.withLock({ $0 }) else {
                throw ControlPlaneError(status: 503, message: "The order store is unavailable: the last reset failed")
            }
            return try backend.exportSnapshot()
        }
    }

    /// The number of orders stored, or nil when the store is unavailable.
    public var orderCount: Int? { gate.reading { current.withLock { $0?.orderCount } } }

    /// Closes the state folder (which compacts a journal that has grown: `docs/STORAGE.md`); the site answers 503
    /// after. Returns the compaction's error if it failed (the journal is then intact).
    @discardableResult
    public func close() -> StorageError? {
        gate.writing {
            let old = current.withLock { backend in
                let old = backend
                backend = nil
                return old
            }
            return old?.close()
        }
    }

    // MARK: Helpers

    /// The path of a request target (before `?`).
    static func path(of target: String) -> String {
        guard let mark = target.firstIndex(of: "?") else { return target }
        return String(target[..<mark])
    }

    /// The CORS preflight answer.
    static func preflight() -> APIResponse {
        APIResponse(
            status: 204,
            headers: [
                HeaderField("Access-Control-Allow-Origin", "*"),
                HeaderField("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS"),
                HeaderField("Access-Control-Allow-Headers", "Authorization, Content-Type"),
                HeaderField("Access-Control-Max-Age", "600"),
            ]
        )
    }

    /// A fault rule's answer (nil for a drop).
    static func faultResponse(_ rule: FaultRule) -> APIResponse? {
        guard case .respond(let status, let headers, let body) = rule.action else { return nil }
        var fields = headers.sorted { $0.key < $1.key }.map { HeaderField($0.key, $0.value) }
        fields.append(HeaderField("Access-Control-Allow-Origin", "*"))
        fields.append(HeaderField("X-Emu-Fault", "rule \(rule.id)"))
        return APIResponse(status: status, headers: fields, body: body)
    }

    /// A JSON answer with the API's common headers.
    static func json(_ status: Int, _ value: JSONValue, extraHeaders: [HeaderField] = []) -> APIResponse {
        APIResponse(
            status: status,
            headers: [
                HeaderField("Content-Type", "application/json; charset=UTF-8"),
                HeaderField("Access-Control-Allow-Origin", "*"),
            ] + extraHeaders,
            body: JSONWriter().bytes(value)
        )
    }
}
