import BitrixSale
import Foundation

/// The one place where the REST surface touches the domain model: loading, locating, editing and saving orders as
/// Bitrix's REST controllers (`sale/lib/controller/*.php`) do it, and reading them back as rows.
///
/// Everything under `Editing/` calls the `Order` editing API; nothing else in the target does, so a change of that
/// API is adapted here alone.
struct SaleEditor {
    let call: RESTCall
    var engine: SaleEngine { call.engine }

    /// The order with this id, or nil.
    func order(id: Int) -> Order? {
        guard id > 0 else { return nil }
        return try? engine.load(id: id)
    }

    /// Every order, oldest first (the REST lists filter and page in memory).
    func allOrders() -> [Order] { engine.list(OrderQuery(sort: .idAscending)).orders }

    /// The order holding the basket item with this id, and the line's code.
    func locate(basketItemId id: Int) -> (order: Order, code: Int)? {
        guard id > 0 else { return nil }
        for order in allOrders() {
            if let item = order.data.basket.first(where: { $0.id == id }) { return (order, item.code) }
        }
        return nil
    }

    /// The order holding the shipment with this id, and the shipment's code.
    func locate(shipmentId id: Int) -> (order: Order, code: Int)? {
        guard id > 0 else { return nil }
        for order in allOrders() {
            if let shipment = order.data.shipments.first(where: { $0.id == id }) { return (order, shipment.code) }
        }
        return nil
    }

    /// The order, shipment code and basket code of the shipment item with this id.
    func locate(shipmentItemId id: Int) -> (order: Order, shipment: Int, basket: Int)? {
        guard id > 0 else { return nil }
        for order in allOrders() {
            for shipment in order.data.shipments {
                if let item = shipment.items.first(where: { $0.id == id }) {
                    return (order, shipment.code, item.basketCode)
                }
            }
        }
        return nil
    }

    /// The order holding the payment with this id, and the payment's code.
    func locate(paymentId id: Int) -> (order: Order, code: Int)? {
        guard id > 0 else { return nil }
        for order in allOrders() {
            if let payment = order.data.payments.first(where: { $0.id == id }) { return (order, payment.code) }
        }
        return nil
    }

    /// Runs a load-edit-save under the engine's write lock, so that two calls editing one order never lose each
    /// other's change; nothing is stored when `body` throws.
    func atomically<T>(_ body: (inout SaleTransaction) throws(RESTError) -> T) throws(RESTError) -> T {
        do {
            return try engine.transaction { transaction in try body(&transaction) }
        } catch let error as RESTError {
            throw error
        } catch {
            // The store could not write (a durable store's disk): Bitrix's answer to a failed query.
            throw RESTError(code: .text("ERROR_CORE"), message: "SQL query error!", status: 500)
        }
    }

    /// `$order->save()` (a normal save, not strict: REST clients get what Bitrix would store) inside a transaction;
    /// its warnings become diagnostics, its first error the REST error.
    func save(_ order: inout Order, in transaction: inout SaleTransaction) throws(RESTError) {
        let result = transaction.save(&order, strict: false)
        call.note(warningsOf: result)
        if !result.isSuccess { throw Self.error(result) }
    }

    /// A failed sale result as the REST error Bitrix's `RestManager` builds: the first error's code and message.
    static func error(_ result: SaleResult) -> RESTError {
        guard let first = result.errors.first else { return .sale(0, "error") }
        return error(first)
    }

    /// One sale error as a REST error (a numeric code stays a number).
    static func error(_ error: SaleError) -> RESTError {
        if let number = Int(error.code) { return .sale(number, error.message) }
        return RESTError(code: .text(error.code), message: error.message)
    }

    /// A thrown domain exception as Bitrix's REST answer: `ERROR_CORE` with the exception's text.
    static func error(_ exception: SaleException) -> RESTError { .core("\(exception)") }

    /// Applies a result: warnings to the diagnostics, the first error thrown.
    func check(_ result: SaleResult) throws(RESTError) {
        call.note(warningsOf: result)
        if !result.isSuccess { throw Self.error(result) }
    }
}
