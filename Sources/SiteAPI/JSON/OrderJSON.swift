import BitrixSale
import Foundation
import SaleJSON
import SaleMoney

/// The Order as JSON (`docs/API.md`, "The Order as JSON"): one shape for list items and detail.
struct OrderJSON: Sendable {
    let site: SiteConfiguration
    let time: SiteTime
    let statusNames: [String: String]
    let paySystemCodes: [Int: String]
    /// The DATE properties, whose values Bitrix stores in the site's `FORMAT_DATE` and the API shows as `YYYY-MM-DD`.
    let dateProperties: Set<Int>
    let dateFormat: SiteDateFormat?
    /// Whether the site writes dates `DD.MM.YYYY` (Bitrix's default), which ``isoFromDotted(_:)`` turns around
    /// without parsing (every order of a list passes here).
    let dottedFormat: Bool

    /// `21.10.2025` → `2025-10-21` for ten ASCII bytes that make a real date; nil for anything else.
    static func isoFromDotted(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[2] == UInt8(ascii: "."), bytes[5] == UInt8(ascii: ".") else { return nil }
        for index in [0, 1, 3, 4, 6, 7, 8, 9] where bytes[index] < 0x30 || bytes[index] > 0x39 { return nil }
        func number(_ range: [Int]) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } }
        guard
            SiteDateFormat.checkdate(month: number([3, 4]), day: number([0, 1]), year: number([6, 7, 8, 9]))
        else { return nil }
        let iso: [UInt8] =
            Array(bytes[6..<10]) + [UInt8(ascii: "-")] + Array(bytes[3..<5]) + [UInt8(ascii: "-")]
            + Array(bytes[0..<2])
        return String(decoding: iso, as: UTF8.self)
    }

    init(site: SiteConfiguration, time: SiteTime) {
        self.site = site
        self.time = time
        dateProperties = Set(site.orderProperties.filter { $0.type == .date }.map(\.id))
        dateFormat = SiteDateFormat(site.formatDate)
        dottedFormat = site.formatDate == "DD.MM.YYYY"
        statusNames = Dictionary(
            site.statuses.map { ($0.id, $0.nameRu ?? $0.name) },
            uniquingKeysWith: { first, _ in first }
        )
        paySystemCodes = Dictionary(site.paySystems.map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
    }

    /// A DATE property's stored `21.10.2025` as the API's `2025-10-21`; any other value (and a date stored in another
    /// spelling, such as an ISO value of an older state) as stored.
    static let apiDateFormat = SiteDateFormat("YYYY-MM-DD")!

    func apiText(of text: String, propertyId: Int) -> String {
        guard dateProperties.contains(propertyId) else { return text }
        if dottedFormat, let iso = Self.isoFromDotted(text) { return iso }
        guard let date = dateFormat?.date(of: text) else { return text }
        return Self.apiDateFormat.string(year: date.year, month: date.month, day: date.day)
    }

    /// The order as a ``JSONValue``: the reference shape (``write(_:into:)`` writes the same bytes directly).
    func value(_ order: Order) -> JSONValue {
        let data = order.data
        let totals = order.totals
        var properties: [(key: String, value: JSONValue)] = []
        for property in data.properties ?? [] {
            guard let text = property.value, !text.isEmpty, !properties.contains(where: { $0.key == property.code })
            else { continue }
            properties.append((key: property.code, value: .string(apiText(of: text, propertyId: property.propertyId))))
        }
        var basketIds: [Int: Int] = [:]
        let basket: [JSONValue] = data.basket.map { item in
            if let id = item.id { basketIds[item.code] = id }
            return .object([
                (key: "id", value: .optional(item.id)),
                (key: "product_id", value: .int(item.productId)),
                (key: "name", value: .string(item.name)),
                (key: "quantity", value: Self.quantity(item.quantity)),
                (key: "price", value: .money(item.price)),
                (key: "base_price", value: .money(item.basePrice)),
                (key: "custom_price", value: .bool(item.customPrice)),
                (key: "sum", value: .money(item.finalPrice(precision: site.valuePrecision))),
            ])
        }
        let shipments: [JSONValue] = data.shipments.map { shipment in
            .object([
                (key: "id", value: .optional(shipment.id)),
                (key: "delivery_id", value: .int(shipment.deliveryId)),
                (key: "delivery_name", value: .string(shipment.deliveryName)),
                (key: "price_delivery", value: .money(shipment.priceDelivery)),
                (key: "status", value: .string(shipment.statusId)),
                (key: "deducted", value: .bool(shipment.deducted)),
                (
                    key: "items",
                    value: .array(
                        shipment.items.map { item in
                            .object([
                                (key: "basket_id", value: .optional(basketIds[item.basketCode])),
                                (key: "quantity", value: Self.quantity(item.quantity)),
                            ])
                        }
                    )
                ),
            ])
        }
        let payments: [JSONValue] = data.payments.map { payment in
            .object([
                (key: "id", value: .optional(payment.id)),
                (key: "pay_system_id", value: .int(payment.paySystemId)),
                (key: "pay_system_code", value: .optional(paySystemCodes[payment.paySystemId])),
                (key: "pay_system_name", value: .optional(payment.paySystemName)),
                (key: "sum", value: .money(payment.sum)),
                (key: "paid", value: .bool(payment.paid)),
            ])
        }
        return .object([
            (key: "id", value: .optional(data.id)),
            (key: "account_number", value: .optional(data.accountNumber)),
            (key: "site_id", value: .string(data.siteId)),
            (key: "person_type_id", value: .optional(data.personTypeId)),
            (key: "user_id", value: .optional(data.userId)),
            (key: "status", value: .string(data.statusId)),
            (key: "status_name", value: .optional(statusNames[data.statusId])),
            (key: "canceled", value: .bool(data.canceled)),
            (key: "paid", value: .bool(totals.isPaid)),
            (key: "currency", value: .optional(data.currency)),
            (key: "price", value: .money(totals.price)),
            (key: "basket_price", value: .money(totals.basketPrice)),
            (key: "price_delivery", value: .money(totals.deliveryPrice)),
            (key: "sum_paid", value: .money(totals.sumPaid)),
            (key: "date_insert", value: .optional(data.dateInsert.map(time.iso8601))),
            (key: "date_update", value: .optional(data.dateUpdate.map(time.iso8601))),
            (key: "user_description", value: .optional(data.userDescription)),
            (key: "properties", value: .object(properties)),
            (key: "basket", value: .array(basket)),
            (key: "shipments", value: .array(shipments)),
            (key: "payments", value: .array(payments)),
        ])
    }

    /// Appends the order's JSON to `writer`: the same bytes as ``JSONWriter`` gives for ``value(_:)`` (tested on
    /// varied orders), written member by member without building the tree (the list page's cost).
    func write(_ order: Order, into writer: inout JSONByteWriter) {
        let data = order.data
        let totals = order.totals
        writer.beginObject()
        writer.key("id")
        writer.int(data.id)
        writer.key("account_number")
        writer.string(data.accountNumber)
        writer.key("site_id")
        writer.string(data.siteId)
        writer.key("person_type_id")
        writer.int(data.personTypeId)
        writer.key("user_id")
        writer.int(data.userId)
        writer.key("status")
        writer.string(data.statusId)
        writer.key("status_name")
        writer.string(statusNames[data.statusId])
        writer.key("canceled")
        writer.bool(data.canceled)
        writer.key("paid")
        writer.bool(totals.isPaid)
        writer.key("currency")
        writer.string(data.currency)
        writer.key("price")
        writer.amount(totals.price)
        writer.key("basket_price")
        writer.amount(totals.basketPrice)
        writer.key("price_delivery")
        writer.amount(totals.deliveryPrice)
        writer.key("sum_paid")
        writer.amount(totals.sumPaid)
        writer.key("date_insert")
        writer.string(data.dateInsert.map(time.iso8601))
        writer.key("date_update")
        writer.string(data.dateUpdate.map(time.iso8601))
        writer.key("user_description")
        writer.string(data.userDescription)
        writer.key("properties")
        writer.beginObject()
        if let properties = data.properties {
            // The first non-empty value of each code (String equality, as in value(_:)).
            for (index, property) in properties.enumerated() {
                guard let text = property.value, !text.isEmpty else { continue }
                let code = property.code
                let seen = properties[..<index]
                    .contains { earlier in
                        earlier.code == code && !(earlier.value ?? "").isEmpty
                    }
                if seen { continue }
                writer.key(escaping: code)
                writer.string(apiText(of: text, propertyId: property.propertyId))
            }
        }
        writer.endObject()
        writer.key("basket")
        writer.beginArray()
        for item in data.basket {
            writer.beginObject()
            writer.key("id")
            writer.int(item.id)
            writer.key("product_id")
            writer.int(item.productId)
            writer.key("name")
            writer.string(item.name)
            writer.key("quantity")
            writer.amount(item.quantity)
            writer.key("price")
            writer.amount(item.price)
            writer.key("base_price")
            writer.amount(item.basePrice)
            writer.key("custom_price")
            writer.bool(item.customPrice)
            writer.key("sum")
            writer.amount(item.finalPrice(precision: site.valuePrecision))
            writer.endObject()
        }
        writer.endArray()
        writer.key("shipments")
        writer.beginArray()
        for shipment in data.shipments {
            writer.beginObject()
            writer.key("id")
            writer.int(shipment.id)
            writer.key("delivery_id")
            writer.int(shipment.deliveryId)
            writer.key("delivery_name")
            writer.string(shipment.deliveryName)
            writer.key("price_delivery")
            writer.amount(shipment.priceDelivery)
            writer.key("status")
            writer.string(shipment.statusId)
            writer.key("deducted")
            writer.bool(shipment.deducted)
            writer.key("items")
            writer.beginArray()
            for item in shipment.items {
                writer.beginObject()
                writer.key("basket_id")
                // The id of the last basket line with this code and an id (value(_:)'s dictionary, last one wins).
                writer.int(data.basket.last { $0.code == item.basketCode && $0.id != nil }?.id)
                writer.key("quantity")
                writer.amount(item.quantity)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.key("payments")
        writer.beginArray()
        for payment in data.payments {
            writer.beginObject()
            writer.key("id")
            writer.int(payment.id)
            writer.key("pay_system_id")
            writer.int(payment.paySystemId)
            writer.key("pay_system_code")
            writer.string(paySystemCodes[payment.paySystemId])
            writer.key("pay_system_name")
            writer.string(payment.paySystemName)
            writer.key("sum")
            writer.amount(payment.sum)
            writer.key("paid")
            writer.bool(payment.paid)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// A quantity: a JSON integer when whole (always, for orders made through this API).
    static func quantity(_ value: Amount) -> JSONValue { .number(JSONNumber(value)) }

    /// A product as `{id, title, price, currency, active, images_urls, owner, properties}`.
    static func product(_ product: Product) -> JSONValue {
        .object([
            (key: "id", value: .int(product.id)),
            (key: "title", value: .string(product.name)),
            (key: "price", value: .money(product.price)),
            (key: "currency", value: .string(product.currency)),
            (key: "active", value: .bool(product.active)),
            (key: "images_urls", value: .array(product.imagesUrls.map(JSONValue.string))),
            (key: "owner", value: .optional(product.owner)),
            (
                key: "properties",
                value: .object(
                    product.properties.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                        .map {
                            (key: $0.key, value: .string($0.value))
                        }
                )
            ),
        ])
    }
}
