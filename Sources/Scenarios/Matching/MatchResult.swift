import SaleJSON

/// The outcome of matching an actual value: the mismatches found and the values captured.
public struct MatchResult: Sendable, Hashable {
    /// Every problem found, in document order; empty when the value matches.
    public var mismatches: [Mismatch]
    /// The values stored by `$capture`, in the order they were met.
    public var captures: [Capture]

    /// One value stored by `{"$capture": "name"}`.
    public struct Capture: Sendable, Hashable {
        /// The variable name.
        public var name: String
        /// The actual JSON value, as found.
        public var value: JSONValue
    }

    /// Makes an empty (matching) result.
    public init(mismatches: [Mismatch] = [], captures: [Capture] = []) {
        self.mismatches = mismatches
        self.captures = captures
    }

    /// Whether the value matched (no mismatches).
    public var isMatch: Bool { mismatches.isEmpty }
}
