import Foundation
public import SaleMoney

/// A basket (`Bitrix\Sale\Basket`) on its own, before it is attached to an order with ``Order/setBasket(_:)``.
///
/// Bitrix builds a new order's basket this way: `Basket::create($siteId)`, `$basket->createItem(…)`, then
/// `$order->setBasket($basket)`. A new order has no basket until then (``Order/basket`` is nil), and every call PHP
/// would make on that `null` throws ``SaleException/fatal(_:)``.
///
/// A value: after ``Order/setBasket(_:)`` the order holds its own copy, so edit the lines through the order
/// (``Order/setBasketItemField(_:_:_:)``), as the PHP object would be edited through `$order->getBasket()`.
public struct Basket: Sendable {
    /// The site, catalog and clock the lines are checked against.
    public let context: SaleContext
    /// `LID`: the basket's site.
    public internal(set) var siteId: String
    /// The order this basket was loaded for (`ORDER_ID`), nil for a basket made with ``create(siteId:context:)``.
    public internal(set) var orderId: Int?
    /// `FUSER_ID` set with ``setFUserId(_:)``, nil until then.
    public internal(set) var fuserId: Int?
    /// The lines in creation order.
    public internal(set) var items: [BasketItem]
    /// Emulator diagnostics noticed while the lines were edited; ``Order/setBasket(_:)`` hands them to the order.
    public internal(set) var pendingDiagnostics: [SaleError] = []
    var nextCode: Int

    init(context: SaleContext, siteId: String, orderId: Int?, items: [BasketItem], nextCode: Int) {
        self.context = context
        self.siteId = siteId
        self.orderId = orderId
        self.items = items
        self.nextCode = nextCode
    }

    /// `Basket::create($siteId)`: an empty basket of a site.
    public static func create(siteId: String, context: SaleContext) -> Basket {
        Basket(context: context, siteId: siteId, orderId: nil, items: [], nextCode: 1)
    }

    /// `Basket::loadItemsForOrder($order)`: the lines of a saved order; an order never saved has none.
    public static func loadItemsForOrder(_ order: Order) -> Basket {
        guard let id = order.id else {
            return Basket(context: order.context, siteId: order.siteId, orderId: nil, items: [], nextCode: 1)
        }
        return Basket(
            context: order.context,
            siteId: order.siteId,
            orderId: id,
            items: order.data.basket,
            nextCode: order.data.nextCode
        )
    }

    /// `$basket->setFUserId($fuserId)`: the buyer's basket owner (`Fuser::getIdByUserId($userId)`).
    public mutating func setFUserId(_ fuserId: Int) { self.fuserId = fuserId }

    /// `getPrice()`: Σ round(PRICE × QUANTITY) over every line.
    public var price: Amount {
        items.reduce(Amount.zero) { $0.saturatingAdding($1.finalPrice(precision: context.site.valuePrecision)) }
    }

    /// The line with this basket code, or nil.
    public func item(_ code: Int) -> BasketItem? { items.first { $0.code == code } }

    /// `getExistsItem($moduleId, $productId, $properties)` (K21 `basketitemcollection.php`): the first line of that
    /// product that has no properties, or, when `properties` are given, whose properties are exactly those. Bitrix
    /// never merges by itself.
    public func existingItem(moduleId: String, productId: Int, properties: [BasketItemProperty] = []) -> BasketItem? {
        BasketItem.existing(in: items, moduleId: moduleId, productId: productId, properties: properties)
    }

    /// `$basketItem->getPropertyCollection()->setProperty($values)`: see ``BasketItemProperty``'s redefine rule.
    ///
    /// - Throws: ``SaleException/objectNotFound(_:)`` for an unknown code.
    public mutating func setItemProperties(_ code: Int, _ values: [BasketItemProperty]) throws(SaleException) {
        guard let index = items.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("basket item \(code)")
        }
        items[index].redefineProperties(values)
    }

    /// `$basket->createItem($moduleId, $productId)` (docs/BITRIX-SEMANTICS.md §2.1): always a new line, QUANTITY 0,
    /// PRICE 0, `CUSTOM_PRICE = N`, no provider until `PRODUCT_PROVIDER_CLASS` is set.
    ///
    /// - Returns: the line's basket code.
    @discardableResult
    public mutating func createItem(moduleId: String, productId: Int) -> Int {
        let code = nextCode
        nextCode += 1
        let sort = (items.map(\.sort).max() ?? 0) + 100
        items.append(
            BasketItem(code: code, moduleId: moduleId, productId: productId, xmlId: context.uniqueId(), sort: sort)
        )
        return code
    }

    /// `$basketItem->setField($name, $value)` on a line of this basket (docs/BITRIX-SEMANTICS.md §2.2–2.4): as
    /// ``Order/setBasketItemField(_:_:_:)`` without the order's reactions (shipments, the order currency).
    ///
    /// - Throws: ``SaleException/argumentOutOfRange(_:)`` for a name that is not settable,
    ///   ``SaleException/objectNotFound(_:)`` for an unknown code.
    public mutating func setItemField(_ code: Int, _ name: String, _ value: FieldValue) throws(SaleException)
        -> SaleResult
    {
        guard let index = items.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("basket item \(code)")
        }
        guard let field = BasketItem.Field(rawValue: name) else { throw .argumentOutOfRange("name=\(name)") }
        return setItemField(at: index, field, value)
    }

    /// ``setItemField(_:_:_:)`` with the field named by its case.
    ///
    /// - Throws: ``SaleException/objectNotFound(_:)`` for an unknown code.
    public mutating func setItemField(_ code: Int, _ field: BasketItem.Field, _ value: FieldValue)
        throws(SaleException) -> SaleResult
    {
        guard let index = items.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("basket item \(code)")
        }
        return setItemField(at: index, field, value)
    }

    private mutating func setItemField(at index: Int, _ field: BasketItem.Field, _ value: FieldValue) -> SaleResult {
        if let old = items[index].field(field), old.looselyEquals(value) { return SaleResult() }
        switch field {
        case .quantity:
            guard let quantity = value.amountValue() else { return BasketItem.notANumber(field.rawValue, value) }
            var notes: [SaleError] = []
            let changed = items[index]
                .changingQuantity(to: quantity, refreshes: true, context: context) {
                    notes.append($0)
                }
            for note in notes where !pendingDiagnostics.contains(note) { pendingDiagnostics.append(note) }
            switch changed {
            case .refused(let error): return .failure(error)
            case .accepted(var item):
                item.quantity = quantity
                items[index] = item
            }
        case .currency:
            items[index].currency = value.isEmptyText ? nil : value.text
        default:
            return items[index].apply(field, value, precision: context.site.valuePrecision)
        }
        return SaleResult()
    }

    /// `$basketItem->setFields([...])`: `CURRENCY`, `CUSTOM_PRICE`, `PRODUCT_PROVIDER_CLASS` … first, then the rest
    /// in the given order (docs/BITRIX-SEMANTICS.md §2.2).
    public mutating func setItemFields(_ code: Int, _ fields: KeyValuePairs<String, FieldValue>)
        throws(SaleException) -> SaleResult
    {
        var result = SaleResult()
        for (name, value) in BasketItem.ordered(fields) { result.merge(try setItemField(code, name, value)) }
        return result
    }

    /// The string-keyed `setItemFields` with the fields named by their cases, applied in
    /// the same order (`CURRENCY`, `CUSTOM_PRICE`, `PRODUCT_PROVIDER_CLASS` … first).
    public mutating func setItemFields(_ code: Int, _ fields: KeyValuePairs<BasketItem.Field, FieldValue>)
        throws(SaleException) -> SaleResult
    {
        var result = SaleResult()
        for (field, value) in BasketItem.ordered(fields) { result.merge(try setItemField(code, field, value)) }
        return result
    }
}

extension BasketItem {
    /// The keys of a `setFields` call in the order Bitrix applies them (`onBeforeSetFields`).
    static func ordered(_ fields: KeyValuePairs<String, FieldValue>) -> [(String, FieldValue)] {
        ordered(fields, name: { $0 })
    }

    /// The keys of a `setFields` call, whatever names them, in the order Bitrix applies them: the
    /// ``appliedFirst`` ones in that order, then the rest as given.
    static func ordered<Key>(_ fields: KeyValuePairs<Key, FieldValue>, name: (Key) -> String) -> [(Key, FieldValue)] {
        var ordered: [(Key, FieldValue)] = []
        ordered.reserveCapacity(fields.count)
        for first in appliedFirst {
            for (key, value) in fields where name(key) == first { ordered.append((key, value)) }
        }
        for (key, value) in fields where !appliedFirst.contains(name(key)) { ordered.append((key, value)) }
        return ordered
    }
}
