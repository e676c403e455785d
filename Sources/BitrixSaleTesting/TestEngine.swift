import BitrixSale
import Foundation

/// Engines for tests: a fixed clock and stepping ids, so that equal tests give equal orders, dates and snapshots.
public enum TestEngine {
    /// The moment a test engine's clock shows by default: 2025-10-20 10:00 in Almaty (05:00 UTC).
    public static let defaultNow = Date(timeIntervalSince1970: 1_760_936_400)

    /// Makes an engine on `site` whose clock always shows `now` and whose ids step by `idStep`.
    ///
    /// - Parameters:
    ///   - site: the site (the built-in default site unless given; build others with ``SiteBuilder``).
    ///   - now: what the clock shows, for every save.
    ///   - idStep: the step between consecutive ids of each kind (1: ids 1, 2, 3 …).
    ///   - strict: whether every save is strict (any diagnostic fails it).
    /// - Throws: ``SiteConfigurationError`` naming every problem of an invalid site.
    public static func make(
        site: SiteConfiguration = .defaultSite,
        now: Date = defaultNow,
        idStep: Int = 1,
        strict: Bool = false
    ) throws(SiteConfigurationError) -> SaleEngine {
        try SaleEngine(site: site, clock: .fixed(now), ids: .stepping(by: max(1, idStep)), strict: strict)
    }

    /// An engine on `site` with a clock that the test moves (``ManualClock/advance(by:)``), starting at `now`.
    public static func make(
        site: SiteConfiguration = .defaultSite,
        clock: ManualClock,
        strict: Bool = false
    ) throws(SiteConfigurationError) -> SaleEngine {
        try SaleEngine(site: site, clock: clock.saleClock, ids: .sequential, strict: strict)
    }
}
