import Foundation
import Synchronization

/// The clock of one scenario: the engine reads it, `advance_clock` moves it, and it survives a `restart`.
///
/// A scenario with `now` starts the clock there and it stands still except for `advance_clock`; without `now`
/// it starts at the real time and ticks with it. Hosts hand ``now`` to the engine as its injected clock.
public final class ScenarioClock: Sendable {
    /// The offset of the scenario's calendar, in seconds east of UTC (the `now` offset, else 0).
    public let utcOffset: Int
    private let realTime: @Sendable () -> Date
    private let state: Mutex<State>

    private let ticking: Bool

    private struct State {
        /// The scenario time at `anchor`.
        var base: Date
        /// The real time when `base` was read; nil for a clock that stands still.
        var anchor: Date?
    }

    /// Makes a clock.
    ///
    /// - Parameters:
    ///   - start: the first reading.
    ///   - utcOffset: the calendar offset used to add years and months.
    ///   - ticking: whether the clock moves with the real time between advances.
    ///   - realTime: the real time source (injected in tests).
    public init(
        start: Date,
        utcOffset: Int = 0,
        ticking: Bool = false,
        realTime: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.utcOffset = utcOffset
        self.realTime = realTime
        self.ticking = ticking
        self.state = Mutex(State(base: start, anchor: ticking ? realTime() : nil))
    }

    /// The current scenario time.
    public var now: Date {
        let (base, anchor) = state.withLock { ($0.base, $0.anchor) }
        guard let anchor else { return base }
        return base.addingTimeInterval(realTime().timeIntervalSince(anchor))
    }

    /// Moves the clock forward by a number of seconds.
    public func advance(by seconds: TimeInterval) {
        state.withLock { $0.base = $0.base.addingTimeInterval(seconds) }
    }

    /// Whether the clock moves with the real time between advances (a scenario without `now`).
    public var isTicking: Bool { ticking }

    /// Sets the clock (`PUT /__emu/clock {"now": …}` from a scenario); a ticking clock goes on ticking from there.
    public func set(_ date: Date) {
        let anchor = ticking ? realTime() : nil
        state.withLock { $0 = State(base: date, anchor: anchor) }
    }

    /// Moves the clock forward by an ISO 8601 duration (years and months on the calendar of ``utcOffset``).
    public func advance(by duration: ScenarioDuration) {
        let current = now
        advance(by: duration.added(to: current, utcOffset: utcOffset).timeIntervalSince(current))
    }
}
