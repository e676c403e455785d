import Foundation

extension Order {
    /// `$order->verify()` (docs/BITRIX-SEMANTICS.md §6.1 step 4): the problems Bitrix finds at save and turns into
    /// warnings (18.x+): basket quantities ≤ 0, missing item currency, a shipment without delivery service, shipment
    /// items of quantity 0, a payment without pay system, property values of the wrong format.
    public func verify() -> [SaleError] {
        var problems: [SaleError] = []
        for item in data.basket {
            let label = item.name.isEmpty ? "#\(item.productId)" : item.name
            if item.quantity <= 0 {
                problems.append(
                    SaleError(
                        code: .generic,
                        message: "Product \"\(label)\" quantity cannot be zero or less than zero",
                        messageRu: "Количество товара \"\(label)\" не может быть нулевым или отрицательным",
                        field: "basket[\(item.basketCode)].QUANTITY"
                    )
                )
            }
            if (item.currency ?? "").isEmpty {
                problems.append(
                    SaleError(
                        code: .generic,
                        message: "Product currency is missing",
                        field: "basket[\(item.basketCode)].CURRENCY"
                    )
                )
            }
        }
        for shipment in data.shipments {
            if shipment.deliveryId <= 0 {
                problems.append(
                    SaleError(
                        code: .shipmentDeliveryServiceEmpty,
                        message: "Delivery service is not specified",
                        field: "shipments[\(shipment.code)].DELIVERY_ID"
                    )
                )
            }
            for item in shipment.items where item.quantity <= 0 {
                problems.append(
                    SaleError(
                        code: .shipmentItemQuantityEmpty,
                        message: "Shipment item quantity is empty (basket item \(item.basketCode))",
                        field: "shipments[\(shipment.code)].items[\(item.basketCode)].QUANTITY"
                    )
                )
            }
        }
        for payment in data.payments where payment.paySystemId <= 0 {
            problems.append(
                SaleError(
                    code: .paymentServiceEmpty,
                    message: "Payment system is not specified",
                    field: "payments[\(payment.code)].PAY_SYSTEM_ID"
                )
            )
        }
        for value in data.properties ?? [] {
            guard let text = value.value, !text.isEmpty, let definition = context.property(id: value.propertyId) else {
                continue
            }
            if let message = Self.formatProblem(text, definition, context: context) {
                problems.append(
                    SaleError(
                        code: .property(id: definition.id),
                        message: "Order property \"\(definition.name)\" - \(message)",
                        field: "properties.\(definition.code)"
                    )
                )
            }
        }
        return problems
    }

    /// The format check of a non-empty property value (docs/BITRIX-SEMANTICS.md §5.4), or nil when it passes.
    static func formatProblem(_ text: String, _ definition: OrderPropertyDefinition, context: SaleContext) -> String? {
        switch definition.type {
        case .string:
            let maxLength = (definition.maxLength ?? 0) > 0 ? definition.maxLength! : 500
            // Characters never outnumber UTF-8 bytes: count them only when the bytes could be too many.
            if text.utf8.count > maxLength, text.count > maxLength { return "length is over \(maxLength) characters" }
            if let minLength = definition.minLength, minLength > 0, text.count < minLength {
                return "length is under \(minLength) characters"
            }
            if let pattern = definition.pattern, !pattern.isEmpty {
                let regex = context.regularExpression(pattern)
                let range = NSRange(text.startIndex..., in: text)
                if regex?.firstMatch(in: text, range: range) == nil { return "does not match the pattern" }
            }
            if definition.isEmail, !isEmail(text) { return "Incorrect email address" }
        case .number:
            if !isPlainInteger(text), Money.parse(text) == nil { return "not a number" }
        case .yesNo:
            if text != "Y" && text != "N" { return "input error" }
        case .enumeration:
            if !definition.options.contains(text) { return "input error" }
        case .date:
            if !context.dateFormat.accepts(text) { return "input error" }
        default:
            return nil
        }
        return nil
    }

    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }

    /// Up to 18 ASCII digits: a number `Money.parse` always reads, known without building a `Decimal`.
    private static func isPlainInteger(_ text: String) -> Bool {
        let bytes = text.utf8
        return !bytes.isEmpty && bytes.count <= 18 && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
