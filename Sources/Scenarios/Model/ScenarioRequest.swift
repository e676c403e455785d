import SaleHTTP
import SaleJSON
import SiteAPI

/// The `request` of a step as written: strings may hold `{{name}}` references, substituted when the step runs.
public struct ScenarioRequest: Sendable, Hashable {
    /// The method as written (`GET`, `POST`, …; sent as is).
    public var method: String
    /// The path, possibly with its own `?query`.
    public var path: String
    /// The `query` entries in the written order, values in their text form; appended percent-encoded.
    public var query: [HeaderField]
    /// The `headers` in the written order, values in their text form.
    public var headers: [HeaderField]
    /// What to send as the body.
    public var body: Body

    /// A request body.
    public enum Body: Sendable, Hashable {
        /// No body.
        case none
        /// `body`: any JSON value, written compactly.
        case json(JSONValue)
        /// `body_text`: the UTF-8 bytes of this string, byte for byte (for malformed input).
        case text(String)
    }

    /// Makes a request.
    public init(
        method: String,
        path: String,
        query: [HeaderField] = [],
        headers: [HeaderField] = [],
        body: Body = .none
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}
