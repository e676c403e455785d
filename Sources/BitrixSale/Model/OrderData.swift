import Foundation
public import SaleMoney

/// Everything an order persists: its fields and all its parts.
///
/// ``Order`` adds the site context and behaviour.
///
/// Derived figures (the price, the paid flag, the system shipment's contents) are not stored: ``Order`` computes
/// them from these parts.
public struct OrderData: Sendable, Hashable, Codable {
    /// `ID` (nil until the first save).
    public internal(set) var id: Int?
    /// `LID`.
    public internal(set) var siteId: String
    /// `USER_ID` exactly as given (`"5abc"` stays `"5abc"`), nil when unset.
    public internal(set) var userIdText: String?
    /// `CURRENCY`.
    public internal(set) var currency: String?
    /// `PERSON_TYPE_ID`.
    public internal(set) var personTypeId: Int?
    /// `STATUS_ID`.
    public internal(set) var statusId: String
    /// `CANCELED`.
    public internal(set) var canceled: Bool
    /// `MARKED`.
    public internal(set) var marked: Bool
    /// `REASON_MARKED`.
    public internal(set) var reasonMarked: String?
    /// `ACCOUNT_NUMBER`.
    public internal(set) var accountNumber: String?
    /// `XML_ID`.
    public internal(set) var xmlId: String
    /// `DATE_INSERT`.
    public internal(set) var dateInsert: Date?
    /// `DATE_UPDATE`.
    public internal(set) var dateUpdate: Date?
    /// `DATE_STATUS`.
    public internal(set) var dateStatus: Date?
    /// `DATE_CANCELED`.
    public internal(set) var dateCanceled: Date?
    /// `USER_DESCRIPTION`: the customer's comment.
    public internal(set) var userDescription: String?
    /// `COMMENTS`: the manager's comment.
    public internal(set) var comments: String?
    /// A `PRICE` set by hand with `setField('PRICE')`, kept until the next recalculation.
    public internal(set) var manualPrice: Amount?
    /// Other settable fields of the catalogue, as stored text.
    public internal(set) var otherFields: [String: String]
    /// The basket lines in creation order.
    public internal(set) var basket: [BasketItem]
    /// The real shipments (the system shipment is derived).
    public internal(set) var shipments: [Shipment]
    /// The payments.
    public internal(set) var payments: [Payment]
    /// The property values, once the collection is loaded (nil before the first access).
    public internal(set) var properties: [PropertyValue]?
    /// The system shipment's `ID`, once saved.
    public internal(set) var systemShipmentId: Int?
    /// The system shipment's `ACCOUNT_NUMBER`, once saved.
    public internal(set) var systemShipmentAccountNumber: String?
    /// `VERSION`: incremented by each update.
    public internal(set) var version: Int
    /// The next basket code / shipment code / payment code to hand out.
    public internal(set) var nextCode: Int

    init(siteId: String, userIdText: String?, currency: String?, xmlId: String) {
        id = nil
        self.siteId = siteId
        self.userIdText = userIdText
        self.currency = currency
        personTypeId = nil
        statusId = "N"
        canceled = false
        marked = false
        reasonMarked = nil
        accountNumber = nil
        self.xmlId = xmlId
        dateInsert = nil
        dateUpdate = nil
        dateStatus = nil
        dateCanceled = nil
        userDescription = nil
        comments = nil
        manualPrice = nil
        otherFields = [:]
        basket = []
        shipments = []
        payments = []
        properties = nil
        systemShipmentId = nil
        systemShipmentAccountNumber = nil
        version = 0
        nextCode = 1
    }

    /// `USER_ID` as an integer: PHP `intval` of the stored text, nil when unset or not positive.
    public var userId: Int? {
        guard let text = userIdText else { return nil }
        let value = FieldValue.string(text).intval
        return value > 0 ? value : nil
    }

    /// The value of property `code`, when the collection is loaded and has it.
    public func propertyValue(code: String) -> String? {
        properties?.first { $0.code == code }?.value
    }
}
