import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON
import SiteAPI
import Testing

/// An API with `count` orders created through the create endpoint (railway ids 1…count).
func apiWithOrders(_ count: Int) throws -> SiteAPI {
    let api = try makeAPI()
    for index in 1...count {
        let phone = index % 2 == 0 ? "+77011111111" : "+77022222222"
        let answer = try api.create(seedPayload(railwayId: index).setting("customer_phone", .string(phone)))
        #expect(answer.status == 200)
    }
    return api
}

@Suite struct ListTests {
    @Test func theListIsNewestFirstWithPagination() throws {
        let api = try apiWithOrders(5)
        let answer = try api.send("GET", "/api/v2/orders", query: "limit=2&offset=1")
        #expect(answer.status == 200)
        #expect(answer["data"]?.arrayValue?.compactMap { $0["id"] } == [4, 3])
        #expect(answer["pagination"] == ["total": 5, "limit": 2, "offset": 1, "has_more": true])
        let last = try api.send("GET", "/api/v2/orders", query: "limit=2&offset=4")
        #expect(last["pagination"]?["has_more"] == false)
        let defaults = try api.send("GET", "/api/v2/orders")
        #expect(defaults["pagination"] == ["total": 5, "limit": 20, "offset": 0, "has_more": false])
    }

    @Test func onlyActiveStatusesAreListedAndStatusFilters() throws {
        let api = try apiWithOrders(3)
        #expect(try api.send("POST", "/api/v2/order/change-status/", body: #"{"id": 1, "status": "F"}"#).status == 200)
        #expect(try api.send("POST", "/api/v2/order/change-status/", body: #"{"id": 2, "status": "AP"}"#).status == 200)
        #expect(try api.send("GET", "/api/v2/orders")["pagination"]?["total"] == 2)
        #expect(
            try api.send("GET", "/api/v2/orders", query: "status=AP")["data"]?.arrayValue?.compactMap { $0["id"] } == [
                2
            ]
        )
        #expect(try api.send("GET", "/api/v2/orders", query: "status=N,AP")["pagination"]?["total"] == 2)
        #expect(try api.send("GET", "/api/v2/orders", query: "status=N%2CDE")["pagination"]?["total"] == 1)
        for bad in ["F", "XX", "N,F", ""] {
            let answer = try api.send("GET", "/api/v2/orders", query: "status=\(bad)")
            #expect(answer.status == 422, "\(bad)")
            #expect(answer.detailFields.allSatisfy { $0 == "status" })
        }
    }

    @Test func theRailwayIdFilterMatchesExactly() throws {
        let api = try apiWithOrders(3)
        let answer = try api.send("GET", "/api/v2/orders", query: "railway_order_id=2")
        #expect(answer["data"]?.arrayValue?.compactMap { $0["id"] } == [2])
        #expect(try api.send("GET", "/api/v2/orders", query: "railway_order_id=42")["data"] == [])
        #expect(try api.send("GET", "/api/v2/orders", query: "railway_order_id=abc").status == 400)
    }

    @Test(arguments: [
        "limit=abc", "limit=0", "limit=101", "limit=-1", "limit=", "limit=1.5", "offset=-1", "offset=x",
        "offset=99999999999999999999",
    ])
    func aMalformedPageParameterIs400(_ query: String) throws {
        let api = try makeAPI()
        let answer = try api.send("GET", "/api/v2/orders", query: query)
        #expect(answer.status == 400)
        #expect(answer["success"] == false)
    }
}

@Suite struct DetailTests {
    @Test func anUnknownOrderIs404() throws {
        let api = try makeAPI()
        let byPath = try api.send("GET", "/api/v2/orders/77")
        #expect(byPath.status == 404)
        #expect(byPath.json == ["success": false, "error": "Order 77 not found"])
        #expect(try api.send("GET", "/api/v2/orders/detail/", query: "id=77").status == 404)
    }

    @Test(arguments: ["", "id=", "id=abc", "id=0", "id=-3"])
    func aMalformedDetailIdIs400(_ query: String) throws {
        let api = try makeAPI()
        #expect(try api.send("GET", "/api/v2/orders/detail/", query: query).status == 400)
    }
}

@Suite struct StatusTests {
    @Test func theStatusChangesByJSONFormOrQuery() throws {
        let api = try apiWithOrders(1)
        let json = try api.send("POST", "/api/v2/order/change-status/", body: #"{"id": 1, "status": "AP"}"#)
        #expect(json.status == 200)
        #expect(json.json == ["success": true, "data": ["id": 1, "status": "AP", "previous_status": "N"]])
        let form = try api.send(
            "POST",
            "/api/v2/order/change-status/",
            body: "id=1&status=CO",
            headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded")]
        )
        #expect(form["data"]?["previous_status"] == "AP")
        let bareForm = try api.send("POST", "/api/v2/order/change-status/", body: "id=1&status=DE")
        #expect(bareForm["data"]?["status"] == "DE")
        let query = try api.send("POST", "/api/v2/order/change-status/index.php", query: "id=1&status=F")
        #expect(query["data"]?["status"] == "F")
        // The body wins over the query.
        let both = try api.send(
            "POST",
            "/api/v2/order/change-status",
            query: "id=99&status=XX",
            body: #"{"id": "1", "status": "N"}"#
        )
        #expect(both["data"]?["status"] == "N")
        #expect(try api.send("GET", "/api/v2/orders/1")["data"]?["status"] == "N")
    }

    @Test func statusErrors() throws {
        let api = try apiWithOrders(1)
        let unknownStatus = try api.send("POST", "/api/v2/order/change-status/", body: #"{"id": 1, "status": "DN"}"#)
        #expect(unknownStatus.status == 422)
        #expect(unknownStatus.detailFields == ["status"])
        #expect(try api.send("POST", "/api/v2/order/change-status/", body: #"{"id": 1}"#).status == 422)
        #expect(try api.send("POST", "/api/v2/order/change-status/", body: #"{"id": 5, "status": "AP"}"#).status == 404)
        #expect(
            try api.send("POST", "/api/v2/order/change-status/", body: #"{"id": "x", "status": "AP"}"#).status == 400
        )
        #expect(try api.send("POST", "/api/v2/order/change-status/", body: #"{"status": "AP"}"#).status == 400)
        #expect(try api.send("POST", "/api/v2/order/change-status/", body: #"[1]"#).status == 400)
        #expect(
            try api.send("POST", "/api/v2/order/change-status/", body: #"{"id": 1.5, "status": "AP"}"#).status == 400
        )
        let warned = try api.send(
            "POST",
            "/api/v2/order/change-status/",
            body: #"{"id": 1, "status": "AP", "stat": 1}"#
        )
        #expect(warned["warnings"] == ["Unknown field \"stat\" was ignored"])
    }
}

@Suite struct DeleteTests {
    @Test func deleteByDeleteOrPost() throws {
        let api = try apiWithOrders(2)
        let deleted = try api.send("DELETE", "/api/v2/orders/delete/", query: "id=1")
        #expect(deleted.json == ["success": true, "data": ["id": 1, "deleted": true]])
        let posted = try api.send("POST", "/api/v2/orders/delete/index.php", body: "id=2")
        #expect(posted["data"]?["deleted"] == true)
        #expect(api.storedOrderCount == 0)
        #expect(try api.send("DELETE", "/api/v2/orders/delete/", query: "id=1").status == 404)
        #expect(try api.send("DELETE", "/api/v2/orders/delete/").status == 400)
        #expect(try api.send("DELETE", "/api/v2/orders/delete/", query: "id=zero").status == 400)
    }

    /// docs/API.md fixes the texts (`Order <id> cannot be deleted: it has a paid payment`, `… a shipped shipment`,
    /// both joined by `and`) and the detail codes (the Bitrix codes, field `id`).
    @Test func aPaidOrShippedOrderIs409WithTheTextAndBitrixCodesOfTheDocs() throws {
        let api = try apiWithOrders(3)
        var paid = try #require(try api.engine.load(id: 1))
        let payment = try #require(paid.payments.first)
        _ = try paid.setPaymentField(payment.code, "PAID", true)
        #expect(api.engine.save(&paid).isSuccess)
        var shipped = try #require(try api.engine.load(id: 2))
        let shipment = try #require(shipped.shipments.first)
        _ = try shipped.setShipmentField(shipment.code, "DEDUCTED", true)
        #expect(api.engine.save(&shipped).isSuccess)
        var both = try #require(try api.engine.load(id: 3))
        _ = try both.setPaymentField(try #require(both.payments.first).code, "PAID", true)
        _ = try both.setShipmentField(try #require(both.shipments.first).code, "DEDUCTED", true)
        #expect(api.engine.save(&both).isSuccess)
        let expected: [(id: Int, error: String, codes: [String])] = [
            (1, "Order 1 cannot be deleted: it has a paid payment", ["SALE_ORDER_CANCEL_PAYMENT_EXIST_ACTIVE"]),
            (2, "Order 2 cannot be deleted: it has a shipped shipment", ["SALE_ORDER_CANCEL_SHIPMENT_EXIST_SHIPPED"]),
            // Bitrix stops at the first refusal (B28: the payment check comes first), so one reason only.
            (3, "Order 3 cannot be deleted: it has a paid payment", ["SALE_ORDER_CANCEL_PAYMENT_EXIST_ACTIVE"]),
        ]
        for (id, error, codes) in expected {
            let answer = try api.send("POST", "/api/v2/orders/delete/", body: #"{"id": \#(id)}"#)
            #expect(answer.status == 409)
            #expect(answer.error == error)
            #expect(answer.detailCodes == codes)
            #expect(answer.detailFields == codes.map { _ in "id" })
        }
        #expect(api.storedOrderCount == 3)
        #expect(try api.send("GET", "/api/v2/orders/1")["data"]?["paid"] == true)
    }
}

@Suite struct CustomerTests {
    @Test func ordersOfOneCustomerByPhoneOrUserIdAnyStatus() throws {
        let api = try apiWithOrders(4)
        #expect(try api.send("POST", "/api/v2/order/change-status/", body: "id=2&status=F").status == 200)
        let byPhone = try api.send("GET", "/api/v2/customers/orders.php", query: "phone=87011111111")
        #expect(byPhone["data"]?.arrayValue?.compactMap { $0["id"] } == [4, 2])
        #expect(byPhone["pagination"] == ["total": 2, "limit": 20, "offset": 0, "has_more": false])
        let userId = try #require(byPhone["data"]?[0]?["user_id"]?.numberValue?.int)
        let byId = try api.send("GET", "/api/v2/customers/orders_by_id.php", query: "user_id=\(userId)&limit=1")
        #expect(byId["data"]?.arrayValue?.compactMap { $0["id"] } == [4])
        #expect(byId["pagination"]?["has_more"] == true)
        let plus = try api.send("GET", "/api/v2/customers/orders.php/", query: "phone=%2B7%20(701)%20111-11-11")
        #expect(plus["pagination"]?["total"] == 2)
    }

    @Test func noSuchCustomerIsAnEmptyList() throws {
        let api = try apiWithOrders(1)
        let answer = try api.send("GET", "/api/v2/customers/orders.php", query: "phone=+77779999999")
        #expect(answer.status == 200)
        #expect(answer["data"] == [])
        #expect(try api.send("GET", "/api/v2/customers/orders_by_id.php", query: "user_id=12345")["data"] == [])
    }

    @Test(arguments: [
        ("/api/v2/customers/orders.php", ""), ("/api/v2/customers/orders.php", "phone="),
        ("/api/v2/customers/orders.php", "phone=12"), ("/api/v2/customers/orders.php", "phone=abc"),
        ("/api/v2/customers/orders_by_id.php", ""), ("/api/v2/customers/orders_by_id.php", "user_id=x"),
        ("/api/v2/customers/orders_by_id.php", "user_id=0"),
        ("/api/v2/customers/orders_by_id.php", "user_id=1&limit=0"),
    ])
    func aMissingOrMalformedParameterIs400(_ path: String, _ query: String) throws {
        let api = try makeAPI()
        #expect(try api.send("GET", path, query: query).status == 400)
    }
}

@Suite struct ProductTests {
    @Test func aProductIsCreatedThenUpdated() throws {
        let api = try makeAPI()
        let created = try api.send(
            "POST",
            "/api/v2/create/",
            body:
                #"{"title": "Пионы", "price": 19999.50, "images_urls": ["https://x/1.jpg"], "owner": "shop", "properties": {"color": "pink", "stems": 7, "fresh": true}, "colour": 1}"#
        )
        #expect(created.status == 200)
        let id = try #require(created["data"]?["id"]?.numberValue?.int)
        #expect(id == 9)
        #expect(
            created.json == [
                "success": true,
                "data": [
                    "id": 9, "title": "Пионы", "price": .num("19999.5"), "currency": "KZT", "active": true,
                    "images_urls": ["https://x/1.jpg"], "owner": "shop",
                    "properties": ["color": "pink", "fresh": "Y", "stems": "7"],
                ],
                "warnings": ["Unknown field \"colour\" was ignored"],
            ]
        )
        // It can be ordered at its price.
        let order = try api.create(
            seedPayload().setting("items", [["product_id": .int(id), "quantity": 2]]).setting("total_amount", 41499)
        )
        #expect(order.status == 200)
        // Update: the placed order keeps its price.
        let updated = try api.send("POST", "/api/v2/create", body: #"{"id": \#(id), "title": "Пионы", "price": 25000}"#)
        #expect(updated["data"]?["price"] == 25000)
        #expect(updated["data"]?["owner"] == "shop")
        #expect(try api.send("GET", "/api/v2/orders/1")["data"]?["basket"]?[0]?["price"] == .num("19999.5"))
        // An id that names no product creates it with that id.
        let chosen = try api.send("POST", "/api/v2/create", body: #"{"id": 500, "title": "Lily", "price": 1}"#)
        #expect(chosen["data"]?["id"] == 500)
        #expect(api.engine.product(id: 500)?.name == "Lily")
    }

    @Test(arguments: [
        (#"{"price": 1}"#, "title"), (#"{"title": "", "price": 1}"#, "title"), (#"{"title": "x"}"#, "price"),
        (#"{"title": "x", "price": -1}"#, "price"), (#"{"title": "x", "price": 1.234}"#, "price"),
        (#"{"title": "x", "price": 1, "images_urls": "a"}"#, "images_urls"),
        (#"{"title": "x", "price": 1, "properties": {"a": [1]}}"#, "properties.a"),
        (#"{"title": "x", "price": 1, "id": -2}"#, "id"),
    ])
    func anInvalidProductIs422(_ body: String, _ field: String) throws {
        let api = try makeAPI()
        let answer = try api.send("POST", "/api/v2/create", body: body)
        #expect(answer.status == 422)
        #expect(answer.detailFields.contains(field))
    }
}
