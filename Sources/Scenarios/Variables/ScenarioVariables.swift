import Foundation
import SaleJSON

/// The variables of a running scenario and the `{{name}}` substitution that uses them.
///
/// In text (path, query, headers, a string with other text around the reference) a value becomes its text form:
/// a string its own text, a number its literal, `true`/`false`, `null`, arrays and objects compact JSON. In a JSON
/// body or an expected body, a string that is exactly `"{{name}}"` becomes the value itself, keeping its type.
struct ScenarioVariables: Sendable {
    /// The values by name.
    private(set) var values: [String: JSONValue]

    /// Makes a set of variables.
    init(_ values: [String: JSONValue] = [:]) { self.values = values }

    /// Sets (or replaces) a variable.
    mutating func set(_ name: String, to value: JSONValue) { values[name] = value }

    /// Whether `name` may name a variable: letters, digits, `_`, `-` and `.`, at least one.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                        || scalar == "_" || scalar == "-" || scalar == ".")
            }
    }

    /// The text form of a value, as it appears in a path, query or header.
    static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number.literal
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array, .object: JSONWriter().string(value)
        }
    }

    /// `template` with every `{{name}}` replaced by the variable's text form.
    func substitute(_ template: String) throws(UnknownVariable) -> String {
        var output = ""
        for segment in Self.segments(template) {
            switch segment {
            case .text(let text): output += text
            case .reference(let name): output += Self.text(of: try value(named: name))
            }
        }
        return output
    }

    /// A string of a JSON body: exactly `{{name}}` gives the variable's value itself; otherwise substituted text.
    func substituteValue(_ template: String) throws(UnknownVariable) -> JSONValue {
        let segments = Self.segments(template)
        if segments.count == 1, case .reference(let name) = segments[0] { return try value(named: name) }
        return .string(try substitute(template))
    }

    /// A JSON body with every string substituted (member names as text, string values keeping a variable's type).
    func substitute(json: JSONValue) throws(UnknownVariable) -> JSONValue {
        switch json {
        case .null, .bool, .number: return json
        case .string(let text): return try substituteValue(text)
        case .array(let elements):
            var result: [JSONValue] = []
            for element in elements { result.append(try substitute(json: element)) }
            return .array(result)
        case .object(let members):
            var result: [(key: String, value: JSONValue)] = []
            for (key, value) in members {
                result.append((key: try substitute(key), value: try substitute(json: value)))
            }
            return .object(result)
        }
    }

    /// An expected body with its strings substituted; `$capture` names and `$type` names are left alone, and a
    /// substituted value is compared as a plain value (any `$` keys inside it are data, not matchers).
    func substitute(pattern: Pattern) throws(UnknownVariable) -> Pattern {
        switch pattern {
        case .template(let text):
            return .literal(try substituteValue(text))
        case .regex(let source):
            return .regex(try substitute(source))
        case .object(let members):
            var result: [(key: String, value: Pattern)] = []
            for (key, value) in members {
                result.append((key: try substitute(key), value: try substitute(pattern: value)))
            }
            return .object(result)
        case .array(let elements):
            var result: [Pattern] = []
            for element in elements { result.append(try substitute(pattern: element)) }
            return .array(result)
        case .contains(let elements):
            var result: [Pattern] = []
            for element in elements { result.append(try substitute(pattern: element)) }
            return .contains(result)
        case .literal, .capture, .type, .absent, .length:
            return pattern
        }
    }

    private func value(named name: String) throws(UnknownVariable) -> JSONValue {
        guard let value = values[name] else { throw UnknownVariable(name: name) }
        return value
    }

    private enum Segment: Equatable {
        case text(String)
        case reference(String)
    }

    /// Splits a template into text and `{{name}}` references (spaces inside the braces are ignored).
    private static func segments(_ template: String) -> [Segment] {
        var segments: [Segment] = []
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            if open.lowerBound > rest.startIndex { segments.append(.text(String(rest[..<open.lowerBound]))) }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            segments.append(.reference(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
        return segments
    }
}

/// A `{{name}}` reference to a variable that is not defined (yet).
struct UnknownVariable: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name inside the braces.
    var name: String

    /// `unknown variable "orderId"`.
    var description: String { "unknown variable \"\(name)\"" }
}
