/// The members of a stored payment (``BitrixSale/Payment``).
///
/// Cases in sorted key order; see ``StoredField``.
enum PaymentField: Int, StoredField {
    case accountNumber
    case code
    case currency
    case datePaid
    case id
    case isReturn
    case otherFields
    case paid
    case paySystemId
    case paySystemName
    case sum
    case sumChangedByHand
    case xmlId

    static let typeName = "Payment"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .accountNumber, .currency, .paySystemName, .xmlId: .string
        case .code, .id, .paySystemId: .integer
        case .datePaid: .date
        case .isReturn, .paid, .sumChangedByHand: .boolean
        case .otherFields: .fields
        case .sum: .number
        }
    }

    var presence: StoredPresence {
        switch self {
        case .accountNumber, .currency, .datePaid, .id, .paySystemName: .optional
        case .code, .isReturn, .otherFields, .paid, .paySystemId, .sum, .sumChangedByHand, .xmlId: .defaulted
        }
    }
}
