import BitrixSale
import Foundation
import SaleJSON

/// The Order as the API shows it (`docs/API.md`, "The Order as JSON"), for code outside the API: tests, exports,
/// services that embed the engine.
///
/// The same shape as `/api/v2/orders/{id}` answers with (ids, account number, dates in the site's time zone, totals,
/// lines, properties with DATE values as `YYYY-MM-DD`), unlike encoding ``OrderData``, which is the storage shape.
public struct OrderJSONRenderer: Sendable {
    let json: OrderJSON

    /// Makes a renderer for the orders of `site`.
    public init(site: SiteConfiguration) {
        json = OrderJSON(
            site: site,
            time: SiteTime(timeZone: TimeZone(identifier: site.timeZone) ?? TimeZone(secondsFromGMT: 0)!)
        )
    }

    /// The order as a JSON value.
    public func value(_ order: Order) -> JSONValue { json.value(order) }

    /// The order as JSON text: compact by default, or pretty with sorted keys.
    public func text(_ order: Order, pretty: Bool = false) -> String {
        JSONWriter(sortedKeys: pretty, pretty: pretty).string(json.value(order))
    }
}
