import Foundation
public import SaleMoney

/// A basket line (`Bitrix\Sale\BasketItem`): one product, its quantity and price.
public struct BasketItem: Sendable, Hashable, Codable {
    // Stored in this order for a compact layout (Swift keeps declaration order): 8-byte fields, then the
    // 16-byte strings, then collections, then the 9-byte optionals, then the flags. 192 → 168 bytes.
    /// The basket code: stable within the order (Bitrix's `n<k>` before save, the id after).
    public internal(set) var code: Int
    /// `PRODUCT_ID`.
    public internal(set) var productId: Int
    /// `QUANTITY`.
    public internal(set) var quantity: Amount
    /// `PRICE`: the unit price after discounts.
    public internal(set) var price: Amount
    /// `BASE_PRICE`.
    public internal(set) var basePrice: Amount
    /// `DISCOUNT_PRICE`.
    public internal(set) var discountPrice: Amount
    /// `SORT` (100, 200, …).
    public internal(set) var sort: Int
    /// `MODULE`, fixed at creation (`catalog` for catalog products; empty for a custom item).
    public internal(set) var moduleId: String
    /// `NAME`.
    public internal(set) var name: String
    /// `CURRENCY` (nil until set by hand or by the catalog provider).
    public internal(set) var currency: String?
    /// `PRODUCT_PROVIDER_CLASS`.
    public internal(set) var productProviderClass: String?
    /// `XML_ID`.
    public internal(set) var xmlId: String
    /// Other settable fields of the catalogue, as the text Bitrix stores.
    public internal(set) var otherFields: [String: String]
    /// The line's properties (`getPropertyCollection()`), nil while it has none.
    public internal(set) var properties: [BasketItemProperty]?
    /// `ID`, once saved.
    public internal(set) var id: Int?
    /// `CUSTOM_PRICE`: when true the catalog never replaces ``price``.
    public internal(set) var customPrice: Bool
    /// `CAN_BUY`.
    public internal(set) var canBuy: Bool
    /// `DELAY`.
    public internal(set) var delay: Bool
    /// Whether PRICE was last set by hand (not by the provider) while not custom: it will be replaced.
    public internal(set) var priceSetByHand: Bool

    /// `isCustom()`: no provider (empty module, no provider class and no `CALLBACK_FUNC`).
    public var isCustom: Bool {
        moduleId.isEmpty && (productProviderClass ?? "").isEmpty && (otherFields["CALLBACK_FUNC"] ?? "").isEmpty
    }

    /// The basket code as Bitrix shows it before save (`n1`) or the id after.
    public var basketCode: String { id.map(String.init) ?? "n\(code)" }

    init(code: Int, moduleId: String, productId: Int, xmlId: String, sort: Int) {
        self.code = code
        self.id = nil
        self.moduleId = moduleId
        self.productId = productId
        self.name = ""
        self.quantity = 0
        self.price = 0
        self.basePrice = 0
        self.discountPrice = 0
        self.customPrice = false
        self.currency = nil
        self.canBuy = true
        self.delay = false
        self.productProviderClass = nil
        self.sort = sort
        self.xmlId = xmlId
        self.otherFields = [:]
        self.priceSetByHand = false
        self.properties = nil
    }

    /// `getFinalPrice()`: round(PRICE × QUANTITY) at the site precision.
    public func finalPrice(precision: Int) -> Amount {
        price.saturatingMultiplied(by: quantity, roundingTo: precision)
    }

    /// Names `setField` accepts (`getSettableFields`).
    public static let settableFields: Set<String> = [
        "NAME", "LID", "SORT", "PRODUCT_ID", "PRODUCT_PRICE_ID", "PRICE_TYPE_ID", "CATALOG_XML_ID", "PRODUCT_XML_ID",
        "DETAIL_PAGE_URL", "XML_ID", "BASE_PRICE", "PRICE", "DISCOUNT_PRICE", "CURRENCY", "CUSTOM_PRICE", "QUANTITY",
        "WEIGHT", "DIMENSIONS", "MEASURE_CODE", "MEASURE_NAME", "DELAY", "CAN_BUY", "NOTES", "VAT_RATE", "VAT_INCLUDED",
        "BARCODE_MULTI", "SUBSCRIBE", "PRODUCT_PROVIDER_CLASS", "CALLBACK_FUNC", "ORDER_CALLBACK_FUNC",
        "CANCEL_CALLBACK_FUNC", "PAY_CALLBACK_FUNC", "TYPE", "SET_PARENT_ID", "DISCOUNT_NAME", "DISCOUNT_VALUE",
        "DISCOUNT_COUPON", "RECOMMENDATION", "MARKING_CODE_GROUP", "DISCOUNT_PRICE_PERCENT", "IGNORE_CALLBACK_FUNC",
        "DEFAULT_PRICE", "DISCOUNT_LIST",
    ]

    /// Fields `setFields` applies first, in this order (`onBeforeSetFields`).
    static let appliedFirst = [
        "CURRENCY", "CUSTOM_PRICE", "VAT_RATE", "VAT_INCLUDED", "PRODUCT_PROVIDER_CLASS", "SUBSCRIBE", "TYPE", "LID",
        "FUSER_ID",
    ]

    /// The value of a field by its Bitrix name (nil when unset).
    public func field(_ name: String) -> FieldValue? {
        switch name {
        case "ID": id.map(FieldValue.int)
        case "MODULE": .string(moduleId)
        case "PRODUCT_ID": .int(productId)
        case "NAME": .string(name)
        case "QUANTITY": .amount(quantity)
        case "PRICE": .amount(price)
        case "BASE_PRICE": .amount(basePrice)
        case "DISCOUNT_PRICE": .amount(discountPrice)
        case "CUSTOM_PRICE": .bool(customPrice)
        case "CURRENCY": currency.map(FieldValue.string)
        case "CAN_BUY": .bool(canBuy)
        case "DELAY": .bool(delay)
        case "PRODUCT_PROVIDER_CLASS": productProviderClass.map(FieldValue.string)
        case "SORT": .int(sort)
        case "XML_ID": .string(xmlId)
        default: otherFields[name].map(FieldValue.string)
        }
    }
}
