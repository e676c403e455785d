import SaleHTTP
import Foundation
import SaleJSON
import SiteAPI

/// Reads a scenario document (`docs/SCENARIOS.md`) and checks every part of it.
struct ScenarioParser {
    /// The file as the user named it, for messages.
    let file: String
    /// The folder that `site` and `state` are relative to.
    let folder: URL

    static let topKeys = ["name", "site", "state", "now", "vars", "steps"]
    static let stepKeys = ["name", "request", "expect", "restart", "advance_clock", "fault"]
    static let requestKeys = ["method", "path", "query", "headers", "body", "body_text"]
    static let expectKeys = ["status", "headers", "body"]

    /// Parses the bytes of a file.
    func parse(_ bytes: [UInt8]) throws(ScenarioFileError) -> Scenario {
        let document: JSONValue
        do {
            document = try JSONParser().parse(bytes)
        } catch {
            throw .invalidJSON(
                file: file,
                position: TextPosition(offset: error.offset, in: bytes),
                offset: error.offset,
                expected: error.expected
            )
        }
        do {
            return try parse(document: document)
        } catch {
            throw .invalidScenario(file: file, path: error.path.description, problem: error.problem)
        }
    }

    /// Parses a document already read as JSON.
    func parse(document: JSONValue) throws(ScenarioIssue) -> Scenario {
        let top = try ObjectReader(document, at: .root, what: "a scenario object", allowed: Self.topKeys)
        let name = try top.string("name", required: true) ?? ""
        let site = try top.string("site").map(resolve)
        let state = try top.string("state").map(resolve)
        var now: ScenarioTimestamp?
        if let text = try top.string("now") {
            guard let timestamp = ScenarioTimestamp(iso8601: text) else {
                throw ScenarioIssue(
                    path: .root.key("now"),
                    problem: "expected an ISO 8601 date and time with a UTC offset such as "
                        + "2025-10-20T10:00:00+05:00, found \(JSONDescriptions.compact(.string(text)))"
                )
            }
            now = timestamp
        }
        var variables: [(name: String, value: JSONValue)] = []
        if let vars = top["vars"] {
            guard case .object(let members) = vars else {
                throw ScenarioIssue.expected("an object of variables", at: .root.key("vars"), found: vars)
            }
            var seen: Set<String> = []
            for (key, value) in members {
                let path = JSONPath.root.key("vars").key(key)
                guard ScenarioVariables.isValidName(key) else {
                    throw ScenarioIssue(
                        path: path,
                        problem: "expected a variable name (letters, digits, \"_\", \"-\" or \".\"), found \"\(key)\""
                    )
                }
                guard seen.insert(key).inserted else {
                    throw ScenarioIssue(path: path, problem: "duplicate key \"\(key)\"")
                }
                variables.append((name: key, value: value))
            }
        }
        let stepsPath = JSONPath.root.key("steps")
        guard case .array(let list)? = top["steps"] else {
            throw ScenarioIssue.expected("an array of steps", at: stepsPath, found: top["steps"])
        }
        guard !list.isEmpty else {
            throw ScenarioIssue(path: stepsPath, problem: "expected at least one step, found none")
        }
        var steps: [ScenarioStep] = []
        for (index, value) in list.enumerated() {
            steps.append(try parseStep(value, at: stepsPath.index(index)))
        }
        return Scenario(file: file, name: name, site: site, state: state, now: now, variables: variables, steps: steps)
    }

    private func resolve(_ relative: String) -> URL {
        if relative.hasPrefix("/") { return URL(fileURLWithPath: relative).standardizedFileURL }
        return folder.appendingPathComponent(relative).standardizedFileURL
    }

    private func parseStep(_ value: JSONValue, at path: JSONPath) throws(ScenarioIssue) -> ScenarioStep {
        let step = try ObjectReader(value, at: path, what: "a step object", allowed: Self.stepKeys)
        let name = try step.string("name")
        let actions = ["request", "restart", "advance_clock", "fault"].filter(step.has)
        guard actions.count == 1 else {
            let problem =
                actions.isEmpty
                ? "expected one of the keys \"request\", \"restart\", \"advance_clock\" or \"fault\", found none"
                : "expected only one of the keys \"request\", \"restart\", \"advance_clock\" or \"fault\", found "
                    + actions.map { "\"\($0)\"" }.joined(separator: " and ")
            throw ScenarioIssue(path: path, problem: problem)
        }
        if actions[0] != "request", step.has("expect") {
            throw ScenarioIssue(path: path.key("expect"), problem: "\"expect\" is only allowed with \"request\"")
        }
        switch actions[0] {
        case "restart":
            guard case .bool(true)? = step["restart"] else {
                throw ScenarioIssue.expected("true", at: path.key("restart"), found: step["restart"])
            }
            return ScenarioStep(name: name, action: .restart)
        case "advance_clock":
            let text = try step.string("advance_clock", required: true) ?? ""
            guard let duration = ScenarioDuration(iso8601: text) else {
                throw ScenarioIssue(
                    path: path.key("advance_clock"),
                    problem: "expected an ISO 8601 duration such as P1D or PT1H30M, found "
                        + JSONDescriptions.compact(.string(text))
                )
            }
            return ScenarioStep(name: name, action: .advanceClock(duration))
        case "fault":
            let rule = step["fault"] ?? .null
            guard case .object = rule else {
                throw ScenarioIssue.expected(
                    "a fault rule object (docs/SCENARIOS.md, Control plane steps)",
                    at: path.key("fault"),
                    found: rule
                )
            }
            return ScenarioStep(name: name, action: .fault(rule))
        default:
            let request = try parseRequest(step["request"] ?? .null, at: path.key("request"))
            let expect = try step["expect"]
                .map { (value) throws(ScenarioIssue) in
                    try parseExpect(value, at: path.key("expect"))
                }
            return ScenarioStep(name: name, action: .request(request, expect: expect))
        }
    }

    private func parseRequest(_ value: JSONValue, at path: JSONPath) throws(ScenarioIssue) -> ScenarioRequest {
        let request = try ObjectReader(value, at: path, what: "a request object", allowed: Self.requestKeys)
        let method = try request.string("method", required: true) ?? ""
        guard !method.isEmpty, method.allSatisfy({ $0.isLetter && $0.isASCII }) else {
            throw ScenarioIssue(
                path: path.key("method"),
                problem:
                    "expected an HTTP method such as GET or POST, found \(JSONDescriptions.compact(.string(method)))"
            )
        }
        let target = try request.string("path", required: true) ?? ""
        let query = try fields(request["query"], at: path.key("query"))
        let headers = try fields(request["headers"], at: path.key("headers"))
        var body = ScenarioRequest.Body.none
        if let json = request["body"] {
            guard !request.has("body_text") else {
                throw ScenarioIssue(
                    path: path.key("body_text"),
                    problem: "expected either \"body\" or \"body_text\", found both"
                )
            }
            body = .json(json)
        } else if let text = try request.string("body_text") {
            body = .text(text)
        }
        return ScenarioRequest(method: method, path: target, query: query, headers: headers, body: body)
    }

    /// An object of names to text values (strings, numbers or booleans, which become their text).
    private func fields(_ value: JSONValue?, at path: JSONPath) throws(ScenarioIssue) -> [HeaderField] {
        guard let value else { return [] }
        guard case .object(let members) = value else {
            throw ScenarioIssue.expected("an object", at: path, found: value)
        }
        var result: [HeaderField] = []
        for (key, member) in members {
            switch member {
            case .string, .number, .bool: result.append(HeaderField(key, ScenarioVariables.text(of: member)))
            default:
                throw ScenarioIssue.expected("a string, number or boolean", at: path.key(key), found: member)
            }
        }
        return result
    }

    private func parseExpect(_ value: JSONValue, at path: JSONPath) throws(ScenarioIssue) -> ScenarioExpectation {
        let expect = try ObjectReader(value, at: path, what: "an expect object", allowed: Self.expectKeys)
        var status: [Int]?
        if let value = expect["status"] {
            let what =
                "an HTTP status (an integer from 100 to 599, or 0 for a dropped connection) or a non-empty array of them"
            let candidates: [JSONValue]
            switch value {
            case .number: candidates = [value]
            case .array(let elements) where !elements.isEmpty: candidates = elements
            default: throw ScenarioIssue.expected(what, at: path.key("status"), found: value)
            }
            var codes: [Int] = []
            for (index, candidate) in candidates.enumerated() {
                let candidatePath = value.arrayValue == nil ? path.key("status") : path.key("status").index(index)
                guard let code = candidate.numberValue?.int, code == 0 || (100...599).contains(code) else {
                    let found = JSONDescriptions.compact(candidate)
                    throw ScenarioIssue(path: candidatePath, problem: "expected \(what), found \(found)")
                }
                codes.append(code)
            }
            status = codes
        }
        let headers = try fields(expect["headers"], at: path.key("headers"))
        let body = try expect["body"]
            .map { (value) throws(ScenarioIssue) in
                Matcher(pattern: try Pattern.parse(value, at: path.key("body")))
            }
        return ScenarioExpectation(status: status, headers: headers, body: body)
    }
}
