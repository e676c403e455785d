/// The members of a stored property value (``BitrixSale/PropertyValue``).
///
/// Cases in sorted key order; see ``StoredField``.
enum PropertyValueField: Int, StoredField {
    case code
    case id
    case name
    case propertyId
    case value

    static let typeName = "PropertyValue"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .code, .name, .value: .string
        case .id, .propertyId: .integer
        }
    }

    var presence: StoredPresence {
        switch self {
        case .code, .propertyId: .defaulted
        case .id, .value: .optional
        case .name: .ignored
        }
    }
}
