import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON
import SiteAPI
import Testing

/// 2025-10-20 10:00 in Almaty (UTC+05:00).
let testNow = Date(timeIntervalSince1970: 1_760_936_400)
let token = "dev-token-NOT-A-SECRET"

/// A fresh engine and API over the default site, the clock stopped at ``testNow`` unless given.
func makeAPI(clock: SaleClock = .fixed(testNow), options: APIOptions = .init()) throws -> SiteAPI {
    try SiteAPI(engine: try SaleEngine(clock: clock), options: options)
}

/// A parsed answer.
struct Answer {
    let response: APIResponse
    let json: JSONValue

    var status: Int { response.status }
    subscript(key: String) -> JSONValue? { json[key] }
    var error: String? { json["error"]?.stringValue }
    var detailFields: [String] { json["details"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [] }
    var detailCodes: [String] { json["details"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? [] }
}

extension SiteAPI {
    /// Sends a request with the token in the query (unless `auth` is false) and parses the JSON answer.
    func send(
        _ method: String,
        _ path: String,
        query: String = "",
        body: String? = nil,
        headers: [HeaderField] = [],
        auth: Bool = true
    ) throws -> Answer {
        var parts: [String] = []
        if auth { parts.append("access_token=\(token)") }
        if !query.isEmpty { parts.append(query) }
        let target = parts.isEmpty ? path : path + (path.contains("?") ? "&" : "?") + parts.joined(separator: "&")
        let response = handle(
            APIRequest(method: method, target: target, headers: headers, body: body.map { Array($0.utf8) } ?? [])
        )
        let json = try JSONParser().parse(response.body)
        return Answer(response: response, json: json)
    }

    /// Posts a create-order body.
    func create(_ body: JSONValue) throws -> Answer {
        try send("POST", "/api/v2/orders/create", body: JSONWriter().string(body))
    }

    /// How many orders are stored.
    var storedOrderCount: Int { engine.store.orders(matching: OrderQuery()).total }
}

/// The seed payload of the findings document, with a delivery date after ``testNow``.
func seedPayload(railwayId: Int = 999) -> JSONValue {
    [
        "railway_order_id": .int(railwayId),
        "customer_name": "Иван Иванов",
        "customer_phone": "+77015211545",
        "delivery_address": "ул. Абая 150, кв 25",
        "delivery_date": "2025-10-21",
        "delivery_time": "14:00-16:00",
        "recipient_name": "Мария Петрова",
        "recipient_phone": "+77778889900",
        "items": [["product_id": 5, "quantity": 1, "price": 15000]],
        "total_amount": 17500,
        "payment_method": "kaspi",
        "notes": "Позвонить за 10 минут",
    ]
}

extension JSONValue {
    /// A copy with member `key` set (appended when absent) or removed (`nil`).
    func setting(_ key: String, _ value: JSONValue?) -> JSONValue {
        guard var members = objectMembers else { return self }
        if let index = members.firstIndex(where: { $0.key == key }) {
            if let value { members[index].value = value } else { members.remove(at: index) }
        } else if let value {
            members.append((key: key, value: value))
        }
        return .object(members)
    }

    /// A number from its literal.
    static func num(_ literal: String) -> JSONValue { .number(JSONNumber(literal: literal)) }
}

extension JSONValue {
    /// The element at `index` of an array, or nil.
    subscript(index: Int) -> JSONValue? {
        guard let elements = arrayValue, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}
