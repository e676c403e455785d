import SaleHTTP
import SiteAPI

/// The engine as a scenario sees it: answers requests and restarts from its persisted state.
///
/// A host is made per scenario by a ``ScenarioHostFactory`` from a ``ScenarioContext``: it loads the site
/// (``ScenarioContext/site`` or the built-in default), creates its own temporary state folder with the durable
/// store (starting from ``ScenarioContext/state`` when given; ``TemporaryFolder`` helps), and injects
/// ``ScenarioContext/clock`` into the engine. The runner moves that clock for `advance_clock` itself, so the host
/// has nothing to do for it. ``close()`` is called exactly once when the scenario ends, pass or fail.
public protocol ScenarioHost: AnyObject {
    /// The site's first API token: the predefined variable `token`.
    var firstToken: String { get }
    /// Every secret of the site (API tokens, webhook codes) that reports must never show; see ``SecretRedactor``.
    ///
    /// The default is ``firstToken`` alone; a host whose site has more secrets lists them all.
    var secrets: [String] { get }
    /// Answers one request (any status is an answer; throw only when no answer can be given).
    func send(_ request: APIRequest) throws -> APIResponse
    /// Drops the engine and reopens it from its persisted state (the clock in the context survives).
    func restart() throws
    /// Releases what the host holds, such as its temporary state folder.
    func close()
}

extension ScenarioHost {
    /// ``firstToken`` alone.
    public var secrets: [String] { [firstToken] }
}

/// Makes the host for one scenario.
///
/// A thrown error (an invalid site file, say) fails that scenario with the error's description.
public typealias ScenarioHostFactory = @Sendable (ScenarioContext) throws -> any ScenarioHost
