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

    /// Names `setField` accepts (`getSettableFields`): the raw values of ``Field``.
    public static let settableFields: Set<String> = Set(Field.allCases.map(\.rawValue))

    /// Fields `setFields` applies first, in this order (`onBeforeSetFields`).
    static let appliedFirst = [
        "CURRENCY", "CUSTOM_PRICE", "VAT_RATE", "VAT_INCLUDED", "PRODUCT_PROVIDER_CLASS", "SUBSCRIBE", "TYPE", "LID",
        "FUSER_ID",
    ]

    /// The value of a field by its Bitrix name (nil when unset): a settable one, or `ID` and `MODULE`.
    public func field(_ name: String) -> FieldValue? {
        if let settable = Field(rawValue: name) { return field(settable) }
        switch name {
        case "ID": return id.map(FieldValue.int)
        case "MODULE": return .string(moduleId)
        default: return otherFields[name].map(FieldValue.string)
        }
    }
}
