import Foundation
import SaleJSON

extension Pattern {
    /// Matches `actual` (nil: absent), appending mismatches and captures to `result`.
    func match(_ actual: JSONValue?, at path: JSONPath, into result: inout MatchResult) {
        if case .absent = self {
            if let actual {
                result.mismatches.append(
                    Mismatch(path: path.description, expected: "no value (absent)", actual: Self.show(actual))
                )
            }
            return
        }
        guard let actual else {
            fail(path, got: "nothing (the key is missing)", into: &result)
            return
        }
        switch self {
        case .absent:
            return
        case .template(let text):
            if actual != .string(text) { fail(path, actual, into: &result) }
        case .literal(let value):
            matchLiteral(value, actual, at: path, into: &result)
        case .object(let members):
            guard case .object = actual else { return fail(path, actual, into: &result) }
            for (key, pattern) in members {
                pattern.match(actual[key], at: path.key(key), into: &result)
            }
        case .array(let patterns):
            guard case .array(let elements) = actual else { return fail(path, actual, into: &result) }
            guard elements.count == patterns.count else {
                return fail(path, actual, expected: "\(Self.count(patterns.count)) \(Self.show(json))", into: &result)
            }
            for (index, pattern) in patterns.enumerated() {
                pattern.match(elements[index], at: path.index(index), into: &result)
            }
        case .capture(let name):
            result.captures.append(MatchResult.Capture(name: name, value: actual))
        case .type(let kind):
            if !kind.accepts(actual) { fail(path, actual, into: &result) }
        case .regex(let source):
            guard case .string(let text) = actual else { return fail(path, actual, into: &result) }
            guard let expression = try? NSRegularExpression(pattern: source) else {
                return fail(path, actual, expected: "\(Self.show(json)) (an invalid regular expression)", into: &result)
            }
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            if expression.firstMatch(in: text, range: range) == nil { fail(path, actual, into: &result) }
        case .length(let count):
            switch actual {
            case .array(let elements) where elements.count == count: return
            case .string(let text) where text.count == count: return
            default: fail(path, actual, into: &result)
            }
        case .contains(let patterns):
            guard case .array(let elements) = actual else { return fail(path, actual, into: &result) }
            matchContains(patterns, elements, at: path, into: &result)
        }
    }

    /// Subset match of a plain value: objects by the members given, arrays by length and elements, scalars by value.
    private func matchLiteral(
        _ expected: JSONValue,
        _ actual: JSONValue,
        at path: JSONPath,
        into result: inout MatchResult
    ) {
        switch expected {
        case .object(let members):
            guard case .object = actual else { return fail(path, actual, into: &result) }
            var seen: Set<String> = []
            // The last of repeated keys wins, as in JSONValue's lookups.
            for (key, value) in members.reversed() where seen.insert(key).inserted {
                Pattern.literal(value).match(actual[key], at: path.key(key), into: &result)
            }
        case .array(let values):
            guard case .array(let elements) = actual else { return fail(path, actual, into: &result) }
            guard elements.count == values.count else {
                return fail(path, actual, expected: "\(Self.count(values.count)) \(Self.show(expected))", into: &result)
            }
            for (index, value) in values.enumerated() {
                Pattern.literal(value).match(elements[index], at: path.index(index), into: &result)
            }
        default:
            if expected != actual { fail(path, actual, into: &result) }
        }
    }

    /// `$contains`: a maximum bipartite matching between the given patterns and the actual elements, so that each
    /// pattern gets its own element whenever such an assignment exists.
    private func matchContains(
        _ patterns: [Pattern],
        _ elements: [JSONValue],
        at path: JSONPath,
        into result: inout MatchResult
    ) {
        // fits[p][e]: whether pattern p matches element e on its own.
        let fits: [[Bool]] = patterns.map { pattern in
            elements.map { element in
                var trial = MatchResult()
                pattern.match(element, at: .root, into: &trial)
                return trial.isMatch
            }
        }
        var owner = [Int?](repeating: nil, count: elements.count)  // element → pattern
        func augment(_ p: Int, _ visited: inout [Bool]) -> Bool {
            for e in elements.indices where fits[p][e] && !visited[e] {
                visited[e] = true
                if let other = owner[e] {
                    guard augment(other, &visited) else { continue }
                }
                owner[e] = p
                return true
            }
            return false
        }
        for p in patterns.indices {
            var visited = [Bool](repeating: false, count: elements.count)
            _ = augment(p, &visited)
        }
        var assigned = [Int?](repeating: nil, count: patterns.count)  // pattern → element
        for (e, p) in owner.enumerated() { if let p { assigned[p] = e } }
        for (p, pattern) in patterns.enumerated() {
            if let e = assigned[p] {
                // Matches again in place, to collect its captures.
                pattern.match(elements[e], at: path.index(e), into: &result)
            } else {
                result.mismatches.append(
                    Mismatch(
                        path: path.description,
                        expected: "a distinct element matching \(Self.show(pattern.json)) (\"$contains\"[\(p)])",
                        actual: Self.show(.array(elements))
                    )
                )
            }
        }
    }

    private func fail(_ path: JSONPath, _ actual: JSONValue, expected: String? = nil, into result: inout MatchResult) {
        fail(path, got: Self.show(actual), expected: expected, into: &result)
    }

    private func fail(_ path: JSONPath, got actual: String, expected: String? = nil, into result: inout MatchResult) {
        result.mismatches.append(
            Mismatch(path: path.description, expected: expected ?? Self.show(json), actual: actual)
        )
    }

    private static func show(_ value: JSONValue) -> String { JSONDescriptions.compact(value) }

    private static func count(_ count: Int) -> String { count == 1 ? "1 element" : "\(count) elements" }
}
