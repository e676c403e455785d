import Foundation

extension SaleEngine {
    /// `Order::getList($parameters)`: one row per matching order with the selected fields, as `fetch()` gives them.
    ///
    /// With conditions on the `PROPERTY` reference an order comes once per property row that satisfies all of
    /// them, as the ORM's join does: filter on `PROPERTY.CODE` too, or an order with two matching values comes twice.
    ///
    /// - Throws: ``SaleException/argumentOutOfRange(_:)`` naming a field the order does not have (in `select`,
    ///   `filter` or `order`) or a sort direction other than ASC / DESC.
    public func getList(_ parameters: OrderListParameters) throws(SaleException) -> [[String: FieldValue]] {
        let fields: [String]
        if parameters.select.isEmpty || parameters.select == ["*"] {
            fields = Self.allFields
        } else {
            for field in parameters.select where field != "*" {
                guard !field.hasPrefix("PROPERTY.") else {
                    throw .argumentOutOfRange("select of `\(field)` is not emulated; select order fields")
                }
                try OrderCondition.check(field: field, in: "select")
            }
            fields = parameters.select.flatMap { $0 == "*" ? Self.allFields : [$0] }
        }
        return try matchingOrders(parameters)
            .map { order in
                var row: [String: FieldValue] = [:]
                for field in fields { row[field] = order.field(field) ?? .null }
                return row
            }
    }

    /// `Order::loadByFilter($parameters)`: the matching orders, loaded (an empty list when none match).
    ///
    /// - Throws: as ``getList(_:)``.
    public func loadByFilter(_ parameters: OrderListParameters) throws(SaleException) -> [Order] {
        try matchingOrders(parameters)
    }

    /// Every order column `getList` selects for `*`.
    static let allFields: [String] = (Order.settableFields.union(Order.engineOwnedFields)).sorted()

    private func matchingOrders(_ parameters: OrderListParameters) throws(SaleException) -> [Order] {
        var conditions: [OrderCondition] = []
        for (key, value) in parameters.filter { conditions.append(try OrderCondition(key: key, value: value)) }
        for (field, direction) in parameters.order {
            try OrderCondition.check(field: field, in: "order")
            guard ["ASC", "DESC"].contains(direction.uppercased()) else {
                throw .argumentOutOfRange("order direction of `\(field)` must be ASC or DESC, got \"\(direction)\"")
            }
        }
        let orderConditions = conditions.filter { !$0.isProperty }
        let propertyConditions = conditions.filter(\.isProperty)
        var rows: [Order] = []
        for data in store.orders(matching: OrderQuery(sort: .idAscending)).orders {
            let order = Order(data: data, context: context)
            guard orderConditions.allSatisfy({ $0.holds(for: order.field($0.field)) }) else { continue }
            if propertyConditions.isEmpty {
                rows.append(order)
                continue
            }
            for value in data.properties ?? [] {
                let columns: [String: FieldValue] = [
                    "PROPERTY.CODE": .string(value.code), "PROPERTY.ORDER_PROPS_ID": .int(value.propertyId),
                    "PROPERTY.VALUE": value.value.map(FieldValue.string) ?? .null,
                ]
                let passes = propertyConditions.allSatisfy { condition in
                    let actual = columns[condition.field]
                    return condition.holds(for: actual == .null ? nil : actual)
                }
                if passes { rows.append(order) }
            }
        }
        if !parameters.order.isEmpty {
            let keys = parameters.order
            rows.sort { left, right in
                for (field, direction) in keys {
                    let a = left.field(field) ?? .null
                    let b = right.field(field) ?? .null
                    guard let order = OrderCondition.compare(a, b), order != .orderedSame else { continue }
                    return direction.uppercased() == "DESC" ? order == .orderedDescending : order == .orderedAscending
                }
                return false
            }
        }
        let start = min(max(parameters.offset, 0), rows.count)
        let end = parameters.limit.map { min(start + max($0, 0), rows.count) } ?? rows.count
        return Array(rows[start..<end])
    }
}
