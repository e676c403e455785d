import SaleHTTP
import Foundation
import BitrixSale
import SaleJSON

extension SiteAPI {
    /// `limit` (1–100, default 20) and `offset` (≥ 0, default 0) from the query; malformed → 400, never clamped.
    func paging(_ context: RequestContext) throws(APIError) -> (limit: Int, offset: Int) {
        var limit = 20
        var offset = 0
        if let text = context.query["limit"] {
            guard Self.isPlainPositive(text),
                let value = ExactNumber(Substring(text).utf8, plainOnly: true)?.integer(atMost: 100), value >= 1
            else {
                throw .badRequest("limit must be an integer from 1 to 100, got \"\(excerpt(text))\"")
            }
            limit = value
        }
        if let text = context.query["offset"] {
            guard text == "0" || Self.isPlainPositive(text),
                let value = ExactNumber(Substring(text).utf8, plainOnly: true)?.integer(atMost: ExactNumber.maxId)
            else {
                throw .badRequest("offset must be an integer of at least 0, got \"\(excerpt(text))\"")
            }
            offset = value
        }
        return (limit, offset)
    }

    /// `{"success": true, "data": [Order…], "pagination": {total, limit, offset, has_more}}`, written straight to
    /// bytes (``OrderJSON/write(_:into:)``).
    func page(_ query: OrderQuery) -> APIResponse {
        let (orders, total) = engine.list(query)
        let limit = query.limit ?? 0
        var writer = JSONByteWriter(capacity: 256 + 2048 * orders.count)
        writer.beginObject()
        writer.key("success")
        writer.bool(true)
        writer.key("data")
        writer.beginArray()
        for order in orders { orderJSON.write(order, into: &writer) }
        writer.endArray()
        writer.key("pagination")
        writer.beginObject()
        writer.key("total")
        writer.int(total)
        writer.key("limit")
        writer.int(limit)
        writer.key("offset")
        writer.int(query.offset)
        writer.key("has_more")
        writer.bool(query.offset + orders.count < total)
        writer.endObject()
        writer.endObject()
        return Envelope.response(200, bytes: writer.bytes)
    }

    /// `GET /api/v2/orders`.
    func listOrders(_ context: RequestContext) throws(APIError) -> APIResponse {
        let (limit, offset) = try paging(context)
        var railwayId: Int?
        if let text = context.query["railway_order_id"] {
            railwayId = try positiveId(.text(text), name: "railway_order_id")
        }
        var statuses = Set(activeStatusIds)
        if let text = context.query["status"] {
            var problems: [FieldProblem] = []
            var chosen: Set<String> = []
            var refused: Set<String> = []
            // Each distinct bad code once, at most 10: a repeated or empty list (`status=,,,…`) answers in bounded size.
            for code in text.split(separator: ",", omittingEmptySubsequences: false).map({ String($0.trimmingSpaces) })
            {
                if activeStatusIds.contains(code) {
                    chosen.insert(code)
                } else if refused.insert(code).inserted, problems.count < 10 {
                    problems.append(
                        FieldProblem(
                            field: "status",
                            code: "unknown",
                            message: "\"\(excerpt(code))\" is not an active status; allowed: "
                                + activeStatusIds.joined(separator: ", ")
                        )
                    )
                }
            }
            guard problems.isEmpty else { throw .unprocessable(problems) }
            statuses = chosen
        }
        return page(
            OrderQuery(
                statusIds: statuses,
                property: railwayId.map { OrderQuery.PropertyFilter(code: "RAILWAY_ORDER_ID", value: String($0)) },
                sort: .idDescending,
                offset: offset,
                limit: limit
            )
        )
    }

    /// `GET /api/v2/orders/{id}` and `GET /api/v2/orders/detail/?id=`.
    func orderDetail(id: Int) throws(APIError) -> APIResponse {
        guard let order = try? engine.load(id: id) else { throw .notFound("Order \(id) not found") }
        var writer = JSONByteWriter(capacity: 2048)
        writer.beginObject()
        writer.key("success")
        writer.bool(true)
        writer.key("data")
        orderJSON.write(order, into: &writer)
        writer.endObject()
        return Envelope.response(200, bytes: writer.bytes)
    }

    /// `GET /api/v2/customers/orders.php?phone=`.
    func customerOrdersByPhone(_ context: RequestContext) throws(APIError) -> APIResponse {
        guard let text = context.query["phone"], !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .badRequest("phone is required")
        }
        guard let phone = PhoneNumber.normalise(text) else {
            throw .badRequest(
                "phone must be a phone number of 11 to 15 digits such as +77015211545, got \"\(excerpt(text))\""
            )
        }
        let (limit, offset) = try paging(context)
        guard let user = engine.user(phone: phone) else {
            return page(OrderQuery(userId: -1, sort: .idDescending, offset: offset, limit: limit))
        }
        return page(OrderQuery(userId: user.id, sort: .idDescending, offset: offset, limit: limit))
    }

    /// `GET /api/v2/customers/orders_by_id.php?user_id=`.
    func customerOrdersById(_ context: RequestContext) throws(APIError) -> APIResponse {
        let userId = try queryId(context, "user_id")
        let (limit, offset) = try paging(context)
        return page(OrderQuery(userId: userId, sort: .idDescending, offset: offset, limit: limit))
    }
}
