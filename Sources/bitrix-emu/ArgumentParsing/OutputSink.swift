import Foundation

/// A place a command writes text to: the process's standard output or error, or a buffer in tests.
struct OutputSink: Sendable {
    private let writeText: @Sendable (String) -> Void

    /// Creates a sink from the function that takes each piece of text.
    init(_ write: @escaping @Sendable (String) -> Void) {
        self.writeText = write
    }

    /// Writes `text` as UTF-8, unbuffered: it is on the file descriptor when this returns.
    func write(_ text: String) {
        writeText(text)
    }

    /// The process's standard output.
    static let standardOutput = OutputSink { FileHandle.standardOutput.write(Data($0.utf8)) }

    /// The process's standard error.
    static let standardError = OutputSink { FileHandle.standardError.write(Data($0.utf8)) }
}
