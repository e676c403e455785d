/// The emulator's own diagnostics: each names a silent degradation of Bitrix (docs/BITRIX-SEMANTICS.md §9) that a real
/// install would perform without a word.
///
/// They come back as save warnings; in strict mode as save errors.
public enum Diagnostic: Sendable {
    /// docs/BITRIX-SEMANTICS.md §9.8: a property code that the order's person type does not have; Bitrix's lookup
    /// returns null and the value is dropped.
    public static func unknownPropertyCode(_ code: String, personTypeId: Int?) -> SaleError {
        SaleError(
            code: .propertyCodeUnknown,
            message:
                "Property code \(code) does not exist for person type \(personTypeId.map(String.init) ?? "(none)"); "
                + "Bitrix's getItemByOrderPropertyCode returns null and the value is lost",
            field: "properties.\(code)"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.2: a hand-set PRICE without CUSTOM_PRICE = Y was replaced by the catalog price.
    public static func priceReplaced(item: String, productId: Int, handSet: String, catalog: String) -> SaleError {
        SaleError(
            code: .customPriceReplaced,
            message: "Basket item \(item) (product \(productId)): the hand-set price \(handSet) was replaced by the "
                + "catalog price \(catalog) because CUSTOM_PRICE is not Y",
            field: "basket[\(item)].PRICE"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.2: a hand-set PRICE without CUSTOM_PRICE = Y survives only until the next refresh.
    public static func priceNotCustom(item: String, productId: Int, price: String) -> SaleError {
        SaleError(
            code: .priceNotCustom,
            message: "Basket item \(item) (product \(productId)): PRICE \(price) was set by hand without "
                + "CUSTOM_PRICE = Y; the next quantity change or basket refresh replaces it with the catalog price",
            field: "basket[\(item)].CUSTOM_PRICE"
        )
    }

    /// A new order saved without ever getting a basket: Bitrix saves it with no lines (K21 `orderbase.php`: `add()`
    /// sets the ID, then `saveEntities()` calls `getBasket()`, whose `loadBasket()` now loads an empty basket), as
    /// REST's `sale.order.add` does on purpose; any `getBasket()->…` call before the save is a PHP fatal error.
    public static func orderWithoutBasket() -> SaleError {
        SaleError(
            code: .orderWithoutBasket,
            message: "The order was saved without a basket (no setBasket): Bitrix stores it with no lines and price 0, "
                + "and any $order->getBasket()->… call before the save would have been a PHP fatal error",
            field: "basket"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.3: a custom price with BASE_PRICE left at 0 breaks BASE_PRICE = PRICE +
    /// DISCOUNT_PRICE.
    public static func basePriceZero(item: String, productId: Int) -> SaleError {
        SaleError(
            code: .basePriceZero,
            message: "Basket item \(item) (product \(productId)) has a price but BASE_PRICE 0; receipts and CRM "
                + "exports expect BASE_PRICE = PRICE + DISCOUNT_PRICE",
            field: "basket[\(item)].BASE_PRICE"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.5, §3.2: basket quantities left in the hidden system shipment.
    public static func itemsInSystemShipment(_ count: Int) -> SaleError {
        SaleError(
            code: .itemsInSystemShipment,
            message: "\(count) basket item(s) are not in any real shipment and stay in the hidden system shipment: "
                + "the order can never become allowed for delivery or shipped",
            field: "shipments"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.12, §4.4: payments that do not add up to the order price (none at all counts).
    public static func paymentSumMismatch(paymentSum: String, orderPrice: String) -> SaleError {
        SaleError(
            code: .paymentSumMismatch,
            message: "The payments sum to \(paymentSum) but the order price is \(orderPrice); Bitrix accepts this "
                + "silently and the order can never become paid in full",
            field: "payments"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.9, §5.4: a required property left empty; Bitrix's save does not check required
    /// properties.
    public static func requiredPropertyEmpty(code: String, name: String) -> SaleError {
        SaleError(
            code: .requiredPropertyEmpty,
            message: "Required property \(code) (\(name)) is empty; Order::save() does not enforce required properties",
            field: "properties.\(code)"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.1: USER_ID names no customer account (for example a phone number cast to an
    /// integer).
    public static func userNotFound(_ raw: String) -> SaleError {
        SaleError(
            code: .userNotFound,
            message: "USER_ID \(raw) names no customer account; Order::create takes a user id, not a phone or login",
            field: "USER_ID"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.13: a basket item in another currency than the order; Bitrix does not convert.
    public static func currencyMismatch(item: String, itemCurrency: String, orderCurrency: String) -> SaleError {
        SaleError(
            code: .currencyMismatch,
            message: "Basket item \(item) is in \(itemCurrency) but the order is in \(orderCurrency); Bitrix adds the "
                + "amounts without conversion",
            field: "basket[\(item)].CURRENCY"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §7.2: `setField('STATUS_ID')` does not check that the status exists.
    public static func unknownStatus(_ statusId: String) -> SaleError {
        SaleError(
            code: .unknownStatus,
            message: "STATUS_ID \(statusId) is not an order status of this site; Bitrix stores it unchecked",
            field: "STATUS_ID"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.10: a hand-set PRICE_DELIVERY without CUSTOM_PRICE_DELIVERY = Y was replaced by the
    /// service price.
    public static func deliveryPriceReplaced(shipment: String, handSet: String, service: String) -> SaleError {
        SaleError(
            code: .deliveryPriceReplaced,
            message: "Shipment \(shipment): the hand-set PRICE_DELIVERY \(handSet) was replaced by the delivery "
                + "service's price \(service) because CUSTOM_PRICE_DELIVERY is not Y",
            field: "shipments[\(shipment)].PRICE_DELIVERY"
        )
    }

    /// docs/BITRIX-SEMANTICS.md §9.11: a payment whose pay system was set by id: PAY_SYSTEM_NAME stays empty and the
    /// row insert fails.
    public static func paymentDropped(payment: String) -> SaleError {
        SaleError(
            code: .paymentNotSaved,
            message: "Payment \(payment) has no PAY_SYSTEM_NAME (set PAY_SYSTEM_ID through createPayment(paySystem:)); "
                + "Bitrix fails its row insert and saves the order without it",
            field: "payments[\(payment)]"
        )
    }
}

extension Diagnostic {
    /// `USER_DESCRIPTION varchar(2000)` (A18 install.sql): MySQL without strict mode, as Bitrix requires it, keeps the
    /// first 2000 characters of a longer buyer's comment without a word.
    public static func valueTruncated(field: String, length: Int, limit: Int) -> SaleError {
        SaleError(
            code: .valueTruncated,
            message: "\(field) is \(length) characters; its column keeps only the first \(limit) (MySQL cuts the rest "
                + "silently); put long manager notes in COMMENTS (text)",
            field: field
        )
    }

    /// `EXTERNAL_ORDER` is a Y/N flag (K21 `internals/order.php` BooleanField), not a place for an external id.
    public static func externalOrderNotAFlag(_ value: String) -> SaleError {
        SaleError(
            code: .externalOrderNotAFlag,
            message: "EXTERNAL_ORDER is a Y/N flag (\"the order came from another system\"), got \"\(value)\"; keep an "
                + "external id in XML_ID or an order property",
            field: "EXTERNAL_ORDER"
        )
    }
}

extension Diagnostic {
    /// Diagnostics that strict mode reports but never turns into an error: states that are legitimate in Bitrix.
    public static let neverEscalated: Set<String> = [SaleErrorCode.noPayment.rawValue]

    /// docs/BITRIX-SEMANTICS.md §4.3, §9.12: an order with a price and no payment at all.
    ///
    /// Legitimate (cash on delivery, for one), so strict mode does not escalate it.
    public static func noPayment(orderPrice: String) -> SaleError {
        SaleError(
            code: .noPayment,
            message: "The order costs \(orderPrice) but has no payment; it can never become paid until one is added",
            field: "payments"
        )
    }
}
