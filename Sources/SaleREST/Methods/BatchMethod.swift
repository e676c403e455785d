import Foundation
import SaleJSON

/// `batch` as `CRestProvider::methodsBatch` runs it: up to 50 commands in order, each `method?query` decoded by
/// PHP's `parse_str` before `$result[cmd][path]` references (and `$next`, `$total`, `$time`, `$error`) are resolved
/// against the commands before it; `halt` stops at the first error; the answer is always 200.
enum BatchMethod {
    private static let referencePattern = try! NSRegularExpression(
        pattern: #"\$(result|next|total|time|error)([^\s]*)"#,
        options: [.caseInsensitive]
    )
    private static let keyPattern = try! NSRegularExpression(pattern: #"\[([^\]]+)\]"#)

    /// The accumulated results, by kind (`result`, `next`, `total`, `time`, `error`) and command key.
    struct Accumulated {
        var kinds: [String: [(key: String, value: JSONValue)]] = [
            "result": [], "next": [], "total": [], "time": [], "error": [],
        ]

        mutating func add(_ kind: String, _ key: String, _ value: JSONValue) {
            kinds[kind, default: []].append((key, value))
        }

        func value(_ kind: String) -> JSONValue? { kinds[kind].map { .object($0) } }
    }

    static func run(_ surface: SaleREST, _ call: RESTCall, _ parameters: JSONValue) throws(RESTError) -> RESTOutput {
        var cmd: JSONValue? = nil
        var halt = false
        for (key, value) in parameters.phpMembers ?? [] {
            switch key.uppercased() {
            case "CMD": cmd = value
            case "HALT": halt = !["", "0", "false"].contains((value.phpString ?? "1").lowercased())
            default: break
            }
        }
        var accumulated = Accumulated()
        for (index, (key, command)) in (cmd?.phpMembers ?? []).enumerated() {
            var outcome: Result<RESTOutput, RESTError>
            if index >= SaleREST.batchLimit {
                outcome = .failure(
                    RESTError(code: .text("ERROR_BATCH_LENGTH_EXCEEDED"), message: "Max batch length exceeded")
                )
            } else {
                let text = command.phpString ?? ""
                let method: String
                var query: Substring = ""
                if let mark = text.firstIndex(of: "?") {
                    method = String(text[..<mark])
                    query = text[text.index(after: mark)...]
                } else {
                    method = text
                }
                let name = method.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
                if ["download", "upload"].contains(name.lowercased()) {
                    outcome = .failure(
                        RESTError(
                            code: .text("ERROR_BATCH_METHOD_NOT_ALLOWED"),
                            message: "Method is not allowed for batch usage",
                            status: 405
                        )
                    )
                } else {
                    let parsed = query.isEmpty ? JSONValue.object([]) : PHPParameters.parse(query)
                    let resolved = resolveStructure(parsed, accumulated)
                    outcome = surface.runInBatch(name, parameters: resolved, call: call)
                }
            }
            switch outcome {
            case .success(let output):
                accumulated.add("result", key, output.result)
                if let next = output.next { accumulated.add("next", key, .int(next)) }
                if let total = output.total { accumulated.add("total", key, .int(total)) }
                accumulated.add("time", key, call.timeObject())
            case .failure(let error):
                accumulated.add("error", key, error.body)
            }
            if case .failure = outcome, halt { break }
        }
        return RESTOutput(
            result: .object([
                (key: "result", value: accumulated.value("result") ?? .object([])),
                (key: "result_error", value: accumulated.value("error") ?? .object([])),
                (key: "result_total", value: accumulated.value("total") ?? .object([])),
                (key: "result_next", value: accumulated.value("next") ?? .object([])),
                (key: "result_time", value: accumulated.value("time") ?? .object([])),
            ])
        )
    }

    /// `processBatchStructure`: every scalar of the parsed query with its references resolved.
    static func resolveStructure(_ value: JSONValue, _ accumulated: Accumulated) -> JSONValue {
        if let members = value.objectMembers {
            return .object(members.map { (key: $0.key, value: resolveStructure($0.value, accumulated)) })
        }
        if case .string(let text) = value { return resolveElement(text, accumulated) }
        return value
    }

    /// `processBatchElement`: one value with its references resolved.
    ///
    /// A reference that is the whole value becomes the referenced value (an array too); inside a longer text it is
    /// replaced by its text. A path that runs out stops at the deepest key found.
    static func resolveElement(_ text: String, _ accumulated: Accumulated) -> JSONValue {
        guard text.contains("$") else { return .string(text) }
        let whole = NSRange(text.startIndex..., in: text)
        let matches = referencePattern.matches(in: text, range: whole)
        guard !matches.isEmpty else { return .string(text) }
        var output = text
        for match in matches {
            guard let all = Range(match.range, in: text), let kindRange = Range(match.range(at: 1), in: text),
                let pathRange = Range(match.range(at: 2), in: text)
            else { continue }
            let path = String(text[pathRange])
            let keys = keyPattern.matches(in: path, range: NSRange(path.startIndex..., in: path))
                .compactMap { Range($0.range(at: 1), in: path).map { String(path[$0]) } }
            guard !keys.isEmpty else { continue }
            var current: JSONValue = accumulated.value(String(text[kindRange])) ?? .null
            for key in keys {
                guard let next = current.phpMembers?.last(where: { $0.key == key })?.value, !next.isNull else { break }
                current = next
            }
            if text[all] == Substring(text) { return current }
            output = output.replacingOccurrences(of: String(text[all]), with: current.phpString ?? "Array")
        }
        return .string(output)
    }
}
