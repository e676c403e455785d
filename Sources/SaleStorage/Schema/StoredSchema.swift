import SaleJSON

/// The one declaration of a stored type's members: an enum whose cases are the JSON keys in sorted UTF-8 order, each
/// with its kind and when it is left out.
///
/// Everything else derives from it: ``FastStateWriter`` walks ``fields`` and switches over the case (so a member
/// missing from the writer does not compile), ``FastStateReader`` dispatches a key through ``keys`` to the case and
/// switches the same way, ``StoredShape`` (the reference `Codable` path's defaults) is built from the presences, and
/// `docs/STORAGE.md`'s member tables are generated from ``StoredSchema/table(_:)`` (a test compares them).
protocol StoredField: CaseIterable, Sendable, Hashable, RawRepresentable where RawValue == Int, AllCases == [Self] {
    /// The Swift type the members belong to, as the format document names it.
    static var typeName: String { get }
    /// The type's members with their precomputed key bytes; built once from `allCases`.
    static var schema: StoredSchema<Self> { get }
    /// What the member holds.
    var kind: StoredKind { get }
    /// When the member is left out.
    var presence: StoredPresence { get }
}

extension StoredField {
    /// The JSON key: the case's name.
    var jsonKey: String { String(describing: self) }
}

/// What a stored member holds.
enum StoredKind: Sendable, Hashable {
    case string
    case integer
    case boolean
    /// An exact JSON number (money, quantities).
    case number
    /// ISO 8601 in UTC with milliseconds.
    case date
    /// An object of string values (`otherFields`, a product's `properties`).
    case fields
    /// An array of strings.
    case strings
    /// An array of objects of the named stored type.
    case objects(String)

    /// The words of the format document.
    var text: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .boolean: "boolean"
        case .number: "exact number"
        case .date: "date"
        case .fields: "object of strings"
        case .strings: "array of strings"
        case .objects(let type): "array of `\(type)`"
        }
    }

    /// The value a missing ``StoredPresence/defaulted`` member reads as, as the `Codable` path fills it in.
    var defaultValue: JSONValue {
        switch self {
        case .string, .date: ""
        case .integer, .number: .int(0)
        case .boolean: false
        case .fields: [:]
        case .strings, .objects: []
        }
    }
}

/// When a stored member is written.
enum StoredPresence: Sendable, Hashable {
    /// Left out when nil; anything else, `0`, `""` and `[]` included, is written.
    case optional
    /// Left out when nil or empty.
    case optionalNonEmpty
    /// Left out when it holds `false`, `0`, `""`, `[]` or `{}`; a missing one reads as that value.
    case defaulted
    /// Always written.
    case always
    /// Never written; read and ignored (written by an older build).
    case ignored

    /// The words of the format document.
    var text: String {
        switch self {
        case .optional: "left out when nil"
        case .optionalNonEmpty: "left out when nil or empty"
        case .defaulted: "left out at its default"
        case .always: "always"
        case .ignored: "never (an older build's; read and ignored)"
        }
    }
}

/// A stored type's members in key order, with the bytes the writer copies and the table the reader looks keys up in.
struct StoredSchema<Field: StoredField>: Sendable {
    /// The members in sorted key order (the enum's declaration order).
    let fields: [Field]
    /// `"key":` for each member, by raw value.
    let keyBytes: [[UInt8]]
    /// `,"key":` for each member, by raw value.
    let commaKeyBytes: [[UInt8]]
    /// The reader's lookup table: index `i` is `fields[i]`.
    let keys: KeyTable

    init() {
        fields = Field.allCases
        precondition(fields.enumerated().allSatisfy { $0.offset == $0.element.rawValue }, "raw values are positions")
        keyBytes = fields.map { Array("\"\($0.jsonKey)\":".utf8) }
        commaKeyBytes = keyBytes.map { [UInt8(ascii: ",")] + $0 }
        keys = KeyTable(fields.map(\.jsonKey))
    }

    /// The member a key index of ``keys`` names.
    @inline(__always) func field(_ index: Int) -> Field { fields[index] }

    /// The Markdown table of the members, as `docs/STORAGE.md` shows it.
    static func table(_: Field.Type = Field.self) -> String {
        var lines = ["`\(Field.typeName)`:", "", "| member | holds | written |", "|---|---|---|"]
        for field in Field.allCases {
            lines.append("| `\(field.jsonKey)` | \(field.kind.text) | \(field.presence.text) |")
        }
        return lines.joined(separator: "\n")
    }
}

/// Every stored type's member table for `docs/STORAGE.md`, between its `<!-- stored-schema -->` markers.
enum StoredSchemaDocument {
    static var text: String {
        [
            StoredSchema<OrderField>.table(), StoredSchema<BasketItemField>.table(),
            StoredSchema<BasketItemPropertyField>.table(), StoredSchema<ShipmentField>.table(),
            StoredSchema<ShipmentItemField>.table(), StoredSchema<PaymentField>.table(),
            StoredSchema<PropertyValueField>.table(), StoredSchema<UserAccountField>.table(),
            StoredSchema<ProductField>.table(), StoredSchema<IdempotencyRecordField>.table(),
        ]
        .joined(separator: "\n\n")
    }
}
