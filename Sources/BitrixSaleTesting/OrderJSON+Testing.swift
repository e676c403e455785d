import BitrixSale
import SaleJSON
import SiteAPI

extension SaleEngine {
    /// `order` as the API shows it (``OrderJSONRenderer``), compact, for a test to compare or print.
    public func json(_ order: Order, pretty: Bool = false) -> String {
        OrderJSONRenderer(site: site).text(order, pretty: pretty)
    }
}
