import Foundation
import Synchronization

/// The engine's clock, injected so that tests and scenarios are deterministic.
public struct SaleClock: Sendable {
    /// Returns the current time.
    public let now: @Sendable () -> Date

    /// Wraps a closure.
    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system clock.
    public static let system = SaleClock { Date() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> SaleClock { SaleClock { date } }
}

/// A clock that only moves when told to (scenarios' `advance_clock`, tests).
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at `date`.
    public init(_ date: Date) { current = Mutex(date) }

    /// The current time.
    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward (or back, for a negative interval).
    public func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    /// Sets the clock.
    public func set(_ date: Date) { current.withLock { $0 = date } }

    /// This clock as a ``SaleClock``.
    public var saleClock: SaleClock { SaleClock { [self] in self.now } }
}

/// What an id is for: each kind has its own counter, as each Bitrix table has its own auto-increment.
public enum IdKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `b_sale_order`.
    case order
    /// `b_sale_basket`.
    case basketItem
    /// `b_sale_order_delivery` (shipments, the system one included).
    case shipment
    /// `b_sale_order_dlv_basket` (shipment items).
    case shipmentItem
    /// `b_sale_order_payment`.
    case payment
    /// `b_sale_order_props_value`.
    case propertyValue
    /// `b_user`.
    case user
    /// `b_catalog_product`.
    case product

    /// Hashes and compares the case's position, not its raw text: a create assigns some thirty ids through tables
    /// keyed by kind, and hashing the String raw value (RawRepresentable's default) cost ≈ 7 % of it.
    public func hash(into hasher: inout Hasher) { hasher.combine(position) }

    /// Equal when the same case.
    public static func == (lhs: IdKind, rhs: IdKind) -> Bool { lhs.position == rhs.position }

    /// The case's position in ``allCases`` (0…7), for tables indexed by kind.
    var position: Int {
        switch self {
        case .order: 0
        case .basketItem: 1
        case .shipment: 2
        case .shipmentItem: 3
        case .payment: 4
        case .propertyValue: 5
        case .user: 6
        case .product: 7
        }
    }
}

/// The injected id generator: given the kind and the last id handed out, the next one.
///
/// The default is sequential (`last + 1`), as MySQL's auto-increment. The last id per kind is kept by the store, so
/// ids are never reused, deletes and restarts included.
public struct IdGenerator: Sendable {
    /// Returns the next id; it must be greater than `last`.
    public let next: @Sendable (_ kind: IdKind, _ last: Int) -> Int

    /// Wraps a closure.
    public init(next: @escaping @Sendable (_ kind: IdKind, _ last: Int) -> Int) { self.next = next }

    /// `last + 1`.
    public static let sequential = IdGenerator { _, last in last + 1 }

    /// `last + step`, for tests that want ids that cannot be mistaken for counts.
    public static func stepping(by step: Int) -> IdGenerator { IdGenerator { _, last in last + step } }
}
