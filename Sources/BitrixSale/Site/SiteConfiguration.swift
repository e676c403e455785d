import Foundation
public import SaleMoney

/// A shop site as the sale module sees it: currency, catalog, person types, order properties, delivery
/// services, pay systems, statuses, customer accounts and API tokens.
///
/// Loaded from JSON (``SiteConfiguration/load(contentsOf:)``) and checked on load: every problem names the file
/// and the JSON path. The built-in default site is ``SiteConfiguration/defaultSite``.
public struct SiteConfiguration: Sendable, Hashable, Codable {
    /// The site id (Bitrix `LID`), for example `s1`.
    public var siteId: String
    /// A human name for the site.
    public var name: String
    /// The site currency (`b_sale_lang`), for example `KZT`.
    public var currency: String
    /// The IANA time zone of the site, for example `Asia/Almaty`.
    public var timeZone: String
    /// Decimal places of money (`sale` option `value_precision`, default 2).
    public var valuePrecision: Int
    /// API tokens accepted by the `/api/v2` surface.
    ///
    /// The first is the one tools send by default.
    public var apiTokens: [String]
    /// The catalog.
    public var products: [Product]
    /// Person types (1 physical, 2 legal on the default site).
    public var personTypes: [PersonType]
    /// Order property definitions, each bound to one person type.
    public var orderProperties: [OrderPropertyDefinition]
    /// Delivery services, including the built-in "no delivery" one.
    public var deliveryServices: [DeliveryService]
    /// The delivery service the create endpoint uses when a payload names none (the courier).
    public var defaultDeliveryId: Int
    /// Pay systems.
    public var paySystems: [PaySystem]
    /// Order (type O) and delivery (type D) statuses.
    public var statuses: [Status]
    /// Customer accounts known before any order (more are created at run time).
    public var users: [UserAccount]
    /// The Bitrix REST surface (`/rest/…`), or nil when the site has none.
    public var rest: RESTSettings?
    /// The `sale` module version whose behaviour is emulated where versions differ (default 21.400).
    public var saleVersion: SaleVersion
    /// The site's `FORMAT_DATE` (`b_lang`), which DATE properties are checked against (default `DD.MM.YYYY`).
    public var formatDate: String

    /// Makes a configuration; call ``validate()`` before use.
    public init(
        siteId: String,
        name: String,
        currency: String,
        timeZone: String,
        valuePrecision: Int = 2,
        apiTokens: [String],
        products: [Product],
        personTypes: [PersonType],
        orderProperties: [OrderPropertyDefinition],
        deliveryServices: [DeliveryService],
        defaultDeliveryId: Int,
        paySystems: [PaySystem],
        statuses: [Status],
        users: [UserAccount],
        rest: RESTSettings? = nil,
        saleVersion: SaleVersion = .v21_400,
        formatDate: String = "DD.MM.YYYY"
    ) {
        self.siteId = siteId
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.valuePrecision = valuePrecision
        self.apiTokens = apiTokens
        self.products = products
        self.personTypes = personTypes
        self.orderProperties = orderProperties
        self.deliveryServices = deliveryServices
        self.defaultDeliveryId = defaultDeliveryId
        self.paySystems = paySystems
        self.statuses = statuses
        self.users = users
        self.rest = rest
        self.saleVersion = saleVersion
        self.formatDate = formatDate
    }

    private enum CodingKeys: String, CodingKey {
        case siteId, name, currency, timeZone, valuePrecision, apiTokens, products, personTypes, orderProperties
        case deliveryServices, defaultDeliveryId, paySystems, statuses, users, rest, saleVersion, formatDate
    }

    /// Decodes a configuration; `valuePrecision` defaults to 2, `saleVersion` to 21.400 and `formatDate` to
    /// `DD.MM.YYYY`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        siteId = try container.decode(String.self, forKey: .siteId)
        name = try container.decode(String.self, forKey: .name)
        currency = try container.decode(String.self, forKey: .currency)
        timeZone = try container.decode(String.self, forKey: .timeZone)
        valuePrecision = try container.decodeIfPresent(Int.self, forKey: .valuePrecision) ?? 2
        apiTokens = try container.decode([String].self, forKey: .apiTokens)
        products = try container.decode([Product].self, forKey: .products)
        personTypes = try container.decode([PersonType].self, forKey: .personTypes)
        orderProperties = try container.decode([OrderPropertyDefinition].self, forKey: .orderProperties)
        deliveryServices = try container.decode([DeliveryService].self, forKey: .deliveryServices)
        defaultDeliveryId = try container.decode(Int.self, forKey: .defaultDeliveryId)
        paySystems = try container.decode([PaySystem].self, forKey: .paySystems)
        statuses = try container.decode([Status].self, forKey: .statuses)
        users = try container.decode([UserAccount].self, forKey: .users)
        rest = try container.decodeIfPresent(RESTSettings.self, forKey: .rest)
        saleVersion = try container.decodeIfPresent(SaleVersion.self, forKey: .saleVersion) ?? .v21_400
        formatDate = try container.decodeIfPresent(String.self, forKey: .formatDate) ?? "DD.MM.YYYY"
    }
}

/// A `sale` module version (`21.400`, `22.800`): where versions behave differently, the site's decides.
public struct SaleVersion: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    /// The version as Bitrix writes it, `major.minor`.
    public var rawValue: String

    /// Wraps a version string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Decodes the bare string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the bare string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Sale 21.400.100 (`kotopheiop/bitrix-core`), the default.
    public static let v21_400 = SaleVersion(rawValue: "21.400")
    /// Sale 22.800 (`bziksv/riester`).
    public static let v22_800 = SaleVersion(rawValue: "22.800")

    /// The major version, nil when the text does not start with one.
    public var major: Int? { Int(rawValue.prefix { $0.isNumber }) }

    /// Sale 22 and later: a lone payment's SUM follows the price when it equals the previous price
    /// (`getItemForAutoEdit`); sale 21 needs the SUM unchanged since load.
    public var autoSumFollowsPreviousPrice: Bool { (major ?? 21) >= 22 }

    /// The raw version.
    public var description: String { rawValue }
}

/// A catalog product (`b_catalog_product` with its base price).
public struct Product: Sendable, Hashable, Codable, Identifiable {
    /// The product id (`PRODUCT_ID` of basket items).
    public var id: Int
    /// The product name, copied into basket items.
    public var name: String
    /// The base price in ``currency``.
    public var price: Amount
    /// The price currency.
    public var currency: String
    /// Inactive products cannot be bought.
    public var active: Bool
    /// Image addresses (products created through `/api/v2/create/`).
    public var imagesUrls: [String]
    /// The owner (products created through `/api/v2/create/`).
    public var owner: String?
    /// Free-form product properties, as strings.
    public var properties: [String: String]

    /// Makes a product.
    public init(
        id: Int,
        name: String,
        price: Amount,
        currency: String,
        active: Bool = true,
        imagesUrls: [String] = [],
        owner: String? = nil,
        properties: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.price = price
        self.currency = currency
        self.active = active
        self.imagesUrls = imagesUrls
        self.owner = owner
        self.properties = properties
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, price, currency, active, imagesUrls, owner, properties
    }

    /// Decodes a product; `active` defaults to true and the optional lists to empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        price = try Amount.decodeExactly(from: container, forKey: .price)
        currency = try container.decode(String.self, forKey: .currency)
        active = try container.decodeIfPresent(Bool.self, forKey: .active) ?? true
        imagesUrls = try container.decodeIfPresent([String].self, forKey: .imagesUrls) ?? []
        owner = try container.decodeIfPresent(String.self, forKey: .owner)
        properties = try container.decodeIfPresent([String: String].self, forKey: .properties) ?? [:]
    }
}

/// A person type (`b_sale_person_type`).
public struct PersonType: Sendable, Hashable, Codable, Identifiable {
    /// The id (`PERSON_TYPE_ID`).
    public var id: Int
    /// The name.
    public var name: String

    /// Makes a person type.
    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }
}

/// The input type of an order property (`TYPE` of `b_sale_order_props`): an open set.
public struct PropertyType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The Bitrix type name.
    public var rawValue: String
    /// Wraps a type name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A string.
    public static let string = PropertyType(rawValue: "STRING")
    /// A number.
    public static let number = PropertyType(rawValue: "NUMBER")
    /// A Y/N flag.
    public static let yesNo = PropertyType(rawValue: "Y/N")
    /// One of a list of options.
    public static let enumeration = PropertyType(rawValue: "ENUM")
    /// A date.
    public static let date = PropertyType(rawValue: "DATE")
    /// The types this engine knows how to check.
    public static let known: [PropertyType] = [.string, .number, .yesNo, .enumeration, .date]
    /// The raw name.
    public var description: String { rawValue }

    /// Decodes from a bare string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes as a bare string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// An order property definition (`b_sale_order_props`).
public struct OrderPropertyDefinition: Sendable, Hashable, Codable, Identifiable {
    /// The id (`ORDER_PROPS_ID`).
    public var id: Int
    /// The person type it belongs to.
    public var personTypeId: Int
    /// The code (`CODE`), for example `ADDRESS`; lookups by code use it.
    public var code: String
    /// The name shown in messages.
    public var name: String
    /// The input type.
    public var type: PropertyType
    /// Whether the checkout component requires it (the core save does not check this).
    public var required: Bool
    /// The value a new order starts with, when non-empty.
    public var defaultValue: String?
    /// `IS_PAYER`: the payer's name.
    public var isPayer: Bool
    /// `IS_PHONE`.
    public var isPhone: Bool
    /// `IS_EMAIL`.
    public var isEmail: Bool
    /// `IS_ADDRESS`.
    public var isAddress: Bool
    /// `MAXLENGTH` for strings (Bitrix checks 500 when unset).
    public var maxLength: Int?
    /// `MINLENGTH` for strings.
    public var minLength: Int?
    /// `PATTERN` for strings (a regular expression).
    public var pattern: String?
    /// Options of an `ENUM` property.
    public var options: [String]
    /// `SORT`.
    public var sort: Int
    /// `ACTIVE`: inactive properties are not loaded into new orders.
    public var active: Bool

    /// Makes a definition.
    public init(
        id: Int,
        personTypeId: Int,
        code: String,
        name: String,
        type: PropertyType = .string,
        required: Bool = false,
        defaultValue: String? = nil,
        isPayer: Bool = false,
        isPhone: Bool = false,
        isEmail: Bool = false,
        isAddress: Bool = false,
        maxLength: Int? = nil,
        minLength: Int? = nil,
        pattern: String? = nil,
        options: [String] = [],
        sort: Int = 100,
        active: Bool = true
    ) {
        self.id = id
        self.personTypeId = personTypeId
        self.code = code
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.isPayer = isPayer
        self.isPhone = isPhone
        self.isEmail = isEmail
        self.isAddress = isAddress
        self.maxLength = maxLength
        self.minLength = minLength
        self.pattern = pattern
        self.options = options
        self.sort = sort
        self.active = active
    }

    private enum CodingKeys: String, CodingKey {
        case id, personTypeId, code, name, type, required, defaultValue, isPayer, isPhone, isEmail, isAddress
        case maxLength, minLength, pattern, options, sort, active
    }

    /// Decodes a definition; flags default to false, `sort` to 100, `active` to true.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        personTypeId = try c.decode(Int.self, forKey: .personTypeId)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decodeIfPresent(PropertyType.self, forKey: .type) ?? .string
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        defaultValue = try c.decodeIfPresent(String.self, forKey: .defaultValue)
        isPayer = try c.decodeIfPresent(Bool.self, forKey: .isPayer) ?? false
        isPhone = try c.decodeIfPresent(Bool.self, forKey: .isPhone) ?? false
        isEmail = try c.decodeIfPresent(Bool.self, forKey: .isEmail) ?? false
        isAddress = try c.decodeIfPresent(Bool.self, forKey: .isAddress) ?? false
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        minLength = try c.decodeIfPresent(Int.self, forKey: .minLength)
        pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
        options = try c.decodeIfPresent([String].self, forKey: .options) ?? []
        sort = try c.decodeIfPresent(Int.self, forKey: .sort) ?? 100
        active = try c.decodeIfPresent(Bool.self, forKey: .active) ?? true
    }
}

/// A delivery service (`b_sale_delivery_srv`).
public struct DeliveryService: Sendable, Hashable, Codable, Identifiable {
    /// The id (`DELIVERY_ID`).
    public var id: Int
    /// The name, copied into shipments as `DELIVERY_NAME`.
    public var name: String
    /// Whether this is Bitrix's built-in "no delivery" service (`EmptyDeliveryService`).
    public var isEmptyDelivery: Bool
    /// The price its `calculate()` returns (0 when not set).
    public var price: Amount

    /// Makes a service.
    public init(id: Int, name: String, isEmptyDelivery: Bool = false, price: Amount = 0) {
        self.id = id
        self.name = name
        self.isEmptyDelivery = isEmptyDelivery
        self.price = price
    }

    private enum CodingKeys: String, CodingKey { case id, name, isEmptyDelivery, price }

    /// Decodes a service; `isEmptyDelivery` defaults to false and `price` to 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        isEmptyDelivery = try c.decodeIfPresent(Bool.self, forKey: .isEmptyDelivery) ?? false
        price = try c.contains(.price) ? Amount.decodeExactly(from: c, forKey: .price) : 0
    }
}

/// A pay system (`b_sale_pay_system_action`).
public struct PaySystem: Sendable, Hashable, Codable, Identifiable {
    /// The id (`PAY_SYSTEM_ID`).
    public var id: Int
    /// The code the API uses (`kaspi`, `cash`, `card`).
    public var code: String
    /// The name, copied into payments as `PAY_SYSTEM_NAME`.
    public var name: String
    /// `ALLOW_EDIT_PAYMENT`: whether a lone payment's sum follows the order price.
    public var allowEditPayment: Bool

    /// Makes a pay system.
    public init(id: Int, code: String, name: String, allowEditPayment: Bool = true) {
        self.id = id
        self.code = code
        self.name = name
        self.allowEditPayment = allowEditPayment
    }

    private enum CodingKeys: String, CodingKey { case id, code, name, allowEditPayment }

    /// Decodes a pay system; `allowEditPayment` defaults to true.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        allowEditPayment = try c.decodeIfPresent(Bool.self, forKey: .allowEditPayment) ?? true
    }
}

/// An order or delivery status (`b_sale_status`).
public struct Status: Sendable, Hashable, Codable, Identifiable {
    /// Order (`O`) or delivery (`D`).
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An order status.
        case order = "O"
        /// A delivery (shipment) status.
        case delivery = "D"
    }

    /// The id: one or two Latin letters (`N`, `AP`, `DN`).
    public var id: String
    /// `TYPE`.
    public var type: Kind
    /// The name (English).
    public var name: String
    /// The name in Russian, when known.
    public var nameRu: String?
    /// `SORT`.
    public var sort: Int
    /// Whether `GET /api/v2/orders` lists orders in this status.
    public var active: Bool

    /// Makes a status.
    public init(id: String, type: Kind, name: String, nameRu: String? = nil, sort: Int, active: Bool = false) {
        self.id = id
        self.type = type
        self.name = name
        self.nameRu = nameRu
        self.sort = sort
        self.active = active
    }

    private enum CodingKeys: String, CodingKey { case id, type, name, nameRu, sort, active }

    /// Decodes a status; `active` defaults to false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decode(Kind.self, forKey: .type)
        name = try c.decode(String.self, forKey: .name)
        nameRu = try c.decodeIfPresent(String.self, forKey: .nameRu)
        sort = try c.decode(Int.self, forKey: .sort)
        active = try c.decodeIfPresent(Bool.self, forKey: .active) ?? false
    }
}

/// A customer account (`b_user`): the order's `USER_ID`.
public struct UserAccount: Sendable, Hashable, Codable, Identifiable {
    /// The user id.
    public var id: Int
    /// The phone, normalised (`+77015211545`).
    public var phone: String
    /// The name.
    public var name: String
    /// `LOGIN`, when the account has one besides its phone.
    public var login: String?
    /// `EMAIL`.
    public var email: String?

    /// Makes an account.
    public init(id: Int, phone: String, name: String, login: String? = nil, email: String? = nil) {
        self.id = id
        self.phone = phone
        self.name = name
        self.login = login
        self.email = email
    }
}

extension Amount {
    /// An amount from a configuration file read by Foundation's `JSONDecoder`: through `Decimal`, which that decoder
    /// reads exactly (a `Double` would not), then checked to fit `decimal(18,4)`.
    static func decodeExactly<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws
        -> Amount
    {
        let decimal = try container.decode(Decimal.self, forKey: key)
        do {
            return try Amount(parsing: Money.plainText(decimal))
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: container,
                debugDescription: "expected at most 4 decimal places within decimal(18,4): \(error)"
            )
        }
    }
}
