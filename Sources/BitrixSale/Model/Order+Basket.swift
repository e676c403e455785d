import Foundation

extension Order {
    /// `$basket->createItem($moduleId, $productId)` (§2.1): always appends a new line, never merges (use
    /// ``existingBasketItem(moduleId:productId:)`` to find one).
    ///
    /// The line starts with quantity 0, price 0, `CUSTOM_PRICE = N`; the catalog fills name and price when its QUANTITY
    /// is set.
    ///
    /// - Returns: the line's basket code.
    @discardableResult
    public mutating func createBasketItem(moduleId: String, productId: Int) -> Int {
        let code = nextCode()
        let sort = (data.basket.map(\.sort).max() ?? 0) + 100
        data.basket.append(
            BasketItem(code: code, moduleId: moduleId, productId: productId, xmlId: context.uniqueId(), sort: sort)
        )
        return code
    }

    /// `$basketItem->setField($name, $value)` (§2.2–2.4).
    ///
    /// - Throws: ``SaleException/argumentOutOfRange(_:)`` for a name that is not settable (`MODULE`, `ID`, …),
    ///   ``SaleException/objectNotFound(_:)`` for an unknown code, ``SaleException/notSupported(_:)`` for a currency
    ///   other than the order's.
    @discardableResult
    public mutating func setBasketItemField(_ code: Int, _ name: String, _ value: FieldValue) throws(SaleException)
        -> SaleResult
    {
        guard let index = data.basket.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("basket item \(code)")
        }
        guard BasketItem.settableFields.contains(name) else { throw .argumentOutOfRange("name=\(name)") }
        let item = data.basket[index]
        if let old = item.field(name), old.looselyEquals(value) { return SaleResult() }
        switch name {
        case "QUANTITY": return changingPrice { $0.setQuantity(value, at: index) }
        case "PRICE":
            guard let amount = value.decimalValue else { return Self.notANumber(name, value) }
            changingPrice {
                $0.data.basket[index].price = amount
                $0.data.basket[index].priceSetByHand = !$0.data.basket[index].customPrice
                $0.recalculateDelivery()
            }
        case "BASE_PRICE", "DISCOUNT_PRICE":
            guard let amount = value.decimalValue else { return Self.notANumber(name, value) }
            changingPrice {
                if name == "BASE_PRICE" {
                    $0.data.basket[index].basePrice = amount
                } else {
                    $0.data.basket[index].discountPrice = amount
                }
                let line = $0.data.basket[index]
                if !line.customPrice { $0.data.basket[index].price = line.basePrice - line.discountPrice }
            }
        case "CUSTOM_PRICE":
            data.basket[index].customPrice = value.flag ?? false
            if data.basket[index].customPrice { data.basket[index].priceSetByHand = false }
        case "CURRENCY":
            if let orderCurrency = data.currency, value.text != orderCurrency { throw .notSupported("CURRENCY") }
            data.basket[index].currency = value.isEmptyText ? nil : value.text
        case "NAME": data.basket[index].name = value.text
        case "PRODUCT_ID": data.basket[index].productId = value.intval
        case "SORT": data.basket[index].sort = value.intval
        case "XML_ID": data.basket[index].xmlId = value.text
        case "CAN_BUY": data.basket[index].canBuy = value.flag ?? false
        case "DELAY": data.basket[index].delay = value.flag ?? false
        case "PRODUCT_PROVIDER_CLASS": data.basket[index].productProviderClass = value.isEmptyText ? nil : value.text
        default: data.basket[index].otherFields[name] = value.text
        }
        return SaleResult()
    }

    /// `$basketItem->setFields([...])`: `CURRENCY`, `CUSTOM_PRICE`, … first, then the rest in the given order (§2.2).
    @discardableResult
    public mutating func setBasketItemFields(_ code: Int, _ fields: KeyValuePairs<String, FieldValue>)
        throws(SaleException) -> SaleResult
    {
        let first = BasketItem.appliedFirst.flatMap { name in fields.filter { $0.key == name } }
        let rest = fields.filter { !BasketItem.appliedFirst.contains($0.key) }
        var result = SaleResult()
        for (name, value) in first + rest { result.merge(try setBasketItemField(code, name, value)) }
        return result
    }

    /// Removes a basket line and its shipment items; refused when a shipped shipment holds it.
    @discardableResult
    public mutating func deleteBasketItem(_ code: Int) throws(SaleException) -> SaleResult {
        guard data.basket.contains(where: { $0.code == code }) else { throw .objectNotFound("basket item \(code)") }
        if data.shipments.contains(where: { $0.deducted && $0.quantity(ofBasketItem: code) > 0 }) {
            return .failure(
                Self.error(
                    "SALE_SHIPMENT_ITEM_SHIPMENT_ALREADY_SHIPPED_CANNOT_EDIT",
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

    private static func notANumber(_ name: String, _ value: FieldValue) -> SaleResult {
        .failure(SaleError(code: "0", message: "\(name) must be a number, got \"\(value.text)\"", field: name))
    }

    /// QUANTITY: zero refused; the catalog provider fills name, currency and (unless custom) the price; shipments
    /// follow (§2.3, §2.4, §3.3).
    private mutating func setQuantity(_ value: FieldValue, at index: Int) -> SaleResult {
        var item = data.basket[index]
        let label = item.name.isEmpty ? "#\(item.productId)" : item.name
        guard let quantity = value.decimalValue else { return Self.notANumber("QUANTITY", value) }
        if quantity == 0 {
            return .failure(
                SaleError(
                    code: "0",
                    message: "Product \"\(label)\" quantity cannot be zero or less than zero",
                    messageRu: "Количество товара \"\(label)\" не может быть нулевым или отрицательным",
                    field: "basket[\(item.basketCode)].QUANTITY"
                )
            )
        }
        if !item.isCustom {
            guard let product = context.product(id: item.productId) else {
                return .failure(
                    SaleError(
                        code: "SALE_BASKET_ITEM_WRONG_PRICE",
                        message: "Error getting the price for \"\(label)\"",
                        field: "basket[\(item.basketCode)].PRODUCT_ID"
                    )
                )
            }
            guard product.active else {
                return .failure(
                    SaleError(
                        code: "SALE_BASKET_ITEM_WRONG_AVAILABLE_QUANTITY",
                        message: "Not enough stock of \"\(product.name)\"",
                        field: "basket[\(item.basketCode)].QUANTITY"
                    )
                )
            }
            if item.name.isEmpty { item.name = product.name }
            if item.currency == nil { item.currency = product.currency }
            if !item.customPrice {
                if item.priceSetByHand, item.price != product.price {
                    note(
                        Diagnostic.priceReplaced(
                            item: item.basketCode,
                            productId: item.productId,
                            handSet: Money.plainText(item.price),
                            catalog: Money.plainText(product.price)
                        )
                    )
                }
                item.price = product.price
                item.basePrice = product.price
                item.discountPrice = 0
                item.priceSetByHand = false
            }
        }
        // Shipments: the lone editable real shipment holding the line follows; otherwise the system shipment does,
        // and it cannot give back more than it holds (§3.3).
        let distributed = distributedQuantity(ofBasketItem: item.code)
        let delta = quantity - item.quantity
        let holders = data.shipments.indices.filter { data.shipments[$0].quantity(ofBasketItem: item.code) > 0 }
        if data.shipments.count == 1, let only = holders.first, holders.count == 1, isAutoEditable(data.shipments[only])
        {
            if let line = data.shipments[only].items.firstIndex(where: { $0.basketCode == item.code }) {
                data.shipments[only].items[line].quantity += delta
            }
        } else if distributed > 0, quantity < distributed {
            // Only quantity already spread over real shipments limits a decrease; with none, even a negative
            // quantity passes setField and is caught by verify() at save (§2.4, §10.6).
            return .failure(
                Self.error(
                    "SALE_ORDER_SYSTEM_SHIPMENT_LESS_QUANTITY",
                    "The quantity of \"\(label)\" is less than what its shipments already hold (\(Money.plainText(distributed)))",
                    field: "basket[\(item.basketCode)].QUANTITY"
                )
            )
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
