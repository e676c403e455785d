import Foundation
import SaleJSON

/// One request as the journal keeps it: what was asked (secrets redacted), what was answered, how long it took.
public struct JournalEntry: Sendable, Hashable {
    /// The entry's number: 1 for the first request the site answered, never reused (not even after a clear).
    public var sequence: Int
    /// When the request arrived, on the engine's clock.
    public var at: Date
    /// The method.
    public var method: String
    /// The request target with every secret redacted (``Redaction``).
    public var path: String
    /// The surface that answered: `api`, `rest` or `other`.
    public var surface: String
    /// The status answered; 0 for a dropped connection.
    public var status: Int
    /// The time the site took to answer, in milliseconds (an injected delay not included).
    public var durationMilliseconds: Double
    /// The engine's diagnostics for this request (the `X-Emu-Diagnostics` header a surface set), or nil.
    public var diagnostics: String?
    /// The fault applied, or nil.
    public var fault: AppliedFault?
    /// The request body as JSON with secrets redacted, when it was a JSON object or array of at most
    /// ``EmulatedSite/journalBodyLimit`` bytes (kept for `POST /__emu/requests/count` body matchers; not listed).
    public var body: JSONValue?

    /// The entry as the control plane lists it.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            (key: "sequence", value: .int(sequence)),
            (key: "at", value: .string(JSONDates.text(at))),
            (key: "method", value: .string(method)),
            (key: "path", value: .string(path)),
            (key: "surface", value: .string(surface)),
            (key: "status", value: .int(status)),
            (key: "duration_ms", value: .number(JSONNumber(literal: Self.milliseconds(durationMilliseconds)))),
        ]
        members.append((key: "diagnostics", value: diagnostics.map(JSONValue.string) ?? .null))
        members.append((key: "fault", value: fault?.json ?? .null))
        return .object(members)
    }

    /// A duration as a decimal with three places.
    static func milliseconds(_ value: Double) -> String {
        let micros = Int((max(0, value) * 1000).rounded())
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
