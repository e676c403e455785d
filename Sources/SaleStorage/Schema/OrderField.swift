/// The members of a stored order (``BitrixSale/OrderData``).
///
/// Cases in sorted key order; see ``StoredField``.
enum OrderField: Int, StoredField {
    case accountNumber
    case basket
    case canceled
    case comments
    case currency
    case dateCanceled
    case dateInsert
    case dateStatus
    case dateUpdate
    case id
    case manualPrice
    case marked
    case nextCode
    case otherFields
    case payments
    case personTypeId
    case properties
    case reasonMarked
    case shipments
    case siteId
    case statusId
    case systemShipmentAccountNumber
    case systemShipmentId
    case userDescription
    case userIdText
    case version
    case xmlId

    static let typeName = "OrderData"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .accountNumber, .comments, .currency, .reasonMarked, .siteId, .statusId, .systemShipmentAccountNumber,
            .userDescription, .userIdText, .xmlId:
            .string
        case .basket: .objects("BasketItem")
        case .canceled, .marked: .boolean
        case .dateCanceled, .dateInsert, .dateStatus, .dateUpdate: .date
        case .id, .nextCode, .personTypeId, .systemShipmentId, .version: .integer
        case .manualPrice: .number
        case .otherFields: .fields
        case .payments: .objects("Payment")
        case .properties: .objects("PropertyValue")
        case .shipments: .objects("Shipment")
        }
    }

    var presence: StoredPresence {
        switch self {
        case .accountNumber, .comments, .currency, .dateCanceled, .dateInsert, .dateStatus, .dateUpdate, .id,
            .manualPrice, .personTypeId, .properties, .reasonMarked, .systemShipmentAccountNumber, .systemShipmentId,
            .userDescription, .userIdText:
            .optional
        case .basket, .canceled, .marked, .nextCode, .otherFields, .payments, .shipments, .siteId, .statusId, .version,
            .xmlId:
            .defaulted
        }
    }
}
