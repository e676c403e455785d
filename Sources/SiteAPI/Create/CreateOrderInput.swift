import BitrixSale
import Foundation
import SaleJSON
import SaleMoney

/// A create-order body that passed every field rule: what the order will be built from.
struct CreateOrderInput: Sendable {
    /// One basket line after merging lines of the same product.
    struct Line: Sendable, Hashable {
        var productId: Int
        var quantity: Int
        /// The given price (`CUSTOM_PRICE = Y`), or nil for the catalog price.
        var customPrice: Amount?
        /// The price that applies (given or catalog).
        var effectivePrice: Amount
    }

    var railwayOrderId: Int
    var customerName: String
    var customerPhone: String
    var deliveryAddress: String
    var deliveryDate: String
    var deliveryTime: String
    var recipientName: String?
    var recipientPhone: String?
    var lines: [Line]
    var basketSum: Amount
    var deliveryPrice: Amount
    var totalAmount: Amount
    var paySystem: PaySystem?
    var notes: String?
    var deliveryId: Int

    /// The order properties by code, in the order they are set.
    var properties: [(code: String, value: String?)] {
        [
            ("FIO", customerName), ("PHONE", customerPhone), ("ADDRESS", deliveryAddress),
            ("DELIVERY_DATE", deliveryDate), ("DELIVERY_TIME", deliveryTime), ("RECIPIENT_NAME", recipientName),
            ("RECIPIENT_PHONE", recipientPhone), ("RAILWAY_ORDER_ID", String(railwayOrderId)),
        ]
    }

    /// The body fields the create endpoint knows.
    static let knownFields: Set<String> = [
        "railway_order_id", "customer_name", "customer_phone", "delivery_address", "delivery_date", "delivery_time",
        "recipient_name", "recipient_phone", "items", "delivery_price", "total_amount", "payment_method", "notes",
        "delivery_id",
    ]

    /// The fields an `items` element knows.
    static let knownItemFields: Set<String> = ["product_id", "quantity", "price"]

    /// The `warnings` of a create answer: every unknown field, top level and in `items`, once, in body order.
    static func warnings(for body: [(key: String, value: JSONValue)]) -> [String] {
        var warnings: [String] = []
        var seen: Set<String> = []  // linear in the number of keys, not quadratic
        func note(_ name: String) {
            let text = "Unknown field \"\(excerpt(name, limit: 100))\" was ignored"
            if seen.insert(text).inserted { warnings.append(text) }
        }
        for (key, value) in body {
            if !knownFields.contains(key) {
                note(key)
            } else if key == "items", case .array(let items) = value {
                for (index, item) in items.enumerated() {
                    for (itemKey, _) in item.objectMembers ?? [] where !knownItemFields.contains(itemKey) {
                        note("items[\(index)].\(itemKey)")
                    }
                }
            }
        }
        return warnings
    }
}

/// Checks a create-order body against every field rule of the contract and reports all problems at once.
struct CreateOrderValidator {
    let engine: SaleEngine
    let options: APIOptions
    let time: SiteTime
    /// Person type 1's property definitions by code.
    let properties: [String: OrderPropertyDefinition]

    /// Checks a parsed body (its fields read by member lookup).
    func validate(_ body: JSONValue) -> Result<CreateOrderInput, APIError> { validate(CreateFields(tree: body)) }

    /// Checks the fields of a body, however they were read (a tree or ``CreateBodyDecoder``).
    func validate(_ body: CreateFields) -> Result<CreateOrderInput, APIError> {
        var reader = FieldReader()
        let site = engine.site
        let railwayOrderId = reader.id(body.railwayOrderId, "railway_order_id", required: true)
        let customerName = reader.text(
            body.customerName,
            "customer_name",
            required: true,
            maxLength: options.maxNameLength,
            refuseControl: true
        )
        let customerPhone = reader.phone(body.customerPhone, "customer_phone", required: true)
        let deliveryAddress = reader.text(
            body.deliveryAddress,
            "delivery_address",
            required: true,
            maxLength: options.maxTextLength
        )
        let deliveryDate = date(body.deliveryDate, &reader)
        let deliveryTime = timeRange(body.deliveryTime, &reader)
        let recipientName = reader.text(
            body.recipientName,
            "recipient_name",
            required: false,
            maxLength: options.maxNameLength,
            refuseControl: true
        )
        let recipientPhone = reader.phone(body.recipientPhone, "recipient_phone", required: false)
        let lines = items(body.items, &reader)
        let deliveryPrice = reader.money(body.deliveryPrice, "delivery_price", required: false)
        let totalAmount = reader.money(body.totalAmount, "total_amount", required: true)
        var paySystem: PaySystem?
        if let value = reader.present(body.paymentMethod, "payment_method", required: false) {
            let allowed = site.paySystems.map(\.code).joined(separator: ", ")
            if case .string(let code) = value, let found = site.paySystems.first(where: { $0.code == code }) {
                paySystem = found
            } else {
                let got = value.stringValue.map { "\"\(excerpt($0))\"" } ?? value.typeName
                reader.add("payment_method", "unknown", "must be one of: \(allowed); got \(got)")
            }
        }
        let notes = reader.text(
            body.notes,
            "notes",
            required: false,
            maxLength: options.maxTextLength,
            allowEmpty: true
        )
        var deliveryId = site.defaultDeliveryId
        if let value = reader.present(body.deliveryId, "delivery_id", required: false) {
            let allowed = site.deliveryServices.map { String($0.id) }.joined(separator: ", ")
            if let id = reader.id(value, "delivery_id", required: false) {
                if engine.context.deliveryService(id: id) != nil {
                    deliveryId = id
                } else {
                    reader.add("delivery_id", "unknown", "must be one of the delivery services \(allowed); got \(id)")
                }
            }
        }
        // Property lengths as the site defines them (Bitrix checks 500 characters when unset), so that a strict
        // save cannot refuse what this validator let through.
        let propertyFields: [(code: String, field: String, value: String?)] = [
            ("FIO", "customer_name", customerName), ("ADDRESS", "delivery_address", deliveryAddress),
            ("RECIPIENT_NAME", "recipient_name", recipientName),
        ]
        for (code, field, value) in propertyFields {
            guard let value, let definition = properties[code], definition.type == .string else { continue }
            let limit = (definition.maxLength ?? 0) > 0 ? definition.maxLength! : 500
            if value.utf8.count > limit, value.unicodeScalars.count > limit {
                reader.add(
                    field,
                    "too_long",
                    "must be at most \(limit) characters (Unicode scalars), got \(value.unicodeScalars.count)"
                )
            }
        }
        // The money rule: total = basket + delivery, or delivery = total − basket.
        var basketSum: Amount?
        var finalDelivery: Amount?
        if let lines, let totalAmount {
            // Prices ≤ 10^12 times quantities ≤ 10,000 per item can leave decimal(18,4) (below 10^14): said so.
            let sum = lines.reduce(Amount.zero) {
                $0.saturatingAdding(
                    $1.effectivePrice.saturatingMultiplied(
                        by: Amount(units: $1.quantity) ?? .max,
                        roundingTo: site.valuePrecision
                    )
                )
            }
            basketSum = sum
            if sum.isAtBound {
                reader.add(
                    "total_amount",
                    "mismatch",
                    "the basket sum exceeds \(Amount.max), the largest amount an order can hold (decimal(18,4))"
                )
            } else if let deliveryPrice {
                if sum.saturatingAdding(deliveryPrice) != totalAmount {
                    reader.add(
                        "total_amount",
                        "mismatch",
                        "must equal the basket sum \(sum) plus the delivery price "
                            + "\(deliveryPrice) = \(sum.saturatingAdding(deliveryPrice)); got \(totalAmount)"
                    )
                } else {
                    finalDelivery = deliveryPrice
                }
            } else if totalAmount < sum {
                reader.add(
                    "total_amount",
                    "mismatch",
                    "\(totalAmount) is below the basket sum \(sum)"
                )
            } else {
                finalDelivery = totalAmount.saturatingSubtracting(sum)
            }
        }
        guard reader.problems.isEmpty, let railwayOrderId, let customerName, let customerPhone, let deliveryAddress,
            let deliveryDate, let deliveryTime, let lines, let basketSum, let finalDelivery, let totalAmount
        else { return .failure(.unprocessable(reader.problems)) }
        return .success(
            CreateOrderInput(
                railwayOrderId: railwayOrderId,
                customerName: customerName,
                customerPhone: customerPhone,
                deliveryAddress: deliveryAddress,
                deliveryDate: deliveryDate,
                deliveryTime: deliveryTime,
                recipientName: recipientName,
                recipientPhone: recipientPhone,
                lines: lines,
                basketSum: basketSum,
                deliveryPrice: finalDelivery,
                totalAmount: totalAmount,
                paySystem: paySystem,
                notes: (notes?.isEmpty ?? true) ? nil : notes,
                deliveryId: deliveryId
            )
        )
    }

    private func date(_ value: JSONValue?, _ reader: inout FieldReader) -> String? {
        guard let value = reader.present(value, "delivery_date", required: true) else { return nil }
        guard case .string(let text) = value else {
            reader.add("delivery_date", "invalid_type", "must be a string YYYY-MM-DD, got \(value.typeName)")
            return nil
        }
        guard let date = CivilDate(iso: text) else {
            reader.add("delivery_date", "invalid_format", "must be a real date YYYY-MM-DD, got \"\(excerpt(text))\"")
            return nil
        }
        let today = time.date(of: engine.clock.now())
        guard date >= today else {
            reader.add("delivery_date", "in_past", "must not be before today (\(today)), got \(date)")
            return nil
        }
        return text
    }

    private func timeRange(_ value: JSONValue?, _ reader: inout FieldReader) -> String? {
        guard let value = reader.present(value, "delivery_time", required: true) else { return nil }
        guard case .string(let text) = value else {
            reader.add("delivery_time", "invalid_type", "must be a string HH:MM-HH:MM, got \(value.typeName)")
            return nil
        }
        let bytes = Array(text.utf8)
        func minutes(_ start: Int) -> Int? {
            let digits = [bytes[start], bytes[start + 1], bytes[start + 3], bytes[start + 4]]
            guard bytes[start + 2] == UInt8(ascii: ":"), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return nil
            }
            let hours = Int(digits[0] - 0x30) * 10 + Int(digits[1] - 0x30)
            let minutes = Int(digits[2] - 0x30) * 10 + Int(digits[3] - 0x30)
            guard hours <= 23, minutes <= 59 else { return nil }
            return hours * 60 + minutes
        }
        guard bytes.count == 11, bytes[5] == UInt8(ascii: "-"), let start = minutes(0), let end = minutes(6) else {
            reader.add(
                "delivery_time",
                "invalid_format",
                "must be HH:MM-HH:MM within 00:00-23:59, got \"\(excerpt(text))\""
            )
            return nil
        }
        guard start < end else {
            reader.add("delivery_time", "invalid_range", "must start before it ends, got \"\(text)\"")
            return nil
        }
        return text
    }

    /// An `items` element: an object's members, or another value (its type name).
    private enum Element {
        case object(CreateFields.Line)
        case other(typeName: String)
    }

    private func items(_ value: CreateFields.Items, _ reader: inout FieldReader) -> [CreateOrderInput.Line]? {
        let count: Int
        let elementAt: (Int) -> Element
        switch value {
        case .value(let value):
            guard let value = reader.present(value, "items", required: true) else { return nil }
            guard case .array(let elements) = value else {
                reader.add(
                    "items",
                    "invalid_type",
                    "must be an array of {product_id, quantity, price?}, got \(value.typeName)"
                )
                return nil
            }
            count = elements.count
            elementAt = { index in
                let element = elements[index]
                guard case .object = element else { return .other(typeName: element.typeName) }
                return .object(CreateFields.Line(object: element))
            }
        case .lines(let lines):
            count = lines.count
            elementAt = { .object(lines[$0]) }
        }
        guard count > 0 else {
            reader.add("items", "empty", "must have at least one line")
            return nil
        }
        guard count <= options.maxItems else {
            reader.add("items", "too_many", "must have at most \(options.maxItems) lines, got \(count)")
            return nil
        }
        var lines: [CreateOrderInput.Line] = []
        var firstLineOfProduct: [Int: Int] = [:]
        var valid = true
        for index in 0..<count {
            let field = "items[\(index)]"
            let element: CreateFields.Line
            switch elementAt(index) {
            case .object(let line): element = line
            case .other(let typeName):
                reader.add(field, "invalid_type", "must be an object {product_id, quantity, price?}, got \(typeName)")
                valid = false
                continue
            }
            let productId = reader.id(element.productId, "\(field).product_id", required: true)
            let quantity = reader.integer(element.quantity, "\(field).quantity", in: 1...10_000, required: true)
            let price = reader.money(element.price, "\(field).price", required: false)
            var product: Product?
            if let productId {
                product = engine.product(id: productId)
                if let found = product {
                    if !found.active {
                        reader.add("\(field).product_id", "inactive", "product \(productId) is not active")
                        product = nil
                    } else if found.currency != engine.site.currency {
                        reader.add(
                            "\(field).product_id",
                            "currency",
                            "product \(productId) is priced in \(found.currency), not \(engine.site.currency)"
                        )
                        product = nil
                    }
                } else {
                    reader.add("\(field).product_id", "not_found", "product \(productId) does not exist")
                }
            }
            let priceInvalid = (element.price.map { !$0.isNull } ?? false) && price == nil
            guard let product, let quantity, !priceInvalid else {
                valid = false
                continue
            }
            let effective = price ?? product.price
            if let position = firstLineOfProduct[product.id] {
                var line = lines[position]
                guard line.effectivePrice == effective else {
                    reader.add(
                        "\(field).price",
                        "conflict",
                        "product \(product.id) is already in items at price \(line.effectivePrice); "
                            + "lines of one product merge only at equal prices, got \(effective)"
                    )
                    valid = false
                    continue
                }
                line.quantity += quantity
                if line.customPrice == nil { line.customPrice = price }
                guard line.quantity <= 10_000 else {
                    reader.add(
                        "\(field).quantity",
                        "out_of_range",
                        "the merged quantity of product \(product.id) must be at most 10000, got \(line.quantity)"
                    )
                    valid = false
                    continue
                }
                lines[position] = line
            } else {
                firstLineOfProduct[product.id] = lines.count
                lines.append(
                    CreateOrderInput.Line(
                        productId: product.id,
                        quantity: quantity,
                        customPrice: price,
                        effectivePrice: effective
                    )
                )
            }
        }
        return valid ? lines : nil
    }
}
