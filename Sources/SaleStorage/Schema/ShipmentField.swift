/// The members of a stored shipment (``BitrixSale/Shipment``).
///
/// Cases in sorted key order; see ``StoredField``.
enum ShipmentField: Int, StoredField {
    case accountNumber
    case allowDelivery
    case basePriceDelivery
    case canceled
    case code
    case customPriceDelivery
    case deducted
    case deliveryId
    case deliveryName
    case discountPrice
    case id
    case items
    case marked
    case otherFields
    case priceDelivery
    case priceSetByHand
    case reasonMarked
    case statusId
    case xmlId

    static let typeName = "Shipment"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .accountNumber, .deliveryName, .reasonMarked, .statusId, .xmlId: .string
        case .allowDelivery, .canceled, .customPriceDelivery, .deducted, .marked, .priceSetByHand: .boolean
        case .basePriceDelivery, .discountPrice, .priceDelivery: .number
        case .code, .deliveryId, .id: .integer
        case .items: .objects("ShipmentItem")
        case .otherFields: .fields
        }
    }

    var presence: StoredPresence {
        switch self {
        case .accountNumber, .id, .reasonMarked: .optional
        case .allowDelivery, .basePriceDelivery, .canceled, .code, .customPriceDelivery, .deducted, .deliveryId,
            .deliveryName, .discountPrice, .items, .marked, .otherFields, .priceDelivery, .priceSetByHand, .statusId,
            .xmlId:
            .defaulted
        }
    }
}
