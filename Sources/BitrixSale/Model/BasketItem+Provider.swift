import Foundation
import SaleMoney

extension BasketItem {
    /// `\Bitrix\Catalog\Product\CatalogProvider`: the provider class the catalog module sets on its lines.
    public static let catalogProviderClass = "\\Bitrix\\Catalog\\Product\\CatalogProvider"

    /// `getProvider() !== null`: only a non-empty `PRODUCT_PROVIDER_CLASS` gives a line a provider (K21
    /// `basketitembase.php` getProvider); `MODULE = catalog` alone does not.
    ///
    /// The emulator treats every provider class as the catalog's: its products are the site catalog.
    public var hasProvider: Bool {
        // Non-empty after trimming `.whitespaces`: some scalar is not one. The first scalar of a class name decides
        // (Foundation's set is asked only about non-ASCII scalars, ≈ 23 % of a create when it trimmed every call).
        guard let name = productProviderClass else { return false }
        return name.unicodeScalars.contains { scalar in
            if scalar.isASCII { return scalar != " " && scalar != "\t" }
            return !CharacterSet.whitespaces.contains(scalar)
        }
    }

    /// The name Bitrix puts into its messages (`#PRODUCT_NAME#`), or `#<product id>` while NAME is empty.
    var label: String { name.isEmpty ? "#\(productId)" : name }

    /// `setField` of every name but QUANTITY and CURRENCY, on the line alone (K21 `basketitembase.php` setField,
    /// onFieldModify): price fields are rounded to the site precision first; BASE_PRICE and DISCOUNT_PRICE give PRICE
    /// unless it is custom.
    mutating func apply(_ field: Field, _ value: FieldValue, precision: Int) -> SaleResult {
        switch field {
        case .price, .basePrice, .discountPrice:
            // PriceMaths::roundPrecision at setField (B18).
            guard let amount = value.amountValue(roundedTo: precision) else {
                return Self.notANumber(field.rawValue, value)
            }
            switch field {
            case .price:
                price = amount
                priceSetByHand = !customPrice
            case .basePrice:
                basePrice = amount
                if !customPrice { price = basePrice.saturatingSubtracting(discountPrice) }
            default:
                discountPrice = amount
                if !customPrice { price = basePrice.saturatingSubtracting(discountPrice) }
            }
        case .customPrice:
            customPrice = value.flag ?? false
            if customPrice { priceSetByHand = false }
        case .name: self.name = value.text
        case .productId: productId = value.intval
        case .sort: sort = value.intval
        case .xmlId: xmlId = value.text
        case .canBuy: canBuy = value.flag ?? false
        case .delay: delay = value.flag ?? false
        case .productProviderClass: productProviderClass = value.isEmptyText ? nil : value.text
        default: otherFields[field.rawValue] = value.text
        }
        return SaleResult()
    }

    static func notANumber(_ name: String, _ value: FieldValue) -> SaleResult {
        .failure(Self.notANumberError(name, value))
    }

    /// `NAME must be a number`, or, for a number beyond `decimal(18,4)`, that it is out of the column's range (MySQL's
    /// strict mode refuses such a value at save; the emulator refuses it when it is set).
    static func notANumberError(_ name: String, _ value: FieldValue, field: String? = nil) -> SaleError {
        let message =
            value.isOutOfAmountRange
            ? "\(name) is out of range for decimal(18,4) (at most 99999999999999.9999), got \"\(value.text)\""
            : "\(name) must be a number, got \"\(value.text)\""
        return SaleError(code: .generic, message: message, field: field ?? name)
    }

    /// `onFieldModify('QUANTITY')` up to the shipments (K21 `basketitembase.php`, `internals/catalog/provider.php`):
    /// the line as it is after the provider has answered, or the error that refuses the quantity.
    ///
    /// 1. QUANTITY 0 is refused with a plain `Main\Error` (code 0).
    /// 2. The available quantity: the provider's (the catalog has no stock, so an active product has what is asked
    ///    and an unknown or inactive one nothing); a line without a provider has the quantity asked. Not positive →
    ///    `SALE_BASKET_ITEM_WRONG_AVAILABLE_QUANTITY` (so a negative quantity is refused here, B15b).
    /// 3. Only a line with a provider and a non-custom price gets the catalog price; while the basket is not in a
    ///    saved order (`refreshes`) the single-line refresh also fills NAME and, when unset, CURRENCY.
    ///
    /// A line without a provider keeps PRICE, NAME and CURRENCY exactly as the caller set them (B11, B12).
    func changingQuantity(
        to quantity: Amount,
        refreshes: Bool,
        context: SaleContext,
        note: (SaleError) -> Void
    ) -> QuantityChange {
        if quantity == 0 {
            return .refused(
                SaleError(
                    code: .generic,
                    message: "Product \"\(label)\" quantity cannot be zero or less than zero",
                    messageRu: "Количество товара \"\(label)\" не может быть нулевым или отрицательным",
                    field: "basket[\(basketCode)].QUANTITY"
                )
            )
        }
        var item = self
        var product: Product?
        if hasProvider {
            product = context.product(id: productId).flatMap { $0.active ? $0 : nil }
        }
        let available: Amount = hasProvider ? (product == nil ? 0 : quantity) : quantity
        guard available > 0 else {
            return .refused(
                SaleError(
                    code: .basketItemWrongAvailableQuantity,
                    message: "Not enough stock of \"\(label)\"",
                    messageRu: "Недостаточно товара \"\(label)\"",
                    field: "basket[\(basketCode)].QUANTITY"
                )
            )
        }
        if let product, !customPrice {
            if refreshes, quantity > 0 {
                item.name = product.name
                if item.currency == nil { item.currency = product.currency }
            }
            item.takeCatalogPrice(product, precision: context.site.valuePrecision, note: note)
        }
        return .accepted(item)
    }

    /// What a QUANTITY change comes to on the line alone.
    enum QuantityChange {
        /// The line as the provider left it (QUANTITY not yet set).
        case accepted(BasketItem)
        /// The error `setField('QUANTITY')` returns; the line is unchanged.
        case refused(SaleError)
    }

    /// PRICE, BASE_PRICE and DISCOUNT_PRICE from the provider's PRICE_DATA; a hand-set price this replaces is
    /// reported (`EMU_CUSTOM_PRICE_REPLACED`).
    mutating func takeCatalogPrice(_ product: Product, precision: Int, note: (SaleError) -> Void) {
        let catalog = product.price.saturatingRounded(toPlaces: precision)
        if priceSetByHand, price != catalog {
            note(
                Diagnostic.priceReplaced(
                    item: basketCode,
                    productId: productId,
                    handSet: price.plainText,
                    catalog: catalog.plainText
                )
            )
        }
        price = catalog
        basePrice = catalog
        discountPrice = 0
        priceSetByHand = false
    }

    /// One line of `$basket->refreshData(['PRICE', 'QUANTITY', 'COUPONS'])` (K21 `basket/baserefreshstrategy.php`):
    /// a line with a provider gets NAME (and an unset CURRENCY) from the catalog and, unless its price is custom, the
    /// catalog price; no product, an inactive one or a quantity ≤ 0 give `CAN_BUY = N`. Lines without a provider are
    /// left alone.
    mutating func refreshFromProvider(context: SaleContext, note: (SaleError) -> Void) {
        guard hasProvider else { return }
        guard let product = context.product(id: productId), product.active, quantity > 0 else {
            canBuy = false
            return
        }
        name = product.name
        if currency == nil { currency = product.currency }
        if !customPrice { takeCatalogPrice(product, precision: context.site.valuePrecision, note: note) }
    }
}
