/// The routes of `/api/v2`, matched on a normalised path (see ``Route/match(path:)``).
enum Route: Sendable, Hashable {
    /// `GET /api/v2/orders`.
    case listOrders
    /// `POST /api/v2/orders/create`.
    case createOrder
    /// `GET /api/v2/orders/detail?id=`.
    case orderDetail
    /// `DELETE` or `POST /api/v2/orders/delete`.
    case deleteOrder
    /// `GET /api/v2/orders/{id}` (the raw path segment; checked by the handler, after auth).
    case orderById(String)
    /// `POST /api/v2/order/change-status`.
    case changeStatus
    /// `GET /api/v2/customers/orders.php?phone=`.
    case customerOrdersByPhone
    /// `GET /api/v2/customers/orders_by_id.php?user_id=`.
    case customerOrdersById
    /// `POST /api/v2/create` (products).
    case createProduct

    /// The methods the route answers, in the order the `Allow` header lists them.
    var allowedMethods: [String] {
        switch self {
        case .listOrders, .orderDetail, .orderById, .customerOrdersByPhone, .customerOrdersById: ["GET"]
        case .createOrder, .changeStatus, .createProduct: ["POST"]
        case .deleteOrder: ["DELETE", "POST"]
        }
    }

    /// The route for a request path (no query), or nil.
    ///
    /// A trailing slash is optional and the path may end in `/index.php`; named routes win over `/orders/{id}`.
    static func match(path rawPath: String) -> Route? {
        // The busiest route, exactly as the rules below read it.
        if rawPath == "/api/v2/orders/create" { return .createOrder }
        var path = Substring(rawPath)
        if path.hasSuffix("/") { path = path.dropLast() }
        if path.hasSuffix("/index.php") { path = path.dropLast("/index.php".count) }
        if path.hasSuffix("/") { path = path.dropLast() }
        let prefix = "/api/v2/"
        guard path.hasPrefix(prefix) else { return nil }
        let segments = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        switch segments.count {
        case 1:
            switch segments[0] {
            case "orders": return .listOrders
            case "create": return .createProduct
            default: return nil
            }
        case 2:
            switch (segments[0], segments[1]) {
            case ("orders", "create"): return .createOrder
            case ("orders", "detail"): return .orderDetail
            case ("orders", "delete"): return .deleteOrder
            case ("orders", let id) where !id.isEmpty: return .orderById(String(id))
            case ("order", "change-status"): return .changeStatus
            case ("customers", "orders.php"), ("customers", "orders"): return .customerOrdersByPhone
            case ("customers", "orders_by_id.php"), ("customers", "orders_by_id"): return .customerOrdersById
            default: return nil
            }
        default: return nil
        }
    }
}
