/// The members of a stored basket line (``BitrixSale/BasketItem``).
///
/// Cases in sorted key order; see ``StoredField``.
enum BasketItemField: Int, StoredField {
    case basePrice
    case canBuy
    case code
    case currency
    case customPrice
    case delay
    case discountPrice
    case id
    case moduleId
    case name
    case otherFields
    case price
    case priceSetByHand
    case productId
    case productProviderClass
    case properties
    case quantity
    case sort
    case xmlId

    static let typeName = "BasketItem"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .basePrice, .discountPrice, .price, .quantity: .number
        case .canBuy, .customPrice, .delay, .priceSetByHand: .boolean
        case .code, .id, .productId, .sort: .integer
        case .currency, .moduleId, .name, .productProviderClass, .xmlId: .string
        case .otherFields: .fields
        case .properties: .objects("BasketItemProperty")
        }
    }

    var presence: StoredPresence {
        switch self {
        case .basePrice, .canBuy, .code, .customPrice, .delay, .discountPrice, .moduleId, .name, .otherFields, .price,
            .priceSetByHand, .productId, .quantity, .sort, .xmlId:
            .defaulted
        case .currency, .id, .productProviderClass: .optional
        case .properties: .optionalNonEmpty
        }
    }
}
