import Foundation
import Scenarios

/// `bitrix-emu request`: one API call, printed like curl, and written like curl.
///
/// The whole line: `request [--state DIR] [--site FILE] [--now TIME] [--no-auth] [-i] [-s] [-X METHOD]
/// [-d JSON|@FILE] [-H 'Name: value']... [METHOD] URL`, where URL is a path (`/api/v2/orders?limit=10`) or a full
/// URL whose scheme and host are ignored (`http://localhost:8080/api/v2/orders`). The method is `-X`, or the word
/// before the URL, else POST when there is a body and GET otherwise (as curl does). Each argument is declared once,
/// as a property (``DeclaredCommand``): parsing and help come from these declarations.
struct RequestCommand: DeclaredCommand {
    /// Where the request body comes from.
    enum Body: Sendable, Hashable {
        /// The text given on the command line.
        case inline(String)
        /// The contents of a file, given as `@FILE`.
        case file(String)
    }

    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Make one API call and print the response body, like curl.",
        discussion: "Written like curl: 'request -X POST -d @order.json http://localhost/api/v2/orders/create' and "
            + "'request POST /api/v2/orders/create --data @order.json' are the same call. Unlike curl, --data adds "
            + "no Content-Type (give one with -H when a form is meant). "
            + "Exits 0 when the response status is 2xx, 1 otherwise.",
        arguments: declaredArguments
    )

    /// The state folder, or nil for an in-memory engine.
    @Option(SharedOptions.state(isRequired: false)) var state: String?
    /// Whether `--init` was given: start an empty state where none is.
    @Flag(SharedOptions.initialize) var initialize: Bool
    /// The site configuration file, if not the default site.
    @Option(SharedOptions.site) var site: String?
    /// The engine clock, standing still at this time; nil for the real time.
    @Option(
        "now",
        valueName: "time",
        parser: .timestamp,
        help: "Run the engine with its clock standing at this time (ISO 8601 with an offset, such as "
            + "2025-10-20T10:00:00+05:00) instead of the real time."
    )
    var now: ScenarioTimestamp?
    /// Whether to leave out the site's token.
    @Flag("no-auth", help: "Send no Authorization header (by default the site's first token is sent).") var noAuth: Bool
    /// Whether to print the status line and headers first.
    @Flag("include", short: "i", help: "Print the status line and the headers before the body.") var include: Bool
    /// curl's `-s`: accepted so that curl lines can be pasted; nothing but the answer is printed anyway.
    @Flag("silent", short: "s", help: "Accepted for curl compatibility (no progress is ever printed).") var silent: Bool
    /// The method given with `-X`.
    @Option("request", short: "X", valueName: "method", parser: .httpMethod, help: "The HTTP method, as curl's -X.")
    var requestMethod: String?
    /// The body given with `-d`.
    @Option(
        "data",
        short: "d",
        valueName: "data|@file",
        parser: .body,
        help: "The request body: the text itself, or @FILE to read it from a file (sent byte for byte)."
    )
    var data: Body?
    /// The body given with `--body` (the older spelling of `--data`).
    @Option("body", valueName: "json|@file", parser: .body, help: "The same as --data.") var bodyOption: Body?
    /// The extra headers as written, in order.
    @RepeatingOption(
        "header",
        short: "H",
        valueName: "header",
        parser: .string,
        help: "An extra request header, written 'Name: value'."
    )
    var headers: [String]
    /// The first word: the method, or the URL when it stands alone.
    @Argument(
        "method",
        parser: .nonEmptyString,
        isRequired: false,
        help: "The HTTP method (GET, POST, PATCH, PUT or DELETE); may be left out (see -X)."
    )
    var firstWord: String?
    /// The second word: the URL after a method.
    @Argument(
        "url",
        parser: .nonEmptyString,
        isRequired: false,
        help: "The path with its query (/api/v2/orders?limit=10), or a full URL whose scheme and host are ignored."
    )
    var secondWord: String?

    /// The request body, from `--data` or `--body`.
    var body: Body? { data ?? bodyOption }

    /// The HTTP method, upper-cased (valid once ``validate()`` passed).
    var method: String { (try? resolved.get().method) ?? "GET" }
    /// The request target: path and query (valid once ``validate()`` passed).
    var path: String { (try? resolved.get().path) ?? "/" }

    /// The method and target the words and options make, or why they make none.
    var resolved: Result<(method: String, path: String), ValidationError> {
        let methodWord: String?
        let urlWord: String
        switch (firstWord, secondWord) {
        case (nil, _): return .failure(ValidationError("missing the URL: give a path such as /api/v2/orders"))
        case (let first?, nil):
            guard Self.looksLikeURL(first) else {
                if Self.parseMethod(first) != nil {
                    return .failure(ValidationError("missing the URL after the method '\(first)'"))
                }
                return .failure(Self.badURL(first))
            }
            methodWord = nil
            urlWord = first
        case (let first?, let second?):
            methodWord = first
            urlWord = second
        }
        var method: String?
        if let methodWord {
            guard let parsed = Self.parseMethod(methodWord) else {
                return .failure(
                    ValidationError(
                        "the method '\(methodWord)' is invalid for '<method>': expected an HTTP method such as GET or POST"
                    )
                )
            }
            method = parsed
        }
        if let requestMethod {
            if let method, method != requestMethod {
                return .failure(
                    ValidationError("the method is given twice: '\(method)' and '-X \(requestMethod)'; give it once")
                )
            }
            method = requestMethod
        }
        guard let path = Self.target(of: urlWord) else { return .failure(Self.badURL(urlWord)) }
        return .success((method ?? (body == nil ? "GET" : "POST"), path))
    }

    /// The extra headers split at their first colon, values without surrounding spaces.
    var headerFields: [(name: String, value: String)] {
        headers.compactMap { header in
            guard let colon = header.firstIndex(of: ":") else { return nil }
            let name = header[..<colon].trimmingCharacters(in: .whitespaces)
            let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (name, value)
        }
    }

    func validate() throws(ValidationError) {
        for header in headers {
            guard let colon = header.firstIndex(of: ":"),
                !header[..<colon].trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw ValidationError(
                    "the header '\(header)' is invalid for '--header <header>': expected 'Name: value'"
                )
            }
        }
        if data != nil, bodyOption != nil {
            throw ValidationError("the body is given twice: with --data and with --body; give it once")
        }
        if case .failure(let error) = resolved { throw error }
    }

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.request(self, context)
    }

    /// `text` upper-cased when it is a method word (ASCII letters only), else nil.
    static func parseMethod(_ text: String) -> String? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return text.uppercased()
    }

    /// Whether a word is a path or a URL rather than a method.
    static func looksLikeURL(_ text: String) -> Bool {
        text.hasPrefix("/") || text.contains("://")
    }

    /// The request target of a path or a URL; nil for anything else.
    ///
    /// A path is kept; `scheme://host[:port]` is dropped from a URL (an empty path becomes `/`); a `#fragment` is
    /// dropped, as curl never sends it.
    static func target(of text: String) -> String? {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if let scheme = rest.range(of: "://") {
            let name = rest[..<scheme.lowerBound]
            guard let first = name.first, first.isASCII, first.isLetter,
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) })
            else { return nil }
            let afterScheme = rest[scheme.upperBound...]
            guard let start = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let target = afterScheme[start...]
            return target.hasPrefix("?") ? "/" + target : String(target)
        }
        return rest.hasPrefix("/") ? String(rest) : nil
    }

    private static func badURL(_ text: String) -> ValidationError {
        ValidationError(
            "the URL '\(text)' is invalid for '<url>': expected a path starting with '/' or a URL such as "
                + "http://localhost/api/v2/orders"
        )
    }
}

extension ValueParser where Value == String {
    /// An HTTP method word (ASCII letters), upper-cased.
    static var httpMethod: Self {
        Self(expected: "an HTTP method such as GET or POST") { RequestCommand.parseMethod($0) }
    }
}

extension ValueParser where Value == RequestCommand.Body {
    /// `@FILE` names a file; anything else is the body itself.
    static var body: Self {
        Self(expected: "the body text or @FILE") { text in
            guard text.hasPrefix("@") else { return .inline(text) }
            let file = String(text.dropFirst())
            return file.isEmpty ? nil : .file(file)
        }
    }
}

extension ValueParser where Value == ScenarioTimestamp {
    /// An ISO 8601 date and time with a UTC offset, as a scenario's `now`.
    static var timestamp: Self {
        Self(expected: "an ISO 8601 date and time with a UTC offset such as 2025-10-20T10:00:00+05:00") {
            ScenarioTimestamp(iso8601: $0)
        }
    }
}
