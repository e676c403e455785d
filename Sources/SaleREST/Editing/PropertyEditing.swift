import BitrixSale
import Foundation
import SaleJSON

/// `sale.propertyvalue.modify` as `sale/lib/controller/propertyvalue.php` does it: the builder with
/// `deletePropertyValuesIfNotExists`, so every value left out is removed.
extension SaleEditor {
    /// One value of the request: the property and its new value (nil: remove).
    struct PropertyInput {
        var propertyId: Int
        var value: String?
    }

    /// Replaces the order's property values with `values`; returns the saved order.
    func modifyPropertyValues(orderId: Int, _ values: [PropertyInput]) throws(RESTError) -> Order {
        try atomically { transaction throws(RESTError) in
            guard var order = order(id: orderId) else { throw Self.orderNotFound }
            _ = order.propertyCollection()
            let given = Set(values.map(\.propertyId))
            for existing in order.properties.values where !given.contains(existing.propertyId) && existing.value != nil
            {
                call.note(
                    "EMU_REST_PROPERTY_REMOVED",
                    "Property \(existing.code) (\(existing.propertyId)) was not in propertyValues: "
                        + "sale.propertyvalue.modify removes every value it is not given",
                    field: "fields.order.propertyValues"
                )
                try check(order.setPropertyValue(nil, propertyId: existing.propertyId))
            }
            for input in values {
                try check(order.setPropertyValue(input.value, propertyId: input.propertyId))
            }
            try save(&order, in: &transaction)
            return order
        }
    }

    /// Every order's property value rows (with `orderId`), for `sale.propertyvalue.list`.
    func allPropertyValueRows() -> [JSONValue] {
        allOrders().flatMap { propertyValueRows($0, withOrderId: true) }
    }

    /// ``allPropertyValueRows()`` for a list.
    func allPropertyValueListRows() -> [ListRow] { allPropertyValueRows().map(ListRow.init) }
}
