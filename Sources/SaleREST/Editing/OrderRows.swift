import BitrixSale
import Foundation
import SaleJSON
import SaleMoney

/// Orders and their parts as REST rows: camelCase keys sorted (`ksort`), flags `"Y"`/`"N"`, dates ISO 8601 with
/// the site offset, and the number/string typing of the docs' examples.
extension SaleEditor {
    /// Which shape of order row: as `sale.order.add` answers, as `update`/`get` answer (with `dateLock`,
    /// `taxValue`, `version`; `get` adds the collections), or as a list row.
    enum OrderShape {
        case added
        case updated
        case full
        case listed
    }

    /// An object with its members sorted by key, as PHP's `ksort`.
    static func sorted(_ members: [(key: String, value: JSONValue)]) -> JSONValue {
        .object(members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
    }

    static func number(_ value: Decimal) -> JSONValue { .number(JSONNumber(value)) }

    /// An amount as a JSON number.
    static func number(_ value: Amount) -> JSONValue { .number(JSONNumber(value)) }

    /// A row whose fields are computed when a list asks for them.
    static func lazyRow(
        _ catalog: FieldCatalog,
        _ value: @escaping (RESTField) -> JSONValue,
        full: @escaping () -> JSONValue
    ) -> ListRow {
        ListRow(value: { name in catalog.byName[name].map(value) ?? .null }, full: full)
    }

    /// A date field: a date, an ISO 8601 text as the domain stores it, or null.
    func date(_ value: FieldValue?) -> JSONValue {
        switch value {
        case .date(let date): return .string(call.time.iso(date))
        case .string(let text) where !text.isEmpty:
            return call.time.parse(text).map { .string(call.time.iso($0)) } ?? .string(text)
        default: return .null
        }
    }

    func date(_ value: Date?) -> JSONValue { value.map { .string(call.time.iso($0)) } ?? .null }

    /// A value of the given REST type; `flag` makes an absent char field `"N"`.
    func typed(_ value: FieldValue?, _ type: RESTFieldType, flag: Bool = false) -> JSONValue {
        switch type {
        case .integer:
            guard let value, !value.isEmptyText else { return .null }
            return .int(value.intval)
        case .double:
            guard let value, let decimal = value.decimalValue else { return .null }
            return Self.number(decimal)
        case .datetime: return date(value)
        default:
            guard let value else { return .string(flag ? "N" : "") }
            return .string(value.text)
        }
    }

    // MARK: Order

    static let orderFlags: Set<String> = [
        "CANCELED", "DEDUCTED", "MARKED", "PAYED", "RECOUNT_FLAG", "UPDATED_1C", "EXTERNAL_ORDER",
    ]

    /// One field of an order row.
    func orderValue(_ order: Order, _ field: RESTField) -> JSONValue {
        switch field.upper {
        case "USER_ID": return order.data.userId.map(JSONValue.int) ?? .null
        case "PRICE": return Self.number(order.price)
        case "PAYED": return .string(order.isPaid ? "Y" : "N")
        case "DEDUCTED": return .string(order.isShipped ? "Y" : "N")
        case "DISCOUNT_VALUE": return typed(order.field(field.upper), .double).replacingNull(with: .int(0))
        case "TAX_VALUE": return .int(0)
        case "PERSON_TYPE_XML_ID", "STATUS_XML_ID": return .string("")
        default: return typed(order.field(field.upper), field.type, flag: Self.orderFlags.contains(field.upper))
        }
    }

    /// The order row.
    func orderRow(_ order: Order, shape: OrderShape) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        for field in FieldCatalog.order.fields {
            if shape == .added, ["DATE_LOCK", "TAX_VALUE", "VERSION"].contains(field.upper) { continue }
            members.append((key: field.name, value: orderValue(order, field)))
        }
        if shape != .listed {
            members.append((key: "clients", value: .array([])))
            members.append((key: "requisiteLink", value: .array([])))
        }
        if shape == .full {
            let basket = order.data.basket.map { basketItemRow($0, in: order, nested: true) }
            let shipments = order.data.shipments.map { shipmentRow($0, in: order) }
            let payments = order.data.payments.map { paymentRow($0, in: order) }
            let properties = propertyValueRows(order, withOrderId: false)
            // Collections are omitted when empty (`externalizeFields`: count > 0).
            if !basket.isEmpty { members.append((key: "basketItems", value: .array(basket))) }
            if !payments.isEmpty { members.append((key: "payments", value: .array(payments))) }
            if !properties.isEmpty { members.append((key: "propertyValues", value: .array(properties))) }
            if !shipments.isEmpty { members.append((key: "shipments", value: .array(shipments))) }
        }
        return Self.sorted(members)
    }

    // MARK: Basket items

    /// The keys of a basket item row outside an order (`sale.basketitem.*`, as the docs' `add` example shows).
    static let basketItemKeys: Set<String> = [
        "BASE_PRICE", "CAN_BUY", "CATALOG_XML_ID", "CURRENCY", "CUSTOM_PRICE", "DATE_INSERT", "DATE_UPDATE",
        "DIMENSIONS", "DISCOUNT_PRICE", "ID", "MEASURE_CODE", "MEASURE_NAME", "NAME", "ORDER_ID", "PRICE",
        "PRODUCT_ID", "PRODUCT_XML_ID", "QUANTITY", "SORT", "VAT_INCLUDED", "VAT_RATE", "WEIGHT", "XML_ID",
    ]

    static let basketFlags: Set<String> = ["CAN_BUY", "CUSTOM_PRICE", "VAT_INCLUDED", "BARCODE_MULTI", "SUBSCRIBE"]

    /// One field of a basket item row; `nested` (inside `sale.order.get`) writes `id` and `orderId` as strings, as
    /// the docs' example shows.
    func basketItemValue(_ item: BasketItem, in order: Order, _ field: RESTField, nested: Bool = false) -> JSONValue {
        switch field.upper {
        case "ID": return nested ? .string(item.id.map(String.init) ?? "") : item.id.map(JSONValue.int) ?? .null
        case "ORDER_ID":
            return nested ? .string(order.data.id.map(String.init) ?? "") : order.data.id.map(JSONValue.int) ?? .null
        case "DATE_INSERT": return date(order.data.dateInsert)
        case "DATE_UPDATE": return date(order.data.dateUpdate)
        case "DATE_REFRESH", "FUSER_ID": return .null
        case "LID": return .string(order.data.siteId)
        case "MODULE": return .string(item.moduleId)
        // `BasketItem.field("NAME")` answers its argument (the parameter shadows the property): read it directly.
        case "NAME": return .string(item.name)
        case "PRODUCT_XML_ID":
            return .string(item.field(field.upper)?.text ?? (item.moduleId.isEmpty ? "" : String(item.productId)))
        case "WEIGHT": return typed(item.field(field.upper), .double).replacingNull(with: .int(0))
        case "VAT_RATE": return typed(item.field(field.upper), .double)
        case "PRODUCT_PRICE_ID", "PRICE_TYPE_ID": return typed(item.field(field.upper), .integer)
        default: return typed(item.field(field.upper), field.type, flag: Self.basketFlags.contains(field.upper))
        }
    }

    /// A basket item row; `nested` (inside `sale.order.get`) has every field.
    func basketItemRow(_ item: BasketItem, in order: Order, nested: Bool = false) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        for field in FieldCatalog.basketItem.fields where nested || Self.basketItemKeys.contains(field.upper) {
            members.append((key: field.name, value: basketItemValue(item, in: order, field, nested: nested)))
        }
        members.append((key: "properties", value: .array([])))
        members.append((key: "reservations", value: .array([])))
        return Self.sorted(members)
    }

    // MARK: Shipments

    static let shipmentFlags: Set<String> = [
        "ALLOW_DELIVERY", "DEDUCTED", "MARKED", "CANCELED", "CUSTOM_PRICE_DELIVERY", "UPDATED_1C", "EXTERNAL_DELIVERY",
        "SYSTEM",
    ]

    /// One field of a shipment row.
    func shipmentValue(_ shipment: Shipment, in order: Order, _ field: RESTField) -> JSONValue {
        switch field.upper {
        case "ORDER_ID": return order.data.id.map(JSONValue.int) ?? .null
        case "CURRENCY": return .string(order.data.currency ?? "")
        case "DATE_INSERT": return date(order.data.dateInsert)
        case "STATUS_XML_ID", "DELIVERY_XML_ID": return .string("")
        default: return typed(shipment.field(field.upper), field.type, flag: Self.shipmentFlags.contains(field.upper))
        }
    }

    /// A shipment row with its `shipmentItems`.
    func shipmentRow(_ shipment: Shipment, in order: Order) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = FieldCatalog.shipment.fields.map {
            (key: $0.name, value: shipmentValue(shipment, in: order, $0))
        }
        let items = shipment.items.filter { $0.id != nil && $0.quantity > 0 }
            .map { shipmentItemRow($0, shipment: shipment, in: order) }
        members.append((key: "shipmentItems", value: .array(items)))
        return Self.sorted(members)
    }

    /// A shipment item row.
    func shipmentItemRow(_ item: ShipmentItem, shipment: Shipment, in order: Order) -> JSONValue {
        Self.sorted([
            (key: "basketId", value: order.basketItem(item.basketCode)?.id.map(JSONValue.int) ?? .null),
            (key: "dateInsert", value: date(order.data.dateInsert)),
            (key: "id", value: item.id.map(JSONValue.int) ?? .null),
            (key: "orderDeliveryId", value: shipment.id.map(JSONValue.int) ?? .null),
            (key: "quantity", value: Self.number(item.quantity)),
            (key: "reservedQuantity", value: .int(0)),
            (key: "xmlId", value: .string("")),
        ])
    }

    // MARK: Payments

    static let paymentFlags: Set<String> = [
        "PAID", "IS_RETURN", "EXTERNAL_PAYMENT", "MARKED", "UPDATED_1C", "PAY_SYSTEM_IS_CASH",
    ]

    /// One field of a payment row.
    func paymentValue(_ payment: Payment, in order: Order, _ field: RESTField) -> JSONValue {
        switch field.upper {
        case "ORDER_ID": return order.data.id.map(JSONValue.int) ?? .null
        case "PAY_SYSTEM_XML_ID": return .string("")
        case "PAY_SYSTEM_IS_CASH":
            return .string(order.context.paySystem(id: payment.paySystemId)?.code == "cash" ? "Y" : "N")
        case "PRICE_COD": return .string(payment.field(field.upper)?.text ?? "0")
        default: return typed(payment.field(field.upper), field.type, flag: Self.paymentFlags.contains(field.upper))
        }
    }

    /// A payment row.
    func paymentRow(_ payment: Payment, in order: Order) -> JSONValue {
        Self.sorted(FieldCatalog.payment.fields.map { (key: $0.name, value: paymentValue(payment, in: order, $0)) })
    }

    // MARK: Property values

    /// The order's property value rows: the saved values that hold a value (a value `sale.propertyvalue.modify`
    /// removed is empty in the domain model and is not listed).
    func propertyValueRows(_ order: Order, withOrderId: Bool) -> [JSONValue] {
        (order.data.properties ?? []).filter { $0.id != nil && $0.value != nil }
            .map { value in
                let definition = order.context.property(id: value.propertyId)
                var members: [(key: String, value: JSONValue)] = [
                    (key: "code", value: .string(value.code)),
                    (key: "id", value: value.id.map(JSONValue.int) ?? .null),
                    (key: "name", value: .string(definition?.name ?? "")),
                    (key: "orderPropsId", value: .int(value.propertyId)),
                    (key: "orderPropsXmlId", value: .null),
                    (key: "value", value: value.value.map(JSONValue.string) ?? .null),
                ]
                if withOrderId { members.append((key: "orderId", value: order.data.id.map(JSONValue.int) ?? .null)) }
                return Self.sorted(members)
            }
    }
}

extension JSONValue {
    /// `replacement` when this is null.
    func replacingNull(with replacement: JSONValue) -> JSONValue { isNull ? replacement : self }
}
