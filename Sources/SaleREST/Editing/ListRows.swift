import BitrixSale
import SaleJSON

/// The rows every `sale.*.list` method filters, sorts and pages: one per entity across all orders, oldest order
/// first.
extension SaleEditor {
    func allOrderRows() -> [JSONValue] { allOrders().map { orderRow($0, shape: .listed) } }

    func allBasketItemRows() -> [JSONValue] {
        allOrders().flatMap { order in order.data.basket.map { basketItemRow($0, in: order) } }
    }

    func allShipmentRows() -> [JSONValue] {
        allOrders().flatMap { order in order.data.shipments.map { shipmentRow($0, in: order) } }
    }

    func allShipmentItemRows() -> [JSONValue] {
        allOrders()
            .flatMap { order in
                order.data.shipments.flatMap { shipment in
                    shipment.items.filter { $0.id != nil && $0.quantity > 0 }
                        .map { shipmentItemRow($0, shipment: shipment, in: order) }
                }
            }
    }

    func allPaymentRows() -> [JSONValue] {
        allOrders().flatMap { order in order.data.payments.map { paymentRow($0, in: order) } }
    }

    /// The row of one saved entity, found again after a save by its code.
    func basketItemRow(_ order: Order, code: Int) -> JSONValue {
        order.basketItem(code).map { basketItemRow($0, in: order) } ?? .null
    }

    func shipmentRow(_ order: Order, code: Int) -> JSONValue {
        order.shipment(code).map { shipmentRow($0, in: order) } ?? .null
    }

    func shipmentItemRow(_ order: Order, shipment: Int, basket: Int) -> JSONValue {
        guard let shipment = order.shipment(shipment),
            let item = shipment.items.first(where: { $0.basketCode == basket })
        else { return .null }
        return shipmentItemRow(item, shipment: shipment, in: order)
    }

    func paymentRow(_ order: Order, code: Int) -> JSONValue {
        order.payment(code).map { paymentRow($0, in: order) } ?? .null
    }
}
