import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON
import SaleMoney

extension SiteAPI {
    private enum CreateOutcome {
        case created(Order)
        case replay(Order)
        case refused(APIError)
    }

    /// `POST /api/v2/orders/create`: validates every field, then builds and saves the order in one transaction,
    /// idempotent on `railway_order_id`.
    ///
    /// A body ``CreateBodyDecoder`` accepts and the validator passes is read once from its bytes (no tree); any other
    /// body is parsed into a `JSONValue` tree and read from it, which gives every parse error, problem and warning.
    func createOrder(_ context: RequestContext) throws(APIError) -> APIResponse {
        let validator = CreateOrderValidator(engine: engine, options: options, time: time, properties: createProperties)
        if let decoded = CreateBodyDecoder(maxDepth: options.maxJSONDepth).decode(context.request.body),
            case .success(let input) = validator.validate(decoded.fields)
        {
            // No unknown field (the decoder declines them), so no warning.
            return try createOrder(
                railwayId: input.railwayOrderId,
                validation: .success(input),
                warnings: [],
                fingerprint: decoded.fingerprint
            )
        }
        let body = try jsonObject(context)
        let warnings = CreateOrderInput.warnings(for: body.objectMembers ?? [])
        var keyReader = FieldReader()
        let railwayId = keyReader.id(body["railway_order_id"], "railway_order_id", required: true)
        return try createOrder(
            railwayId: railwayId,
            validation: validator.validate(body),
            warnings: warnings,
            fingerprint: { Fingerprint.of(body) }
        )
    }

    /// The replay check, then the order built and saved (or the validation's refusal), in one transaction.
    private func createOrder(
        railwayId: Int?,
        validation: Result<CreateOrderInput, APIError>,
        warnings: [String],
        fingerprint computeFingerprint: () -> IdempotencyFingerprint
    ) throws(APIError) -> APIResponse {
        // Computed only when needed (a stored key to compare with, or an order to bind): a refused body costs less.
        var fingerprintCache: IdempotencyFingerprint?
        func fingerprint() -> IdempotencyFingerprint {
            if let fingerprintCache { return fingerprintCache }
            let value = computeFingerprint()
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

    /// The create answer, written straight to bytes: the same bytes as `Envelope.success` with the members
    /// `bitrix_order_id`, `railway_order_id`, `order_number`, `status`, `total_amount`, `currency`, `warnings` and, for
    /// a replay, `idempotent_replay` (`CreateBodyDecoderTests` holds it to them).
    func createAnswer(_ order: Order, warnings: [String], replay: Bool) -> APIResponse {
        var writer = JSONByteWriter(capacity: 256)
        writer.beginObject()
        writer.key("success")
        writer.bool(true)
        writer.key("bitrix_order_id")
        writer.int(order.id)
        writer.key("railway_order_id")
        writer.int(order.data.propertyValue(code: "RAILWAY_ORDER_ID").flatMap(Int.init))
        writer.key("order_number")
        writer.string(order.accountNumber)
        writer.key("status")
        writer.string(order.statusId)
        writer.key("total_amount")
        writer.amount(order.price)
        writer.key("currency")
        writer.string(order.currency)
        writer.key("warnings")
        writer.beginArray()
        for warning in warnings { writer.string(warning) }
        writer.endArray()
        if replay {
            writer.key("idempotent_replay")
            writer.bool(true)
        }
        writer.endObject()
        return Envelope.response(200, bytes: writer.bytes)
    }

    /// Builds the order the way Bitrix needs it built, and saves it strictly: a complete order or nothing.
    ///
    /// Every call is one the PHP endpoint makes, in the same order (docs/CREATE-ENDPOINT.md shows them side by side):
    /// the customer by phone, `Basket::create` with catalog lines that name their provider, `Order::create` with the
    /// user id, `setPersonTypeId`, `setBasket`, one shipment holding every line, properties by code (the delivery
    /// date in the site's `FORMAT_DATE`), the buyer's notes, the payment for the total, `save()`.
    private func build(
        _ input: CreateOrderInput,
        fingerprint: IdempotencyFingerprint,
        in transaction: inout SaleTransaction
    )
        -> CreateOutcome
    {
        var result = SaleResult()
        var order: Order
        do {
            // $userId = findOrCreateUserByPhone($phone, $name);  (CUser::GetList by PERSONAL_PHONE, else CUser::Add)
            let (user, _) = transaction.findOrCreateUser(phone: input.customerPhone, name: input.customerName)
            // $basket = Basket::create(SITE_ID);
            var basket = Basket.create(siteId: engine.site.siteId, context: engine.context)
            for line in input.lines {
                // $item = $basket->createItem('catalog', $productId);
                let code = basket.createItem(moduleId: "catalog", productId: line.productId)
                // $item->setFields([...]): the provider class always; a given price as a custom price.
                if let price = line.customPrice {
                    result.merge(
                        try basket.setItemFields(
                            code,
                            [
                                .productProviderClass: .string(BasketItem.catalogProviderClass),
                                .currency: .string(engine.site.currency), .customPrice: "Y",
                                .price: .amount(price), .basePrice: .amount(price), .quantity: .int(line.quantity),
                            ]
                        )
                    )
                } else {
                    result.merge(
                        try basket.setItemFields(
                            code,
                            [
                                .productProviderClass: .string(BasketItem.catalogProviderClass),
                                .quantity: .int(line.quantity),
                            ]
                        )
                    )
                }
            }
            // $order = Order::create(SITE_ID, $userId); $order->setPersonTypeId(1); $order->setBasket($basket);
            order = engine.createOrder(userId: .int(user.id))
            result.merge(order.setPersonTypeId(1))
            result.merge(try order.setBasket(basket))
            // $shipment = $order->getShipmentCollection()->createItem(Delivery\Services\Manager::getObjectById($id));
            let shipment = order.createShipment(deliveryId: input.deliveryId)
            result.merge(
                try order.setShipmentFields(
                    shipment,
                    ["CUSTOM_PRICE_DELIVERY": "Y", "PRICE_DELIVERY": .amount(input.deliveryPrice)]
                )
            )
            // foreach ($order->getBasket() as $item) { $shipmentItemCollection->createItem($item)->setQuantity(…); }
            for item in order.basket?.items ?? [] {
                result.merge(
                    try order.setShipmentItemQuantity(
                        shipment: shipment,
                        basketItem: item.code,
                        quantity: item.quantity
                    )
                )
            }
            // $propertyCollection->getItemByOrderPropertyCode($code)?->setValue($value);
            for (code, value) in input.properties {
                result.merge(order.setPropertyValue(siteValue(code: code, value), code: code))
            }
            // $order->setField('USER_DESCRIPTION', $notes);
            if let notes = input.notes { result.merge(try order.setField("USER_DESCRIPTION", .string(notes))) }
            // $payment = $paymentCollection->createItem(PaySystem\Manager::getObjectById($id));
            // $payment->setField('SUM', $order->getPrice());
            if let paySystem = input.paySystem {
                let payment = order.createPayment(paySystemId: paySystem.id)
                result.merge(try order.setPaymentField(payment, "SUM", .amount(order.price)))
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

    /// A property value as the site stores it: DELIVERY_DATE (`YYYY-MM-DD` in the API) in the site's `FORMAT_DATE`,
    /// which Bitrix's DATE input checks (`$date->format(…)` in PHP); every other value as given.
    private func siteValue(code: String, _ value: String?) -> String? {
        guard code == "DELIVERY_DATE", let value, let date = CivilDate(iso: value) else { return value }
        return engine.context.dateFormat.string(year: date.year, month: date.month, day: date.day)
    }
}
