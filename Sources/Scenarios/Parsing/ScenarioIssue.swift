import SaleJSON

/// A problem found at one place of a scenario document: the path and what was expected there.
struct ScenarioIssue: Error, Sendable, Hashable {
    /// Where the problem is.
    var path: JSONPath
    /// What was expected there, such as `expected a string, found a number`.
    var problem: String

    /// The problem of a value of the wrong kind: `expected a string, found a number`.
    static func expected(_ what: String, at path: JSONPath, found value: JSONValue?) -> ScenarioIssue {
        let found = value.map { "found \(JSONDescriptions.article(for: $0))" } ?? "the key is missing"
        return ScenarioIssue(path: path, problem: "expected \(what), \(found)")
    }
}

/// Short English descriptions of JSON values for messages.
enum JSONDescriptions {
    /// How a value reads in a message: `a string ("date")`, `a number (5)`, `an object`, `null`.
    static func article(for value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean (\(compact(value)))"
        case .number: "a number (\(compact(value)))"
        case .string: "a string (\(compact(value, limit: 60)))"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The compact JSON text of `value`, cut after `limit` characters with `…`.
    static func compact(_ value: JSONValue, limit: Int = 300) -> String {
        let text = JSONWriter().string(value)
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }
}
