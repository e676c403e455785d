import Foundation
public import SaleMoney

// Memberwise initialisers for stores that read persisted state without going through `Codable` (the durable
// store's snapshot reader). Each takes every stored property, in declaration order, and checks nothing: the
// values are what an earlier save produced.

extension OrderData {
    /// Restores persisted order state.
    public init(
        id: Int?,
        siteId: String,
        userIdText: String?,
        currency: String?,
        personTypeId: Int?,
        statusId: String,
        canceled: Bool,
        marked: Bool,
        reasonMarked: String?,
        accountNumber: String?,
        xmlId: String,
        dateInsert: Date?,
        dateUpdate: Date?,
        dateStatus: Date?,
        dateCanceled: Date?,
        userDescription: String?,
        comments: String?,
        manualPrice: Amount?,
        otherFields: [String: String],
        basket: [BasketItem],
        shipments: [Shipment],
        payments: [Payment],
        properties: [PropertyValue]?,
        systemShipmentId: Int?,
        systemShipmentAccountNumber: String?,
        version: Int,
        nextCode: Int
    ) {
        self.id = id
        self.siteId = siteId
        self.userIdText = userIdText
        self.currency = currency
        self.personTypeId = personTypeId
        self.statusId = statusId
        self.canceled = canceled
        self.marked = marked
        self.reasonMarked = reasonMarked
        self.accountNumber = accountNumber
        self.xmlId = xmlId
        self.dateInsert = dateInsert
        self.dateUpdate = dateUpdate
        self.dateStatus = dateStatus
        self.dateCanceled = dateCanceled
        self.userDescription = userDescription
        self.comments = comments
        self.manualPrice = manualPrice
        self.otherFields = otherFields
        self.basket = basket
        self.shipments = shipments
        self.payments = payments
        self.properties = properties
        self.systemShipmentId = systemShipmentId
        self.systemShipmentAccountNumber = systemShipmentAccountNumber
        self.version = version
        self.nextCode = nextCode
    }
}

extension BasketItem {
    /// Restores a persisted basket line.
    public init(
        code: Int,
        id: Int?,
        moduleId: String,
        productId: Int,
        name: String,
        quantity: Amount,
        price: Amount,
        basePrice: Amount,
        discountPrice: Amount,
        customPrice: Bool,
        currency: String?,
        canBuy: Bool,
        delay: Bool,
        productProviderClass: String?,
        sort: Int,
        xmlId: String,
        otherFields: [String: String],
        priceSetByHand: Bool,
        properties: [BasketItemProperty]? = nil
    ) {
        self.properties = properties
        self.code = code
        self.id = id
        self.moduleId = moduleId
        self.productId = productId
        self.name = name
        self.quantity = quantity
        self.price = price
        self.basePrice = basePrice
        self.discountPrice = discountPrice
        self.customPrice = customPrice
        self.currency = currency
        self.canBuy = canBuy
        self.delay = delay
        self.productProviderClass = productProviderClass
        self.sort = sort
        self.xmlId = xmlId
        self.otherFields = otherFields
        self.priceSetByHand = priceSetByHand
    }
}

extension Shipment {
    /// Restores a persisted shipment.
    public init(
        code: Int,
        id: Int?,
        deliveryId: Int,
        deliveryName: String,
        statusId: String,
        basePriceDelivery: Amount,
        priceDelivery: Amount,
        discountPrice: Amount,
        customPriceDelivery: Bool,
        allowDelivery: Bool,
        deducted: Bool,
        canceled: Bool,
        marked: Bool,
        reasonMarked: String?,
        accountNumber: String?,
        xmlId: String,
        items: [ShipmentItem],
        otherFields: [String: String],
        priceSetByHand: Bool
    ) {
        self.code = code
        self.id = id
        self.deliveryId = deliveryId
        self.deliveryName = deliveryName
        self.statusId = statusId
        self.basePriceDelivery = basePriceDelivery
        self.priceDelivery = priceDelivery
        self.discountPrice = discountPrice
        self.customPriceDelivery = customPriceDelivery
        self.allowDelivery = allowDelivery
        self.deducted = deducted
        self.canceled = canceled
        self.marked = marked
        self.reasonMarked = reasonMarked
        self.accountNumber = accountNumber
        self.xmlId = xmlId
        self.items = items
        self.otherFields = otherFields
        self.priceSetByHand = priceSetByHand
    }
}

extension ShipmentItem {
    /// Restores a persisted shipment item.
    public init(restoring basketCode: Int, quantity: Amount, id: Int?) {
        self.basketCode = basketCode
        self.quantity = quantity
        self.id = id
    }
}

extension Payment {
    /// Restores a persisted payment.
    public init(
        code: Int,
        id: Int?,
        paySystemId: Int,
        paySystemName: String?,
        sum: Amount,
        sumChangedByHand: Bool,
        paid: Bool,
        datePaid: Date?,
        currency: String?,
        isReturn: Bool,
        accountNumber: String?,
        xmlId: String,
        otherFields: [String: String]
    ) {
        self.code = code
        self.id = id
        self.paySystemId = paySystemId
        self.paySystemName = paySystemName
        self.sum = sum
        self.sumChangedByHand = sumChangedByHand
        self.paid = paid
        self.datePaid = datePaid
        self.currency = currency
        self.isReturn = isReturn
        self.accountNumber = accountNumber
        self.xmlId = xmlId
        self.otherFields = otherFields
    }
}

extension PropertyValue {
    /// Restores a persisted property value (its `NAME` is the site definition's, not stored).
    public init(restoring propertyId: Int, code: String, value: String?, id: Int?) {
        self.propertyId = propertyId
        self.code = code
        self.value = value
        self.id = id
    }
}
