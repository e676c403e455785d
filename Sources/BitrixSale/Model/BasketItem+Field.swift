extension BasketItem {
    /// A field `setField` accepts (`getSettableFields`), named by its Bitrix name: code that sets lines (the create
    /// endpoint) names them without strings; the string-keyed calls map each name to its case once.
    public enum Field: String, Sendable, CaseIterable {
        case name = "NAME"
        case lid = "LID"
        case sort = "SORT"
        case productId = "PRODUCT_ID"
        case productPriceId = "PRODUCT_PRICE_ID"
        case priceTypeId = "PRICE_TYPE_ID"
        case catalogXmlId = "CATALOG_XML_ID"
        case productXmlId = "PRODUCT_XML_ID"
        case detailPageUrl = "DETAIL_PAGE_URL"
        case xmlId = "XML_ID"
        case basePrice = "BASE_PRICE"
        case price = "PRICE"
        case discountPrice = "DISCOUNT_PRICE"
        case currency = "CURRENCY"
        case customPrice = "CUSTOM_PRICE"
        case quantity = "QUANTITY"
        case weight = "WEIGHT"
        case dimensions = "DIMENSIONS"
        case measureCode = "MEASURE_CODE"
        case measureName = "MEASURE_NAME"
        case delay = "DELAY"
        case canBuy = "CAN_BUY"
        case notes = "NOTES"
        case vatRate = "VAT_RATE"
        case vatIncluded = "VAT_INCLUDED"
        case barcodeMulti = "BARCODE_MULTI"
        case subscribe = "SUBSCRIBE"
        case productProviderClass = "PRODUCT_PROVIDER_CLASS"
        case callbackFunc = "CALLBACK_FUNC"
        case orderCallbackFunc = "ORDER_CALLBACK_FUNC"
        case cancelCallbackFunc = "CANCEL_CALLBACK_FUNC"
        case payCallbackFunc = "PAY_CALLBACK_FUNC"
        case type = "TYPE"
        case setParentId = "SET_PARENT_ID"
        case discountName = "DISCOUNT_NAME"
        case discountValue = "DISCOUNT_VALUE"
        case discountCoupon = "DISCOUNT_COUPON"
        case recommendation = "RECOMMENDATION"
        case markingCodeGroup = "MARKING_CODE_GROUP"
        case discountPricePercent = "DISCOUNT_PRICE_PERCENT"
        case ignoreCallbackFunc = "IGNORE_CALLBACK_FUNC"
        case defaultPrice = "DEFAULT_PRICE"
        case discountList = "DISCOUNT_LIST"
    }

    /// The value of a settable field (nil when unset).
    public func field(_ field: Field) -> FieldValue? {
        switch field {
        case .productId: .int(productId)
        case .name: .string(name)
        case .quantity: .amount(quantity)
        case .price: .amount(price)
        case .basePrice: .amount(basePrice)
        case .discountPrice: .amount(discountPrice)
        case .customPrice: .bool(customPrice)
        case .currency: currency.map(FieldValue.string)
        case .canBuy: .bool(canBuy)
        case .delay: .bool(delay)
        case .productProviderClass: productProviderClass.map(FieldValue.string)
        case .sort: .int(sort)
        case .xmlId: .string(xmlId)
        default: otherFields[field.rawValue].map(FieldValue.string)
        }
    }

    /// The keys of a typed `setFields` call in the order Bitrix applies them.
    static func ordered(_ fields: KeyValuePairs<Field, FieldValue>) -> [(Field, FieldValue)] {
        ordered(fields, name: \.rawValue)
    }
}
