import SaleJSON

/// A fault rule: which requests it matches, what it does to them, and for how many or how often.
///
/// As JSON (`POST /__emu/faults`, a scenario's `fault` step):
/// `{"match": {"method", "path", "path_prefix", "surface"}, "act": {…}, "times": N, "probability": p, "seed": s}`.
/// `act` is one of `{"status": 503, "body": … , "headers": {…}}`, `{"canned": "QUERY_LIMIT_EXCEEDED"}`,
/// `{"canned": "PHP_FATAL_ERROR"}`, `{"drop": true}`, or `{"delay_ms": 1500}` (the real answer, late); `status`
/// and `canned` may carry `delay_ms` too, and every act may say `"when": "after"` (the site handles the request
/// first and the fault replaces its answer: a lost response) instead of the default `"before"` (the request never
/// reaches the site).
public struct FaultRule: Sendable, Hashable {
    /// Which requests the rule applies to; nil parts match anything.
    ///
    /// Faults never apply to `/__emu/…`.
    public struct Match: Sendable, Hashable {
        /// The method, upper case.
        public var method: String?
        /// The path without the query, exactly.
        public var path: String?
        /// A prefix of the path.
        public var pathPrefix: String?
        /// `api` or `rest`.
        public var surface: String?

        /// Makes a match.
        public init(method: String? = nil, path: String? = nil, pathPrefix: String? = nil, surface: String? = nil) {
            self.method = method
            self.path = path
            self.pathPrefix = pathPrefix
            self.surface = surface
        }
    }

    /// What the rule does to a request it fires on.
    public enum Action: Sendable, Hashable {
        /// Answers this status, headers and body.
        case respond(status: Int, headers: [String: String], body: [UInt8])
        /// Closes the connection without an answer (status 0 in the journal and in process).
        case drop
        /// Answers as usual, late.
        case delayOnly
    }

    /// The rule's id, given when it is added.
    public var id: Int
    /// Which requests.
    public var match: Match
    /// What to do.
    public var action: Action
    /// The canned fault's name, when the action came from one.
    public var canned: String?
    /// A delay before the answer, in milliseconds.
    public var delayMilliseconds: Int
    /// Whether the site handles the request before the fault (a lost answer) rather than never seeing it.
    public var afterHandling: Bool
    /// How many more times it fires; nil for no limit.
    public var remaining: Int?
    /// The chance that a matching request fires it (1 when always).
    public var probability: Double
    /// The seed of the rule's own random sequence.
    public var seed: UInt64

    /// Makes a rule.
    public init(
        id: Int = 0,
        match: Match = Match(),
        action: Action,
        canned: String? = nil,
        delayMilliseconds: Int = 0,
        afterHandling: Bool = false,
        remaining: Int? = nil,
        probability: Double = 1,
        seed: UInt64 = 0
    ) {
        self.id = id
        self.match = match
        self.action = action
        self.canned = canned
        self.delayMilliseconds = delayMilliseconds
        self.afterHandling = afterHandling
        self.remaining = remaining
        self.probability = probability
        self.seed = seed
    }

    /// Whether the rule applies to a request with this method, path (no query) and surface.
    func applies(method: String, path: String, surface: String) -> Bool {
        if let wanted = match.method, wanted != method { return false }
        if let wanted = match.path, wanted != path { return false }
        if let prefix = match.pathPrefix, !path.hasPrefix(prefix) { return false }
        if let wanted = match.surface, wanted != surface { return false }
        return true
    }

    /// The kind of act, for the journal and listings: `status`, `canned`, `drop` or `delay`.
    public var kind: String {
        if canned != nil { return "canned" }
        switch action {
        case .respond: return "status"
        case .drop: return "drop"
        case .delayOnly: return "delay"
        }
    }
}
