import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON

extension SiteAPI {
    private enum CreateOutcome {
        case created(Order)
        case replay(Order)
        case refused(APIError)
    }

    /// `POST /api/v2/orders/create`: validates every field, then builds and saves the order in one transaction,
    /// idempotent on `railway_order_id`.
    func createOrder(_ context: RequestContext) throws(APIError) -> APIResponse {
        let body = try jsonObject(context)
        let warnings = CreateOrderInput.warnings(for: body.objectMembers ?? [])
        var keyReader = FieldReader()
        let railwayId = keyReader.id(body["railway_order_id"], "railway_order_id", required: true)
        let validation = CreateOrderValidator(
            engine: engine,
            options: options,
            time: time,
            properties: createProperties
        )
        .validate(body)
        // Computed only when needed (a stored key to compare with, or an order to bind): a refused body costs less.
        var fingerprintCache: String?
        func fingerprint() -> String {
            if let fingerprintCache { return fingerprintCache }
            let value = Fingerprint.of(body)
            fingerprintCache = value
            return value
        }
        let outcome: CreateOutcome = try transaction { transaction in
            // The replay check comes first: a replay answers even when its delivery date has passed.
            if let railwayId {
                let key = Self.idempotencyKey(railwayId)
                if let record = transaction.idempotencyRecord(key: key),
                    let data = transaction.order(id: record.orderId)
                {
                    let order = Order(data: data, context: engine.context)
                    guard record.fingerprint == fingerprint() else {
                        let holder = order.accountNumber ?? String(record.orderId)
                        return .refused(
                            APIError(
                                status: 409,
                                message: "railway_order_id \(railwayId) is already used by order \(record.orderId) "
                                    + "(number \(holder)) with a different payload",
                                problems: [
                                    FieldProblem(
                                        field: "railway_order_id",
                                        code: "idempotency_conflict",
                                        message:
                                            "\(railwayId) is already used by order \(record.orderId) with a different payload"
                                    )
                                ]
                            )
                        )
                    }
                    return .replay(order)
                }
            }
            switch validation {
            case .failure(let error): return .refused(error)
            case .success(let input): return build(input, fingerprint: fingerprint(), in: &transaction)
            }
        }
        switch outcome {
        case .refused(let error): throw error
        case .created(let order): return createAnswer(order, warnings: warnings, replay: false)
        case .replay(let order): return createAnswer(order, warnings: warnings, replay: true)
        }
    }

    static func idempotencyKey(_ railwayId: Int) -> String { "railway:\(railwayId)" }

    private func createAnswer(_ order: Order, warnings: [String], replay: Bool) -> APIResponse {
        var members: [(key: String, value: JSONValue)] = [
            (key: "bitrix_order_id", value: .optional(order.id)),
            (
                key: "railway_order_id",
                value: order.data.propertyValue(code: "RAILWAY_ORDER_ID").flatMap(Int.init).map(JSONValue.int) ?? .null
            ),
            (key: "order_number", value: .optional(order.accountNumber)),
            (key: "status", value: .string(order.statusId)),
            (key: "total_amount", value: .money(order.price)),
            (key: "currency", value: .optional(order.currency)),
            (key: "warnings", value: .array(warnings.map(JSONValue.string))),
        ]
        if replay { members.append((key: "idempotent_replay", value: .bool(true))) }
        return Envelope.success(members)
    }

    /// Builds the order the way Bitrix wants it built, and saves it strictly: a complete order or nothing.
    private func build(_ input: CreateOrderInput, fingerprint: String, in transaction: inout SaleTransaction)
        -> CreateOutcome
    {
        let (user, _) = transaction.findOrCreateUser(phone: input.customerPhone, name: input.customerName)
        var order = engine.createOrder(userId: .int(user.id))
        var result = SaleResult()
        result.merge(order.setPersonTypeId(1))
        do {
            for line in input.lines {
                let code = order.createBasketItem(moduleId: "catalog", productId: line.productId)
                if let price = line.customPrice {
                    result.merge(
                        try order.setBasketItemFields(
                            code,
                            [
                                "CUSTOM_PRICE": .bool(true), "PRICE": .decimal(price), "BASE_PRICE": .decimal(price),
                                "QUANTITY": .int(line.quantity),
                            ]
                        )
                    )
                } else {
                    result.merge(try order.setBasketItemFields(code, ["QUANTITY": .int(line.quantity)]))
                }
            }
            let shipment = order.createShipment(deliveryId: input.deliveryId)
            result.merge(try order.setShipmentField(shipment, "CUSTOM_PRICE_DELIVERY", .bool(true)))
            result.merge(try order.setShipmentField(shipment, "PRICE_DELIVERY", .decimal(input.deliveryPrice)))
            for item in order.basket {
                result.merge(
                    try order.setShipmentItemQuantity(
                        shipment: shipment,
                        basketItem: item.code,
                        quantity: item.quantity
                    )
                )
            }
            for (code, value) in input.properties { result.merge(order.setPropertyValue(value, code: code)) }
            if let notes = input.notes { result.merge(try order.setField("USER_DESCRIPTION", .string(notes))) }
            if let paySystem = input.paySystem {
                let payment = order.createPayment(paySystemId: paySystem.id)
                result.merge(try order.setPaymentField(payment, "SUM", .decimal(order.price)))
            }
        } catch {
            transaction.rollback()
            return .refused(
                APIError(
                    status: 422,
                    message: "The order was not created: \(error)",
                    problems: [FieldProblem(field: "order", code: "engine_exception", message: "\(error)")]
                )
            )
        }
        if result.isSuccess { result = transaction.save(&order, strict: true) }
        guard result.isSuccess, let id = order.id else {
            transaction.rollback()
            return .refused(Self.engineRefusal("The order was not created", result))
        }
        transaction.bindIdempotencyKey(
            IdempotencyRecord(key: Self.idempotencyKey(input.railwayOrderId), orderId: id, fingerprint: fingerprint)
        )
        return .created(order)
    }
}
