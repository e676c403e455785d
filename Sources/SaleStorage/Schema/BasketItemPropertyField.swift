/// The members of a stored basket line property (``BitrixSale/BasketItemProperty``).
///
/// Cases in sorted key order; see ``StoredField``.
enum BasketItemPropertyField: Int, StoredField {
    case code
    case name
    case sort
    case value

    static let typeName = "BasketItemProperty"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .code, .name, .value: .string
        case .sort: .integer
        }
    }

    var presence: StoredPresence {
        .always
    }
}
