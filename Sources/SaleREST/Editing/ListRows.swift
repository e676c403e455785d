import BitrixSale
import SaleJSON

/// The rows every `sale.*.list` method filters, sorts and pages: one per entity across all orders, oldest order
/// first.
extension SaleEditor {
    func allOrderRows() -> [ListRow] {
        allOrders()
            .map { order in
                Self.lazyRow(.order, { orderValue(order, $0) }, full: { orderRow(order, shape: .listed) })
            }
    }

    /// A page of order rows cut by the store itself (its status and user indexes, id order).
    func orderPage(_ page: ListQuery.StorePage) -> (rows: [JSONValue], total: Int) {
        let result = engine.list(
            OrderQuery(
                statusIds: page.statusIds,
                userId: page.userId,
                sort: page.ascending ? .idAscending : .idDescending,
                offset: page.offset,
                limit: page.limit
            )
        )
        return (result.orders.map { orderRow($0, shape: .listed) }, result.total)
    }

    func allBasketItemRows() -> [ListRow] {
        allOrders()
            .flatMap { order in
                order.data.basket.map { item in
                    Self.lazyRow(
                        .basketItem,
                        { basketItemValue(item, in: order, $0) },
                        full: { basketItemRow(item, in: order) }
                    )
                }
            }
    }

    func allShipmentRows() -> [ListRow] {
        allOrders()
            .flatMap { order in
                order.data.shipments.map { shipment in
                    Self.lazyRow(
                        .shipment,
                        { shipmentValue(shipment, in: order, $0) },
                        full: { shipmentRow(shipment, in: order) }
                    )
                }
            }
    }

    func allShipmentItemRows() -> [ListRow] {
        allOrders()
            .flatMap { order in
                order.data.shipments.flatMap { shipment in
                    shipment.items.filter { $0.id != nil && $0.quantity > 0 }
                        .map { ListRow(shipmentItemRow($0, shipment: shipment, in: order)) }
                }
            }
    }

    func allPaymentRows() -> [ListRow] {
        allOrders()
            .flatMap { order in
                order.data.payments.map { payment in
                    Self.lazyRow(
                        .payment,
                        { paymentValue(payment, in: order, $0) },
                        full: { paymentRow(payment, in: order) }
                    )
                }
            }
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
