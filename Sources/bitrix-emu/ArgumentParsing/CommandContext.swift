/// What a running command may use of its process: where to print.
///
/// `main.swift` passes the real streams; tests pass ``CapturedOutput`` sinks.
struct CommandContext: Sendable {
    /// Where results go (response bodies, `ok ...` lines, reports).
    let standardOutput: OutputSink
    /// Where diagnostics go.
    let standardError: OutputSink
    /// Whether the process exits as soon as the command returns (`main.swift`), so that what the command loaded
    /// need not be freed (see ``keepUntilExit(_:)``); false in tests, which run many commands in one process.
    var exitsAfterCommand = false

    /// The process's standard output and error.
    static let process = CommandContext(
        standardOutput: .standardOutput,
        standardError: .standardError,
        exitsAfterCommand: true
    )

    /// Keeps `object` alive until the process exits, when the process exits right after the command.
    ///
    /// Freeing the state of 100,000 orders piece by piece costs ≈ 0.3 s that the operating system does at once by
    /// dropping the pages. Call it only for an object whose resources are closed or safe to drop (files synced and
    /// unlocked: the commands `close()` their stores, which releases the lock and closes the journal).
    func keepUntilExit(_ object: AnyObject) {
        // One retain that is never balanced: the object outlives the command and is reclaimed with the process.
        if exitsAfterCommand { _ = Unmanaged.passRetained(object) }
    }
}
