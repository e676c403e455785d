import BitrixSale
import Foundation
import SaleMoney

/// What a checkout form sends: the buyer, the lines, the delivery, the payment and the properties.
///
/// ``OrderBuilder`` turns it into an ``Order`` the right way; ``sample`` is a complete checkout for the built-in
/// default site.
public struct Checkout: Sendable, Hashable {
    /// One basket line.
    public struct Line: Sendable, Hashable {
        /// The catalog product id.
        public var productId: Int
        /// The quantity.
        public var quantity: Amount
        /// A price set by hand (`CUSTOM_PRICE = Y`), or nil to take the catalog's.
        public var price: Amount?

        /// Makes a line.
        public init(productId: Int, quantity: Amount = 1, price: Amount? = nil) {
            self.productId = productId
            self.quantity = quantity
            self.price = price
        }
    }

    /// The customer's user id (a real account id, never a phone).
    public var userId: Int
    /// The customer's phone, which also goes to the PHONE property.
    public var phone: String
    /// The person type.
    public var personTypeId: Int
    /// The lines.
    public var lines: [Line]
    /// The delivery service.
    public var deliveryId: Int
    /// A delivery price set by hand (`CUSTOM_PRICE_DELIVERY = Y`), or nil for the service's.
    public var deliveryPrice: Amount?
    /// The pay system of the one payment, for the whole price.
    public var paySystemId: Int
    /// Order property values by code (applied sorted by code).
    public var properties: [String: String]
    /// The delivery date as the form sends it, `YYYY-MM-DD`; stored in the DATE property `DELIVERY_DATE` in the
    /// site's `FORMAT_DATE`.
    public var deliveryDate: String?

    /// Makes a checkout.
    public init(
        userId: Int = 1,
        phone: String = "+77015211545",
        personTypeId: Int = 1,
        lines: [Line],
        deliveryId: Int = 1,
        deliveryPrice: Amount? = nil,
        paySystemId: Int = 3,
        properties: [String: String] = [:],
        deliveryDate: String? = nil
    ) {
        self.userId = userId
        self.phone = phone
        self.personTypeId = personTypeId
        self.lines = lines
        self.deliveryId = deliveryId
        self.deliveryPrice = deliveryPrice
        self.paySystemId = paySystemId
        self.properties = properties
        self.deliveryDate = deliveryDate
    }

    /// A complete checkout for the default site: a 15-rose bouquet at a hand-set 14,000 ₸, courier delivery at
    /// 2,500 ₸, Kaspi, the three required properties and a delivery date; 16,500 ₸ in all.
    public static let sample = Checkout(
        lines: [Line(productId: 5, quantity: 1, price: 14000)],
        deliveryPrice: 2500,
        properties: ["FIO": "Иван Иванов", "ADDRESS": "ул. Абая 150"],
        deliveryDate: "2025-10-21"
    )
}
