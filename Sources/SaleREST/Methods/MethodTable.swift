import SaleJSON

/// One REST method: its name (lower case), the scope it needs (empty: any credential) and what it does.
struct RESTMethod: Sendable {
    typealias Body = @Sendable (SaleREST, RESTCall, JSONValue) throws(RESTError) -> RESTOutput
    var name: String
    var scope: String
    var run: Body
}

/// The methods the surface answers, by lower-case name.
struct MethodTable: Sendable {
    let methods: [String: RESTMethod]

    init(_ list: [RESTMethod]) {
        methods = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The method with this name (compared in lower case), or nil.
    func method(named name: String) -> RESTMethod? { methods[name.lowercased()] }

    /// Every method of `docs/REST.md`.
    static let standard = MethodTable(
        SaleMethods.orders + SaleMethods.basketItems + SaleMethods.shipments + SaleMethods.shipmentItems
            + SaleMethods.payments + SaleMethods.propertyValues + ReferenceMethods.all
            + [
                RESTMethod(name: "batch", scope: "") { surface, call, parameters throws(RESTError) in
                    try BatchMethod.run(surface, call, parameters)
                }
            ]
    )
}
