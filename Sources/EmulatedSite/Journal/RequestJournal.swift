import Synchronization

/// The bounded request journal: the newest entries, oldest dropped first, numbered for ever.
public final class RequestJournal: Sendable {
    private struct State {
        var entries: [JournalEntry] = []
        var head = 0
        var nextSequence = 1
    }

    /// How many entries are kept.
    public let capacity: Int
    private let state = Mutex(State())

    /// Makes an empty journal that keeps `capacity` entries (at least 1).
    public init(capacity: Int = 1000) { self.capacity = max(1, capacity) }

    /// Numbers `entry` (its ``JournalEntry/sequence`` is replaced), keeps it, and drops the oldest when full.
    @discardableResult
    public func record(_ entry: JournalEntry) -> Int {
        state.withLock { state in
            var entry = entry
            entry.sequence = state.nextSequence
            state.nextSequence += 1
            if state.entries.count < capacity {
                state.entries.append(entry)
            } else {
                state.entries[state.head] = entry
                state.head = (state.head + 1) % capacity
            }
            return entry.sequence
        }
    }

    /// The entries kept, oldest first.
    public var entries: [JournalEntry] {
        state.withLock { state in Array(state.entries[state.head...] + state.entries[..<state.head]) }
    }

    /// The entries that match, oldest first.
    public func entries(matching matcher: RequestMatcher) -> [JournalEntry] { entries.filter(matcher.matches) }

    /// How many kept entries match.
    public func count(matching matcher: RequestMatcher) -> Int {
        state.withLock { state in state.entries.reduce(0) { $0 + (matcher.matches($1) ? 1 : 0) } }
    }

    /// How many requests were recorded since the start (dropped ones included).
    public var recordedCount: Int { state.withLock { $0.nextSequence - 1 } }

    /// Drops every entry (numbering goes on); returns how many were dropped.
    @discardableResult
    public func clear() -> Int {
        state.withLock { state in
            let count = state.entries.count
            state.entries = []
            state.head = 0
            return count
        }
    }
}
