import BitrixSale
import Foundation
import SaleHTTP
import SaleJSON
import SaleREST
import SiteAPI
import Testing

/// 2025-10-20 10:00 in Almaty (UTC+05:00).
let testNow = Date(timeIntervalSince1970: 1_760_936_400)

/// The default site's development webhook, as a path prefix.
let webhook = "/rest/1/dev-webhook-NOT-A-SECRET/"
/// The default site's development OAuth token.
let oauthToken = "dev-oauth-NOT-A-SECRET"

/// One parsed REST answer.
struct Answer {
    let response: APIResponse
    let json: JSONValue

    var status: Int { response.status }
    var text: String { String(decoding: response.body, as: UTF8.self) }
    subscript(key: String) -> JSONValue? { json[key] }
    var result: JSONValue? { json["result"] }
    /// The `error` member as text (a number is its digits).
    var error: String? {
        switch json["error"] {
        case .string(let text): text
        case .number(let number): number.literal
        default: nil
        }
    }
    var errorDescription: String? { json["error_description"]?.stringValue }
    /// The codes of the `X-Emu-Diagnostics` header.
    var diagnosticCodes: [String] {
        guard let header = response.header("X-Emu-Diagnostics"), let value = try? JSONParser().parse(header) else {
            return []
        }
        return value.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
    }
}

/// A REST surface over a fresh engine (and the `/api/v2` surface over the same engine), on a manual clock.
struct Harness {
    let clock: ManualClock
    let engine: SaleEngine
    let rest: SaleREST
    let api: SiteAPI

    init(site: SiteConfiguration = .defaultSite) throws {
        clock = ManualClock(testNow)
        engine = try SaleEngine(site: site, clock: clock.saleClock)
        rest = SaleREST(engine: engine)
        api = try SiteAPI(engine: engine)
    }

    /// A harness whose site has the `cloud` profile.
    static func cloud() throws -> Harness {
        var site = SiteConfiguration.defaultSite
        site.rest?.profile = .cloud
        return try Harness(site: site)
    }

    /// Sends any request to the REST surface.
    func send(
        _ method: String,
        _ target: String,
        body: String = "",
        contentType: String? = nil,
        headers: [HeaderField] = []
    ) throws -> Answer {
        var all = headers
        if let contentType { all.append(HeaderField("Content-Type", contentType)) }
        let response = rest.handle(APIRequest(method: method, target: target, headers: all, body: Array(body.utf8)))
        return Answer(response: response, json: try JSONParser().parse(response.body))
    }

    /// `POST {webhook}{method}` with a JSON body, as fast_bitrix24 sends it.
    func call(_ method: String, _ json: String = "{}") throws -> Answer {
        try send("POST", webhook + method, body: json, contentType: "application/json")
    }

    /// `POST {webhook}{method}.json` with a URL-encoded form body.
    func form(_ method: String, _ body: String) throws -> Answer {
        try send("POST", webhook + method + ".json", body: body, contentType: "application/x-www-form-urlencoded")
    }

    /// `GET /api/v2/…` on the shop's own surface.
    func apiGet(_ path: String) throws -> JSONValue {
        let separator = path.contains("?") ? "&" : "?"
        let response = api.handle(
            APIRequest(method: "GET", target: path + separator + "access_token=dev-token-NOT-A-SECRET")
        )
        return try JSONParser().parse(response.body)
    }

    /// Adds an order through REST and returns its id.
    func addOrder(_ extra: String = "") throws -> Int {
        let answer = try call(
            "sale.order.add",
            #"{"fields":{"lid":"s1","personTypeId":1,"currency":"KZT","userId":1\#(extra)}}"#
        )
        #expect(answer.status == 200, "\(answer.text)")
        return try #require(answer.result?["order"]?["id"]?.numberValue?.int)
    }
}

extension JSONValue {
    /// The member keys of an object, in order.
    var keys: [String] { objectMembers?.map(\.key) ?? [] }
    /// An integer value.
    var int: Int? { numberValue?.int }
}
