/// The members of a stored idempotency record (``BitrixSale/IdempotencyRecord``).
///
/// Cases in sorted key order; see ``StoredField``.
enum IdempotencyRecordField: Int, StoredField {
    case fingerprint
    case key
    case orderId

    static let typeName = "IdempotencyRecord"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .fingerprint, .key: .string
        case .orderId: .integer
        }
    }

    var presence: StoredPresence {
        .always
    }
}
