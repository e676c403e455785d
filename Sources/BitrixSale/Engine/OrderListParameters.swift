import Foundation

/// The parameters of `Order::getList([...])` and `Order::loadByFilter([...])`: `select`, `filter` in the ORM's
/// array syntax, `order`, `limit`, `offset` (K21 `orderbase.php` getList / loadByFilter, `internals/order.php`).
///
/// A filter key is an operator and a field: `=STATUS_ID`, `!CANCELED` (`!=`), `@STATUS_ID` (in a list), `!@` (not in),
/// `>=DATE_INSERT`, `<=`, `>`, `<`, `%USER_DESCRIPTION` (contains), `!%`; no operator means `=`. Fields are the
/// order's own (``Order/field(_:)``) and the `PROPERTY` reference: `PROPERTY.CODE`, `PROPERTY.VALUE`,
/// `PROPERTY.ORDER_PROPS_ID`, which match one property row together — how PHP finds an order by `RAILWAY_ORDER_ID`:
/// `['=PROPERTY.CODE' => 'RAILWAY_ORDER_ID', '=PROPERTY.VALUE' => $id]`.
public struct OrderListParameters: Sendable {
    /// The fields of each row (`['*']` or empty: every order field).
    public var select: [String]
    /// The conditions, all of which must hold.
    public var filter: [(key: String, value: OrderFilterValue)]
    /// The sort: field and `ASC` / `DESC`, first key first (default: ID ascending).
    public var order: [(field: String, direction: String)]
    /// At most this many rows (nil: all).
    public var limit: Int?
    /// Rows to skip.
    public var offset: Int

    /// Makes the parameters.
    public init(
        select: [String] = ["*"],
        filter: KeyValuePairs<String, OrderFilterValue> = [:],
        order: KeyValuePairs<String, String> = [:],
        limit: Int? = nil,
        offset: Int = 0
    ) {
        self.select = select
        self.filter = filter.map { (key: $0.key, value: $0.value) }
        self.order = order.map { (field: $0.key, direction: $0.value) }
        self.limit = limit
        self.offset = offset
    }
}

/// A filter value: one value, or a list for `@` / `!@`.
public struct OrderFilterValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral
{
    /// The values (one unless a list was given).
    public var values: [FieldValue]

    /// One value.
    public init(_ value: FieldValue) { values = [value] }

    /// A list of values.
    public init(list: [FieldValue]) { values = list }

    /// A text value.
    public init(stringLiteral value: String) { values = [.string(value)] }

    /// An integer value.
    public init(integerLiteral value: Int) { values = [.int(value)] }

    /// A list of values.
    public init(arrayLiteral elements: FieldValue...) { values = elements }
}

/// One parsed filter condition.
struct OrderCondition: Sendable {
    /// The ORM comparison.
    enum Operation: String, Sendable, CaseIterable {
        case notIn = "!@"
        case notContains = "!%"
        case notEqualLong = "!="
        case greaterOrEqual = ">="
        case lessOrEqual = "<="
        case equal = "="
        case notEqual = "!"
        case inList = "@"
        case contains = "%"
        case greater = ">"
        case less = "<"
    }

    var operation: Operation
    var field: String
    var values: [FieldValue]

    /// Whether the condition is on the PROPERTY reference.
    var isProperty: Bool { field.hasPrefix("PROPERTY.") }

    /// The property reference's fields.
    static let propertyFields: Set<String> = ["PROPERTY.CODE", "PROPERTY.VALUE", "PROPERTY.ORDER_PROPS_ID"]

    /// Reads `=STATUS_ID` into an operation and a field; an unknown field is refused as the ORM refuses it.
    init(key: String, value: OrderFilterValue) throws(SaleException) {
        let operation = Operation.allCases.first { key.hasPrefix($0.rawValue) }
        self.operation = operation ?? .equal
        field = String(key.dropFirst(operation?.rawValue.count ?? 0))
        values = value.values
        try Self.check(field: field, in: "filter")
    }

    /// Refuses a field the order entity does not have (`Unknown field definition`).
    static func check(field: String, in part: String) throws(SaleException) {
        if field.hasPrefix("PROPERTY.") {
            guard propertyFields.contains(field) else {
                throw .argumentOutOfRange("Unknown field definition `\(field)` in \(part)")
            }
        } else if !(Order.settableFields.contains(field) || Order.engineOwnedFields.contains(field)) {
            throw .argumentOutOfRange("Unknown field definition `\(field)` in \(part)")
        }
    }

    /// Whether `actual` (nil: SQL NULL) passes.
    func holds(for actual: FieldValue?) -> Bool {
        switch operation {
        case .equal: return actual.map { value in values.contains { Self.equal(value, $0) } } ?? false
        case .notEqual, .notEqualLong:
            return !(actual.map { value in values.contains { Self.equal(value, $0) } } ?? false)
        case .inList: return actual.map { value in values.contains { Self.equal(value, $0) } } ?? false
        case .notIn: return !(actual.map { value in values.contains { Self.equal(value, $0) } } ?? false)
        case .contains, .notContains:
            let found =
                actual.map { value in
                    values.contains { value.text.localizedCaseInsensitiveContains($0.text) }
                } ?? false
            return operation == .contains ? found : !found
        case .greaterOrEqual, .lessOrEqual, .greater, .less:
            guard let actual, let bound = values.first, let order = Self.compare(actual, bound) else { return false }
            switch operation {
            case .greaterOrEqual: return order != .orderedAscending
            case .lessOrEqual: return order != .orderedDescending
            case .greater: return order == .orderedDescending
            default: return order == .orderedAscending
            }
        }
    }

    static func equal(_ a: FieldValue, _ b: FieldValue) -> Bool {
        if case .bool(let flag) = a { return b.flag == flag }
        if case .date = a, let order = compare(a, b) { return order == .orderedSame }
        return a.looselyEquals(b)
    }

    /// Numbers numerically, dates as dates (a filter date as a `Date` or ISO 8601 text), anything else as text.
    static func compare(_ a: FieldValue, _ b: FieldValue) -> ComparisonResult? {
        if case .date(let left) = a {
            let right: Date? =
                switch b {
                case .date(let date): date
                default: try? Date(b.text, strategy: .iso8601)
                }
            guard let right else { return nil }
            return left == right ? .orderedSame : left < right ? .orderedAscending : .orderedDescending
        }
        if let left = a.decimalValue, let right = b.decimalValue {
            return left == right ? .orderedSame : left < right ? .orderedAscending : .orderedDescending
        }
        let left = a.text
        let right = b.text
        return left == right ? .orderedSame : left < right ? .orderedAscending : .orderedDescending
    }
}
