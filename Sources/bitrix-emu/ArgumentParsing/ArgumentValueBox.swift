import Synchronization

/// Where a declaration used as a property wrapper keeps the value parsed for its property.
///
/// A command is a value type, so the wrapper cannot be written through `self` while the command is being read back
/// by ``DeclaredCommand/init(from:)``; the wrapper holds this box instead and its `wrappedValue` reads from it.
/// Each declaration makes its own box, so two commands never share values.
final class ArgumentValueBox: Sendable {
    private let storage = Mutex<(any Sendable)?>(nil)

    /// Makes an empty box.
    init() {}

    /// The value bound by the parser, or nil before binding.
    var value: (any Sendable)? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
