import SaleHTTP
import SaleJSON

/// A request taken apart: method, decoded path, query parameters, headers and body.
struct RequestContext: Sendable {
    /// The method, upper case.
    var method: String
    /// The percent-decoded path without the query.
    var path: String
    /// The query parameters, percent-decoded (`+` is a space); a repeated name keeps its last value.
    var query: [String: String]
    /// The original request.
    var request: APIRequest

    init(_ request: APIRequest) {
        self.request = request
        method = request.method.uppercased()
        let target = request.target
        if let mark = Self.queryMark(target) {
            path = FormDecoding.percentDecode(target[..<mark], plusIsSpace: false)
            query = FormDecoding.pairs(target[target.index(after: mark)...])
        } else {
            path = FormDecoding.percentDecode(Substring(target), plusIsSpace: false)
            query = [:]
        }
    }

    /// The index of the first `?` character of `target`. In ASCII text every character is one byte (a CR LF pair,
    /// the one two-scalar cluster, holds no `?`), so the bytes are searched; other text searches characters.
    static func queryMark(_ target: String) -> String.Index? {
        if target.utf8.allSatisfy({ $0 < 0x80 }) { return target.utf8.firstIndex(of: UInt8(ascii: "?")) }
        return target.firstIndex(of: "?")
    }

    /// Whether the declared content type is a URL-encoded form.
    var isFormContentType: Bool {
        (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded")
    }
}

/// `application/x-www-form-urlencoded` and query-string decoding.
enum FormDecoding {
    /// `a=1&b=two+words` → `["a": "1", "b": "two words"]`; a name without `=` has an empty value; the last repeat wins.
    static func pairs(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: "=") {
                let name = percentDecode(pair[..<equals], plusIsSpace: true)
                result[name] = percentDecode(pair[pair.index(after: equals)...], plusIsSpace: true)
            } else {
                result[percentDecode(pair, plusIsSpace: true)] = ""
            }
        }
        return result
    }
    /// Decodes `%XX` escapes (an invalid escape is kept as written) and, for forms, `+` as a space.
    static func percentDecode(_ text: Substring, plusIsSpace: Bool) -> String {
        // Without a `%` (or `+`) byte there is no `%` (or `+`) character either: the text is returned as it is, as
        // `PercentDecoding.decode` would, without its search through characters.
        let utf8 = text.utf8
        if !utf8.contains(UInt8(ascii: "%")), !plusIsSpace || !utf8.contains(UInt8(ascii: "+")) { return String(text) }
        return PercentDecoding.decode(text, plusIsSpace: plusIsSpace)
    }
}
