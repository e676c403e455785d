/// A PHP fatal error the same code would hit in real Bitrix: the script stops, nothing after it runs, and a web
/// endpoint answers 500.
///
/// The emulator throws it (as ``SaleException/fatal(_:)``) where PHP would call a method on `null`, so a replayed
/// draft shows exactly where production would die.
public struct PHPFatalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// PHP's own message, for example `Call to a member function createItem() on null`.
    public let message: String

    /// Wraps a PHP message.
    public init(message: String) { self.message = message }

    /// `Call to a member function <method>() on null`: what PHP 7/8 says when `$x->method()` runs with `$x === null`.
    public static func callOnNull(_ method: String) -> PHPFatalError {
        PHPFatalError(message: "Call to a member function \(method)() on null")
    }

    /// As PHP prints it: `PHP Fatal error:  Uncaught Error: <message>`.
    public var description: String { "PHP Fatal error:  Uncaught Error: \(message)" }
}
