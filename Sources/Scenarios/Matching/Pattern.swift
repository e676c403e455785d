import Foundation
import SaleJSON

/// An expected JSON value as written in `expect.body`: plain values matched as a subset, plus `$` matchers.
enum Pattern: Sendable {
    /// A string from the scenario file; `{{name}}` references are substituted before matching.
    case template(String)
    /// A value compared with subset semantics and no matchers inside (a scalar, or a substituted variable).
    case literal(JSONValue)
    /// An object: every given member must match, other members of the actual object are ignored.
    case object([(key: String, value: Pattern)])
    /// An array: same length, element by element.
    case array([Pattern])
    /// `{"$capture": "name"}`: anything present, stored as a variable.
    case capture(String)
    /// `{"$type": "..."}`.
    case type(ValueKind)
    /// `{"$absent": true}`: the member must be missing.
    case absent
    /// `{"$regex": "..."}`: a string in which the pattern is found.
    case regex(String)
    /// `{"$length": n}`: an array or string of that length.
    case length(Int)
    /// `{"$contains": [...]}`: an array with a distinct element matching each given pattern.
    case contains([Pattern])

    /// The JSON kinds `$type` accepts.
    enum ValueKind: String, Sendable, CaseIterable {
        case string, number, integer, boolean, object, array, null

        /// Whether `value` is of this kind (`integer` is any number with an integral value).
        func accepts(_ value: JSONValue) -> Bool {
            switch (self, value) {
            case (.string, .string), (.number, .number), (.boolean, .bool), (.object, .object),
                (.array, .array), (.null, .null):
                true
            case (.integer, .number(let number)): number.isIntegral
            default: false
            }
        }
    }

    /// The matcher keys, in the order messages list them.
    static let matcherKeys = ["$capture", "$type", "$absent", "$regex", "$length", "$contains"]

    /// Reads a pattern from an expected JSON value, checking every matcher.
    ///
    /// - Parameters:
    ///   - value: the expected value as written.
    ///   - path: where `value` is in its document (for messages).
    ///   - isMember: whether `value` is the value of an object member (the only place `$absent` makes sense).
    /// - Returns: the pattern.
    /// - Throws: ``ScenarioIssue`` at the path of a malformed matcher or a duplicate key.
    static func parse(_ value: JSONValue, at path: JSONPath, isMember: Bool = false) throws(ScenarioIssue) -> Pattern {
        switch value {
        case .string(let text): return .template(text)
        case .null, .bool, .number: return .literal(value)
        case .array(let elements):
            var patterns: [Pattern] = []
            for (index, element) in elements.enumerated() {
                patterns.append(try parse(element, at: path.index(index)))
            }
            return .array(patterns)
        case .object(let members):
            if members.contains(where: { $0.key.hasPrefix("$") }) {
                return try parseMatcher(members, at: path, isMember: isMember)
            }
            var patterns: [(key: String, value: Pattern)] = []
            var seen: Set<String> = []
            for (key, member) in members {
                guard seen.insert(key).inserted else {
                    throw ScenarioIssue(path: path.key(key), problem: "duplicate key \"\(key)\"")
                }
                patterns.append((key: key, value: try parse(member, at: path.key(key), isMember: true)))
            }
            return .object(patterns)
        }
    }

    private static func parseMatcher(
        _ members: [(key: String, value: JSONValue)],
        at path: JSONPath,
        isMember: Bool
    ) throws(ScenarioIssue) -> Pattern {
        guard members.count == 1, let (key, argument) = members.first else {
            let keys = members.map { "\"\($0.key)\"" }.joined(separator: ", ")
            throw ScenarioIssue(
                path: path,
                problem: "expected a matcher object with exactly one \"$\" key, found the keys \(keys)"
            )
        }
        let argumentPath = path.key(key)
        switch key {
        case "$capture":
            guard case .string(let name) = argument, ScenarioVariables.isValidName(name) else {
                throw ScenarioIssue.expected(
                    "a variable name (letters, digits, \"_\", \"-\" or \".\")",
                    at: argumentPath,
                    found: argument
                )
            }
            return .capture(name)
        case "$type":
            guard case .string(let name) = argument, let kind = ValueKind(rawValue: name) else {
                let names = ValueKind.allCases.map(\.rawValue).joined(separator: "|")
                throw ScenarioIssue.expected("one of \(names)", at: argumentPath, found: argument)
            }
            return .type(kind)
        case "$absent":
            guard case .bool(true) = argument else {
                throw ScenarioIssue.expected("true", at: argumentPath, found: argument)
            }
            guard isMember else {
                throw ScenarioIssue(path: path, problem: "$absent is only allowed as the value of an object member")
            }
            return .absent
        case "$regex":
            guard case .string(let source) = argument else {
                throw ScenarioIssue.expected("a regular expression string", at: argumentPath, found: argument)
            }
            // A pattern built from variables can only be checked once they are known.
            if !source.contains("{{") {
                do {
                    _ = try NSRegularExpression(pattern: source)
                } catch {
                    throw ScenarioIssue(
                        path: argumentPath,
                        problem: "expected a valid regular expression, found \(JSONDescriptions.compact(argument))"
                    )
                }
            }
            return .regex(source)
        case "$length":
            guard case .number(let number) = argument, let count = number.int, count >= 0 else {
                throw ScenarioIssue.expected("a non-negative integer", at: argumentPath, found: argument)
            }
            return .length(count)
        case "$contains":
            guard case .array(let elements) = argument else {
                throw ScenarioIssue.expected("an array", at: argumentPath, found: argument)
            }
            var patterns: [Pattern] = []
            for (index, element) in elements.enumerated() {
                patterns.append(try parse(element, at: argumentPath.index(index)))
            }
            return .contains(patterns)
        default:
            let known = matcherKeys.map { "\"\($0)\"" }.joined(separator: ", ")
            throw ScenarioIssue(
                path: argumentPath,
                problem: "unknown matcher \"\(key)\" (expected one of \(known))"
            )
        }
    }

    /// The pattern written back as JSON (matchers as their `{"$…": …}` objects), for messages.
    var json: JSONValue {
        switch self {
        case .template(let text): .string(text)
        case .literal(let value): value
        case .object(let members): .object(members.map { (key: $0.key, value: $0.value.json) })
        case .array(let elements): .array(elements.map(\.json))
        case .capture(let name): .object(["$capture": .string(name)])
        case .type(let kind): .object(["$type": .string(kind.rawValue)])
        case .absent: .object(["$absent": .bool(true)])
        case .regex(let source): .object(["$regex": .string(source)])
        case .length(let count): .object(["$length": .int(count)])
        case .contains(let elements): .object(["$contains": .array(elements.map(\.json))])
        }
    }
}
