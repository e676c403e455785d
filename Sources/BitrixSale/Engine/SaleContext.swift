import Foundation
import Synchronization

/// What an ``Order`` consults while it is edited: the site, the catalog, the clock and account-number uniqueness.
///
/// The engine makes one per site; a test can make one directly with ``SaleContext/init(site:clock:)``.
public final class SaleContext: Sendable {
    /// The site configuration.
    public let site: SiteConfiguration
    /// The clock.
    public let clock: SaleClock
    let productLookup: @Sendable (Int) -> Product?
    let accountNumberOwner: @Sendable (String) -> Int?
    let deliveryById: [Int: DeliveryService]
    let paySystemById: [Int: PaySystem]
    let statusById: [String: Status]
    let propertyById: [Int: OrderPropertyDefinition]
    let propertiesByPersonType: [Int: [OrderPropertyDefinition]]
    let allProperties: [OrderPropertyDefinition]
    /// Every property pattern of the site, compiled once: the site configuration is immutable, so this cannot go stale.
    ///
    /// A pattern that does not compile is absent (a validated site has none).
    let compiledPatterns: [String: NSRegularExpression]
    /// The site's `FORMAT_DATE`, which DATE property values are checked against.
    public let dateFormat: SiteDateFormat
    /// The built-in "no delivery" service.
    public let emptyDelivery: DeliveryService
    private let uniqueCounter = Atomic<Int>(0)

    /// Makes a context over a site alone: the catalog is the site's products, no account number is taken.
    public convenience init(site: SiteConfiguration, clock: SaleClock = .system) {
        let products = Dictionary(site.products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.init(site: site, clock: clock, product: { products[$0] }, accountNumberOwner: { _ in nil })
    }

    /// Makes a context with a catalog and an account-number lookup (the engine's).
    public init(
        site: SiteConfiguration,
        clock: SaleClock,
        product: @escaping @Sendable (Int) -> Product?,
        accountNumberOwner: @escaping @Sendable (String) -> Int?
    ) {
        self.site = site
        self.clock = clock
        self.productLookup = product
        self.accountNumberOwner = accountNumberOwner
        deliveryById = Dictionary(site.deliveryServices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        paySystemById = Dictionary(site.paySystems.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        statusById = Dictionary(site.statuses.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        propertyById = Dictionary(site.orderProperties.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = site.orderProperties.sorted { ($0.sort, $0.id) < ($1.sort, $1.id) }
        allProperties = sorted
        propertiesByPersonType = Dictionary(grouping: sorted, by: \.personTypeId)
        var patterns: [String: NSRegularExpression] = [:]
        for pattern in Set(site.orderProperties.compactMap(\.pattern)) where !pattern.isEmpty {
            patterns[pattern] = try? NSRegularExpression(pattern: pattern)
        }
        compiledPatterns = patterns
        // A validated site has a valid format; an unvalidated one falls back to Bitrix's default.
        dateFormat = SiteDateFormat(site.formatDate) ?? SiteDateFormat("DD.MM.YYYY")!
        emptyDelivery =
            site.deliveryServices.first(where: \.isEmptyDelivery)
            ?? DeliveryService(id: 0, name: "No delivery", isEmptyDelivery: true)
    }

    /// The catalog product with this id (run-time products first), or nil.
    public func product(id: Int) -> Product? { productLookup(id) }

    /// The delivery service with this id, or nil.
    public func deliveryService(id: Int) -> DeliveryService? { deliveryById[id] }

    /// The pay system with this id, or nil.
    public func paySystem(id: Int) -> PaySystem? { paySystemById[id] }

    /// The pay system with this code, or nil.
    public func paySystem(code: String) -> PaySystem? { site.paySystems.first { $0.code == code } }

    /// The status with this id, or nil.
    public func status(id: String) -> Status? { statusById[id] }

    /// The property definition with this id, or nil.
    public func property(id: Int) -> OrderPropertyDefinition? { propertyById[id] }

    /// The compiled form of a property pattern, or nil when it does not compile.
    func regularExpression(_ pattern: String) -> NSRegularExpression? {
        compiledPatterns[pattern] ?? (try? NSRegularExpression(pattern: pattern))
    }

    /// `uniqid('bx_')`: unique within the process, ordered by the clock.
    ///
    /// The clock's microseconds plus a counter, in base 36 padded to 10 digits (the microseconds fit until 2085),
    /// so the id is 13 bytes: within Swift's 15-byte inline strings, no heap allocation per entity. Equal lengths
    /// and ASCII digits before letters keep the ids ordered like the numbers.
    func uniqueId() -> String {
        let micros = Int(clock.now().timeIntervalSince1970 * 1_000_000)
        let count = uniqueCounter.add(1, ordering: .relaxed).newValue
        let digits = String(micros &+ count, radix: 36)
        return digits.utf8.count >= 10
            ? "bx_" + digits : "bx_" + String(repeating: "0", count: 10 - digits.utf8.count) + digits
    }
}
