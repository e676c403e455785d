import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON

/// The shop's `/api/v2` surface as a pure function of a ``SaleEngine``: a request value in, a response value out.
///
/// Checks run in the contract's order: the route (404, 405), the token (401), the body and parameters (400, 413,
/// 422), then the business rules (404, 409, 422). Every answer is JSON with `Content-Type: application/json;
/// charset=UTF-8` and `Access-Control-Allow-Origin: *`; no input produces a 500. Safe to call from many tasks.
public final class SiteAPI: HTTPSurface {
    /// The engine the API reads and writes.
    public let engine: SaleEngine
    /// The limits in force.
    public let options: APIOptions

    let tokens: TokenCheck
    let time: SiteTime
    let orderJSON: OrderJSON
    let activeStatusIds: [String]
    let orderStatusIds: [String]
    let createProperties: [String: OrderPropertyDefinition]

    /// The order property codes the create endpoint fills, for person type 1.
    public static let requiredPropertyCodes = [
        "FIO", "PHONE", "ADDRESS", "DELIVERY_DATE", "DELIVERY_TIME", "RECIPIENT_NAME", "RECIPIENT_PHONE",
        "RAILWAY_ORDER_ID",
    ]

    /// The statuses that must exist as active order statuses.
    public static let requiredActiveStatuses = ["N", "AP", "CO", "DE"]

    /// Makes the API over an engine.
    ///
    /// - Throws: ``SiteAPIConfigurationError`` naming everything missing when the site lacks person type 1, one of
    ///   ``requiredPropertyCodes`` (active, for person type 1), its default delivery service, or one of
    ///   ``requiredActiveStatuses`` as an active order status.
    public init(engine: SaleEngine, options: APIOptions = .init()) throws(SiteAPIConfigurationError) {
        let site = engine.site
        var missing: [String] = []
        if !site.personTypes.contains(where: { $0.id == 1 }) { missing.append("person type 1") }
        var properties: [String: OrderPropertyDefinition] = [:]
        for definition in site.orderProperties where definition.personTypeId == 1 && definition.active {
            if properties[definition.code] == nil { properties[definition.code] = definition }
        }
        for code in Self.requiredPropertyCodes where properties[code] == nil {
            missing.append("order property \(code) for person type 1")
        }
        if !site.deliveryServices.contains(where: { $0.id == site.defaultDeliveryId }) {
            missing.append("the default delivery service \(site.defaultDeliveryId)")
        }
        for id in Self.requiredActiveStatuses
        where !site.statuses.contains(where: { $0.id == id && $0.type == .order && $0.active }) {
            missing.append("active order status \(id)")
        }
        guard missing.isEmpty else { throw SiteAPIConfigurationError(missing: missing) }
        self.engine = engine
        self.options = options
        tokens = TokenCheck(tokens: site.apiTokens)
        time = SiteTime(timeZone: TimeZone(identifier: site.timeZone) ?? TimeZone(secondsFromGMT: 0)!)
        orderJSON = OrderJSON(site: site, time: time)
        let orderStatuses = site.statuses.filter { $0.type == .order }.sorted { ($0.sort, $0.id) < ($1.sort, $1.id) }
        activeStatusIds = orderStatuses.filter(\.active).map(\.id)
        orderStatusIds = orderStatuses.map(\.id)
        createProperties = properties
    }

    /// Answers one request.
    ///
    /// Never traps and never answers 500.
    public func handle(_ request: APIRequest) -> APIResponse {
        let context = RequestContext(request)
        guard let route = Route.match(path: context.path) else {
            return Envelope.failure(.notFound("Unknown route \(excerpt(context.path, limit: 200))"))
        }
        guard route.allowedMethods.contains(context.method) else {
            let allowed = route.allowedMethods
            return Envelope.failure(
                APIError(
                    status: 405,
                    message: "Method \(excerpt(context.method, limit: 20)) is not allowed here; use "
                        + allowed.joined(separator: " or "),
                    allowedMethods: allowed
                )
            )
        }
        guard tokens.authorises(context) else { return Envelope.failure(.unauthorized) }
        guard request.body.count <= options.maxBodyBytes else {
            return Envelope.failure(
                APIError(
                    status: 413,
                    message: "The request body is \(request.body.count) bytes; the limit is \(options.maxBodyBytes)"
                )
            )
        }
        do throws(APIError) {
            return try dispatch(route, context)
        } catch {
            return Envelope.failure(error)
        }
    }

    private func dispatch(_ route: Route, _ context: RequestContext) throws(APIError) -> APIResponse {
        switch route {
        case .listOrders: try listOrders(context)
        case .createOrder: try createOrder(context)
        case .orderDetail: try orderDetail(id: try queryId(context, "id"))
        case .orderById(let segment): try orderDetail(id: try pathId(segment))
        case .deleteOrder: try deleteOrder(context)
        case .changeStatus: try changeStatus(context)
        case .customerOrdersByPhone: try customerOrdersByPhone(context)
        case .customerOrdersById: try customerOrdersById(context)
        case .createProduct: try createProduct(context)
        }
    }

    /// Runs an engine transaction; a store failure (a durable store that cannot write) is a 503, never a 500.
    ///
    /// The 503 says what is true: the change is not visible, but a failed flush may still have put it on disk, so
    /// its outcome is unknown; the cause (for example `…/journal.jsonl: fdatasync failed: Input/output error`) is
    /// part of the message. A create retried with the same `railway_order_id` after the store is reopened answers
    /// with the order if it was stored and creates it if it was not.
    func transaction<T>(_ body: (inout SaleTransaction) -> T) throws(APIError) -> T {
        do {
            return try engine.transaction { transaction in body(&transaction) }
        } catch {
            throw APIError(status: 503, message: Self.storeFailureMessage(error))
        }
    }

    /// The 503 text for a store that could not confirm a change.
    static func storeFailureMessage(_ error: any Error) -> String {
        "The order store could not confirm the change (\(error)); the outcome is unknown: nothing of it is visible "
            + "now, but it may have reached the disk. Retry the same request (a create with the same "
            + "railway_order_id) once the store is back: it answers with the stored order or makes it"
    }
}
