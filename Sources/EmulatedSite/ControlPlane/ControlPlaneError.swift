/// A control-plane request that cannot be carried out: its status and a message naming the offending value.
public struct ControlPlaneError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status (400, 403, 404, 405, 409, 500, 503).
    public var status: Int
    /// What went wrong and what was expected.
    public var message: String
    /// For 405: the methods the route takes.
    public var allowedMethods: [String]

    /// Makes an error.
    public init(status: Int, message: String, allowedMethods: [String] = []) {
        self.status = status
        self.message = message
        self.allowedMethods = allowedMethods
    }

    /// A 400 with `message`.
    public static func badRequest(_ message: String) -> ControlPlaneError {
        ControlPlaneError(status: 400, message: message)
    }

    /// The status and message.
    public var description: String { "\(status): \(message)" }
}
