import Synchronization

/// A text buffer that an ``OutputSink`` writes into, for checking output in tests.
final class CapturedOutput: Sendable {
    private let buffer = Mutex("")

    /// Creates an empty buffer.
    init() {}

    /// Everything written so far.
    var text: String { buffer.withLock { $0 } }

    /// A sink appending to this buffer.
    var sink: OutputSink {
        OutputSink { [self] text in buffer.withLock { $0 += text } }
    }
}
