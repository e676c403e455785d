/// The members of a stored shipment item (``BitrixSale/ShipmentItem``).
///
/// Cases in sorted key order; see ``StoredField``.
enum ShipmentItemField: Int, StoredField {
    case basketCode
    case id
    case quantity

    static let typeName = "ShipmentItem"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .basketCode, .id: .integer
        case .quantity: .number
        }
    }

    var presence: StoredPresence {
        switch self {
        case .basketCode, .quantity: .defaulted
        case .id: .optional
        }
    }
}
