import SaleJSON

/// A fault that was applied to one request: which rule, and what it did.
public struct AppliedFault: Sendable, Hashable {
    /// The rule's id.
    public var ruleId: Int
    /// `status`, `canned`, `drop` or `delay`.
    public var kind: String
    /// The status answered instead (0 for a drop; nil when the real answer went out, late).
    public var status: Int?
    /// The delay in milliseconds.
    public var delayMilliseconds: Int
    /// Whether the site handled the request first.
    public var afterHandling: Bool

    /// As the journal lists it.
    public var json: JSONValue {
        .object([
            (key: "rule", value: .int(ruleId)),
            (key: "kind", value: .string(kind)),
            (key: "status", value: status.map(JSONValue.int) ?? .null),
            (key: "delay_ms", value: .int(delayMilliseconds)),
            (key: "when", value: .string(afterHandling ? "after" : "before")),
        ])
    }
}
