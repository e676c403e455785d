import Foundation
public import SaleMoney

/// A payment (`Bitrix\Sale\Payment`).
public struct Payment: Sendable, Hashable, Codable {
    // Stored in this order for a compact layout (Swift keeps declaration order): 8-byte fields, then the
    // 16-byte strings, then collections, then the 9-byte optionals, then the flags. 144 → 128 bytes.
    /// A stable key within the order.
    public internal(set) var code: Int
    /// `PAY_SYSTEM_ID` (0 when not set).
    public internal(set) var paySystemId: Int
    /// `SUM`.
    public internal(set) var sum: Amount
    /// `PAY_SYSTEM_NAME`: set only through a pay-system object, never by `setField('PAY_SYSTEM_ID')`.
    public internal(set) var paySystemName: String?
    /// `CURRENCY`: the order currency.
    public internal(set) var currency: String?
    /// `ACCOUNT_NUMBER` (`<order>/<n>`), once saved.
    public internal(set) var accountNumber: String?
    /// `XML_ID`.
    public internal(set) var xmlId: String
    /// Other settable fields, as stored text.
    public internal(set) var otherFields: [String: String]
    /// `ID`, once saved.
    public internal(set) var id: Int?
    /// `DATE_PAID`.
    public internal(set) var datePaid: Date?
    /// Whether SUM was set explicitly (then it no longer follows the order price).
    public internal(set) var sumChangedByHand: Bool
    /// `PAID`.
    public internal(set) var paid: Bool
    /// `IS_RETURN`.
    public internal(set) var isReturn: Bool

    init(code: Int, currency: String?, xmlId: String) {
        self.code = code
        self.id = nil
        self.paySystemId = 0
        self.paySystemName = nil
        self.sum = 0
        self.sumChangedByHand = false
        self.paid = false
        self.datePaid = nil
        self.currency = currency
        self.isReturn = false
        self.accountNumber = nil
        self.xmlId = xmlId
        self.otherFields = [:]
    }

    /// Names `setField` accepts.
    public static let settableFields: Set<String> = [
        "PAID", "DATE_PAID", "EMP_PAID_ID", "PAY_SYSTEM_ID", "PAY_SYSTEM_NAME", "SUM", "CURRENCY", "PRICE_COD",
        "COMPANY_ID", "XML_ID", "ACCOUNT_NUMBER", "PS_STATUS", "PS_STATUS_CODE", "PS_STATUS_DESCRIPTION",
        "PS_STATUS_MESSAGE", "PS_SUM", "PS_CURRENCY", "PS_RESPONSE_DATE", "PS_RECURRING_TOKEN", "PS_CARD_NUMBER",
        "PS_INVOICE_ID", "PAY_VOUCHER_NUM", "PAY_VOUCHER_DATE", "DATE_PAY_BEFORE", "DATE_BILL", "PAY_RETURN_NUM",
        "PAY_RETURN_DATE", "EMP_RETURN_ID", "PAY_RETURN_COMMENT", "IS_RETURN", "RESPONSIBLE_ID", "EMP_RESPONSIBLE_ID",
        "DATE_RESPONSIBLE_ID", "COMMENTS", "UPDATED_1C", "ID_1C", "VERSION_1C", "EXTERNAL_PAYMENT", "MARKED",
        "REASON_MARKED", "DATE_MARKED", "EMP_MARKED_ID",
    ]

    /// The value of a field by its Bitrix name.
    public func field(_ name: String) -> FieldValue? {
        switch name {
        case "ID": id.map(FieldValue.int)
        case "PAY_SYSTEM_ID": .int(paySystemId)
        case "PAY_SYSTEM_NAME": paySystemName.map(FieldValue.string)
        case "SUM": .amount(sum)
        case "PAID": .bool(paid)
        case "DATE_PAID": datePaid.map(FieldValue.date)
        case "CURRENCY": currency.map(FieldValue.string)
        case "IS_RETURN": .bool(isReturn)
        case "ACCOUNT_NUMBER": accountNumber.map(FieldValue.string)
        case "XML_ID": .string(xmlId)
        default: otherFields[name].map(FieldValue.string)
        }
    }
}

/// An order property value (`Bitrix\Sale\PropertyValue`).
public struct PropertyValue: Sendable, Hashable, Codable {
    /// `ORDER_PROPS_ID`.
    public internal(set) var propertyId: Int
    /// `CODE` (kept per value: it names the value in a snapshot and answers ``OrderData/propertyValue(code:)``).
    public internal(set) var code: String
    /// `VALUE` (nil when empty).
    public internal(set) var value: String?
    /// `ID`, once saved.
    public internal(set) var id: Int?

    /// `NAME`: not stored per order (nine names per order, most longer than Swift's 15-byte inline strings) but
    /// read from the site's definition of ``propertyId``; nil when the site has no such property.
    public func name(in context: SaleContext) -> String? { context.property(id: propertyId)?.name }
}
