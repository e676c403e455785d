import SaleHTTP
import BitrixSale
import SaleJSON

extension SiteAPI {
    /// `POST /api/v2/order/change-status/`: `id`, `status` → `{"id", "status", "previous_status"}`.
    func changeStatus(_ context: RequestContext) throws(APIError) -> APIResponse {
        let (values, keys) = try parameters(context)
        let id = try positiveId(values["id"], name: "id")
        let status: String
        switch values["status"] {
        case .text(let text) where !text.isEmpty: status = text
        case .text, nil:
            throw .unprocessable([FieldProblem(field: "status", code: "required", message: "is required")])
        case .number(let number): status = number.literal
        case .other(let type):
            throw .unprocessable([
                FieldProblem(field: "status", code: "invalid_type", message: "must be a string, got \(type)")
            ])
        }
        guard orderStatusIds.contains(status) else {
            throw .unprocessable([
                FieldProblem(
                    field: "status",
                    code: "unknown",
                    message: "\"\(excerpt(status))\" is not an order status of this site; allowed: "
                        + orderStatusIds.joined(separator: ", ")
                )
            ])
        }
        let outcome: Result<String, APIError> = try transaction { transaction in
            guard let data = transaction.order(id: id) else { return .failure(.notFound("Order \(id) not found")) }
            var order = Order(data: data, context: engine.context)
            let previous = order.statusId
            var result: SaleResult
            do {
                result = try order.setField("STATUS_ID", .string(status))
            } catch {
                return .failure(APIError(status: 422, message: "The status was not changed: \(error)"))
            }
            if result.isSuccess { result = transaction.save(&order, strict: false) }
            guard result.isSuccess else {
                transaction.rollback()
                return .failure(Self.engineRefusal("The status was not changed", result))
            }
            return .success(previous)
        }
        let previous = try outcome.get()
        var members: [(key: String, value: JSONValue)] = [
            (
                key: "data",
                value: .object([
                    (key: "id", value: .int(id)), (key: "status", value: .string(status)),
                    (key: "previous_status", value: .string(previous)),
                ])
            )
        ]
        let warnings = unknownFieldWarnings(keys, known: ["id", "status"])
        if !warnings.isEmpty { members.append((key: "warnings", value: .array(warnings.map(JSONValue.string)))) }
        return Envelope.success(members)
    }

    /// `DELETE` or `POST /api/v2/orders/delete/`: `id` → `{"id", "deleted": true}`; paid or shipped → 409.
    func deleteOrder(_ context: RequestContext) throws(APIError) -> APIResponse {
        let (values, keys) = try parameters(context)
        let id = try positiveId(values["id"], name: "id")
        let result: SaleResult = try transaction { transaction in
            let result = transaction.delete(orderId: id)
            if !result.isSuccess { transaction.rollback() }
            return result
        }
        guard result.isSuccess else {
            if result.errors.contains(where: { $0.has(.orderEntityNotFound) }) {
                throw .notFound("Order \(id) not found")
            }
            var reasons: [String] = []
            for error in result.errors {
                switch error.code {
                case SaleErrorCode.cancelPaymentExistActive.rawValue: reasons.append("it has a paid payment")
                case SaleErrorCode.cancelShipmentExistShipped.rawValue: reasons.append("it has a shipped shipment")
                default: reasons.append(error.message)
                }
            }
            throw APIError(
                status: 409,
                message: "Order \(id) cannot be deleted: " + reasons.joined(separator: " and "),
                problems: result.errors.map { FieldProblem(field: "id", code: $0.code, message: $0.message) }
            )
        }
        var members: [(key: String, value: JSONValue)] = [
            (key: "data", value: .object([(key: "id", value: .int(id)), (key: "deleted", value: .bool(true))]))
        ]
        let warnings = unknownFieldWarnings(keys, known: ["id"])
        if !warnings.isEmpty { members.append((key: "warnings", value: .array(warnings.map(JSONValue.string)))) }
        return Envelope.success(members)
    }

    /// A 422 carrying the engine's errors as details (field: the engine's field, or `order`).
    static func engineRefusal(_ summary: String, _ result: SaleResult) -> APIError {
        APIError(
            status: 422,
            message: summary + ": " + (result.errors.first?.message ?? "the engine refused the change"),
            problems: result.errors.map { FieldProblem(field: $0.field ?? "order", code: $0.code, message: $0.message) }
        )
    }
}
