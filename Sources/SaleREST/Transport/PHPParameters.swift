import Foundation
import SaleJSON
import SaleHTTP

/// Request parameters as PHP sees them: `parse_str` of a query or form body (nested arrays such as
/// `fields[lid]=s1`, `filter[@statusId][]=N`, `select[]=id`), multipart form fields, and JSON bodies.
///
/// A PHP array is held as a ``JSONValue/object(_:)`` whose keys are the PHP keys as text (`"0"`, `"1"` for a list);
/// ``PHPJSON`` writes one with keys 0…n-1 as a JSON array, as `json_encode` does.
enum PHPParameters {
    /// `parse_str($text)`: every `name=value` pair inserted into one PHP array.
    static func parse(_ text: Substring) -> JSONValue {
        var root = JSONValue.object([])
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let name: String
            let value: String
            if let equals = pair.firstIndex(of: "=") {
                name = percentDecode(pair[..<equals])
                value = percentDecode(pair[pair.index(after: equals)...])
            } else {
                name = percentDecode(pair)
                value = ""
            }
            insert(name: name, value: .string(value), into: &root)
        }
        return root
    }

    /// Inserts one `name=value` as PHP does: `a[b][]` is the path `a`, `b`, next index.
    static func insert(name: String, value: JSONValue, into root: inout JSONValue) {
        guard let path = keyPath(name) else { return }
        insert(value, at: path[...], into: &root)
    }

    /// The key path of a PHP parameter name: `a[b][]` → `["a", "b", nil]` (nil: append).
    ///
    /// Nil for an empty base name. In the base name `.` and ` ` become `_`, as PHP's variable-name mangling does.
    static func keyPath(_ name: String) -> [String?]? {
        var base = ""
        var rest = Substring(name)
        if let bracket = name.firstIndex(of: "[") {
            base = String(name[..<bracket])
            rest = name[bracket...]
        } else {
            base = name
            rest = ""
        }
        base = String(base.map { $0 == "." || $0 == " " ? "_" : $0 })
        guard !base.isEmpty else { return nil }
        var path: [String?] = [base]
        while rest.first == "[", let close = rest.firstIndex(of: "]") {
            let key = rest[rest.index(after: rest.startIndex)..<close]
            path.append(key.isEmpty ? nil : String(key))
            rest = rest[rest.index(after: close)...]
        }
        return path
    }

    private static func insert(_ value: JSONValue, at path: ArraySlice<String?>, into node: inout JSONValue) {
        var members = node.objectMembers ?? []
        guard let first = path.first else { return }
        let key = first ?? String(nextIndex(members))
        let existing = members.firstIndex { $0.key == key }
        var child: JSONValue = value
        if path.count > 1 {
            child = existing.map { members[$0].value } ?? .object([])
            if child.objectMembers == nil { child = .object([]) }
            insert(value, at: path.dropFirst(), into: &child)
        }
        if let existing { members[existing].value = child } else { members.append((key: key, value: child)) }
        node = .object(members)
    }

    private static func nextIndex(_ members: [(key: String, value: JSONValue)]) -> Int {
        (members.compactMap { Int($0.key) }.max() ?? -1) + 1
    }
    /// `urldecode`: `%XX` escapes (an invalid one kept as written) and `+` as a space.
    static func percentDecode(_ text: Substring) -> String { PercentDecoding.decode(text, plusIsSpace: true) }

    /// The fields of a `multipart/form-data` body (file parts as their content text), or nil when the boundary is
    /// missing or the body is not multipart.
    static func multipart(_ body: [UInt8], contentType: String) -> JSONValue? {
        guard let range = contentType.range(of: "boundary=", options: .caseInsensitive) else { return nil }
        var boundary = String(contentType[range.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty else { return nil }
        let text = String(decoding: body, as: UTF8.self)
        var root = JSONValue.object([])
        for part in text.components(separatedBy: "--" + boundary).dropFirst() {
            if part.hasPrefix("--") { break }
            guard let split = part.range(of: "\r\n\r\n") ?? part.range(of: "\n\n") else { continue }
            let head = part[..<split.lowerBound]
            var content = String(part[split.upperBound...])
            if content.hasSuffix("\r\n") {
                content.removeLast()
            } else if content.hasSuffix("\n") {
                content.removeLast()
            }
            guard let nameRange = head.range(of: "name=\"") else { continue }
            let afterName = head[nameRange.upperBound...]
            guard let end = afterName.firstIndex(of: "\"") else { continue }
            insert(name: String(afterName[..<end]), value: .string(content), into: &root)
        }
        return root
    }
}

extension JSONValue {
    /// The members of a PHP array: an object's members, or an array's elements keyed 0…n-1; nil for a scalar.
    var phpMembers: [(key: String, value: JSONValue)]? {
        switch self {
        case .object(let members): members
        case .array(let elements): elements.enumerated().map { (key: String($0.offset), value: $0.element) }
        default: nil
        }
    }

    /// PHP's `strval` of a scalar (`true` → `1`, `false` and `null` → empty); nil for an array.
    var phpString: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number.literal
        case .bool(let flag): flag ? "1" : ""
        case .null: ""
        case .array, .object: nil
        }
    }

    /// Whether this is a PHP array (a JSON array or object).
    var isPHPArray: Bool { phpMembers != nil }
}
