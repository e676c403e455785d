import BitrixSale
import Foundation

/// A clock the control plane can read, set and move: the engine's clock behind `/__emu/clock`.
///
/// ``ManualClock`` (a fixed clock, `--now`) and ``SystemOffsetClock`` (the real time, shifted) are the two the
/// server uses; a scenario's clock conforms too.
public protocol SiteClock: AnyObject, Sendable {
    /// The current time.
    var now: Date { get }
    /// Whether the clock moves with the real time between sets and advances.
    var isTicking: Bool { get }
    /// Sets the clock to `date` (a ticking clock goes on ticking from there).
    func set(_ date: Date)
    /// Moves the clock forward (or back, for a negative interval).
    func advance(by seconds: TimeInterval)
}

extension SiteClock {
    /// This clock as the engine's injected ``SaleClock``.
    public var saleClock: SaleClock { SaleClock { [self] in self.now } }
}

extension ManualClock: SiteClock {
    /// A manual clock stands still.
    public var isTicking: Bool { false }
}
