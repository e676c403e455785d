import SaleHTTP

/// What the site does with one request: an answer (or none: a dropped connection), possibly late.
public struct SiteAnswer: Sendable, Hashable {
    /// The answer; nil when the connection is to be closed without one.
    public var response: APIResponse?
    /// How long to wait before answering (or dropping), in milliseconds.
    public var delayMilliseconds: Int
    /// The fault applied, if any.
    public var fault: AppliedFault?

    /// Makes an answer.
    public init(response: APIResponse?, delayMilliseconds: Int = 0, fault: AppliedFault? = nil) {
        self.response = response
        self.delayMilliseconds = delayMilliseconds
        self.fault = fault
    }

    /// The answer as one response value: a dropped connection is status 0 with `X-Emu-Fault: dropped-connection`
    /// and no body (as a browser's `XMLHttpRequest` reports a connection that closed without an answer).
    public var responseOrDropped: APIResponse {
        response ?? APIResponse(status: 0, headers: [HeaderField("X-Emu-Fault", "dropped-connection")])
    }
}
