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

    /// A list the store's own paged query can answer.
    ///
    /// Conditions only on `statusId` (`=`, `@`) and `userId` (`=`), and the order `id` alone.
    struct StorePage {
        var statusIds: Set<String>?
        var userId: Int?
        var ascending: Bool
        var offset: Int
        var limit: Int
    }

    /// The store query equivalent to this list, when there is one.
    var storePage: StorePage? {
        guard order.count == 1, order[0].field == "id" else { return nil }
        var page = StorePage(
            statusIds: nil,
            userId: nil,
            ascending: order[0].ascending,
            offset: start == -1 ? 0 : max(0, start) / Self.pageSize * Self.pageSize,
            limit: Self.pageSize
        )
        for condition in conditions {
            switch (condition.field.name, condition.operation) {
            case ("statusId", "="), ("statusId", "@"):
                let values = Set(condition.values.compactMap(\.phpString))
                page.statusIds = page.statusIds.map { $0.intersection(values) } ?? values
            case ("userId", "="):
                guard condition.values.count == 1, let text = condition.values[0].phpString, let id = Int(text),
                    page.userId == nil
                else { return nil }
                page.userId = id
            default: return nil
            }
        }
        return page
    }

    /// The answer for a page the store cut itself.
    func output(page rows: [JSONValue], total: Int, offset: Int, wrapper: String) -> RESTOutput {
        let selected = rows.map { row -> JSONValue in
            guard let select, let members = row.objectMembers else { return row }
            return .object(members.filter { select.contains($0.key) })
        }
        var output = RESTOutput(result: .object([(key: wrapper, value: .array(selected))]))
        if start != -1 {
            output.total = total
            if offset + rows.count < total { output.next = offset + rows.count }
        }
        return output
    }

    /// The page: `result` wrapped under `wrapper`, with `total` and `next`.
    ///
    /// Only the filtered and sorted fields of every row are computed; whole rows only for the page.
    func page(_ rows: [ListRow], wrapper: String, time: RESTTime) -> RESTOutput {
        let bounds = conditions.map { condition in condition.values.map { ListKey($0, time: time) } }
        var matching: [(row: ListRow, keys: [ListKey])] = []
        for row in rows {
            var keep = true
            for (index, condition) in conditions.enumerated()
            where !Self.matches(ListKey(row.value(condition.field.name), time: time), condition, bounds[index]) {
                keep = false
                break
            }
            if keep { matching.append((row, order.map { ListKey(row.value($0.field), time: time) })) }
        }
        matching.sort { a, b in
            for (index, key) in order.enumerated() {
                let comparison = a.keys[index].compare(b.keys[index])
                if comparison != 0 { return key.ascending ? comparison < 0 : comparison > 0 }
            }
            return false
        }
        let countless = start == -1
        let offset = countless ? 0 : max(0, start) / Self.pageSize * Self.pageSize
        let page = matching.dropFirst(offset).prefix(Self.pageSize)
        let selected = page.map { entry -> JSONValue in
            let row = entry.row.full()
            guard let select, let members = row.objectMembers else { return row }
            return .object(members.filter { select.contains($0.key) })
        }
        var output = RESTOutput(result: .object([(key: wrapper, value: .array(selected))]))
        if !countless {
            output.total = matching.count
            if offset + page.count < matching.count { output.next = offset + page.count }
        }
        return output
    }

    /// -1, 0 or 1: numbers by value, dates by instant, everything else as text; null before everything.
    static func compare(_ a: JSONValue, _ b: JSONValue, time: RESTTime) -> Int {
        ListKey(a, time: time).compare(ListKey(b, time: time))
    }

    static func matches(_ value: ListKey, _ condition: Condition, _ bounds: [ListKey]) -> Bool {
        let text = value.text.lowercased()
        func like(_ pattern: String) -> Bool {
            // SQL LIKE: % any run; case-insensitive as MySQL's default collation.
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
        // `=` with an empty value also matches a null field (SQL's `IS NULL OR = ''`, as the ORM writes it).
        let equal = bounds.contains { bound in
            value.isNull ? bound.text.isEmpty : (!bound.isNull && value.compare(bound) == 0)
        }
        switch condition.operation {
        case "=", "@": return equal
        case "!", "!=", "!@": return !equal
        case ">", ">=", "<", "<=":
            guard !value.isNull, let bound = bounds.first, !bound.isNull else { return false }
            let comparison = value.compare(bound)
            switch condition.operation {
            case ">": return comparison > 0
            case ">=": return comparison >= 0
            case "<": return comparison < 0
            default: return comparison <= 0
            }
        case "%": return bounds.contains { text.contains($0.text.lowercased()) }
        case "!%": return !bounds.contains { text.contains($0.text.lowercased()) }
        case "=%", "%=": return bounds.contains { like($0.text) }
        case "!=%", "!%=": return !bounds.contains { like($0.text) }
        default: return true
        }
    }
}

/// A row as the list methods see it: any field's value on demand, the whole row only when it is on the page.
struct ListRow {
    let value: (String) -> JSONValue
    let full: () -> JSONValue

    init(value: @escaping (String) -> JSONValue, full: @escaping () -> JSONValue) {
        self.value = value
        self.full = full
    }

    /// A row already built.
    init(_ row: JSONValue) {
        value = { row[$0] ?? .null }
        full = { row }
    }
}

/// A value reduced for comparing: a number, an instant or a text (and the text it came from).
struct ListKey {
    let isNull: Bool
    let number: Decimal?
    let date: Date?
    let text: String

    init(_ value: JSONValue, time: RESTTime) {
        isNull = value.isNull
        text = value.phpString ?? ""
        switch value {
        case .number(let number):
            self.number = number.int.map { Decimal($0) } ?? number.decimal
            date = nil
        case .string(let string):
            let first = string.utf8.first ?? 0
            let numeric = (0x30...0x39).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
            number = numeric ? Money.parse(string) : nil
            date = number == nil && string.utf8.count >= 10 ? time.parse(string) : nil
        default:
            number = nil
            date = nil
        }
    }

    /// -1, 0 or 1; null first.
    func compare(_ other: ListKey) -> Int {
        if isNull || other.isNull { return isNull == other.isNull ? 0 : (isNull ? -1 : 1) }
        if let a = number, let b = other.number { return a == b ? 0 : (a < b ? -1 : 1) }
        if let a = date, let b = other.date { return a == b ? 0 : (a < b ? -1 : 1) }
        return text == other.text ? 0 : (text < other.text ? -1 : 1)
    }
}
