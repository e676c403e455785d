import BitrixSale
import Foundation
import SaleJSON

/// What a method returns: the `result` payload and, for lists, `total` and `next`.
struct RESTOutput: Sendable {
    /// The `result` member.
    var result: JSONValue
    /// The top-level `total` (lists; the basket item add/update's stray `1`).
    var total: Int? = nil
    /// The top-level `next`: the offset of the next page, only when more rows remain.
    var next: Int? = nil
}

/// One REST call in progress: the engine, the site's time, the caller, and the diagnostics noticed so far (they go
/// to the `X-Emu-Diagnostics` header, never into the body).
final class RESTCall {
    let engine: SaleEngine
    let time: RESTTime
    let profile: RESTSettings.Profile
    /// The user the credential acts as.
    let userId: Int
    /// The scopes the credential grants.
    let scopes: Set<String>
    /// Whether the credential is a webhook (else an OAuth token).
    let isWebhook: Bool
    private(set) var diagnostics: [SaleError] = []

    init(
        engine: SaleEngine,
        time: RESTTime,
        profile: RESTSettings.Profile,
        userId: Int,
        scopes: Set<String>,
        isWebhook: Bool
    ) {
        self.engine = engine
        self.time = time
        self.profile = profile
        self.userId = userId
        self.scopes = scopes
        self.isWebhook = isWebhook
    }

    /// Records a diagnostic (once).
    func note(_ diagnostic: SaleError) {
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }

    /// Records a diagnostic by code and message.
    func note(_ code: String, _ message: String, field: String? = nil) {
        note(SaleError(code: code, message: message, field: field))
    }

    /// Records every warning of a sale result.
    func note(warningsOf result: SaleResult) {
        for warning in result.warnings { note(warning) }
    }

    /// The `time` member of a response, from the engine clock: `start` = `finish`, `duration` and `processing` 0
    /// (the emulator takes no measurable time on that clock); in the cloud profile also `operating` (0) and
    /// `operating_reset_at` (ten minutes on).
    func timeObject() -> JSONValue {
        let now = engine.clock.now()
        let stamp = JSONValue.number(JSONNumber(literal: RESTTime.unixFloat(now)))
        let zero = JSONValue.number(JSONNumber(literal: "0.0"))
        let date = JSONValue.string(time.iso(now))
        var members: [(key: String, value: JSONValue)] = [
            (key: "start", value: stamp), (key: "finish", value: stamp), (key: "duration", value: zero),
            (key: "processing", value: zero), (key: "date_start", value: date), (key: "date_finish", value: date),
        ]
        if profile == .cloud {
            members.append((key: "operating_reset_at", value: .int(Int(now.timeIntervalSince1970) + 600)))
            members.append((key: "operating", value: .int(0)))
        }
        return .object(members)
    }
}
