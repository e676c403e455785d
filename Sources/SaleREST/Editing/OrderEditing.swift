import BitrixSale
import Foundation

/// `sale.order.*` as `sale/lib/controller/order.php` does it: `Order::create`, `setPersonTypeId`, `setFields`,
/// `save` (no default shipment or payment, nested collections ignored).
extension SaleEditor {
    /// The not-found error of orders.
    static let orderNotFound = RESTError.sale(200_540_400_001, "order is not exists")

    /// Builds a new order from internalised fields without saving it (`sale.order.tryadd` stops here).
    func buildOrder(_ fields: InternalFields) throws(RESTError) -> Order {
        let userId = fields["USER_ID"] ?? .int(call.userId)
        var order = engine.createOrder(userId: userId, currency: fields["CURRENCY"]?.text)
        if let lid = fields["LID"]?.text, lid != engine.site.siteId {
            call.note(
                "EMU_REST_UNKNOWN_SITE",
                "lid \(lid) is not this site's id \(engine.site.siteId); the order is stored with it as Bitrix would",
                field: "fields.lid"
            )
        }
        if let personType = fields["PERSON_TYPE_ID"]?.intval {
            if !engine.site.personTypes.contains(where: { $0.id == personType }) {
                call.note(
                    "EMU_REST_UNKNOWN_PERSON_TYPE",
                    "personTypeId \(personType) is not a person type of this site; Bitrix stores it unchecked",
                    field: "fields.personTypeId"
                )
            }
            try check(order.setPersonTypeId(personType))
        }
        try setOrderFields(&order, fields, skipping: ["USER_ID", "CURRENCY", "PERSON_TYPE_ID"])
        return order
    }

    /// `sale.order.add`: builds and saves.
    func addOrder(_ fields: InternalFields) throws(RESTError) -> Order {
        try atomically { transaction throws(RESTError) in
            var order = try buildOrder(fields)
            try save(&order, in: &transaction)
            return order
        }
    }

    /// `sale.order.update`: loads, sets the (already filtered) fields, saves.
    func updateOrder(id: Int, _ fields: InternalFields) throws(RESTError) -> Order {
        try atomically { transaction throws(RESTError) in
            guard var order = order(id: id) else { throw Self.orderNotFound }
            try setOrderFields(&order, fields, skipping: [])
            try save(&order, in: &transaction)
            return order
        }
    }

    /// `sale.order.delete`: `Order::delete`, refused for a paid payment or a shipped shipment.
    func deleteOrder(id: Int) throws(RESTError) {
        guard order(id: id) != nil else { throw Self.orderNotFound }
        let result = engine.delete(id: id)
        try check(result)
    }

    private func setOrderFields(_ order: inout Order, _ fields: InternalFields, skipping: Set<String>)
        throws(RESTError)
    {
        for (name, value) in fields.values where !skipping.contains(name) {
            let result: SaleResult
            do throws(SaleException) {
                result = try order.setField(name, value)
            } catch {
                throw Self.error(error)
            }
            try check(result)
        }
    }
}
