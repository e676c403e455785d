/// One difference between an expected and an actual value: where, what was expected, what was found.
public struct Mismatch: Sendable, Hashable, CustomStringConvertible {
    /// The JSON path of the problem, such as `$.data.items[0].quantity`.
    public var path: String
    /// What was expected there, mostly compact JSON (`"N"`, `{"$type":"integer"}`).
    public var expected: String
    /// What was found there: compact JSON, or `nothing (the key is missing)`.
    public var actual: String

    /// Makes a mismatch.
    public init(path: String, expected: String, actual: String) {
        self.path = path
        self.expected = expected
        self.actual = actual
    }

    /// `$.data.status: expected "N", got "P"`.
    public var description: String { "\(path): expected \(expected), got \(actual)" }
}
