import SaleJSON

/// Which journal entries a listing or a count takes: every given part must hold.
///
/// As a JSON object (`POST /__emu/requests/count`): `method`, `path` (the path without the query, exactly),
/// `path_prefix`, `status`, `surface`, and `body` (an object whose members must all be in the request's JSON body,
/// compared recursively: extra members in the request are allowed).
public struct RequestMatcher: Sendable, Hashable {
    /// The method, upper case.
    public var method: String?
    /// The path without the query, exactly.
    public var path: String?
    /// A prefix of the path.
    public var pathPrefix: String?
    /// The status.
    public var status: Int?
    /// The surface (`api`, `rest`, `other`).
    public var surface: String?
    /// Members the request's JSON body must contain.
    public var body: JSONValue?
    /// Only entries after this sequence number.
    public var afterSequence: Int?

    /// Makes a matcher; every part nil matches everything.
    public init(
        method: String? = nil,
        path: String? = nil,
        pathPrefix: String? = nil,
        status: Int? = nil,
        surface: String? = nil,
        body: JSONValue? = nil,
        afterSequence: Int? = nil
    ) {
        self.method = method
        self.path = path
        self.pathPrefix = pathPrefix
        self.status = status
        self.surface = surface
        self.body = body
        self.afterSequence = afterSequence
    }

    /// The keys a matcher object may have.
    static let keys = ["method", "path", "path_prefix", "status", "surface", "body", "since"]

    /// Reads a matcher object; errors name the member and what was expected.
    public init(json: JSONValue) throws(ControlPlaneError) {
        guard let members = json.objectMembers else {
            throw .badRequest("The body must be a JSON object (a request matcher), found \(json.typeName)")
        }
        self.init()
        for (key, value) in members {
            switch key {
            case "method": method = try Self.string(value, key).uppercased()
            case "path": path = try Self.string(value, key)
            case "path_prefix": pathPrefix = try Self.string(value, key)
            case "surface": surface = try Self.string(value, key)
            case "status":
                guard let code = value.numberValue?.int else {
                    throw .badRequest("status: expected an integer HTTP status, found \(value.typeName)")
                }
                status = code
            case "since":
                guard let number = value.numberValue?.int else {
                    throw .badRequest("since: expected a journal sequence number, found \(value.typeName)")
                }
                afterSequence = number
            case "body":
                guard value.objectMembers != nil else {
                    throw .badRequest("body: expected an object of body members to match, found \(value.typeName)")
                }
                body = value
            default:
                throw .badRequest(
                    "Unknown matcher member \"\(key)\"; expected one of " + Self.keys.joined(separator: ", ")
                )
            }
        }
    }

    private static func string(_ value: JSONValue, _ key: String) throws(ControlPlaneError) -> String {
        guard let text = value.stringValue else {
            throw .badRequest("\(key): expected a string, found \(value.typeName)")
        }
        return text
    }

    /// Whether `entry` matches.
    public func matches(_ entry: JournalEntry) -> Bool {
        if let method, entry.method != method { return false }
        let entryPath =
            entry.path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first
            .map(String.init) ?? entry.path
        if let path, entryPath != path { return false }
        if let pathPrefix, !entryPath.hasPrefix(pathPrefix) { return false }
        if let status, entry.status != status { return false }
        if let surface, entry.surface != surface { return false }
        if let afterSequence, entry.sequence <= afterSequence { return false }
        if let body {
            guard let actual = entry.body, Self.contains(actual, body) else { return false }
        }
        return true
    }

    /// Whether `actual` contains `expected`: objects by member (recursively), numbers by value, the rest equal.
    static func contains(_ actual: JSONValue, _ expected: JSONValue) -> Bool {
        switch (actual, expected) {
        case (.object, .object(let wanted)):
            return wanted.allSatisfy { member in actual[member.key].map { contains($0, member.value) } ?? false }
        case (.array(let have), .array(let want)):
            return have.count == want.count && zip(have, want).allSatisfy { contains($0, $1) }
        case (.number(let a), .number(let b)):
            return a == b
        default:
            return actual == expected
        }
    }
}
