/// A `/rest/…` request target taken apart: `/rest/{userId}/{code}/{method}` (webhook) or `/rest/{method}` (OAuth),
/// each with an optional `.json` suffix and trailing slash; the method name lower-cased.
struct RESTRoute: Sendable {
    /// The webhook's user id and code from the path, or nil for OAuth.
    var webhook: (userId: String, code: String)?
    /// The method name, lower case (`sale.order.add`).
    var method: String
    /// The raw query string (after `?`), empty when none.
    var query: Substring

    /// Parses a target.
    ///
    /// - Throws: 404 `ERROR_METHOD_NOT_FOUND` for a path that is not a REST call; 400 `ERROR_CORE` for the `.xml`
    ///   output format, which is not emulated.
    init(target: String) throws(RESTError) {
        var path = Substring(target)
        query = ""
        if let mark = target.firstIndex(of: "?") {
            path = target[..<mark]
            query = target[target.index(after: mark)...]
        }
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        guard path.hasPrefix("/rest/") else { throw .methodNotFound }
        path = path.dropFirst("/rest/".count)
        if path.hasSuffix("/") { path = path.dropLast() }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { PHPParameters.percentDecode(Substring($0.replacingOccurrences(of: "+", with: "%2B"))) }
        guard var last = segments.last, !last.isEmpty, segments.allSatisfy({ !$0.isEmpty }) else {
            throw .methodNotFound
        }
        let lower = last.lowercased()
        if lower.hasSuffix(".xml") {
            throw .core("XML output is not emulated; call the method with .json or no suffix")
        }
        if lower.hasSuffix(".json") { last = String(last.dropLast(".json".count)) }
        switch segments.count {
        case 1: webhook = nil
        case 3: webhook = (userId: segments[0], code: segments[1])
        default: throw .methodNotFound
        }
        method = last.lowercased()
    }
}
