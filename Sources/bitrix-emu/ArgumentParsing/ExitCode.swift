/// The status a command hands back to the shell, as a value.
///
/// Mirrors `ExitCode` of swift-argument-parser: commands return one instead of calling `exit` themselves,
/// so they can be run and checked in process.
struct ExitCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The numeric status passed to `exit(_:)`.
    var rawValue: Int32

    /// Creates an exit code from its numeric status.
    init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Creates an exit code from its numeric status.
    init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The command did what it was asked (0).
    static let success = ExitCode(0)

    /// The command ran and failed (1).
    static let failure = ExitCode(1)

    /// The command line was wrong: unknown command or option, missing or bad value (2).
    static let usage = ExitCode(2)

    /// Whether this is ``success``.
    var isSuccess: Bool { self == .success }

    var description: String { "\(rawValue)" }
}
