import Foundation

extension Order {
    /// `$order->getBasket()`: nil on a new order until ``setBasket(_:)`` or ``appendBasket(_:)`` (K21/R22
    /// `orderbase.php` loadBasket returns null while ID = 0); a saved order's lines otherwise.
    ///
    /// The value is a copy: edit the lines through the order (``setBasketItemField(_:_:_:)`` …).
    public var basket: Basket? {
        guard hasBasket else { return nil }
        return Basket(
            context: context,
            siteId: data.siteId,
            orderId: data.id,
            items: data.basket,
            nextCode: data.nextCode
        )
    }

    /// Whether `getBasket()` returns a basket: once one is attached, and always for a saved order.
    public var hasBasket: Bool { basketAttached || data.id != nil }

    /// Throws the fatal error PHP dies with when `$order->getBasket()->method()` runs on a new order without a basket.
    func requireBasket(_ method: String) throws(SaleException) {
        guard hasBasket else { throw .fatal(.callOnNull(method)) }
    }

    /// `$order->setBasket($basket)` (K21 `orderbase.php`, `order.php` setBasket): attaches the basket, refreshes its
    /// lines through their providers (name, currency, the catalog price of non-custom lines, `CAN_BUY = N` for a
    /// product that is gone), then `resetCollection()` deletes every shipment so the system shipment holds every
    /// quantity, and the order price is recalculated.
    ///
    /// - Throws: ``SaleException/notSupported(_:)`` on a saved order (`appendBasket` refuses an order with an ID).
    public mutating func setBasket(_ basket: Basket) throws(SaleException) -> SaleResult {
        try attach(basket, refresh: true)
    }

    /// `$order->appendBasket($basket)`: as ``setBasket(_:)`` without the provider refresh.
    ///
    /// - Throws: ``SaleException/notSupported(_:)`` on a saved order.
    public mutating func appendBasket(_ basket: Basket) throws(SaleException) -> SaleResult {
        try attach(basket, refresh: false)
    }

    private mutating func attach(_ basket: Basket, refresh: Bool) throws(SaleException) -> SaleResult {
        guard isNew else { throw .notSupported("appendBasket on an order with ID \(data.id ?? 0)") }
        for diagnostic in basket.pendingDiagnostics { note(diagnostic) }
        var notes: [SaleError] = []
        changingPrice { order in
            order.basketAttached = true
            order.data.basket = basket.items
            order.data.nextCode = max(order.data.nextCode, basket.nextCode)
            if refresh {
                for index in order.data.basket.indices {
                    order.data.basket[index].refreshFromProvider(context: order.context) { notes.append($0) }
                }
            }
            // ShipmentCollection::resetCollection(): every shipment is deleted; the system shipment takes it all.
            order.data.shipments.removeAll()
            order.data.otherFields["PRICE_DELIVERY"] = nil
        }
        for diagnostic in notes { note(diagnostic) }
        return SaleResult()
    }

    /// `$order->getBasket()->createItem($moduleId, $productId)` (docs/BITRIX-SEMANTICS.md §2.1): always appends a new
    /// line, never merges.
    ///
    /// The line starts with quantity 0, price 0, `CUSTOM_PRICE = N` and no provider.
    ///
    /// - Returns: the line's basket code.
    /// - Throws: ``SaleException/fatal(_:)`` (`createItem() on null`) while a new order has no basket.
    @discardableResult
    public mutating func createBasketItem(moduleId: String, productId: Int) throws(SaleException) -> Int {
        try requireBasket("createItem")
        let code = nextCode()
        let sort = (data.basket.map(\.sort).max() ?? 0) + 100
        data.basket.append(
            BasketItem(code: code, moduleId: moduleId, productId: productId, xmlId: context.uniqueId(), sort: sort)
        )
        return code
    }

    /// `$order->getBasket()->getExistsItem($moduleId, $productId, $properties)`: the first line of that product
    /// without properties, or with exactly `properties`.
    ///
    /// - Throws: ``SaleException/fatal(_:)`` while a new order has no basket.
    public func existingBasketItem(moduleId: String, productId: Int, properties: [BasketItemProperty] = [])
        throws(SaleException) -> BasketItem?
    {
        try requireBasket("getExistsItem")
        return BasketItem.existing(in: data.basket, moduleId: moduleId, productId: productId, properties: properties)
    }

    /// `$basketItem->getPropertyCollection()->setProperty($values)` on a line of the order's basket (K21
    /// `basketpropertiesbase.php` redefine).
    ///
    /// - Throws: ``SaleException/fatal(_:)`` while a new order has no basket, ``SaleException/objectNotFound(_:)``
    ///   for an unknown code.
    public mutating func setBasketItemProperties(_ code: Int, _ values: [BasketItemProperty]) throws(SaleException) {
        try requireBasket("getItemByBasketCode")
        guard let index = data.basket.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("basket item \(code)")
        }
        data.basket[index].redefineProperties(values)
    }

    /// `$basketItem->setField($name, $value)` (docs/BITRIX-SEMANTICS.md §2.2–2.4) on a line of the order's basket.
    ///
    /// - Throws: ``SaleException/fatal(_:)`` while a new order has no basket,
    ///   ``SaleException/argumentOutOfRange(_:)`` for a name that is not settable (`MODULE`, `ID`, …),
    ///   ``SaleException/objectNotFound(_:)`` for an unknown code, ``SaleException/notSupported(_:)`` for a currency
    ///   other than the order's.
    public mutating func setBasketItemField(_ code: Int, _ name: String, _ value: FieldValue) throws(SaleException)
        -> SaleResult
    {
        try requireBasket("getItemByBasketCode")
        guard let index = data.basket.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("basket item \(code)")
        }
        guard let field = BasketItem.Field(rawValue: name) else { throw .argumentOutOfRange("name=\(name)") }
        let item = data.basket[index]
        if let old = item.field(field), old.looselyEquals(value) { return SaleResult() }
        switch field {
        case .quantity: return changingPrice { $0.setQuantity(value, at: index) }
        case .price, .basePrice, .discountPrice:
            return changingPrice {
                let result = $0.data.basket[index].apply(field, value, precision: $0.precision)
                if field == .price { $0.recalculateDelivery() }
                return result
            }
        case .currency:
            if let orderCurrency = data.currency, value.text != orderCurrency { throw .notSupported("CURRENCY") }
            data.basket[index].currency = value.isEmptyText ? nil : value.text
        default:
            return data.basket[index].apply(field, value, precision: precision)
        }
        return SaleResult()
    }

    /// `$basketItem->setFields([...])`: `CURRENCY`, `CUSTOM_PRICE`, … first, then the rest in the given order
    /// (docs/BITRIX-SEMANTICS.md §2.2).
    public mutating func setBasketItemFields(_ code: Int, _ fields: KeyValuePairs<String, FieldValue>)
        throws(SaleException) -> SaleResult
    {
        var result = SaleResult()
        for (name, value) in BasketItem.ordered(fields) { result.merge(try setBasketItemField(code, name, value)) }
        return result
    }

    /// Removes a basket line and its shipment items; refused when a shipped shipment holds it.
    ///
    /// - Throws: ``SaleException/fatal(_:)`` while a new order has no basket.
    public mutating func deleteBasketItem(_ code: Int) throws(SaleException) -> SaleResult {
        try requireBasket("getItemByBasketCode")
        guard data.basket.contains(where: { $0.code == code }) else { throw .objectNotFound("basket item \(code)") }
        if data.shipments.contains(where: { $0.deducted && $0.quantity(ofBasketItem: code) > 0 }) {
            return .failure(
                Self.error(
                    .shipmentItemAlreadyShippedCannotEdit,
                    "The shipment has already been shipped and cannot be edited"
                )
            )
        }
        changingPrice {
            $0.data.basket.removeAll { $0.code == code }
            for shipment in $0.data.shipments.indices {
                $0.data.shipments[shipment].items.removeAll { $0.basketCode == code }
            }
            $0.recalculateDelivery()
        }
        return SaleResult()
    }

    /// QUANTITY: the provider decides (``BasketItem/changingQuantity(to:refreshes:context:note:)``), then the
    /// shipments follow (docs/BITRIX-SEMANTICS.md §3.3, K21 `shipmentcollection.php` onBasketModify / isAllowAutoEdit).
    ///
    /// The lone real shipment takes the change when it may be edited automatically (not allowed, canceled or shipped)
    /// and the line is new or not in the system shipment (B21); otherwise the system shipment does, and it cannot give
    /// back more than it holds.
    private mutating func setQuantity(_ value: FieldValue, at index: Int) -> SaleResult {
        let current = data.basket[index]
        guard let quantity = value.amountValue() else { return BasketItem.notANumber("QUANTITY", value) }
        var notes: [SaleError] = []
        let changed = current.changingQuantity(to: quantity, refreshes: isNew, context: context) { notes.append($0) }
        for diagnostic in notes { note(diagnostic) }
        var item: BasketItem
        switch changed {
        case .refused(let error): return .failure(error)
        case .accepted(let accepted): item = accepted
        }
        let delta = quantity.saturatingSubtracting(current.quantity)
        let inSystem = current.quantity.saturatingSubtracting(distributedQuantity(ofBasketItem: current.code))
        if data.shipments.count == 1, isAutoEditable(data.shipments[0]), current.id == nil || inSystem <= 0 {
            if let line = data.shipments[0].items.firstIndex(where: { $0.basketCode == current.code }) {
                // A decrease larger than what the shipment holds leaves it empty; the rest comes off the system one.
                data.shipments[0].items[line].quantity = max(
                    0,
                    data.shipments[0].items[line].quantity.saturatingAdding(delta)
                )
            } else if delta > 0 {
                data.shipments[0].items.append(ShipmentItem(basketCode: current.code, quantity: delta, id: nil))
            }
        } else {
            let distributed = distributedQuantity(ofBasketItem: current.code)
            if distributed > 0, quantity < distributed {
                return .failure(
                    Self.error(
                        .systemShipmentLessQuantity,
                        "The quantity of \"\(current.label)\" is less than what its shipments already hold "
                            + "(\(distributed.plainText))",
                        field: "basket[\(current.basketCode)].QUANTITY"
                    )
                )
            }
        }
        item.quantity = quantity
        data.basket[index] = item
        recalculateDelivery()
        return SaleResult()
    }

    private func isAutoEditable(_ shipment: Shipment) -> Bool {
        !shipment.allowDelivery && !shipment.deducted && !shipment.canceled
    }
}
