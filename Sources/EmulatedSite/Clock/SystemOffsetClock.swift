import Foundation
import Synchronization

/// The real time plus an offset that `set` and `advance` change: the server's clock without `--now`.
public final class SystemOffsetClock: SiteClock {
    private let offset = Mutex<TimeInterval>(0)
    private let realTime: @Sendable () -> Date

    /// Makes a clock that reads `realTime` (the system clock unless injected) with no offset.
    public init(realTime: @escaping @Sendable () -> Date = { Date() }) { self.realTime = realTime }

    /// The real time plus the offset.
    public var now: Date { realTime().addingTimeInterval(offset.withLock { $0 }) }

    /// The clock ticks with the real time.
    public var isTicking: Bool { true }

    /// Shifts the offset so that the clock reads `date` now.
    public func set(_ date: Date) {
        let real = realTime()
        offset.withLock { $0 = date.timeIntervalSince(real) }
    }

    /// Adds `seconds` to the offset.
    public func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}
