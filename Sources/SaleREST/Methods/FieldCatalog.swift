/// The REST type of a field, as `getFields` names it.
struct RESTFieldType: RawRepresentable, Sendable, Hashable {
    var rawValue: String
    static let string = RESTFieldType(rawValue: "string")
    static let integer = RESTFieldType(rawValue: "integer")
    static let double = RESTFieldType(rawValue: "double")
    static let char = RESTFieldType(rawValue: "char")
    static let datetime = RESTFieldType(rawValue: "datetime")
}

/// One field of a REST entity (`sale/lib/rest/entity/*.php`): its names, type and attributes.
struct RESTField: Sendable, Hashable {
    /// The camelCase name clients use (`personTypeId`).
    var name: String
    /// The internal UPPER_SNAKE name (`PERSON_TYPE_ID`).
    var upper: String
    var type: RESTFieldType
    var isReadOnly = false
    var isImmutable = false
    var isRequired = false
}

/// The fields of each REST entity, in the source's order; the whitelist every input passes through.
struct FieldCatalog: Sendable {
    let fields: [RESTField]
    let byName: [String: RESTField]

    init(_ specs: [(String, RESTFieldType, String)]) {
        fields = specs.map { upper, type, attributes in
            RESTField(
                name: FieldCatalog.camel(upper),
                upper: upper,
                type: type,
                isReadOnly: attributes.contains("R"),
                isImmutable: attributes.contains("I"),
                isRequired: attributes.contains("Q")
            )
        }
        byName = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `ID_1C` → `id1c`, `PERSON_TYPE_ID` → `personTypeId` (Bitrix's `snake2camel` with a lower first letter).
    static func camel(_ upper: String) -> String {
        var out = ""
        var capitalise = false
        for character in upper.lowercased() {
            if character == "_" {
                capitalise = true
                continue
            }
            out.append(capitalise ? Character(character.uppercased()) : character)
            capitalise = false
        }
        return out
    }

    /// Bitrix's `camel2snake` then upper case, as applied to every input key: `personTypeId` → `PERSON_TYPE_ID`,
    /// but `ID` → `I_D` (which is why UPPER_CASE keys never match).
    static func upperSnake(_ key: String) -> String {
        var out = ""
        for (index, character) in key.enumerated() {
            if character.isUppercase, index > 0 { out.append("_") }
            out.append(contentsOf: character.uppercased())
        }
        return out
    }

    /// The field a client key names, or nil (unknown, `UF_*`, UPPER_CASE: dropped).
    func field(forKey key: String) -> RESTField? {
        guard let field = byName[key], field.name == key else { return nil }
        return field
    }

    // MARK: Entities (`sale/lib/rest/entity/*.php`; R read-only, I immutable, Q required)

    static let order = FieldCatalog([
        ("PERSON_TYPE_ID", .integer, "QI"), ("USER_ID", .integer, "QI"), ("CURRENCY", .string, "QI"),
        ("LID", .string, "QI"), ("PERSON_TYPE_XML_ID", .string, "R"), ("STATUS_XML_ID", .string, "R"),
        ("ACCOUNT_NUMBER", .string, "R"), ("ID", .integer, "R"), ("CANCELED", .char, ""),
        ("DATE_CANCELED", .datetime, "R"), ("DEDUCTED", .char, "R"), ("EMP_CANCELED_ID", .integer, ""),
        ("REASON_CANCELED", .string, ""), ("STATUS_ID", .char, ""), ("DATE_STATUS", .datetime, "R"),
        ("EMP_STATUS_ID", .integer, ""), ("MARKED", .char, ""), ("DATE_MARKED", .datetime, "R"),
        ("EMP_MARKED_ID", .integer, ""), ("REASON_MARKED", .string, ""), ("PRICE", .double, ""),
        ("PAYED", .char, "R"), ("DISCOUNT_VALUE", .double, ""), ("DATE_INSERT", .datetime, ""),
        ("DATE_UPDATE", .datetime, "R"), ("USER_DESCRIPTION", .string, ""), ("ADDITIONAL_INFO", .string, ""),
        ("COMMENTS", .string, ""), ("TAX_VALUE", .double, "R"), ("RECURRING_ID", .char, ""),
        ("LOCKED_BY", .char, ""), ("DATE_LOCK", .datetime, "R"), ("RECOUNT_FLAG", .char, ""),
        ("AFFILIATE_ID", .integer, ""), ("UPDATED_1C", .char, ""), ("ORDER_TOPIC", .string, ""),
        ("RESPONSIBLE_ID", .integer, ""), ("XML_ID", .string, ""), ("ID_1C", .string, ""),
        ("VERSION_1C", .string, ""), ("VERSION", .integer, "R"), ("EXTERNAL_ORDER", .char, ""),
        ("COMPANY_ID", .integer, ""),
    ])

    static let basketItem = FieldCatalog([
        ("ORDER_ID", .string, "IQ"), ("ID", .string, "R"), ("FUSER_ID", .integer, "R"), ("LID", .string, "R"),
        ("SORT", .integer, ""), ("PRODUCT_ID", .integer, "IQ"), ("PRICE", .double, ""), ("CUSTOM_PRICE", .char, "R"),
        ("CURRENCY", .string, "QI"), ("QUANTITY", .double, "Q"), ("SUBSCRIBE", .char, ""),
        ("RECOMMENDATION", .string, ""), ("XML_ID", .string, ""), ("DATE_INSERT", .datetime, "R"),
        ("DATE_UPDATE", .datetime, "R"), ("DATE_REFRESH", .datetime, "R"), ("NAME", .string, ""),
        ("PRODUCT_PRICE_ID", .integer, ""), ("PRICE_TYPE_ID", .integer, ""), ("DETAIL_PAGE_URL", .string, ""),
        ("BASE_PRICE", .double, ""), ("DISCOUNT_PRICE", .double, ""), ("WEIGHT", .double, ""),
        ("DIMENSIONS", .string, ""), ("MEASURE_CODE", .string, ""), ("MEASURE_NAME", .string, ""),
        ("CAN_BUY", .char, ""), ("NOTES", .string, ""), ("VAT_RATE", .double, ""), ("VAT_INCLUDED", .char, ""),
        ("BARCODE_MULTI", .char, ""), ("TYPE", .string, ""), ("SET_PARENT_ID", .string, ""),
        ("DISCOUNT_NAME", .string, ""), ("DISCOUNT_VALUE", .string, ""), ("DISCOUNT_COUPON", .string, ""),
        ("CATALOG_XML_ID", .string, "I"), ("PRODUCT_XML_ID", .string, "I"), ("PRODUCT_PROVIDER_CLASS", .string, "I"),
        ("MODULE", .string, "I"),
    ])

    static let shipment = FieldCatalog([
        ("ID", .integer, "R"), ("ORDER_ID", .integer, "IQ"), ("STATUS_ID", .char, ""),
        ("BASE_PRICE_DELIVERY", .double, ""), ("PRICE_DELIVERY", .double, ""), ("ALLOW_DELIVERY", .char, "Q"),
        ("DATE_ALLOW_DELIVERY", .datetime, "R"), ("EMP_ALLOW_DELIVERY_ID", .integer, ""), ("DEDUCTED", .char, "Q"),
        ("DATE_DEDUCTED", .datetime, "R"), ("EMP_DEDUCTED_ID", .integer, ""), ("REASON_UNDO_DEDUCTED", .string, ""),
        ("DELIVERY_ID", .integer, "Q"), ("DELIVERY_DOC_NUM", .string, ""), ("DELIVERY_DOC_DATE", .datetime, ""),
        ("TRACKING_NUMBER", .string, ""), ("XML_ID", .string, ""), ("DELIVERY_NAME", .string, "R"),
        ("COMPANY_ID", .integer, ""), ("MARKED", .char, ""), ("DATE_MARKED", .datetime, "R"),
        ("EMP_MARKED_ID", .integer, ""), ("REASON_MARKED", .string, ""), ("CANCELED", .char, ""),
        ("DATE_CANCELED", .datetime, "R"), ("EMP_CANCELED_ID", .integer, ""), ("RESPONSIBLE_ID", .integer, ""),
        ("DATE_RESPONSIBLE_ID", .datetime, "R"), ("EMP_RESPONSIBLE_ID", .integer, ""), ("COMMENTS", .string, ""),
        ("CURRENCY", .string, ""), ("CUSTOM_PRICE_DELIVERY", .char, "R"), ("UPDATED_1C", .char, ""),
        ("EXTERNAL_DELIVERY", .char, ""), ("VERSION_1C", .string, ""), ("ID_1C", .string, ""),
        ("TRACKING_STATUS", .string, ""), ("TRACKING_LAST_CHECK", .string, ""),
        ("TRACKING_DESCRIPTION", .string, ""), ("DISCOUNT_PRICE", .double, "R"), ("DATE_INSERT", .datetime, "R"),
        ("SYSTEM", .char, "R"), ("STATUS_XML_ID", .char, "R"), ("DELIVERY_XML_ID", .string, "R"),
        ("ACCOUNT_NUMBER", .string, "R"),
    ])

    static let shipmentItem = FieldCatalog([
        ("ID", .integer, "R"), ("ORDER_DELIVERY_ID", .integer, "QI"), ("BASKET_ID", .integer, "QI"),
        ("QUANTITY", .double, "Q"), ("XML_ID", .string, ""), ("DATE_INSERT", .datetime, "R"),
        ("RESERVED_QUANTITY", .double, "R"),
    ])

    static let payment = FieldCatalog([
        ("PAY_SYSTEM_XML_ID", .string, "R"), ("PAY_SYSTEM_IS_CASH", .char, "R"), ("ACCOUNT_NUMBER", .string, "R"),
        ("ID", .integer, "R"), ("ORDER_ID", .integer, "IQ"), ("PAID", .char, ""), ("DATE_PAID", .datetime, ""),
        ("EMP_PAID_ID", .integer, ""), ("PAY_SYSTEM_ID", .integer, "Q"), ("PS_STATUS", .char, ""),
        ("PS_STATUS_CODE", .string, ""), ("PS_STATUS_DESCRIPTION", .string, ""), ("PS_STATUS_MESSAGE", .string, ""),
        ("PS_SUM", .double, ""), ("PS_CURRENCY", .string, ""), ("PS_RESPONSE_DATE", .datetime, ""),
        ("PAY_VOUCHER_NUM", .string, ""), ("PAY_VOUCHER_DATE", .datetime, ""), ("DATE_PAY_BEFORE", .datetime, ""),
        ("DATE_BILL", .datetime, ""), ("XML_ID", .string, ""), ("SUM", .double, ""), ("CURRENCY", .string, "R"),
        ("PAY_SYSTEM_NAME", .string, "R"), ("COMPANY_ID", .integer, ""), ("PAY_RETURN_NUM", .string, ""),
        ("PRICE_COD", .string, ""), ("PAY_RETURN_DATE", .datetime, ""), ("EMP_RETURN_ID", .integer, ""),
        ("PAY_RETURN_COMMENT", .string, ""), ("RESPONSIBLE_ID", .integer, ""), ("EMP_RESPONSIBLE_ID", .integer, ""),
        ("DATE_RESPONSIBLE_ID", .datetime, "R"), ("IS_RETURN", .char, ""), ("COMMENTS", .string, ""),
        ("UPDATED_1C", .char, ""), ("ID_1C", .string, ""), ("VERSION_1C", .string, ""),
        ("EXTERNAL_PAYMENT", .char, ""), ("PS_INVOICE_ID", .integer, ""), ("MARKED", .char, ""),
        ("REASON_MARKED", .string, ""), ("DATE_MARKED", .datetime, "R"), ("EMP_MARKED_ID", .integer, ""),
    ])

    static let propertyValue = FieldCatalog([
        ("NAME", .string, ""), ("CODE", .string, ""), ("ORDER_PROPS_XML_ID", .string, "R"), ("ID", .integer, "RI"),
        ("ORDER_ID", .integer, "QI"), ("VALUE", .string, "Q"), ("ORDER_PROPS_ID", .integer, "Q"),
    ])
}
