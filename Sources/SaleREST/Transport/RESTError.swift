import SaleJSON

/// A REST failure as Bitrix answers it: `{"error": <code>, "error_description": "…"}` with an HTTP status.
///
/// The `error` code is a string for the transport's errors (`NO_AUTH_FOUND`) and a number for the `sale` module's
/// (`200540400001`), as in Bitrix.
public struct RESTError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `error` member: a string or a number.
    public enum Code: Sendable, Hashable, CustomStringConvertible {
        /// A string code (`ERROR_METHOD_NOT_FOUND`, `expired_token`).
        case text(String)
        /// A numeric code (`200540400001`, `0`, `100`).
        case number(Int)

        /// The code as text.
        public var description: String {
            switch self {
            case .text(let text): text
            case .number(let number): String(number)
            }
        }
    }

    /// The `error` member.
    public var code: Code
    /// The `error_description` member.
    public var message: String
    /// The HTTP status.
    public var status: Int

    /// Makes an error.
    public init(code: Code, message: String, status: Int = 400) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// `[code] message (HTTP status)`.
    public var description: String { "[\(code)] \(message) (HTTP \(status))" }

    /// The error body.
    var body: JSONValue {
        let code: JSONValue =
            switch self.code {
            case .text(let text): .string(text)
            case .number(let number): .int(number)
            }
        return .object([(key: "error", value: code), (key: "error_description", value: .string(message))])
    }

    // MARK: Transport

    /// 404 `ERROR_METHOD_NOT_FOUND` "Method not found!".
    static let methodNotFound = RESTError(
        code: .text("ERROR_METHOD_NOT_FOUND"),
        message: "Method not found!",
        status: 404
    )

    /// 401 `NO_AUTH_FOUND`: no usable credentials.
    static let noAuth = RESTError(code: .text("NO_AUTH_FOUND"), message: "Wrong authorization data", status: 401)

    /// `INVALID_CREDENTIALS`: 401 in the on-premise code, 403 in the cloud docs.
    static func invalidCredentials(cloud: Bool) -> RESTError {
        RESTError(code: .text("INVALID_CREDENTIALS"), message: "Invalid request credentials", status: cloud ? 403 : 401)
    }

    /// 401 `expired_token`.
    static let expiredToken = RESTError(
        code: .text("expired_token"),
        message: "The access token provided has expired",
        status: 401
    )

    /// `insufficient_scope`: 401 in the on-premise code, 403 in the cloud docs.
    static func insufficientScope(webhook: Bool, cloud: Bool) -> RESTError {
        RESTError(
            code: .text("insufficient_scope"),
            message: "The request requires higher privileges than provided by the "
                + (webhook ? "webhook token" : "access token"),
            status: cloud ? 403 : 401
        )
    }

    /// 503 `QUERY_LIMIT_EXCEEDED` "Too many requests" (the cloud leaky bucket).
    static let queryLimitExceeded = RESTError(
        code: .text("QUERY_LIMIT_EXCEEDED"),
        message: "Too many requests",
        status: 503
    )

    /// 400 `ERROR_CORE` with a message.
    static func core(_ message: String) -> RESTError { RESTError(code: .text("ERROR_CORE"), message: message) }

    // MARK: The sale module

    /// 400 with a numeric `sale` code.
    static func sale(_ code: Int, _ message: String) -> RESTError { RESTError(code: .number(code), message: message) }

    /// 100 "Could not find value for parameter {name}": a required argument is missing.
    static func missingArgument(_ name: String) -> RESTError {
        sale(100, "Could not find value for parameter {\(name)}")
    }

    /// 0 "Required fields: a, b".
    static func requiredFields(_ names: [String]) -> RESTError {
        sale(0, "Required fields: " + names.joined(separator: ", "))
    }
}
