import SaleHTTP
import SiteAPI

/// The `expect` of a request step: each part is checked only when given.
public struct ScenarioExpectation: Sendable {
    /// The allowed statuses (`"status": 200` gives one), or nil when any status will do.
    public var status: [Int]?
    /// The expected headers: names compare case-insensitively, values exactly after substitution.
    public var headers: [HeaderField]
    /// The expected body (a subset match), or nil when the body is not checked.
    public var body: Matcher?

    /// Makes an expectation.
    public init(status: [Int]? = nil, headers: [HeaderField] = [], body: Matcher? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
