/// An expected value that is not a valid pattern: a malformed matcher, named by its JSON path.
public struct MatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the problem inside the expected value, such as `$.items[0].$type`.
    public var path: String
    /// What was expected there, such as `expected a non-negative integer, found a string`.
    public var problem: String

    /// Makes an error.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// `$.items[0].$type: expected one of string|number|…, found a number`.
    public var description: String { "\(path): \(problem)" }
}
