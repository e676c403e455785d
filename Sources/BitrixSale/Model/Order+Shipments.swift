import Foundation
public import SaleMoney

extension Order {
    /// The code that stands for the hidden system shipment: every edit of it throws, as in Bitrix.
    public static let systemShipmentCode = 0

    /// `$shipmentCollection->createItem($service)` (docs/BITRIX-SEMANTICS.md §3.1): a real shipment with status DN and
    /// N flags.
    ///
    /// Without a service id, or with an id that names no service (`Manager::getObjectById` returns null), the
    /// shipment gets the "no delivery" service, as Bitrix does quietly; the latter is reported as a diagnostic.
    @discardableResult
    public mutating func createShipment(deliveryId: Int? = nil) -> Int {
        let code = nextCode()
        var service = context.emptyDelivery
        if let deliveryId {
            if let found = context.deliveryService(id: deliveryId) {
                service = found
            } else {
                note(
                    SaleError(
                        code: .unknownDeliveryService,
                        message:
                            "Delivery service \(deliveryId) does not exist; Bitrix's createItem(null) quietly uses "
                            + "the \"no delivery\" service \(service.id)",
                        field: "shipments.DELIVERY_ID"
                    )
                )
            }
        }
        data.shipments.append(Shipment(code: code, delivery: service, xmlId: context.uniqueId()))
        return code
    }

    /// `$shipment->setField($name, $value)` (docs/BITRIX-SEMANTICS.md §3.4, §3.6).
    ///
    /// - Throws: ``SaleException/notSupported(_:)`` on the system shipment (``systemShipmentCode``),
    ///   ``SaleException/argumentOutOfRange(_:)`` for a name outside the catalogue.
    public mutating func setShipmentField(_ code: Int, _ name: String, _ value: FieldValue) throws(SaleException)
        -> SaleResult
    {
        if code == Self.systemShipmentCode { throw .notSupported("system shipment cannot be modified") }
        guard let index = data.shipments.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("shipment \(code)")
        }
        guard Shipment.settableFields.contains(name) else { throw .argumentOutOfRange("name=\(name)") }
        if let old = data.shipments[index].field(name), old.looselyEquals(value) { return SaleResult() }
        let now = context.clock.now()
        switch name {
        case "DELIVERY_ID":
            let id = value.intval
            if id > 0 {
                guard let service = context.deliveryService(id: id) else {
                    return .failure(
                        Self.error(
                            .wrongDeliveryService,
                            "Incorrect delivery service specified",
                            field: "DELIVERY_ID"
                        )
                    )
                }
                data.shipments[index].deliveryId = id
                data.shipments[index].deliveryName = service.name
            } else {
                data.shipments[index].deliveryId = id
            }
        case "PRICE_DELIVERY", "BASE_PRICE_DELIVERY", "DISCOUNT_PRICE":
            guard let amount = value.amountValue() else {
                return .failure(BasketItem.notANumberError(name, value))
            }
            if data.canceled {
                return .failure(
                    Self.error(
                        .priceDeliveryOrderCanceled,
                        "Cannot change the delivery price of a canceled order"
                    )
                )
            }
            // A delivery-price change is pushed into the order as a delta (docs/BITRIX-SEMANTICS.md §1.6): a hand-set
            // PRICE moves with it.
            changingPrice(recalculates: false) {
                let before = $0.data.shipments[index].priceDelivery
                var shipment = $0.data.shipments[index]
                switch name {
                case "PRICE_DELIVERY":
                    shipment.priceDelivery = amount
                    shipment.priceSetByHand = !shipment.customPriceDelivery
                case "BASE_PRICE_DELIVERY":
                    shipment.basePriceDelivery = amount
                    if !shipment.customPriceDelivery {
                        shipment.priceDelivery = amount.saturatingSubtracting(shipment.discountPrice)
                    }
                default:
                    shipment.discountPrice = amount
                    if !shipment.customPriceDelivery {
                        shipment.priceDelivery = shipment.basePriceDelivery.saturatingSubtracting(amount)
                    }
                }
                $0.data.shipments[index] = shipment
                if let manual = $0.data.manualPrice {
                    $0.data.manualPrice = manual.saturatingAdding(shipment.priceDelivery).saturatingSubtracting(before)
                }
                $0.shipmentDeliveryPriceChanged(from: before, to: shipment.priceDelivery)
            }
        case "CUSTOM_PRICE_DELIVERY":
            data.shipments[index].customPriceDelivery = value.flag ?? false
            if data.shipments[index].customPriceDelivery { data.shipments[index].priceSetByHand = false }
        case "ALLOW_DELIVERY":
            if data.canceled {
                return .failure(
                    Self.error(.allowDeliveryOrderCanceled, "Cannot allow delivery of a canceled order")
                )
            }
            data.shipments[index].allowDelivery = value.flag ?? false
            data.shipments[index].otherFields["DATE_ALLOW_DELIVERY"] = FieldValue.date(now).text
        case "DEDUCTED":
            if data.canceled {
                return .failure(Self.error(.shipmentOrderCanceled, "Cannot ship a canceled order"))
            }
            data.shipments[index].deducted = value.flag ?? false
            // The order's DEDUCTED follows its shipments again (ShipmentCollection::isShipped).
            data.otherFields["DEDUCTED"] = nil
            data.shipments[index].otherFields["DATE_DEDUCTED"] = FieldValue.date(now).text
        case "STATUS_ID": data.shipments[index].statusId = value.text
        case "DELIVERY_NAME": data.shipments[index].deliveryName = value.text
        case "CANCELED": data.shipments[index].canceled = value.flag ?? false
        case "MARKED":
            data.shipments[index].marked = value.flag ?? false
            if !data.shipments[index].marked { data.shipments[index].reasonMarked = nil }
        case "REASON_MARKED": data.shipments[index].reasonMarked = value.isEmptyText ? nil : value.text
        case "ACCOUNT_NUMBER": data.shipments[index].accountNumber = value.text
        case "XML_ID": data.shipments[index].xmlId = value.text
        default: data.shipments[index].otherFields[name] = value.text
        }
        return SaleResult()
    }

    /// `$shipmentItemCollection->createItem($basketItem)` without a quantity: the item starts at 0, which `verify()`
    /// reports at save and which is not saved (docs/BITRIX-SEMANTICS.md §3.3, §9.6).
    ///
    /// Returns nothing new when the item exists already.
    public mutating func createShipmentItem(shipment code: Int, basketItem basketCode: Int) throws(SaleException)
        -> SaleResult
    {
        if code == Self.systemShipmentCode { throw .notSupported("system shipment cannot be modified") }
        guard let index = data.shipments.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("shipment \(code)")
        }
        guard data.basket.contains(where: { $0.code == basketCode }) else {
            throw .objectNotFound("basket item \(basketCode)")
        }
        if data.shipments[index].deducted {
            return .failure(
                Self.error(
                    .shipmentItemAlreadyShippedCannotEdit,
                    "The shipment has already been shipped and cannot be edited"
                )
            )
        }
        if !data.shipments[index].items.contains(where: { $0.basketCode == basketCode }) {
            data.shipments[index].items.append(ShipmentItem(basketCode: basketCode, quantity: 0, id: nil))
        }
        return SaleResult()
    }

    /// `createItem($basketItem)` then `setQuantity($quantity)` (docs/BITRIX-SEMANTICS.md §3.3): moves quantity out of
    /// (or back into) the system shipment, which must hold at least the increase.
    ///
    /// For a new order the delivery price is recalculated.
    public mutating func setShipmentItemQuantity(shipment code: Int, basketItem basketCode: Int, quantity: Amount)
        throws(SaleException) -> SaleResult
    {
        let created = try createShipmentItem(shipment: code, basketItem: basketCode)
        guard created.isSuccess else { return created }
        guard let index = data.shipments.firstIndex(where: { $0.code == code }),
            let line = data.shipments[index].items.firstIndex(where: { $0.basketCode == basketCode }),
            let basketItem = basketItem(basketCode)
        else { throw .objectNotFound("shipment item \(code)/\(basketCode)") }
        let current = data.shipments[index].items[line].quantity
        let delta = quantity.saturatingSubtracting(current)
        let available = basketItem.quantity.saturatingSubtracting(distributedQuantity(ofBasketItem: basketCode))
        if delta > available {
            let label = basketItem.name.isEmpty ? "#\(basketItem.productId)" : basketItem.name
            return .failure(
                Self.error(
                    .shipmentItemLessAvailableQuantity,
                    "The available quantity of \"\(label)\" (\(available.plainText)) is less than specified "
                        + "(\(delta.plainText))",
                    field: "shipments[\(code)].items[\(basketItem.basketCode)].QUANTITY"
                )
            )
        }
        changingPrice {
            $0.data.shipments[index].items[line].quantity = quantity
            if $0.isNew { $0.recalculateDelivery(only: code) }
        }
        return SaleResult()
    }

    /// Deletes a real shipment; its items go back to the system shipment.
    ///
    /// A shipped one is refused (docs/BITRIX-SEMANTICS.md §3.6).
    public mutating func deleteShipment(_ code: Int) throws(SaleException) -> SaleResult {
        if code == Self.systemShipmentCode { throw .notSupported("system shipment cannot be deleted") }
        guard let index = data.shipments.firstIndex(where: { $0.code == code }) else {
            throw .objectNotFound("shipment \(code)")
        }
        if data.shipments[index].deducted {
            return .failure(
                Self.error(.shipmentExistShipped, "Partial shipment was already shipped. Cancel shipment")
            )
        }
        changingPrice {
            _ = $0.data.shipments.remove(at: index)
            // The emulator does not follow Bitrix's PRICE_DELIVERY bookkeeping through a delete: the sum again.
            $0.data.otherFields["PRICE_DELIVERY"] = nil
        }
        return SaleResult()
    }

    /// `ShipmentCollection::calculateDelivery()` (docs/BITRIX-SEMANTICS.md §3.4): real shipments with a service and no
    /// custom price take the service's price; a hand-set price that this replaces is reported.
    mutating func recalculateDelivery(only code: Int? = nil) {
        for index in data.shipments.indices {
            let shipment = data.shipments[index]
            guard code == nil || shipment.code == code, shipment.deliveryId > 0, !shipment.customPriceDelivery,
                let service = context.deliveryService(id: shipment.deliveryId), !service.isEmptyDelivery,
                !shipment.isEmpty
            else { continue }
            let newPrice = service.price.saturatingSubtracting(shipment.discountPrice)
            if shipment.priceSetByHand, shipment.priceDelivery != newPrice {
                note(
                    Diagnostic.deliveryPriceReplaced(
                        shipment: shipment.accountNumber ?? "#\(shipment.code)",
                        handSet: shipment.priceDelivery.plainText,
                        service: newPrice.plainText
                    )
                )
            }
            data.shipments[index].basePriceDelivery = service.price
            data.shipments[index].priceDelivery = newPrice
            data.shipments[index].priceSetByHand = false
            shipmentDeliveryPriceChanged(from: shipment.priceDelivery, to: newPrice)
        }
    }
}

extension Order {
    /// `$shipment->setFields([...])`: `setShipmentField` per key in the given order, results merged.
    public mutating func setShipmentFields(_ code: Int, _ fields: KeyValuePairs<String, FieldValue>)
        throws(SaleException) -> SaleResult
    {
        var result = SaleResult()
        for (name, value) in fields { result.merge(try setShipmentField(code, name, value)) }
        return result
    }
}
