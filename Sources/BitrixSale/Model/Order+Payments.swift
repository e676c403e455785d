import Foundation

extension Order {
    /// `$paymentCollection->createItem($service)` (docs/BITRIX-SEMANTICS.md §4.1): SUM 0, PAID N, the order currency.
    ///
    /// With a pay system id that exists, PAY_SYSTEM_ID and PAY_SYSTEM_NAME are both set (as `createItem($service)`
    /// does). Without one, or with an id that names none (`Manager::getObjectById` returns null), the payment has no
    /// pay system, as in Bitrix.
    @discardableResult
    public mutating func createPayment(paySystemId: Int? = nil) -> Int {
        let code = nextCode()
        var payment = Payment(code: code, currency: data.currency, xmlId: context.uniqueId())
        if let paySystemId, let paySystem = context.paySystem(id: paySystemId) {
            payment.paySystemId = paySystem.id
            payment.paySystemName = paySystem.name
        }
        data.payments.append(payment)
        return code
    }

    /// `$payment->setField($name, $value)` (docs/BITRIX-SEMANTICS.md §4.2).
    ///
    /// `PAY_SYSTEM_ID` does not fill `PAY_SYSTEM_NAME` (docs/BITRIX-SEMANTICS.md §9.11); a paid payment's `SUM` cannot
    /// change; a canceled order cannot be paid.
    public mutating func setPaymentField(_ code: Int, _ name: String, _ value: FieldValue) throws(SaleException)
        -> SaleResult
    {
        guard let index = data.payments.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("payment \(code)")
        }
        guard Payment.settableFields.contains(name) else { throw .argumentOutOfRange("name=\(name)") }
        if let old = data.payments[index].field(name), old.looselyEquals(value) { return SaleResult() }
        switch name {
        case "PAY_SYSTEM_ID":
            let id = value.intval
            guard id <= 0 || context.paySystem(id: id) != nil else {
                return .failure(
                    Self.error(.wrongPaymentService, "Incorrect payment system specified", field: name)
                )
            }
            data.payments[index].paySystemId = id
        case "PAY_SYSTEM_NAME": data.payments[index].paySystemName = value.isEmptyText ? nil : value.text
        case "SUM":
            guard let amount = value.amountValue(roundedTo: precision) else {
                return .failure(BasketItem.notANumberError("SUM", value, field: name))
            }
            if data.canceled {
                return .failure(Self.error(.paidOrderCanceled, "Cannot paid a canceled order."))
            }
            if data.payments[index].paid {
                return .failure(
                    Self.error(.paymentNotAllowedChangeSum, "Cannot edit the amount of paid partial payment")
                )
            }
            data.payments[index].sum = amount
            data.payments[index].sumChangedByHand = true
        case "PAID":
            if data.canceled {
                return .failure(Self.error(.paidOrderCanceled, "Cannot paid a canceled order."))
            }
            let paid = value.flag ?? false
            data.payments[index].paid = paid
            data.payments[index].datePaid = paid ? context.clock.now() : nil
            if paid { data.payments[index].isReturn = false }
        case "CURRENCY": data.payments[index].currency = value.isEmptyText ? nil : value.text
        case "IS_RETURN": data.payments[index].isReturn = value.flag ?? false
        case "ACCOUNT_NUMBER": data.payments[index].accountNumber = value.text
        case "XML_ID": data.payments[index].xmlId = value.text
        default: data.payments[index].otherFields[name] = value.text
        }
        return SaleResult()
    }

    /// Deletes a payment; a paid one is refused (`SALE_PAYMENT_DELETE_EXIST_PAID`).
    public mutating func deletePayment(_ code: Int) throws(SaleException) -> SaleResult {
        guard let index = data.payments.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("payment \(code)")
        }
        if data.payments[index].paid {
            return .failure(Self.error(.paymentDeleteExistPaid, "Cannot delete a paid payment"))
        }
        data.payments.remove(at: index)
        return SaleResult()
    }
}
