import SaleJSON

/// The members of one object of a scenario file, checked against the keys allowed there.
struct ObjectReader {
    /// Where the object is.
    let path: JSONPath
    private let members: [String: JSONValue]

    /// Checks that `value` is an object without duplicate or unknown keys.
    init(_ value: JSONValue, at path: JSONPath, what: String = "an object", allowed: [String]) throws(ScenarioIssue) {
        guard case .object(let list) = value else { throw ScenarioIssue.expected(what, at: path, found: value) }
        var members: [String: JSONValue] = [:]
        for (key, member) in list {
            guard allowed.contains(key) else {
                throw ScenarioIssue(path: path.key(key), problem: Self.unknownKeyProblem(key, allowed: allowed))
            }
            guard members.updateValue(member, forKey: key) == nil else {
                throw ScenarioIssue(path: path.key(key), problem: "duplicate key \"\(key)\"")
            }
        }
        self.path = path
        self.members = members
    }

    /// The member `key`, or nil when it is not given.
    subscript(key: String) -> JSONValue? { members[key] }

    /// Whether the member `key` is given.
    func has(_ key: String) -> Bool { members[key] != nil }

    /// The string member `key`; nil when absent unless `required`.
    func string(_ key: String, required: Bool = false) throws(ScenarioIssue) -> String? {
        let value = members[key]
        if value == nil, !required { return nil }
        guard case .string(let text)? = value else {
            throw ScenarioIssue.expected("a string", at: path.key(key), found: value)
        }
        return text
    }

    /// `unknown key "reqest" (did you mean "request"? expected one of "name", "request", …)`.
    static func unknownKeyProblem(_ key: String, allowed: [String]) -> String {
        let list = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
        let closest = allowed.map { (name: $0, distance: editDistance($0, key)) }.min { $0.distance < $1.distance }
        if let closest, closest.distance <= 2 {
            return "unknown key \"\(key)\" (did you mean \"\(closest.name)\"? expected one of \(list))"
        }
        return "unknown key \"\(key)\" (expected one of \(list))"
    }

    /// The Levenshtein distance between two strings (by characters).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
