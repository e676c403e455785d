import BitrixSale
import Foundation

extension StoreState {
    /// Every invariant a sound state keeps, checked against the site it belongs to: unique ids (orders, basket lines,
    /// shipments, payments, property values), unique account numbers and Railway order ids, idempotency keys that
    /// name live orders, counters above every id handed out, shipments holding no more than the basket, and
    /// consistent money (no negative price, quantity or payment; paid sum within the rules of docs/BITRIX-SEMANTICS.md
    /// §4.4).
    ///
    /// - Returns: one line per problem, naming the order and what is wrong; empty when sound.
    public func verify(site: SiteConfiguration) -> [String] {
        var problems: [String] = []
        let context = SaleContext(site: site)
        var seen: [String: [Int: Int]] = [:]  // kind → id → order id
        func claim(_ kind: String, _ id: Int?, order: Int) {
            guard let id else {
                problems.append("order \(order): a \(kind) has no id")
                return
            }
            if let other = seen[kind]?[id] {
                problems.append("order \(order): \(kind) id \(id) is also used by order \(other)")
            }
            seen[kind, default: [:]][id] = order
        }
        var accountOwners: [String: Int] = [:]
        var railwayOwners: [String: Int] = [:]
        for id in orderIds {
            guard let data = orders[id] else {
                problems.append("order \(id) is listed but missing")
                continue
            }
            if data.id != id { problems.append("order \(id) is stored with id \(data.id.map(String.init) ?? "nil")") }
            if id > (lastIds[.order] ?? 0) {
                problems.append("order \(id) is above the order counter \(lastIds[.order] ?? 0)")
            }
            if let number = data.accountNumber {
                if let other = accountOwners[number] {
                    problems.append("order \(id): account number \(number) is also order \(other)'s")
                }
                accountOwners[number] = id
            } else {
                problems.append("order \(id) has no account number")
            }
            if let railway = data.propertyValue(code: "RAILWAY_ORDER_ID") {
                if let other = railwayOwners[railway] {
                    problems.append("order \(id): RAILWAY_ORDER_ID \(railway) is also order \(other)'s")
                }
                railwayOwners[railway] = id
            }
            for item in data.basket { claim("basket item", item.id, order: id) }
            for shipment in data.shipments { claim("shipment", shipment.id, order: id) }
            claim("shipment", data.systemShipmentId, order: id)
            for payment in data.payments { claim("payment", payment.id, order: id) }
            for value in data.properties ?? [] { claim("property value", value.id, order: id) }

            let order = Order(data: data, context: context)
            for item in data.basket {
                if item.quantity <= 0 {
                    problems.append("order \(id): basket line \(item.basketCode) has quantity \(item.quantity)")
                }
                if item.price < 0 {
                    problems.append("order \(id): basket line \(item.basketCode) has price \(item.price)")
                }
                let distributed = order.distributedQuantity(ofBasketItem: item.code)
                if distributed > item.quantity {
                    problems.append(
                        "order \(id): shipments hold \(distributed) of basket line \(item.basketCode) but the basket has \(item.quantity)"
                    )
                }
            }
            for shipment in data.shipments where shipment.priceDelivery < 0 {
                problems.append(
                    "order \(id): shipment \(shipment.accountNumber ?? "?") has delivery price \(shipment.priceDelivery)"
                )
            }
            for payment in data.payments where payment.sum < 0 {
                problems.append("order \(id): payment \(payment.accountNumber ?? "?") has sum \(payment.sum)")
            }
            if order.price < 0 { problems.append("order \(id): price \(order.price) is negative") }
            if order.sumPaid > order.price {
                problems.append("order \(id): SUM_PAID \(order.sumPaid) exceeds PRICE \(order.price)")
            }
        }
        for (kind, ids) in seen {
            let idKind: IdKind =
                switch kind {
                case "basket item": .basketItem
                case "shipment": .shipment
                case "payment": .payment
                default: .propertyValue
                }
            if let highest = ids.keys.max(), highest > (lastIds[idKind] ?? 0) {
                problems.append("\(kind) id \(highest) is above the \(idKind.rawValue) counter \(lastIds[idKind] ?? 0)")
            }
        }
        for record in idempotency.values.sorted(by: { $0.key < $1.key }) where orders[record.orderId] == nil {
            problems.append("idempotency key \(record.key) names order \(record.orderId), which does not exist")
        }
        var phones: [String: Int] = [:]
        for user in users.values.sorted(by: { $0.id < $1.id }) {
            if let other = phones[user.phone] {
                problems.append("user \(user.id): phone \(user.phone) is also user \(other)'s")
            }
            phones[user.phone] = user.id
        }
        return problems
    }
}
