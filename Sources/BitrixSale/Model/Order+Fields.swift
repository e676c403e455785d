import Foundation

extension Order {
    /// `OrderBase::getAvailableFields()`: the names `setField` accepts (docs/BITRIX-SEMANTICS.md §1.2).
    public static let settableFields: Set<String> = [
        "LID", "PERSON_TYPE_ID", "CANCELED", "DATE_CANCELED", "EMP_CANCELED_ID", "REASON_CANCELED", "STATUS_ID",
        "DATE_STATUS", "EMP_STATUS_ID", "DEDUCTED", "MARKED", "DATE_MARKED", "EMP_MARKED_ID", "REASON_MARKED",
        "PRICE", "CURRENCY", "DISCOUNT_VALUE", "USER_ID", "TAX_VALUE", "DATE_INSERT", "DATE_UPDATE",
        "USER_DESCRIPTION", "ADDITIONAL_INFO", "COMMENTS", "ORDER_TOPIC", "DATE_BILL", "DATE_PAY_BEFORE", "STAT_GID",
        "RECURRING_ID", "LOCKED_BY", "IS_RECURRING", "DATE_LOCK", "RECOUNT_FLAG", "AFFILIATE_ID", "DELIVERY_DOC_NUM",
        "DELIVERY_DOC_DATE", "UPDATED_1C", "STORE_ID", "RESPONSIBLE_ID", "ACCOUNT_NUMBER", "XML_ID", "ID_1C",
        "VERSION_1C", "VERSION", "EXTERNAL_ORDER", "COMPANY_ID", "IS_SYNC_B24", "PRICE_WITHOUT_DISCOUNT",
        "ORDER_WEIGHT", "DISCOUNT_PRICE", "BASE_PRICE_DELIVERY", "DELIVERY_LOCATION", "DELIVERY_LOCATION_ZIP",
        "TAX_LOCATION", "TAX_PRICE", "VAT_RATE", "VAT_VALUE", "VAT_SUM", "VAT_DELIVERY", "USE_VAT",
    ]

    /// `USER_DESCRIPTION varchar(2000)` (A18 install.sql; `internals/order.php` StringField size 2000): the buyer's
    /// comment. `COMMENTS` (the manager's) is `text`.
    public static let userDescriptionLength = 2000

    /// `STATUS_ID varchar(2)` (A18 install.sql).
    public static let statusIdLength = 2

    /// `OrderBase::getCalculatedFields()`: kept on the object by `setField`, read back by `getField`, never stored
    /// (K21 `orderbase.php`).
    public static let calculatedFieldNames: Set<String> = [
        "PRICE_WITHOUT_DISCOUNT", "ORDER_WEIGHT", "DISCOUNT_PRICE", "BASE_PRICE_DELIVERY", "DELIVERY_LOCATION",
        "DELIVERY_LOCATION_ZIP", "TAX_LOCATION", "TAX_PRICE", "VAT_RATE", "VAT_VALUE", "VAT_SUM", "VAT_DELIVERY",
        "USE_VAT",
    ]

    /// Fields the engine maintains: readable with ``field(_:)``, but `setField` throws for them
    /// (docs/BITRIX-SEMANTICS.md §1.2).
    public static let engineOwnedFields: Set<String> = [
        "ID", "PAYED", "DATE_PAYED", "EMP_PAYED_ID", "SUM_PAID", "ALLOW_DELIVERY", "DATE_ALLOW_DELIVERY",
        "PRICE_DELIVERY", "PAY_SYSTEM_ID", "DELIVERY_ID", "TRACKING_NUMBER", "CREATED_BY", "RESERVED",
        "DATE_DEDUCTED", "EMP_DEDUCTED_ID", "PAY_VOUCHER_NUM", "PAY_VOUCHER_DATE",
    ]

    /// `getField($name)`: any field by its Bitrix name, engine-owned ones included; nil when unset or unknown.
    public func field(_ name: String) -> FieldValue? {
        if Self.calculatedFieldNames.contains(name) {
            // B07: what setField put there; DISCOUNT_PRICE is 0 without a discount engine.
            if let value = calculatedFields[name] { return value }
            return name == "DISCOUNT_PRICE" ? FieldValue.amount(0) : Optional<FieldValue>.none
        }
        return switch name {
        case "ID": data.id.map(FieldValue.int)
        case "LID": .string(data.siteId)
        case "USER_ID": data.userIdText.map(FieldValue.string)
        case "CURRENCY": data.currency.map(FieldValue.string)
        case "PERSON_TYPE_ID": data.personTypeId.map(FieldValue.int)
        case "STATUS_ID": .string(data.statusId)
        case "CANCELED": .bool(data.canceled)
        case "MARKED": .bool(data.marked)
        case "REASON_MARKED": data.reasonMarked.map(FieldValue.string)
        case "ACCOUNT_NUMBER": data.accountNumber.map(FieldValue.string)
        case "XML_ID": .string(data.xmlId)
        case "DATE_INSERT": data.dateInsert.map(FieldValue.date)
        case "DATE_UPDATE": data.dateUpdate.map(FieldValue.date)
        case "DATE_STATUS": data.dateStatus.map(FieldValue.date)
        case "DATE_CANCELED": data.dateCanceled.map(FieldValue.date)
        case "USER_DESCRIPTION": data.userDescription.map(FieldValue.string)
        case "COMMENTS": data.comments.map(FieldValue.string)
        case "VERSION": .int(data.version)
        case "PRICE": .amount(price)
        case "PRICE_DELIVERY": .amount(deliveryPrice)
        case "SUM_PAID": .amount(sumPaid)
        case "PAYED": .bool(isPaid)
        // B08: a DEDUCTED set on the order is stored and read back until a shipment's DEDUCTED changes it.
        case "DEDUCTED": data.otherFields["DEDUCTED"].map(FieldValue.string) ?? .bool(isShipped)
        case "ALLOW_DELIVERY": .bool(isAllowDelivery)
        case "DELIVERY_ID": deliveryId.map(FieldValue.int)
        case "PAY_SYSTEM_ID": paySystemId.map(FieldValue.int)
        // UPDATED_1C: Bitrix's column default is N, so N is not stored (one dictionary fewer per order).
        case "UPDATED_1C": .string(data.otherFields[name] ?? "N")
        default: data.otherFields[name].map(FieldValue.string)
        }
    }

    /// `setField($name, $value)` (docs/BITRIX-SEMANTICS.md §1.2).
    ///
    /// - Throws: ``SaleException/argumentOutOfRange(_:)`` for a name outside the catalogue or engine-owned;
    ///   ``SaleException/notImplemented(_:)`` for a change of USER_ID or CURRENCY.
    /// - Returns: a failed result when Bitrix refuses the value (the old value is kept).
    public mutating func setField(_ name: String, _ value: FieldValue) throws(SaleException) -> SaleResult {
        guard Self.settableFields.contains(name) else { throw .argumentOutOfRange("name=\(name)") }
        if Self.calculatedFieldNames.contains(name) {
            calculatedFields[name] = value
            return SaleResult()
        }
        // `$oldValue != $value || ($oldValue === null && $value !== null)` (K21 `internals/entity.php`): '' over
        // null is a change (B06).
        if let old = field(name), old.looselyEquals(value) { return SaleResult() }
        let now = context.clock.now()
        switch name {
        case "USER_ID": throw .notImplemented("field USER_ID")
        case "CURRENCY": throw .notImplemented("field CURRENCY")
        case "LID": data.siteId = value.text
        case "PERSON_TYPE_ID":
            // The property collection is not reloaded (docs/BITRIX-SEMANTICS.md §5.2).
            changingPrice(recalculates: false) { $0.data.personTypeId = value.intval > 0 ? value.intval : nil }
        case "STATUS_ID":
            data.statusId = value.text
            if value.text.count > Self.statusIdLength {
                note(Diagnostic.valueTruncated(field: name, length: value.text.count, limit: Self.statusIdLength))
            }
            data.dateStatus = now
        case "CANCELED":
            let cancel = value.flag ?? false
            if cancel {
                var result = SaleResult()
                // `order.php` onOrderModify returns after the payment check (B28): one error, not two.
                if data.payments.contains(where: \.paid) {
                    result.addError(
                        Self.error(.cancelPaymentExistActive, "The order has active payments")
                    )
                    return result
                }
                if data.shipments.contains(where: \.deducted) {
                    result.addError(
                        Self.error(.cancelShipmentExistShipped, "The order has shipped products")
                    )
                }
                guard result.isSuccess else { return result }
                data.canceled = true
                data.dateCanceled = now
            } else {
                data.canceled = false
                data.dateCanceled = nil
            }
        case "DATE_CANCELED": data.dateCanceled = Self.date(value)
        case "MARKED":
            data.marked = value.flag ?? false
            if data.marked {
                data.otherFields["DATE_MARKED"] = FieldValue.date(now).text
            } else {
                data.reasonMarked = nil
            }
        case "REASON_MARKED": data.reasonMarked = value.isEmptyText ? nil : value.text
        case "PRICE":
            guard let amount = value.amountValue(roundedTo: precision) else {
                return .failure(BasketItem.notANumberError("PRICE", value))
            }
            changingPrice(recalculates: false) { $0.data.manualPrice = amount }
        case "ACCOUNT_NUMBER":
            if let owner = context.accountNumberOwner(value.text), owner != data.id {
                return .failure(
                    SaleError(
                        code: .bxError,
                        message: "An order with this number already exists",
                        messageRu: "Заказ с таким номером уже существует",
                        field: "ACCOUNT_NUMBER"
                    )
                )
            }
            data.accountNumber = value.text
        case "XML_ID": data.xmlId = value.text
        case "DATE_INSERT": data.dateInsert = Self.date(value)
        case "DATE_UPDATE": data.dateUpdate = Self.date(value)
        case "DATE_STATUS": data.dateStatus = Self.date(value)
        case "USER_DESCRIPTION":
            data.userDescription = value.isEmptyText ? nil : value.text
            let length = value.text.count
            if length > Self.userDescriptionLength {
                note(Diagnostic.valueTruncated(field: name, length: length, limit: Self.userDescriptionLength))
            }
        case "EXTERNAL_ORDER":
            data.otherFields[name] = value.text
            if value.text != "Y", value.text != "N" { note(Diagnostic.externalOrderNotAFlag(value.text)) }
        case "COMMENTS": data.comments = value.isEmptyText ? nil : value.text
        case "UPDATED_1C":
            // N is the column default and is answered when absent: only another value is stored.
            let text = value.text
            data.otherFields[name] = text == "N" ? nil : text
        default: data.otherFields[name] = value.text
        }
        // Any real change sets UPDATED_1C = N, which is the absent value.
        if name != "UPDATED_1C", data.otherFields["UPDATED_1C"] != nil { data.otherFields["UPDATED_1C"] = nil }
        return SaleResult()
    }

    /// `setFields(array)`: `setField` per key, errors collected.
    public mutating func setFields(_ fields: KeyValuePairs<String, FieldValue>) throws(SaleException) -> SaleResult {
        var result = SaleResult()
        for (name, value) in fields { result.merge(try setField(name, value)) }
        return result
    }

    /// `setPersonTypeId($id)`.
    public mutating func setPersonTypeId(_ id: Int) -> SaleResult {
        // PERSON_TYPE_ID is always settable, so this cannot throw.
        (try? setField("PERSON_TYPE_ID", .int(id))) ?? SaleResult()
    }

    static func error(_ code: SaleErrorCode, _ message: String, field: String? = nil) -> SaleError {
        SaleError(code: code, message: message, field: field)
    }

    static func date(_ value: FieldValue) -> Date? {
        switch value {
        case .date(let date): return date
        case .null: return nil
        default: return try? Date(value.text, strategy: .iso8601)
        }
    }
}
