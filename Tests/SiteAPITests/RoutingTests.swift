import SaleHTTP
import BitrixSale
import SaleJSON
import SiteAPI
import Testing

@Suite struct RoutingTests {
    @Test(arguments: [
        "/api/v2/orders", "/api/v2/orders/", "/api/v2/orders/index.php", "/api/v2/orders/index.php/",
    ])
    func theListAnswersOnEveryPathForm(_ path: String) throws {
        let api = try makeAPI()
        let answer = try api.send("GET", path)
        #expect(answer.status == 200)
        #expect(answer["success"] == true)
    }

    @Test func detailAnswersByPathByQueryAndThroughIndexPhp() throws {
        let api = try makeAPI()
        let created = try api.create(seedPayload())
        let id = try #require(created["bitrix_order_id"]?.numberValue?.int)
        for path in [
            "/api/v2/orders/\(id)", "/api/v2/orders/\(id)/", "/api/v2/orders/detail?id=\(id)",
            "/api/v2/orders/detail/?id=\(id)", "/api/v2/orders/detail/index.php?id=\(id)",
        ] {
            let answer = try api.send("GET", path)
            #expect(answer.status == 200, "\(path)")
            #expect(answer["data"]?["id"]?.numberValue?.int == id, "\(path)")
        }
    }

    @Test(arguments: [
        ("GET", "/api/v2/nothing"), ("GET", "/api/v1/orders"), ("POST", "/api/v2/orders/5/extra"),
        ("GET", "/"), ("GET", "/api/v2"),
    ])
    func anUnknownRouteIs404EvenWithoutAToken(_ method: String, _ path: String) throws {
        let api = try makeAPI()
        let answer = try api.send(method, path, auth: false)
        #expect(answer.status == 404)
        #expect(answer.json == ["success": false, "error": .string("Unknown route \(path)")])
    }

    /// docs/API.md: `Unknown route <path>` — the path without its query, at most 200 characters (then `…`).
    @Test func theUnknownRouteTextNamesThePathWithoutItsQueryCutAt200Characters() throws {
        let api = try makeAPI()
        #expect(try api.send("GET", "/api/v3/x", query: "a=1").error == "Unknown route /api/v3/x")
        let long = "/" + String(repeating: "ж", count: 250)
        #expect(try api.send("GET", long, auth: false).error == "Unknown route " + long.prefix(200) + "…")
        let exactly200 = "/" + String(repeating: "a", count: 199)
        #expect(try api.send("GET", exactly200, auth: false).error == "Unknown route " + exactly200)
    }

    @Test(arguments: [
        ("POST", "/api/v2/orders", "GET"), ("GET", "/api/v2/orders/create", "POST"),
        ("PUT", "/api/v2/orders/5", "GET"), ("GET", "/api/v2/orders/delete/", "DELETE, POST"),
        ("GET", "/api/v2/order/change-status/", "POST"), ("DELETE", "/api/v2/create/", "POST"),
        ("POST", "/api/v2/customers/orders.php", "GET"), ("PATCH", "/api/v2/customers/orders_by_id.php", "GET"),
        ("OPTIONS", "/api/v2/orders/detail/index.php", "GET"),
    ])
    func aWrongMethodIs405WithAllowBeforeAuth(_ method: String, _ path: String, _ allow: String) throws {
        let api = try makeAPI()
        let answer = try api.send(method, path, auth: false)
        #expect(answer.status == 405)
        #expect(answer.response.header("Allow") == allow)
        // docs/API.md: `Method <M> is not allowed here; use GET` (or `use DELETE or POST`).
        let use = allow.replacingOccurrences(of: ", ", with: " or ")
        #expect(
            answer.json == ["success": false, "error": .string("Method \(method) is not allowed here; use \(use)")]
        )
    }

    @Test func namedRoutesWinOverTheIdRoute() throws {
        let api = try makeAPI()
        #expect(try api.send("GET", "/api/v2/orders/create").status == 405)
        #expect(try api.send("GET", "/api/v2/orders/detail").status == 400)
        #expect(try api.send("GET", "/api/v2/orders/delete").status == 405)
    }

    @Test(arguments: ["abc", "0", "-1", "1.5", "9007199254740992", "99999999999999999999999"])
    func aMalformedPathIdIs400(_ id: String) throws {
        let api = try makeAPI()
        let answer = try api.send("GET", "/api/v2/orders/\(id)")
        #expect(answer.status == 400)
        #expect(answer["success"] == false)
    }

    @Test func everyResponseCarriesTheCommonHeaders() throws {
        let api = try makeAPI()
        let answers = [
            try api.send("GET", "/api/v2/orders"), try api.send("GET", "/nowhere"),
            try api.send("PUT", "/api/v2/orders"), try api.send("GET", "/api/v2/orders", auth: false),
            try api.send("POST", "/api/v2/orders/create", body: "[]"),
        ]
        for answer in answers {
            #expect(answer.response.header("Content-Type") == "application/json; charset=UTF-8")
            #expect(answer.response.header("Access-Control-Allow-Origin") == "*")
        }
    }
}

@Suite struct AuthTests {
    @Test func aMissingTokenIs401WithTheExactBody() throws {
        let api = try makeAPI()
        let answer = try api.send("GET", "/api/v2/orders", auth: false)
        #expect(answer.status == 401)
        #expect(answer.json == ["success": false, "error": "Unauthorized"])
    }

    @Test(arguments: [
        "access_token=", "access_token=wrong", "access_token=dev-token-NOT-A-SECRE",
        "access_token=dev-token-NOT-A-SECRETX",
    ])
    func aWrongOrEmptyQueryTokenIs401(_ query: String) throws {
        let api = try makeAPI()
        let answer = try api.send("GET", "/api/v2/orders", query: query, auth: false)
        #expect(answer.status == 401)
        #expect(!String(decoding: answer.response.body, as: UTF8.self).contains("wrong"))
    }

    @Test func aBearerHeaderAuthorises() throws {
        let api = try makeAPI()
        let ok = try api.send(
            "GET",
            "/api/v2/orders",
            headers: [HeaderField("Authorization", "Bearer \(token)")],
            auth: false
        )
        #expect(ok.status == 200)
        let lower = try api.send(
            "GET",
            "/api/v2/orders",
            headers: [HeaderField("authorization", "bearer \(token)")],
            auth: false
        )
        #expect(lower.status == 200)
    }

    @Test(arguments: ["Bearer", "Bearer ", "Bearer nope", "Basic \(token)", token])
    func aBadAuthorizationHeaderIs401(_ value: String) throws {
        let api = try makeAPI()
        let answer = try api.send("GET", "/api/v2/orders", headers: [HeaderField("Authorization", value)], auth: false)
        #expect(answer.status == 401)
        #expect(answer.json == ["success": false, "error": "Unauthorized"])
    }

    @Test func authComesBeforeTheBodyChecks() throws {
        let api = try makeAPI()
        let answer = try api.send("POST", "/api/v2/orders/create", body: "not json", auth: false)
        #expect(answer.status == 401)
        let big = try api.send(
            "POST",
            "/api/v2/orders/create",
            body: String(repeating: "x", count: 1 << 20 + 1),
            auth: false
        )
        #expect(big.status == 401)
    }

    @Test func aBodyOverTheLimitIs413() throws {
        let api = try makeAPI()
        let answer = try api.send("POST", "/api/v2/orders/create", body: String(repeating: " ", count: (1 << 20) + 1))
        #expect(answer.status == 413)
        // docs/API.md: `The request body is <n> bytes; the limit is <limit>`.
        #expect(
            answer.json == ["success": false, "error": "The request body is 1048577 bytes; the limit is 1048576"]
        )
        let small = try makeAPI(options: APIOptions(maxBodyBytes: 10))
        let over = try small.send("POST", "/api/v2/create", body: #"{"title": "a", "price": 1}"#)
        #expect(over.status == 413)
        #expect(over.error == "The request body is 26 bytes; the limit is 10")
        #expect(try small.send("POST", "/api/v2/create", body: #"{"a":1}"#).status == 422)
    }

    @Test func aSiteMissingWhatCreateNeedsIsRefusedNamingIt() throws {
        var site = SiteConfiguration.defaultSite
        site.orderProperties.removeAll { $0.code == "RAILWAY_ORDER_ID" }
        site.statuses.removeAll { $0.id == "DE" }
        let engine = try SaleEngine(site: site, clock: .fixed(testNow))
        do {
            _ = try SiteAPI(engine: engine)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.missing.contains("order property RAILWAY_ORDER_ID for person type 1"))
            #expect(error.missing.contains("active order status DE"))
            #expect(error.description.contains("RAILWAY_ORDER_ID"))
        }
    }
}
