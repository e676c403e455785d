/// The members of a stored user (``BitrixSale/UserAccount``).
///
/// Cases in sorted key order; see ``StoredField``.
enum UserAccountField: Int, StoredField {
    case email
    case id
    case login
    case name
    case phone

    static let typeName = "UserAccount"
    static let schema = StoredSchema<Self>()

    var kind: StoredKind {
        switch self {
        case .email, .login, .name, .phone: .string
        case .id: .integer
        }
    }

    var presence: StoredPresence {
        switch self {
        case .email, .login: .optional
        case .id, .name, .phone: .always
        }
    }
}
