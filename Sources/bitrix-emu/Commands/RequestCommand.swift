/// `bitrix-emu request ... METHOD PATH ...`: one API call, printed like curl.
///
/// The whole line: `request [--state DIR] [--site FILE] [--no-auth] [--include] METHOD PATH
/// [--body JSON|@FILE] [-H 'Name: value']...`.
struct RequestCommand: ParsableCommand {
    /// Where the request body comes from.
    enum Body: Sendable, Hashable {
        /// The JSON text given on the command line.
        case inline(String)
        /// The contents of a file, given as `@FILE`.
        case file(String)
    }

    static let state = SharedOptions.state(isRequired: false)
    static let initialize = SharedOptions.initialize
    static let site = SharedOptions.site
    static let noAuth = Flag(
        "no-auth",
        help: "Send no Authorization header (by default the site's first token is sent)."
    )
    static let include = Flag("include", short: "i", help: "Print the status line and the headers before the body.")
    static let method = Argument<String>(
        "method",
        parser: ValueParser(expected: "an HTTP method such as GET or POST") { text in
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
            return text.uppercased()
        },
        help: "The HTTP method: GET, POST, PATCH, PUT or DELETE."
    )
    static let path = Argument<String>(
        "path",
        parser: ValueParser(expected: "a path starting with '/'") { $0.hasPrefix("/") ? $0 : nil },
        help: "The request path with its query, such as /api/v2/orders?limit=10."
    )
    static let body = Option<Body>(
        "body",
        valueName: "json|@file",
        parser: ValueParser<Body>(expected: "JSON text or @FILE") { text in
            guard text.hasPrefix("@") else { return .inline(text) }
            let file = String(text.dropFirst())
            return file.isEmpty ? nil : .file(file)
        },
        help: "The request body: JSON text, or @FILE to read it from a file."
    )
    static let header = RepeatingOption(
        "header",
        short: "H",
        valueName: "header",
        parser: .string,
        help: "An extra request header, written 'Name: value'."
    )

    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Make one API call and print the response body, like curl.",
        discussion: "Exits 0 when the response status is 2xx, 1 otherwise.",
        arguments: [state, initialize, site, noAuth, include, method, path, body, header]
    )

    /// The state folder, or `nil` for an in-memory engine.
    let state: String?
    /// Whether `--init` was given.
    let initialize: Bool
    /// The site configuration file, if not the default site.
    let site: String?
    /// Whether to leave out the site's token.
    let noAuth: Bool
    /// Whether to print the status line and headers first.
    let include: Bool
    /// The HTTP method, upper-cased.
    let method: String
    /// The request path and query.
    let path: String
    /// The request body, if any.
    let body: Body?
    /// The extra headers as written, in order.
    let headers: [String]

    init(from values: ParsedValues) throws(UsageError) {
        state = values[Self.state]
        initialize = values[Self.initialize]
        site = values[Self.site]
        noAuth = values[Self.noAuth]
        include = values[Self.include]
        method = try values.require(Self.method)
        path = try values.require(Self.path)
        body = values[Self.body]
        headers = values[Self.header]
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
    }

    func run(_ context: CommandContext) async throws -> ExitCode {
        try await Wiring.request(self, context)
    }
}
