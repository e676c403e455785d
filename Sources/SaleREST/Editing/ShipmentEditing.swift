import BitrixSale
import Foundation

/// `sale.shipment.*` and `sale.shipmentitem.*` as `sale/lib/controller/shipment.php` and `shipmentitem.php` do
/// them.
extension SaleEditor {
    static let shipmentNotFound = RESTError.sale(201_140_400_001, "shipment is not exists")
    static let shipmentItemNotFound = RESTError.sale(201_240_400_001, "shipment item is not exists")

    /// `sale.shipment.add`: a real shipment of the named delivery service; `basePriceDelivery` (or `priceDelivery`)
    /// sets the delivery price by hand, which turns on `CUSTOM_PRICE_DELIVERY`.
    func addShipment(_ fields: InternalFields) throws(RESTError) -> (order: Order, code: Int) {
        try atomically { transaction throws(RESTError) in
            guard var order = order(id: fields["ORDER_ID"]?.intval ?? 0) else { throw .sale(0, "Unable to load order") }
            let deliveryId = fields["DELIVERY_ID"]?.intval ?? 0
            guard engine.site.deliveryServices.contains(where: { $0.id == deliveryId }) else {
                throw RESTError(
                    code: .text("SALE_SHIPMENT_WRONG_DELIVERY_SERVICE"),
                    message: "Incorrect delivery service specified"
                )
            }
            let code = order.createShipment(deliveryId: deliveryId)
            try setShipmentFields(&order, code: code, fields)
            try save(&order, in: &transaction)
            return (order, code)
        }
    }

    /// `sale.shipment.update`.
    func updateShipment(id: Int, _ fields: InternalFields) throws(RESTError) -> (order: Order, code: Int) {
        try atomically { transaction throws(RESTError) in
            guard case (var order, let code)? = locate(shipmentId: id) else { throw Self.shipmentNotFound }
            try setShipmentFields(&order, code: code, fields)
            try save(&order, in: &transaction)
            return (order, code)
        }
    }

    /// `sale.shipment.delete`: refused for a shipped shipment; its items go back to the system shipment.
    func deleteShipment(id: Int) throws(RESTError) {
        try atomically { transaction throws(RESTError) in
            guard case (var order, let code)? = locate(shipmentId: id) else { throw Self.shipmentNotFound }
            let result: SaleResult
            do throws(SaleException) {
                result = try order.deleteShipment(code)
            } catch {
                throw Self.error(error)
            }
            try check(result)
            try save(&order, in: &transaction)
        }
    }

    private func setShipmentFields(_ order: inout Order, code: Int, _ fields: InternalFields) throws(RESTError) {
        var values = fields.values.filter { !["ORDER_ID", "DELIVERY_ID"].contains($0.name) }
        if let base = fields["BASE_PRICE_DELIVERY"], !fields.has("PRICE_DELIVERY") {
            values.append((name: "PRICE_DELIVERY", value: base))
        }
        if fields.has("BASE_PRICE_DELIVERY") || fields.has("PRICE_DELIVERY") {
            values.insert((name: "CUSTOM_PRICE_DELIVERY", value: .string("Y")), at: 0)
        }
        if let delivery = fields["DELIVERY_ID"], order.shipment(code)?.deliveryId != delivery.intval {
            values.insert((name: "DELIVERY_ID", value: delivery), at: 0)
        }
        for (name, value) in values where Shipment.settableFields.contains(name) {
            let result: SaleResult
            do throws(SaleException) {
                result = try order.setShipmentField(code, name, value)
            } catch {
                throw Self.error(error)
            }
            try check(result)
        }
    }

    /// `sale.shipmentitem.add`: moves `quantity` of a basket line out of the system shipment into the shipment.
    func addShipmentItem(_ fields: InternalFields) throws(RESTError) -> (order: Order, shipment: Int, basket: Int) {
        try atomically { transaction throws(RESTError) in
            guard case (var order, let shipment)? = locate(shipmentId: fields["ORDER_DELIVERY_ID"]?.intval ?? 0) else {
                throw .sale(201_240_400_002, "shipment not exists")
            }
            let basketId = fields["BASKET_ID"]?.intval ?? 0
            guard let basket = order.data.basket.first(where: { $0.id == basketId && basketId > 0 }) else {
                // The source reuses the shipment's text for a missing basket line.
                throw .sale(201_240_400_003, "shipment not exists")
            }
            if order.shipment(shipment)?.items.contains(where: { $0.basketCode == basket.code }) ?? false {
                throw .sale(201_250_000_001, "Duplicate entry for key [basketId, orderDeliveryId]")
            }
            let quantity = fields["QUANTITY"]?.amountValue() ?? 0
            let result: SaleResult
            do throws(SaleException) {
                result = try order.setShipmentItemQuantity(
                    shipment: shipment,
                    basketItem: basket.code,
                    quantity: quantity
                )
            } catch {
                throw Self.error(error)
            }
            try check(result)
            try save(&order, in: &transaction)
            return (order, shipment, basket.code)
        }
    }

    /// `sale.shipmentitem.update`: a new quantity.
    func updateShipmentItem(id: Int, _ fields: InternalFields) throws(RESTError) -> (
        order: Order, shipment: Int, basket: Int
    ) {
        try atomically { transaction throws(RESTError) in
            guard case (var order, let shipment, let basket)? = locate(shipmentItemId: id) else {
                throw Self.shipmentItemNotFound
            }
            if let quantity = fields["QUANTITY"]?.amountValue() {
                let result: SaleResult
                do throws(SaleException) {
                    result = try order.setShipmentItemQuantity(
                        shipment: shipment,
                        basketItem: basket,
                        quantity: quantity
                    )
                } catch {
                    throw Self.error(error)
                }
                try check(result)
            }
            try save(&order, in: &transaction)
            return (order, shipment, basket)
        }
    }

    /// `sale.shipmentitem.delete`: the quantity goes back to the system shipment (the domain model drops an item of
    /// quantity 0 at save).
    func deleteShipmentItem(id: Int) throws(RESTError) {
        try atomically { transaction throws(RESTError) in
            guard case (var order, let shipment, let basket)? = locate(shipmentItemId: id) else {
                throw Self.shipmentItemNotFound
            }
            let result: SaleResult
            do throws(SaleException) {
                result = try order.setShipmentItemQuantity(shipment: shipment, basketItem: basket, quantity: 0)
            } catch {
                throw Self.error(error)
            }
            try check(result)
            try save(&order, in: &transaction)
        }
    }
}
