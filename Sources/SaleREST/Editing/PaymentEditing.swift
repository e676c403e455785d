import BitrixSale
import Foundation

/// `sale.payment.*` as `sale/lib/controller/payment.php` does it.
extension SaleEditor {
    static let paymentNotFound = RESTError.sale(200_640_400_001, "payment is not exists")

    /// `sale.payment.add`: `createItem($paySystem)`, then the fields (`SUM` before `PAID`: a paid payment's sum is
    /// frozen).
    func addPayment(_ fields: InternalFields) throws(RESTError) -> (order: Order, code: Int) {
        try atomically { transaction throws(RESTError) in
            guard var order = order(id: fields["ORDER_ID"]?.intval ?? 0) else { throw .sale(0, "Unable to load order") }
            let paySystemId = fields["PAY_SYSTEM_ID"]?.intval ?? 0
            let code = order.createPayment(paySystemId: paySystemId)
            try setPaymentFields(&order, code: code, fields)
            try save(&order, in: &transaction)
            return (order, code)
        }
    }

    /// `sale.payment.update`.
    func updatePayment(id: Int, _ fields: InternalFields) throws(RESTError) -> (order: Order, code: Int) {
        try atomically { transaction throws(RESTError) in
            guard case (var order, let code)? = locate(paymentId: id) else { throw Self.paymentNotFound }
            try setPaymentFields(&order, code: code, fields)
            try save(&order, in: &transaction)
            return (order, code)
        }
    }

    /// `sale.payment.delete`: refused for a paid payment.
    func deletePayment(id: Int) throws(RESTError) {
        try atomically { transaction throws(RESTError) in
            guard case (var order, let code)? = locate(paymentId: id) else { throw Self.paymentNotFound }
            let result: SaleResult
            do throws(SaleException) {
                result = try order.deletePayment(code)
            } catch {
                throw Self.error(error)
            }
            try check(result)
            try save(&order, in: &transaction)
        }
    }

    private func setPaymentFields(_ order: inout Order, code: Int, _ fields: InternalFields) throws(RESTError) {
        let values = fields.values.filter { $0.name != "ORDER_ID" }
        let ordered =
            values.filter { $0.name == "PAY_SYSTEM_ID" } + values.filter { $0.name == "SUM" }
            + values.filter { !["PAY_SYSTEM_ID", "SUM", "PAID"].contains($0.name) }
            + values.filter { $0.name == "PAID" }
        for (name, value) in ordered where Payment.settableFields.contains(name) {
            let result: SaleResult
            do throws(SaleException) {
                result = try order.setPaymentField(code, name, value)
            } catch {
                throw Self.error(error)
            }
            try check(result)
        }
    }
}
