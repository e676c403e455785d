/// What a running command may use of its process: where to print.
///
/// `main.swift` passes the real streams; tests pass ``CapturedOutput`` sinks.
struct CommandContext: Sendable {
    /// Where results go (response bodies, `ok ...` lines, reports).
    let standardOutput: OutputSink
    /// Where diagnostics go.
    let standardError: OutputSink

    /// The process's standard output and error.
    static let process = CommandContext(standardOutput: .standardOutput, standardError: .standardError)
}
