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
    /// The REST surface's own diagnostic codes (`EMU_REST_…`), without the engine's.
    var restDiagnostics: [String] { diagnosticCodes.filter { $0.hasPrefix("EMU_REST_") } }
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

/// The JSON kind of a value, for comparing our answers with the docs' examples: ids, dates and texts differ, kinds
/// do not (a nullable field may be null on either side).
func kind(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "bool"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object(let members): members.isEmpty ? "array" : "object"
    }
}

/// The differences between the shape of `ours` and the docs' `example`: missing or extra keys, and keys whose
/// kinds differ (null matching anything).
func shapeDifferences(_ ours: JSONValue, _ example: JSONValue, path: String = "") -> [String] {
    guard let mine = ours.objectMembers, let theirs = example.objectMembers else { return [] }
    var differences: [String] = []
    let mineKeys = mine.map(\.key)
    let theirKeys = theirs.map(\.key)
    for key in theirKeys where !mineKeys.contains(key) { differences.append("missing \(path)\(key)") }
    for key in mineKeys where !theirKeys.contains(key) { differences.append("extra \(path)\(key)") }
    for (key, value) in theirs {
        guard let own = ours[key] else { continue }
        let a = kind(own)
        let b = kind(value)
        if a != b, a != "null", b != "null" { differences.append("\(path)\(key): \(a) instead of \(b)") }
        if case .object = value, case .object = own {
            differences += shapeDifferences(own, value, path: path + key + ".")
        }
    }
    return differences
}

/// The keys of an object are sorted as PHP's `ksort` sorts them (recursively).
func keysAreSorted(_ value: JSONValue) -> Bool {
    switch value {
    case .object(let members):
        let keys = members.map(\.key)
        return keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            && members.allSatisfy { keysAreSorted($0.value) }
    case .array(let elements): return elements.allSatisfy(keysAreSorted)
    default: return true
    }
}
