import Synchronization

/// The fault rules in force, in the order they were added: the first that applies and fires wins.
public final class FaultBook: Sendable {
    private struct Entry {
        var rule: FaultRule
        var random: SplitMix64
        var fired = 0
    }

    private struct State {
        var entries: [Entry] = []
        var nextId = 1
    }

    private let state = Mutex(State())

    /// Makes an empty book.
    public init() {}

    /// Adds a rule; returns it with its id.
    @discardableResult
    public func add(_ rule: FaultRule) -> FaultRule {
        state.withLock { state in
            var rule = rule
            rule.id = state.nextId
            state.nextId += 1
            state.entries.append(Entry(rule: rule, random: SplitMix64(seed: rule.seed)))
            return rule
        }
    }

    /// The rules with how often each fired.
    public var rules: [(rule: FaultRule, fired: Int)] { state.withLock { $0.entries.map { ($0.rule, $0.fired) } } }

    /// Removes every rule; returns how many there were.
    @discardableResult
    public func clear() -> Int {
        state.withLock { state in
            let count = state.entries.count
            state.entries = []
            return count
        }
    }

    /// Removes the rule `id`; false when there is none.
    public func remove(id: Int) -> Bool {
        state.withLock { state in
            guard let index = state.entries.firstIndex(where: { $0.rule.id == id }) else { return false }
            state.entries.remove(at: index)
            return true
        }
    }

    /// The rule that fires for this request, if any; its count goes down and its random sequence moves on.
    ///
    /// A rule with no firings left is skipped; a probability rule draws once per matching request.
    public func fire(method: String, path: String, surface: String) -> FaultRule? {
        state.withLock { state in
            for index in state.entries.indices {
                let rule = state.entries[index].rule
                guard rule.remaining.map({ $0 > 0 }) ?? true,
                    rule.applies(method: method, path: path, surface: surface)
                else { continue }
                if rule.probability < 1 {
                    let draw = Double(state.entries[index].random.next() >> 11) / Double(1 << 53)
                    guard draw < rule.probability else { continue }
                }
                if let remaining = rule.remaining { state.entries[index].rule.remaining = remaining - 1 }
                state.entries[index].fired += 1
                return rule
            }
            return nil
        }
    }
}

/// SplitMix64: a small seeded generator, the same sequence on every platform.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
