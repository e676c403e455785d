import BitrixSale
import Foundation
import SaleHTTP
import SaleJSON

/// Bitrix's own REST API, the `sale` scope (`sale.order.add` and friends), as a pure function of a ``SaleEngine``:
/// a request value for any path under `/rest/…` in, a response value out.
///
/// It answers what an on-premise Bitrix (profile `box`) or a Bitrix24 cloud portal (profile `cloud`) answers:
/// webhook and OAuth auth with scopes, PHP-style query, form and JSON parameters, the `result`/`time` envelope and
/// Bitrix's error envelope, JSON written as PHP's `Json::encode` writes it. Orders are edited through the domain
/// model and saved through the engine, so `/api/v2` sees them; the engine's diagnostics go to the
/// `X-Emu-Diagnostics` header, never into the body. Safe to call from many tasks.
public final class SaleREST: HTTPSurface {
    /// The engine the surface reads and writes.
    public let engine: SaleEngine
    /// The site's REST section (nil: the site has no REST surface and every path answers 404).
    public let settings: RESTSettings?

    let time: RESTTime
    let bucket: LeakyBucket?
    let methods: MethodTable

    /// The maximum number of commands a `batch` runs.
    static let batchLimit = 50

    /// Makes the surface over an engine; its site's `rest` section decides the profile and the credentials.
    public init(engine: SaleEngine) {
        self.engine = engine
        settings = engine.site.rest
        time = RESTTime(timeZone: TimeZone(identifier: engine.site.timeZone) ?? TimeZone(secondsFromGMT: 0)!)
        if let settings, settings.profile == .cloud {
            bucket = LeakyBucket(drainPerSecond: settings.rateLimit.drainPerSecond, burst: settings.rateLimit.burst)
        } else {
            bucket = nil
        }
        methods = MethodTable.standard
    }

    /// Answers one request; never traps.
    public func handle(_ request: APIRequest) -> APIResponse {
        let diagnostics: [SaleError] = []
        guard let settings else {
            return RESTEnvelope.response(status: 404, body: RESTError.methodNotFound.body, diagnostics: diagnostics)
        }
        let route: RESTRoute
        do throws(RESTError) {
            route = try RESTRoute(target: request.target)
        } catch {
            return RESTEnvelope.response(status: error.status, body: error.body, diagnostics: diagnostics)
        }
        guard let method = methods.method(named: route.method) else {
            return RESTEnvelope.response(status: 404, body: RESTError.methodNotFound.body, diagnostics: diagnostics)
        }
        var parsingNotes: [SaleError] = []
        let parameters = RequestParameters.parse(request, query: route.query, notes: &parsingNotes)
        let credential: Credential
        do throws(RESTError) {
            credential = try authenticate(route: route, request: request, parameters: parameters, settings: settings)
        } catch {
            return RESTEnvelope.response(status: error.status, body: error.body, diagnostics: parsingNotes)
        }
        let call = RESTCall(
            engine: engine,
            time: time,
            profile: settings.profile,
            userId: credential.userId,
            scopes: credential.scopes,
            isWebhook: credential.isWebhook
        )
        for note in parsingNotes { call.note(note) }
        if !method.scope.isEmpty, !credential.scopes.contains(method.scope) {
            let error = RESTError.insufficientScope(webhook: credential.isWebhook, cloud: settings.profile == .cloud)
            return RESTEnvelope.response(status: error.status, body: error.body, diagnostics: call.diagnostics)
        }
        if let bucket, !bucket.admit(credential.key, now: engine.clock.now()) {
            let error = RESTError.queryLimitExceeded
            return RESTEnvelope.response(status: error.status, body: error.body, diagnostics: call.diagnostics)
        }
        do throws(RESTError) {
            let output = try method.run(self, call, parameters)
            let body = RESTEnvelope.successBody(output, time: call.timeObject())
            return RESTEnvelope.response(status: 200, body: body, diagnostics: call.diagnostics)
        } catch {
            return RESTEnvelope.response(status: error.status, body: error.body, diagnostics: call.diagnostics)
        }
    }

    /// Runs one method by name inside a batch: its output, or its error (a batch never fails as a whole).
    func runInBatch(_ name: String, parameters: JSONValue, call: RESTCall) -> Result<RESTOutput, RESTError> {
        guard let method = methods.method(named: name.lowercased()) else { return .failure(.methodNotFound) }
        if method.name == "batch" {
            return .failure(
                RESTError(
                    code: .text("ERROR_BATCH_METHOD_NOT_ALLOWED"),
                    message: "Method is not allowed for batch usage",
                    status: 405
                )
            )
        }
        if !method.scope.isEmpty, !call.scopes.contains(method.scope) {
            return .failure(RESTError(code: .text("insufficient_scope"), message: "", status: 401))
        }
        do throws(RESTError) {
            return .success(try method.run(self, call, parameters))
        } catch {
            return .failure(error)
        }
    }
}

/// Who is calling: a webhook or an OAuth token, with its user and scopes.
struct Credential: Sendable {
    /// The rate-limit key (never the secret itself).
    var key: String
    var userId: Int
    var scopes: Set<String>
    var isWebhook: Bool
}

extension SaleREST {
    /// Webhook (user id and code in the path) or OAuth (`auth`, `access_token`, `Authorization: Bearer`).
    func authenticate(route: RESTRoute, request: APIRequest, parameters: JSONValue, settings: RESTSettings)
        throws(RESTError) -> Credential
    {
        let cloud = settings.profile == .cloud
        if let webhook = route.webhook {
            var found: (index: Int, webhook: RESTSettings.Webhook)? = nil
            for (index, candidate) in settings.webhooks.enumerated() {
                // Every candidate is compared in full: the time taken does not depend on where the codes differ.
                let same = Secret.equal(candidate.code, webhook.code) && String(candidate.userId) == webhook.userId
                if same, found == nil { found = (index, candidate) }
            }
            guard let found else { throw .invalidCredentials(cloud: cloud) }
            return Credential(
                key: "webhook:#\(found.index)",
                userId: found.webhook.userId,
                scopes: Set(found.webhook.scopes),
                isWebhook: true
            )
        }
        var token = parameters["auth"]?.phpString ?? parameters["access_token"]?.phpString
        if token == nil || token == "", let header = request.header("Authorization") {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { token = String(parts[1]) }
        }
        guard let token, !token.isEmpty else { throw .noAuth }
        var found: (Int, RESTSettings.OAuthToken)? = nil
        for (index, candidate) in settings.oauthTokens.enumerated() where Secret.equal(candidate.token, token) {
            if found == nil { found = (index, candidate) }
        }
        guard let (index, oauth) = found else { throw .invalidCredentials(cloud: cloud) }
        if let expiry = oauth.expiryDate, expiry <= engine.clock.now() { throw .expiredToken }
        return Credential(
            key: "oauth:#\(index)",
            userId: oauth.userId ?? 1,
            scopes: Set(oauth.scopes),
            isWebhook: false
        )
    }
}

/// Secrets compared in constant time (for strings of equal length; the length itself is not secret).
enum Secret {
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            let p = index < x.count ? x[index] : 0
            let q = index < y.count ? y[index] : 0
            difference |= p ^ q
        }
        return difference == 0
    }
}
