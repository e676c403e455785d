import BitrixSale
import EmulatedSite
import Foundation
import SaleHTTP
import SaleJSON

/// 2025-10-20 10:00 in Almaty (UTC+05:00).
let testNow = Date(timeIntervalSince1970: 1_760_936_400)
let token = "dev-token-NOT-A-SECRET"

/// The seed's create body with a given railway id.
func createBody(_ railwayId: Int = 123) -> String {
    """
    {"railway_order_id": \(railwayId), "customer_name": "Иван Иванов", "customer_phone": "+77015211545",
     "delivery_address": "ул. Абая 150", "delivery_date": "2025-10-21", "delivery_time": "14:00-16:00",
     "items": [{"product_id": 5, "quantity": 1}], "total_amount": 17500}
    """
}

/// A site in memory, its clock stopped at ``testNow``, durations counted in whole milliseconds per call.
func makeSite(
    options: EmulatedSite.Options = .init(),
    storage: SiteStorage = .memory,
    rest: EmulatedSite.RESTFactory? = EmulatedSite.saleREST
) throws -> EmulatedSite {
    let ticks = TickCounter()
    return try EmulatedSite(
        storage: storage,
        clock: ManualClock(testNow),
        rest: rest,
        options: options,
        monotonicNanoseconds: { ticks.next() }
    )
}

/// A fake monotonic source: each reading is 1 ms after the last.
final class TickCounter: Sendable {
    private let value = Mutex<UInt64>(0)
    func next() -> UInt64 {
        value.withLock {
            $0 += 1_000_000
            return $0
        }
    }
}

import Synchronization

extension EmulatedSite {
    /// Sends a request and parses a JSON answer (null for a body that is not JSON).
    func send(_ method: String, _ target: String, body: String = "", headers: [HeaderField] = []) -> (
        status: Int, json: JSONValue, response: APIResponse
    ) {
        let response = handle(APIRequest(method: method, target: target, headers: headers, body: Array(body.utf8)))
        return (response.status, (try? JSONParser().parse(response.body)) ?? .null, response)
    }

    /// Creates an order through `/api/v2` and returns its id.
    func create(_ railwayId: Int) -> Int? {
        send("POST", "/api/v2/orders/create?access_token=\(token)", body: createBody(railwayId))
            .json["bitrix_order_id"]?
            .numberValue?
            .int
    }
}
