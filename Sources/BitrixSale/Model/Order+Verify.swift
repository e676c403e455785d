import Foundation

extension Order {
    /// `$order->verify()` (§6.1 step 4): the problems Bitrix finds at save and turns into warnings (18.x+): basket
    /// quantities ≤ 0, missing item currency, a shipment without delivery service, shipment items of quantity 0, a
    /// payment without pay system, property values of the wrong format.
    public func verify() -> [SaleError] {
        var problems: [SaleError] = []
        for item in data.basket {
            let label = item.name.isEmpty ? "#\(item.productId)" : item.name
            if item.quantity <= 0 {
                problems.append(
                    SaleError(
                        code: "0",
                        message: "Product \"\(label)\" quantity cannot be zero or less than zero",
                        messageRu: "Количество товара \"\(label)\" не может быть нулевым или отрицательным",
                        field: "basket[\(item.basketCode)].QUANTITY"
                    )
                )
            }
            if (item.currency ?? "").isEmpty {
                problems.append(
                    SaleError(
                        code: "0",
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
                        code: "SALE_SHIPMENT_DELIVERY_SERVICE_EMPTY",
                        message: "Delivery service is not specified",
                        field: "shipments[\(shipment.code)].DELIVERY_ID"
                    )
                )
            }
            for item in shipment.items where item.quantity <= 0 {
                problems.append(
                    SaleError(
                        code: "SALE_SHIPMENT_ITEM_ERR_QUANTITY_EMPTY",
                        message: "Shipment item quantity is empty (basket item \(item.basketCode))",
                        field: "shipments[\(shipment.code)].items[\(item.basketCode)].QUANTITY"
                    )
                )
            }
        }
        for payment in data.payments where payment.paySystemId <= 0 {
            problems.append(
                SaleError(
                    code: "SALE_PAYMENT_PAYMENT_SERVICE_EMPTY",
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
                        code: "PROPERTIES[\(definition.id)]",
                        message: "Order property \"\(definition.name)\" - \(message)",
                        field: "properties.\(definition.code)"
                    )
                )
            }
        }
        return problems
    }

    /// The format check of a non-empty property value (§5.4), or nil when it passes.
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
            if !isDate(text) { return "input error" }
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

    /// `YYYY-MM-DD` (as the API stores it) or Bitrix's site format `DD.MM.YYYY`, a real calendar date.
    static func isDate(_ text: String) -> Bool {
        if let known = isGregorianDate(text) { return known }
        let iso = text.split(separator: "-").compactMap { Int($0) }
        let dotted = text.split(separator: ".").compactMap { Int($0) }
        let parts: (Int, Int, Int)
        if iso.count == 3, text.count == 10, text.dropFirst(4).first == "-" {
            parts = (iso[0], iso[1], iso[2])
        } else if dotted.count == 3, text.count == 10 {
            parts = (dotted[2], dotted[1], dotted[0])
        } else {
            return false
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: parts.0, month: parts.1, day: parts.2)
        guard let date = calendar.date(from: components) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == parts.0 && back.month == parts.1 && back.day == parts.2
    }

    /// ``isDate(_:)`` without `Calendar` for the common spellings.
    ///
    /// Handles all-digit `YYYY-MM-DD` or `DD.MM.YYYY` with a year from 1583 to 9999 (after the Julian–Gregorian
    /// switch, where `Calendar(identifier: .gregorian)` is the plain Gregorian calendar); nil for anything else, which
    /// ``isDate(_:)`` decides with `Calendar` as before.
    private static func isGregorianDate(_ text: String) -> Bool? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        let year: Int?
        let month: Int?
        let day: Int?
        if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        } else if bytes[2] == UInt8(ascii: "."), bytes[5] == UInt8(ascii: ".") {
            (year, month, day) = (number(6..<10), number(3..<5), number(0..<2))
        } else {
            return nil
        }
        guard let year, let month, let day, year >= 1583 else { return nil }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let length =
            switch month {
            case 2: leap ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        return day <= length
    }
}
