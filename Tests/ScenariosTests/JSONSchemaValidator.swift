import Foundation
import SaleJSON

/// A small validator for the subset of JSON Schema (draft 2020-12) that `Fixtures/scenario.schema.json` uses.
///
/// Keywords: `type` (a name or a list; `integer` is any number with an integral value), `enum`, `const`,
/// `properties`, `required`, `additionalProperties` (a boolean or a schema), `propertyNames`, `items` (one schema),
/// `minItems`, `minLength` (characters), `minimum`, `maximum`, `pattern` (an unanchored search, as JSON Schema
/// says), `oneOf`, `anyOf`, `not`, and `$ref` to `#/$defs/<name>`. The annotations `$schema`, `$id`, `$defs`,
/// `title`, `description` and `$comment` are ignored. Any other keyword is an error, so the schema cannot quietly
/// rely on something this validator does not check.
struct JSONSchemaValidator {
    /// A schema that uses a keyword outside the subset, or a `$ref` that points nowhere.
    struct SchemaError: Error, CustomStringConvertible {
        let description: String
    }

    /// One way a document fails the schema: where, and which rule.
    struct Failure: Hashable, CustomStringConvertible {
        let path: String
        let message: String
        var description: String { "\(path): \(message)" }
    }

    static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description", "$comment"]
    static let keywords: Set<String> = [
        "type", "enum", "const", "properties", "required", "additionalProperties", "propertyNames", "items",
        "minItems", "minLength", "minimum", "maximum", "pattern", "oneOf", "anyOf", "not", "$ref",
    ]

    let root: JSONValue

    /// The failures of `document`; empty when it is valid.
    func validate(_ document: JSONValue) throws(SchemaError) -> [Failure] {
        try validate(document, against: root, at: "$")
    }

    /// Checks that every schema object reachable from the root uses only the subset.
    func checkSubset() throws(SchemaError) {
        try checkSubset(root, at: "#")
    }

    private func checkSubset(_ schema: JSONValue, at location: String) throws(SchemaError) {
        guard case .object(let members) = schema else {
            if case .bool = schema { return }
            throw SchemaError(description: "\(location): a schema must be an object or a boolean")
        }
        for (key, value) in members {
            guard Self.keywords.contains(key) || Self.annotations.contains(key) else {
                throw SchemaError(description: "\(location): the keyword \"\(key)\" is outside the supported subset")
            }
            switch key {
            case "properties", "$defs":
                for (name, child) in value.objectMembers ?? [] {
                    try checkSubset(child, at: "\(location)/\(key)/\(name)")
                }
            case "additionalProperties", "propertyNames", "items", "not":
                try checkSubset(value, at: "\(location)/\(key)")
            case "oneOf", "anyOf":
                for (index, child) in (value.arrayValue ?? []).enumerated() {
                    try checkSubset(child, at: "\(location)/\(key)/\(index)")
                }
            case "$ref":
                _ = try resolve(value.stringValue ?? "")
            default:
                continue
            }
        }
    }

    private func resolve(_ reference: String) throws(SchemaError) -> JSONValue {
        let prefix = "#/$defs/"
        guard reference.hasPrefix(prefix), let target = root["$defs"]?[String(reference.dropFirst(prefix.count))] else {
            throw SchemaError(description: "the $ref \"\(reference)\" does not name an entry of #/$defs")
        }
        return target
    }

    private func validate(_ value: JSONValue, against schema: JSONValue, at path: String) throws(SchemaError)
        -> [Failure]
    {
        if case .bool(let allowed) = schema {
            return allowed ? [] : [Failure(path: path, message: "no value is allowed here")]
        }
        guard case .object(let members) = schema else {
            throw SchemaError(description: "a schema must be an object or a boolean")
        }
        var failures: [Failure] = []
        func fail(_ message: String) { failures.append(Failure(path: path, message: message)) }
        for (keyword, argument) in members {
            switch keyword {
            case "type":
                let names = argument.arrayValue?.compactMap(\.stringValue) ?? [argument.stringValue ?? ""]
                if !names.contains(where: { Self.isOfType(value, $0) }) {
                    fail("expected type \(names.joined(separator: " or ")), found \(value.typeName)")
                }
            case "enum":
                if !(argument.arrayValue ?? []).contains(value) {
                    fail("expected one of \(JSONWriter().string(argument))")
                }
            case "const":
                if value != argument { fail("expected \(JSONWriter().string(argument))") }
            case "properties":
                guard case .object(let actual) = value else { continue }
                for (name, child) in argument.objectMembers ?? [] {
                    guard let member = actual.last(where: { $0.key == name }) else { continue }
                    failures += try validate(member.value, against: child, at: path + "." + name)
                }
            case "required":
                guard case .object(let actual) = value else { continue }
                for name in argument.arrayValue?.compactMap(\.stringValue) ?? []
                where !actual.contains(where: { $0.key == name }) {
                    fail("the required key \"\(name)\" is missing")
                }
            case "additionalProperties":
                guard case .object(let actual) = value else { continue }
                let declared = Set((members.first { $0.key == "properties" }?.value.objectMembers ?? []).map(\.key))
                for (name, member) in actual where !declared.contains(name) {
                    if case .bool(false) = argument {
                        failures.append(Failure(path: path + "." + name, message: "the key \"\(name)\" is not allowed"))
                    } else {
                        failures += try validate(member, against: argument, at: path + "." + name)
                    }
                }
            case "propertyNames":
                guard case .object(let actual) = value else { continue }
                for (name, _) in actual {
                    let nameFailures = try validate(.string(name), against: argument, at: path)
                    if !nameFailures.isEmpty { fail("the key \"\(name)\" is not an allowed name") }
                }
            case "items":
                guard case .array(let elements) = value else { continue }
                for (index, element) in elements.enumerated() {
                    failures += try validate(element, against: argument, at: "\(path)[\(index)]")
                }
            case "minItems":
                if case .array(let elements) = value, elements.count < (argument.numberValue?.int ?? 0) {
                    fail("expected at least \(argument.numberValue?.int ?? 0) elements, found \(elements.count)")
                }
            case "minLength":
                if case .string(let text) = value, text.count < (argument.numberValue?.int ?? 0) {
                    fail("expected at least \(argument.numberValue?.int ?? 0) characters")
                }
            case "minimum":
                if case .number(let number) = value, let bound = argument.numberValue?.decimal,
                    let actual = number.decimal, actual < bound
                {
                    fail("expected at least \(bound), found \(actual)")
                }
            case "maximum":
                if case .number(let number) = value, let bound = argument.numberValue?.decimal,
                    let actual = number.decimal, actual > bound
                {
                    fail("expected at most \(bound), found \(actual)")
                }
            case "pattern":
                guard case .string(let text) = value else { continue }
                let source = argument.stringValue ?? ""
                guard let expression = try? NSRegularExpression(pattern: source) else {
                    throw SchemaError(description: "the pattern \"\(source)\" is not a valid regular expression")
                }
                let range = NSRange(text.startIndex..., in: text)
                if expression.firstMatch(in: text, range: range) == nil { fail("expected text matching \(source)") }
            case "oneOf":
                var matching = 0
                for candidate in argument.arrayValue ?? []
                where try validate(value, against: candidate, at: path).isEmpty {
                    matching += 1
                }
                if matching != 1 { fail("expected exactly one alternative of oneOf to match, \(matching) did") }
            case "anyOf":
                var matched = false
                for candidate in argument.arrayValue ?? []
                where try validate(value, against: candidate, at: path).isEmpty {
                    matched = true
                    break
                }
                if !matched { fail("expected one alternative of anyOf to match, none did") }
            case "not":
                if try validate(value, against: argument, at: path).isEmpty {
                    fail("matches a schema it must not match")
                }
            case "$ref":
                failures += try validate(value, against: resolve(argument.stringValue ?? ""), at: path)
            default:
                guard Self.annotations.contains(keyword) else {
                    throw SchemaError(description: "the keyword \"\(keyword)\" is outside the supported subset")
                }
            }
        }
        return failures
    }

    private static func isOfType(_ value: JSONValue, _ name: String) -> Bool {
        switch (name, value) {
        case ("string", .string), ("number", .number), ("boolean", .bool), ("object", .object),
            ("array", .array), ("null", .null):
            true
        case ("integer", .number(let number)): number.isIntegral
        default: false
        }
    }
}
