/// An error a command throws from `validate()` (or `run()`) when its arguments do not fit together.
///
/// The runner prints it as a usage error and exits with ``ExitCode/usage``.
struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the offending argument and what was expected.
    var message: String

    /// Creates a validation error with the message shown after `error: `.
    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
