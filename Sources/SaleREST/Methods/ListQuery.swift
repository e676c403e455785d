import BitrixSale
import Foundation
import SaleJSON

/// `select`, `filter`, `order` and `start` of a `sale.*.list` method, applied to rows as Bitrix's ORM applies them:
/// pages of 50, `start` rounded down to a page, `next` only when more rows remain, `start=-1` without `next` and
/// `total`; unknown select, filter and order keys dropped (each with a diagnostic).
struct ListQuery {
    /// The page size, fixed.
    static let pageSize = 50

    /// A filter condition: a field, an operation and the value(s).
    struct Condition {
        var field: RESTField
        var operation: String
        var values: [JSONValue]
        var negated: Bool
    }

    var select: [String]?
    var conditions: [Condition] = []
    var order: [(field: String, ascending: Bool)] = []
    var start: Int = 0

    /// The filter prefixes, longest first (`sale-order-list`).
    static let prefixes = ["!=%", "!%=", ">=", "<=", "!@", "=%", "%=", "!%", "!=", ">", "<", "@", "%", "=", "!"]

    /// Reads the list parameters for an entity.
    init(_ parameters: JSONValue, catalog: FieldCatalog, extraFields: [RESTField] = [], call: RESTCall) {
        let known = Dictionary(
            (catalog.fields + extraFields).map { ($0.name, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        if let raw = parameters["select"]?.phpMembers {
            let names = raw.compactMap { $0.value.phpString }
            if !names.isEmpty, !names.contains("*") {
                var chosen: [String] = []
                for name in names {
                    if known[name] != nil {
                        chosen.append(name)
                    } else {
                        call.note(
                            "EMU_REST_SELECT_DROPPED",
                            "select \(name) is not a field; Bitrix drops it silently",
                            field: "select"
                        )
                    }
                }
                select = chosen
            }
        }
        for (key, value) in parameters["filter"]?.phpMembers ?? [] {
            var operation = "="
            var name = Substring(key)
            for prefix in Self.prefixes where key.hasPrefix(prefix) {
                operation = prefix
                name = name.dropFirst(prefix.count)
                break
            }
            guard let field = known[String(name)] else {
                call.note(
                    "EMU_REST_FILTER_DROPPED",
                    "filter \(key) names no field; Bitrix drops it silently and the list is not filtered by it",
                    field: "filter"
                )
                continue
            }
            let values = value.phpMembers?.map(\.value) ?? [value]
            conditions.append(
                Condition(field: field, operation: operation, values: values, negated: operation.hasPrefix("!"))
            )
        }
        for (key, value) in parameters["order"]?.phpMembers ?? [] {
            guard known[key] != nil else {
                call.note(
                    "EMU_REST_ORDER_DROPPED",
                    "order \(key) names no field; Bitrix drops it silently",
                    field: "order"
                )
                continue
            }
            order.append((field: key, ascending: (value.phpString ?? "asc").lowercased() != "desc"))
        }
        if order.isEmpty { order = [(field: "id", ascending: true)] }
        start = FieldValue.string(parameters["start"]?.phpString ?? "0").intval
    }

    /// The page: `result` wrapped under `wrapper`, with `total` and `next`.
    func page(_ rows: [JSONValue], wrapper: String, time: RESTTime) -> RESTOutput {
        let matching = rows.filter { row in conditions.allSatisfy { Self.matches(row, $0, time: time) } }
        let sorted = matching.sorted { a, b in
            for key in order {
                let comparison = Self.compare(a[key.field] ?? .null, b[key.field] ?? .null, time: time)
                if comparison != 0 { return key.ascending ? comparison < 0 : comparison > 0 }
            }
            return false
        }
        let countless = start == -1
        let offset = countless ? 0 : max(0, start) / Self.pageSize * Self.pageSize
        let page = Array(sorted.dropFirst(offset).prefix(Self.pageSize))
        let selected = page.map { row -> JSONValue in
            guard let select, let members = row.objectMembers else { return row }
            return .object(members.filter { select.contains($0.key) })
        }
        var output = RESTOutput(result: .object([(key: wrapper, value: .array(selected))]))
        if !countless {
            output.total = sorted.count
            if offset + page.count < sorted.count { output.next = offset + page.count }
        }
        return output
    }

    // MARK: Comparison

    /// -1, 0 or 1: numbers by value, dates by instant, everything else as text; null before everything.
    static func compare(_ a: JSONValue, _ b: JSONValue, time: RESTTime) -> Int {
        if a.isNull || b.isNull { return a.isNull == b.isNull ? 0 : (a.isNull ? -1 : 1) }
        let x = a.phpString ?? ""
        let y = b.phpString ?? ""
        if let p = Money.parse(x), let q = Money.parse(y) { return p == q ? 0 : (p < q ? -1 : 1) }
        if x.count >= 10, y.count >= 10, let p = time.parse(x), let q = time.parse(y) {
            return p == q ? 0 : (p < q ? -1 : 1)
        }
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    static func matches(_ row: JSONValue, _ condition: Condition, time: RESTTime) -> Bool {
        let value = row[condition.field.name] ?? .null
        let text = (value.phpString ?? "").lowercased()
        func like(_ pattern: String) -> Bool {
            // SQL LIKE: % any run, _ one character; case-insensitive as MySQL's default collation.
            let parts = pattern.lowercased().split(separator: "%", omittingEmptySubsequences: false).map(String.init)
            var rest = Substring(text)
            for (index, part) in parts.enumerated() {
                if part.isEmpty { continue }
                if index == 0 {
                    guard rest.hasPrefix(part) else { return false }
                    rest = rest.dropFirst(part.count)
                } else if index == parts.count - 1 {
                    return rest.hasSuffix(part)
                } else {
                    guard let range = rest.range(of: part) else { return false }
                    rest = rest[range.upperBound...]
                }
            }
            return parts.count > 1 || rest.isEmpty
        }
        let equal = condition.values.contains { compare(value, $0, time: time) == 0 && !(value.isNull && !$0.isNull) }
        switch condition.operation {
        case "=", "@":
            return condition.values.isEmpty
                ? false : equal || (value.isNull && condition.values.contains { ($0.phpString ?? "").isEmpty })
        case "!", "!=", "!@":
            return !(equal || (value.isNull && condition.values.contains { ($0.phpString ?? "").isEmpty }))
        case ">", ">=", "<", "<=":
            guard !value.isNull, let bound = condition.values.first else { return false }
            let comparison = compare(value, bound, time: time)
            switch condition.operation {
            case ">": return comparison > 0
            case ">=": return comparison >= 0
            case "<": return comparison < 0
            default: return comparison <= 0
            }
        case "%": return condition.values.contains { text.contains(($0.phpString ?? "").lowercased()) }
        case "!%": return !condition.values.contains { text.contains(($0.phpString ?? "").lowercased()) }
        case "=%", "%=": return condition.values.contains { like($0.phpString ?? "") }
        case "!=%", "!%=": return !condition.values.contains { like($0.phpString ?? "") }
        default: return true
        }
    }
}
