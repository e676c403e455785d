import SaleJSON

/// Matches actual JSON against an expected value the way `expect.body` does in a scenario file.
///
/// The expected value is a subset: every member it gives must match and other members are ignored; arrays match
/// element by element with equal length; numbers compare by value. An object with one `$` key is a matcher:
/// `$capture`, `$type`, `$absent`, `$regex`, `$length` or `$contains` (see `docs/SCENARIOS.md`).
public struct Matcher: Sendable {
    /// The checked pattern.
    let pattern: Pattern

    /// Reads and checks an expected value (strings are taken as written: no `{{name}}` substitution here).
    public init(_ expected: JSONValue) throws(MatcherError) {
        do {
            pattern = try Pattern.parse(expected, at: .root)
        } catch {
            throw MatcherError(path: error.path.description, problem: error.problem)
        }
    }

    /// Wraps a pattern already checked by the scenario parser.
    init(pattern: Pattern) { self.pattern = pattern }

    /// The expected value as written (matchers as their `{"$…": …}` objects).
    public var expected: JSONValue { pattern.json }

    /// Matches `actual` (nil when there is no value at all), reporting every mismatch and every capture.
    public func match(_ actual: JSONValue?) -> MatchResult {
        var result = MatchResult()
        pattern.match(actual, at: .root, into: &result)
        return result
    }
}
