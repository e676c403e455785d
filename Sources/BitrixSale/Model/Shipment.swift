import Foundation
public import SaleMoney

/// A shipment (`Bitrix\Sale\Shipment`): which basket quantities go out with which delivery service.
///
/// Only real shipments are stored; the hidden system shipment (`SYSTEM = Y`) is derived from the basket by
/// ``Order/systemShipmentItems``.
public struct Shipment: Sendable, Hashable, Codable {
    // Stored in this order for a compact layout (Swift keeps declaration order): 8-byte fields, then the
    // 16-byte strings, then collections, then the 9-byte optionals, then the flags. 168 → 152 bytes.
    /// A stable key within the order.
    public internal(set) var code: Int
    /// `DELIVERY_ID`.
    public internal(set) var deliveryId: Int
    /// `BASE_PRICE_DELIVERY`.
    public internal(set) var basePriceDelivery: Amount
    /// `PRICE_DELIVERY`.
    public internal(set) var priceDelivery: Amount
    /// `DISCOUNT_PRICE`.
    public internal(set) var discountPrice: Amount
    /// `DELIVERY_NAME`.
    public internal(set) var deliveryName: String
    /// `STATUS_ID`: a delivery status (`DN` initially).
    public internal(set) var statusId: String
    /// `REASON_MARKED`.
    public internal(set) var reasonMarked: String?
    /// `ACCOUNT_NUMBER` (`<order>/<n>`), once saved.
    public internal(set) var accountNumber: String?
    /// `XML_ID`.
    public internal(set) var xmlId: String
    /// The shipment items: basket code and quantity.
    public internal(set) var items: [ShipmentItem]
    /// Other settable fields, as stored text.
    public internal(set) var otherFields: [String: String]
    /// `ID`, once saved.
    public internal(set) var id: Int?
    /// `CUSTOM_PRICE_DELIVERY`: when true no recalculation replaces ``priceDelivery``.
    public internal(set) var customPriceDelivery: Bool
    /// `ALLOW_DELIVERY`.
    public internal(set) var allowDelivery: Bool
    /// `DEDUCTED`: shipped.
    public internal(set) var deducted: Bool
    /// `CANCELED`.
    public internal(set) var canceled: Bool
    /// `MARKED`.
    public internal(set) var marked: Bool
    /// Whether PRICE_DELIVERY was set by hand without CUSTOM_PRICE_DELIVERY.
    public internal(set) var priceSetByHand: Bool

    init(code: Int, delivery: DeliveryService, xmlId: String) {
        self.code = code
        self.id = nil
        self.deliveryId = delivery.id
        self.deliveryName = delivery.name
        self.statusId = "DN"
        self.basePriceDelivery = 0
        self.priceDelivery = 0
        self.discountPrice = 0
        self.customPriceDelivery = false
        self.allowDelivery = false
        self.deducted = false
        self.canceled = false
        self.marked = false
        self.reasonMarked = nil
        self.accountNumber = nil
        self.xmlId = xmlId
        self.items = []
        self.otherFields = [:]
        self.priceSetByHand = false
    }

    /// The quantity of a basket line in this shipment (0 when absent).
    public func quantity(ofBasketItem code: Int) -> Amount {
        items.first { $0.basketCode == code }?.quantity ?? 0
    }

    /// Whether the shipment holds any quantity.
    public var isEmpty: Bool { !items.contains { $0.quantity > 0 } }

    /// Names `setField` accepts.
    public static let settableFields: Set<String> = [
        "BASE_PRICE_DELIVERY", "PRICE_DELIVERY", "CUSTOM_PRICE_DELIVERY", "DISCOUNT_PRICE", "CURRENCY",
        "ALLOW_DELIVERY", "DATE_ALLOW_DELIVERY", "EMP_ALLOW_DELIVERY_ID", "DEDUCTED", "DATE_DEDUCTED",
        "EMP_DEDUCTED_ID", "REASON_UNDO_DEDUCTED", "STATUS_ID", "DELIVERY_ID", "DELIVERY_NAME", "DELIVERY_DOC_NUM",
        "DELIVERY_DOC_DATE", "TRACKING_NUMBER", "XML_ID", "PARAMS", "COMPANY_ID", "WEIGHT", "MARKED", "DATE_MARKED",
        "EMP_MARKED_ID", "REASON_MARKED", "CANCELED", "DATE_CANCELED", "EMP_CANCELED_ID", "RESPONSIBLE_ID",
        "DATE_RESPONSIBLE_ID", "EMP_RESPONSIBLE_ID", "COMMENTS", "UPDATED_1C", "EXTERNAL_DELIVERY", "VERSION_1C",
        "ID_1C", "ACCOUNT_NUMBER", "TRACKING_STATUS", "TRACKING_LAST_CHECK", "TRACKING_DESCRIPTION",
    ]

    /// The value of a field by its Bitrix name.
    public func field(_ name: String) -> FieldValue? {
        switch name {
        case "ID": id.map(FieldValue.int)
        case "DELIVERY_ID": .int(deliveryId)
        case "DELIVERY_NAME": .string(deliveryName)
        case "STATUS_ID": .string(statusId)
        case "BASE_PRICE_DELIVERY": .amount(basePriceDelivery)
        case "PRICE_DELIVERY": .amount(priceDelivery)
        case "DISCOUNT_PRICE": .amount(discountPrice)
        case "CUSTOM_PRICE_DELIVERY": .bool(customPriceDelivery)
        case "ALLOW_DELIVERY": .bool(allowDelivery)
        case "DEDUCTED": .bool(deducted)
        case "CANCELED": .bool(canceled)
        case "MARKED": .bool(marked)
        case "REASON_MARKED": reasonMarked.map(FieldValue.string)
        case "ACCOUNT_NUMBER": accountNumber.map(FieldValue.string)
        case "XML_ID": .string(xmlId)
        case "SYSTEM": .bool(false)
        default: otherFields[name].map(FieldValue.string)
        }
    }
}

/// A shipment item (`Bitrix\Sale\ShipmentItem`): a quantity of one basket line.
public struct ShipmentItem: Sendable, Hashable, Codable {
    /// The basket line's code.
    public internal(set) var basketCode: Int
    /// `QUANTITY` (0 until ``Order/setShipmentItemQuantity(shipment:basketItem:quantity:)``).
    public internal(set) var quantity: Amount
    /// `ID`, once saved.
    public internal(set) var id: Int?
}
