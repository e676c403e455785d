/// One problem with one field of a request: `{"field", "code", "message"}` in a failure's `details`.
public struct FieldProblem: Sendable, Hashable, CustomStringConvertible {
    /// The field, as the client names it (`customer_phone`, `items[0].quantity`).
    public var field: String
    /// A stable machine code (`required`, `invalid_type`, `out_of_range`, … see `docs/API.md`).
    public var code: String
    /// A human message naming the offending value and what was expected.
    public var message: String

    /// Makes a problem.
    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    /// `field: message`, as in the failure's `errors` array.
    public var description: String { "\(field): \(message)" }
}

/// A failure answer of the API: an HTTP status, a one-line summary and the field problems behind it.
///
/// Handlers throw it; ``SiteAPI/handle(_:)`` turns it into the failure envelope
/// `{"success": false, "error", "errors"?, "details"?}`.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status (400, 401, 404, 405, 409, 413, 422, 503).
    public var status: Int
    /// The one-line summary (`error`).
    public var message: String
    /// Every field problem found (empty when the failure is not about fields).
    public var problems: [FieldProblem]
    /// For a 405: the methods the route allows (the `Allow` header).
    public var allowedMethods: [String]

    /// Makes an error.
    public init(status: Int, message: String, problems: [FieldProblem] = [], allowedMethods: [String] = []) {
        self.status = status
        self.message = message
        self.problems = problems
        self.allowedMethods = allowedMethods
    }

    /// `422 message (n problems)`.
    public var description: String { "\(status) \(message)" + (problems.isEmpty ? "" : " \(problems)") }

    /// 400 with a message.
    public static func badRequest(_ message: String, problems: [FieldProblem] = []) -> APIError {
        APIError(status: 400, message: message, problems: problems)
    }

    /// 401 `Unauthorized`.
    public static let unauthorized = APIError(status: 401, message: "Unauthorized")

    /// 404 with a message.
    public static func notFound(_ message: String) -> APIError { APIError(status: 404, message: message) }

    /// 422 summarising the fields in `problems`.
    public static func unprocessable(_ problems: [FieldProblem]) -> APIError {
        var fields: [String] = []
        for problem in problems where !fields.contains(problem.field) { fields.append(problem.field) }
        return APIError(
            status: 422,
            message: "Validation failed: " + fields.joined(separator: ", "),
            problems: problems
        )
    }
}
