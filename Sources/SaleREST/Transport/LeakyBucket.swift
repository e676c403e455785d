import Foundation
import Synchronization

/// The cloud rate limit: one leaky bucket per credential, on the engine clock (so advancing the clock drains it).
///
/// Each request adds 1; the level drains by `drainPerSecond`; a request that would take the level past `burst` is
/// refused and adds nothing.
final class LeakyBucket: Sendable {
    private struct Level {
        var value: Double
        var at: Date
    }

    let drainPerSecond: Double
    let burst: Int
    private let levels = Mutex<[String: Level]>([:])

    init(drainPerSecond: Double, burst: Int) {
        self.drainPerSecond = drainPerSecond
        self.burst = burst
    }

    /// Takes one request for `key` at `now`; false when the bucket is full.
    func admit(_ key: String, now: Date) -> Bool {
        levels.withLock { levels in
            var level = levels[key] ?? Level(value: 0, at: now)
            let elapsed = max(0, now.timeIntervalSince(level.at))
            level.value = max(0, level.value - elapsed * drainPerSecond)
            level.at = max(level.at, now)
            guard level.value + 1 <= Double(burst) + 1e-9 else {
                levels[key] = level
                return false
            }
            level.value += 1
            levels[key] = level
            return true
        }
    }
}
