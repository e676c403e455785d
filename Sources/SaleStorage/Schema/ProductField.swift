/// The members of a stored product (``BitrixSale/Product``).
///
/// Cases in sorted key order; see ``StoredField``.
enum ProductField: Int, StoredField {
    case active
    case currency
    case id
    case imagesUrls
    case name
    case owner
    case price
    case properties

    static let typeName = "Product"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .active: .boolean
        case .currency, .name, .owner: .string
        case .id: .integer
        case .imagesUrls: .strings
        case .price: .number
        case .properties: .fields
        }
    }

    var presence: StoredPresence {
        switch self {
        case .active, .currency, .id, .imagesUrls, .name, .price, .properties: .always
        case .owner: .optional
        }
    }
}
