/// A typed error or diagnostic code, as swift-http-types' `HTTPResponse.Status`: the raw Bitrix text (`SALE_…`,
/// `BX_…`) or the emulator's own (`EMU_…`) with a static member for each known code, so that a typo in a test
/// does not compile.
///
/// ``SaleError/code`` keeps the raw text (the wire and JSON text is unchanged); compare with ``SaleError/has(_:)``
/// or `error.code == SaleErrorCode.priceNotCustom.rawValue`.
public struct SaleErrorCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The code as Bitrix or the emulator writes it.
    public var rawValue: String

    /// Makes a code from its text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Makes a code from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The raw text.
    public var description: String { rawValue }

    /// Whether this is one of the emulator's own diagnostics (`EMU_…`).
    public var isDiagnostic: Bool { rawValue.hasPrefix("EMU_") }
}

extension SaleErrorCode {
    /// `EMU_PROPERTY_CODE_UNKNOWN`: see ``Diagnostic/unknownPropertyCode(_:personTypeId:)``.
    public static let propertyCodeUnknown = SaleErrorCode("EMU_PROPERTY_CODE_UNKNOWN")
    /// `EMU_CUSTOM_PRICE_REPLACED`: see ``Diagnostic/priceReplaced(item:productId:handSet:catalog:)``.
    public static let customPriceReplaced = SaleErrorCode("EMU_CUSTOM_PRICE_REPLACED")
    /// `EMU_PRICE_NOT_CUSTOM`: see ``Diagnostic/priceNotCustom(item:productId:price:)``.
    public static let priceNotCustom = SaleErrorCode("EMU_PRICE_NOT_CUSTOM")
    /// `EMU_ORDER_WITHOUT_BASKET`: see ``Diagnostic/orderWithoutBasket()``.
    public static let orderWithoutBasket = SaleErrorCode("EMU_ORDER_WITHOUT_BASKET")
    /// `EMU_BASE_PRICE_ZERO`: see ``Diagnostic/basePriceZero(item:productId:)``.
    public static let basePriceZero = SaleErrorCode("EMU_BASE_PRICE_ZERO")
    /// `EMU_ITEMS_IN_SYSTEM_SHIPMENT`: see ``Diagnostic/itemsInSystemShipment(_:)``.
    public static let itemsInSystemShipment = SaleErrorCode("EMU_ITEMS_IN_SYSTEM_SHIPMENT")
    /// `EMU_PAYMENT_SUM_MISMATCH`: see ``Diagnostic/paymentSumMismatch(paymentSum:orderPrice:)``.
    public static let paymentSumMismatch = SaleErrorCode("EMU_PAYMENT_SUM_MISMATCH")
    /// `EMU_REQUIRED_PROPERTY_EMPTY`: see ``Diagnostic/requiredPropertyEmpty(code:name:)``.
    public static let requiredPropertyEmpty = SaleErrorCode("EMU_REQUIRED_PROPERTY_EMPTY")
    /// `EMU_USER_NOT_FOUND`: see ``Diagnostic/userNotFound(_:)``.
    public static let userNotFound = SaleErrorCode("EMU_USER_NOT_FOUND")
    /// `EMU_CURRENCY_MISMATCH`: see ``Diagnostic/currencyMismatch(item:itemCurrency:orderCurrency:)``.
    public static let currencyMismatch = SaleErrorCode("EMU_CURRENCY_MISMATCH")
    /// `EMU_UNKNOWN_STATUS`: see ``Diagnostic/unknownStatus(_:)``.
    public static let unknownStatus = SaleErrorCode("EMU_UNKNOWN_STATUS")
    /// `EMU_DELIVERY_PRICE_REPLACED`: see ``Diagnostic/deliveryPriceReplaced(shipment:handSet:service:)``.
    public static let deliveryPriceReplaced = SaleErrorCode("EMU_DELIVERY_PRICE_REPLACED")
    /// `EMU_PAYMENT_NOT_SAVED`: see ``Diagnostic/paymentDropped(payment:)``.
    public static let paymentNotSaved = SaleErrorCode("EMU_PAYMENT_NOT_SAVED")
    /// `EMU_VALUE_TRUNCATED`: see ``Diagnostic/valueTruncated(field:length:limit:)``.
    public static let valueTruncated = SaleErrorCode("EMU_VALUE_TRUNCATED")
    /// `EMU_EXTERNAL_ORDER_NOT_A_FLAG`: see ``Diagnostic/externalOrderNotAFlag(_:)``.
    public static let externalOrderNotAFlag = SaleErrorCode("EMU_EXTERNAL_ORDER_NOT_A_FLAG")
    /// `EMU_NO_PAYMENT`: see ``Diagnostic/noPayment(orderPrice:)``.
    public static let noPayment = SaleErrorCode("EMU_NO_PAYMENT")
}

extension SaleErrorCode {
    /// `EMU_PROPERTY_ID_UNKNOWN`.
    public static let propertyIdUnknown = SaleErrorCode("EMU_PROPERTY_ID_UNKNOWN")
    /// `EMU_UNKNOWN_DELIVERY_SERVICE`.
    public static let unknownDeliveryService = SaleErrorCode("EMU_UNKNOWN_DELIVERY_SERVICE")
    /// `BX_EMPTY_REQUIRED`.
    public static let emptyRequired = SaleErrorCode("BX_EMPTY_REQUIRED")
    /// `BX_ERROR`.
    public static let bxError = SaleErrorCode("BX_ERROR")
    /// `BX_STORE_ERROR`.
    public static let storeError = SaleErrorCode("BX_STORE_ERROR")
    /// `SALE_BASKET_ITEM_WRONG_AVAILABLE_QUANTITY`.
    public static let basketItemWrongAvailableQuantity = SaleErrorCode("SALE_BASKET_ITEM_WRONG_AVAILABLE_QUANTITY")
    /// `SALE_ORDER_ALLOW_DELIVERY_ORDER_CANCELED`.
    public static let allowDeliveryOrderCanceled = SaleErrorCode("SALE_ORDER_ALLOW_DELIVERY_ORDER_CANCELED")
    /// `SALE_ORDER_CANCEL_PAYMENT_EXIST_ACTIVE`.
    public static let cancelPaymentExistActive = SaleErrorCode("SALE_ORDER_CANCEL_PAYMENT_EXIST_ACTIVE")
    /// `SALE_ORDER_CANCEL_SHIPMENT_EXIST_SHIPPED`.
    public static let cancelShipmentExistShipped = SaleErrorCode("SALE_ORDER_CANCEL_SHIPMENT_EXIST_SHIPPED")
    /// `SALE_ORDER_ENTITY_NOT_FOUND`.
    public static let orderEntityNotFound = SaleErrorCode("SALE_ORDER_ENTITY_NOT_FOUND")
    /// `SALE_ORDER_PAID_ORDER_CANCELED`.
    public static let paidOrderCanceled = SaleErrorCode("SALE_ORDER_PAID_ORDER_CANCELED")
    /// `SALE_ORDER_PRICE_DELIVERY_ORDER_CANCELED`.
    public static let priceDeliveryOrderCanceled = SaleErrorCode("SALE_ORDER_PRICE_DELIVERY_ORDER_CANCELED")
    /// `SALE_ORDER_SHIPMENT_ORDER_CANCELED`.
    public static let shipmentOrderCanceled = SaleErrorCode("SALE_ORDER_SHIPMENT_ORDER_CANCELED")
    /// `SALE_ORDER_SYSTEM_SHIPMENT_LESS_QUANTITY`.
    public static let systemShipmentLessQuantity = SaleErrorCode("SALE_ORDER_SYSTEM_SHIPMENT_LESS_QUANTITY")
    /// `SALE_PAYMENT_DELETE_EXIST_PAID`.
    public static let paymentDeleteExistPaid = SaleErrorCode("SALE_PAYMENT_DELETE_EXIST_PAID")
    /// `SALE_PAYMENT_NOT_ALLOWED_CHANGE_SUM`.
    public static let paymentNotAllowedChangeSum = SaleErrorCode("SALE_PAYMENT_NOT_ALLOWED_CHANGE_SUM")
    /// `SALE_PAYMENT_PAYMENT_SERVICE_EMPTY`.
    public static let paymentServiceEmpty = SaleErrorCode("SALE_PAYMENT_PAYMENT_SERVICE_EMPTY")
    /// `SALE_PAYMENT_WRONG_PAYMENT_SERVICE`.
    public static let wrongPaymentService = SaleErrorCode("SALE_PAYMENT_WRONG_PAYMENT_SERVICE")
    /// `SALE_PROPERTY_NOT_FOUND`.
    public static let propertyNotFound = SaleErrorCode("SALE_PROPERTY_NOT_FOUND")
    /// `SALE_SHIPMENT_DELIVERY_SERVICE_EMPTY`.
    public static let shipmentDeliveryServiceEmpty = SaleErrorCode("SALE_SHIPMENT_DELIVERY_SERVICE_EMPTY")
    /// `SALE_SHIPMENT_EXIST_SHIPPED`.
    public static let shipmentExistShipped = SaleErrorCode("SALE_SHIPMENT_EXIST_SHIPPED")
    /// `SALE_SHIPMENT_ITEM_ERR_QUANTITY_EMPTY`.
    public static let shipmentItemQuantityEmpty = SaleErrorCode("SALE_SHIPMENT_ITEM_ERR_QUANTITY_EMPTY")
    /// `SALE_SHIPMENT_ITEM_LESS_AVAILABLE_QUANTITY`.
    public static let shipmentItemLessAvailableQuantity = SaleErrorCode("SALE_SHIPMENT_ITEM_LESS_AVAILABLE_QUANTITY")
    /// `SALE_SHIPMENT_ITEM_SHIPMENT_ALREADY_SHIPPED_CANNOT_EDIT`.
    public static let shipmentItemAlreadyShippedCannotEdit = SaleErrorCode(
        "SALE_SHIPMENT_ITEM_SHIPMENT_ALREADY_SHIPPED_CANNOT_EDIT"
    )
    /// `SALE_SHIPMENT_WRONG_DELIVERY_SERVICE`.
    public static let wrongDeliveryService = SaleErrorCode("SALE_SHIPMENT_WRONG_DELIVERY_SERVICE")
}

extension SaleErrorCode {
    /// `0`: a plain `Main\Error` without a code (a value that is not a number, a store failure).
    public static let generic = SaleErrorCode("0")
    /// `LOGIN`: `CUser::Add` refused the login (empty, or taken).
    public static let login = SaleErrorCode("LOGIN")
    /// `PERSONAL_PHONE`: `CUser::Add` refused the phone.
    public static let personalPhone = SaleErrorCode("PERSONAL_PHONE")
    /// `EMAIL`: `CUser::Add` refused the e-mail.
    public static let email = SaleErrorCode("EMAIL")
}

extension SaleError {
    /// Makes an error with a typed code.
    public init(code: SaleErrorCode, message: String, messageRu: String? = nil, field: String? = nil) {
        self.init(code: code.rawValue, message: message, messageRu: messageRu, field: field)
    }
}

extension SaleError {
    /// Whether this error or warning has `code`.
    public func has(_ code: SaleErrorCode) -> Bool { self.code == code.rawValue }

    /// The code, typed.
    public var typedCode: SaleErrorCode { SaleErrorCode(code) }
}

extension SaleResult {
    /// The first warning with `code`, if any.
    public func warning(_ code: SaleErrorCode) -> SaleError? { warnings.first { $0.has(code) } }

    /// The first error with `code`, if any.
    public func error(_ code: SaleErrorCode) -> SaleError? { errors.first { $0.has(code) } }
}

extension SaleErrorCode {
    /// `PROPERTIES[id]`: a property value that fails its format check (`Order::verify()`), as Bitrix codes it.
    public static func property(id: Int) -> SaleErrorCode { SaleErrorCode("PROPERTIES[\(id)]") }
}
