import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON
import SiteAPI
import Testing

@Suite struct CreateOrderTests {
    @Test func theSeedPayloadCreatesAnOrderWithTheExactAnswer() throws {
        let api = try makeAPI()
        let answer = try api.create(seedPayload())
        #expect(answer.status == 200)
        #expect(
            String(decoding: answer.response.body, as: UTF8.self)
                == #"{"success":true,"bitrix_order_id":1,"railway_order_id":999,"order_number":"1","status":"N","total_amount":17500,"currency":"KZT","warnings":[]}"#
        )
        #expect(api.storedOrderCount == 1)
    }

    @Test func theStoredOrderHasTheExactJSONShape() throws {
        let api = try makeAPI()
        _ = try api.create(seedPayload())
        let detail = try api.send("GET", "/api/v2/orders/1")
        let expected = try JSONParser()
            .parse(
                #"""
                {"success": true, "data": {
                  "id": 1, "account_number": "1", "site_id": "s1", "person_type_id": 1, "user_id": 2, "status": "N",
                  "status_name": "Принят, ожидается оплата", "canceled": false, "paid": false, "currency": "KZT",
                  "price": 17500, "basket_price": 15000, "price_delivery": 2500, "sum_paid": 0,
                  "date_insert": "2025-10-20T10:00:00+05:00", "date_update": "2025-10-20T10:00:00+05:00",
                  "user_description": "Позвонить за 10 минут",
                  "properties": {"FIO": "Иван Иванов", "PHONE": "+77015211545", "ADDRESS": "ул. Абая 150, кв 25",
                    "DELIVERY_DATE": "2025-10-21", "DELIVERY_TIME": "14:00-16:00", "RECIPIENT_NAME": "Мария Петрова",
                    "RECIPIENT_PHONE": "+77778889900", "RAILWAY_ORDER_ID": "999"},
                  "basket": [{"id": 1, "product_id": 5, "name": "Букет из 15 роз", "quantity": 1, "price": 15000,
                    "base_price": 15000, "custom_price": true, "sum": 15000}],
                  "shipments": [{"id": 2, "delivery_id": 1, "delivery_name": "Курьерская доставка", "price_delivery": 2500,
                    "status": "DN", "deducted": false, "items": [{"basket_id": 1, "quantity": 1}]}],
                  "payments": [{"id": 1, "pay_system_id": 3, "pay_system_code": "kaspi", "pay_system_name": "Kaspi.kz",
                    "sum": 17500, "paid": false}]
                }}
                """#
            )
        #expect(detail.json == expected)
        // Member order as the contract lists it.
        let keys = detail["data"]?.objectMembers?.map(\.key)
        #expect(
            keys == [
                "id", "account_number", "site_id", "person_type_id", "user_id", "status", "status_name", "canceled",
                "paid", "currency", "price", "basket_price", "price_delivery", "sum_paid", "date_insert", "date_update",
                "user_description", "properties", "basket", "shipments", "payments",
            ]
        )
        // Integers are written as integers, not 1.0.
        let text = String(decoding: detail.response.body, as: UTF8.self)
        #expect(text.contains(#""quantity":1,"#) && text.contains(#""id":1,"#))
    }

    /// docs/CREATE-ENDPOINT.md: the handler makes the calls the corrected PHP endpoint makes, so the stored order is
    /// what that PHP builds in Bitrix: catalog lines with their provider (a given price custom, a missing one the
    /// catalog's), the date in the site's FORMAT_DATE, every line in the one shipment, nothing marked.
    @Test func theStoredOrderIsWhatThePHPTemplateBuilds() throws {
        let api = try makeAPI()
        let body = seedPayload()
            .setting("items", [["product_id": 5, "quantity": 1, "price": 14000], ["product_id": 7, "quantity": 2]])
            .setting("total_amount", 17500)
        let answer = try api.create(body)
        #expect(answer.status == 200, "\(String(decoding: answer.response.body, as: UTF8.self))")
        let order = try #require(try api.engine.load(id: 1))
        let lines = try #require(order.basket?.items)
        #expect(
            lines.map(\.productProviderClass) == [BasketItem.catalogProviderClass, BasketItem.catalogProviderClass]
        )
        #expect(lines.map(\.customPrice) == [true, false])
        #expect(lines.map(\.price) == [14000, 500])
        #expect(lines.map(\.name) == ["Букет из 15 роз", "Открытка"])
        #expect(lines.map(\.currency) == ["KZT", "KZT"])
        #expect(order.data.propertyValue(code: "DELIVERY_DATE") == "21.10.2025")
        #expect(order.systemShipmentItems.isEmpty)
        #expect(!order.marked)
        #expect(order.price == 17500)
        #expect(order.payments.map(\.sum) == [17500])
        // The API still answers the date as it was given.
        let detail = try api.send("GET", "/api/v2/orders/1")
        #expect(detail["data"]?["properties"]?["DELIVERY_DATE"] == "2025-10-21")
    }

    @Test func aCustomerIsFoundOrCreatedByTheNormalisedPhone() throws {
        let api = try makeAPI()
        let first = try api.create(seedPayload(railwayId: 1).setting("customer_phone", "87015211545"))
        let second = try api.create(seedPayload(railwayId: 2).setting("customer_phone", "+7 (701) 521-15-45"))
        #expect(first.status == 200 && second.status == 200)
        let one = try api.send("GET", "/api/v2/orders/1")["data"]?["user_id"]
        let two = try api.send("GET", "/api/v2/orders/2")["data"]?["user_id"]
        #expect(one == two)
        #expect(api.engine.user(phone: "+77015211545")?.id == one?.numberValue?.int)
        let byPhone = try api.send("GET", "/api/v2/customers/orders.php", query: "phone=%2B77015211545")
        #expect(byPhone["data"]?.arrayValue?.count == 2)
        #expect(try api.send("GET", "/api/v2/orders/1")["data"]?["properties"]?["PHONE"] == "+77015211545")
    }

    @Test(arguments: [
        ("+77015211545", "+77015211545"), ("87015211545", "+77015211545"), ("+7 (701) 521-15-45", "+77015211545"),
        ("77015211545", "+77015211545"), ("+44 20 7946 0958", "+442079460958"), ("123456789012345", "+123456789012345"),
    ])
    func phonesNormalise(_ input: String, _ expected: String) throws {
        let api = try makeAPI()
        let answer = try api.create(seedPayload().setting("recipient_phone", .string(input)))
        #expect(answer.status == 200)
        #expect(try api.send("GET", "/api/v2/orders/1")["data"]?["properties"]?["RECIPIENT_PHONE"] == .string(expected))
    }

    @Test func withoutDeliveryPriceTheDeliveryIsTheRest() throws {
        let api = try makeAPI()
        let body = seedPayload()
            .setting("items", [["product_id": 1, "quantity": 3], ["product_id": 4, "quantity": 2]])
            .setting("total_amount", .num("29601.00")).setting("payment_method", nil)
        let answer = try api.create(body)
        #expect(answer.status == 200)
        #expect(answer["total_amount"] == .num("29601"))
        let order = try #require(try api.send("GET", "/api/v2/orders/1")["data"])
        #expect(order["basket_price"] == .num("28601"))
        #expect(order["price_delivery"] == 1000)
        #expect(order["payments"] == [])
        #expect(order["basket"]?[0]?["custom_price"] == false)
    }

    @Test func anExplicitDeliveryPriceMustAddUp() throws {
        let api = try makeAPI()
        let ok = try api.create(seedPayload().setting("delivery_price", 2500))
        #expect(ok.status == 200)
        let bad = try api.create(seedPayload(railwayId: 5).setting("delivery_price", 2000))
        #expect(bad.status == 422)
        #expect(bad.detailFields == ["total_amount"])
        let message = bad["details"]?[0]?["message"]?.stringValue ?? ""
        #expect(message.contains("15000") && message.contains("17500"))
    }

    @Test func aTotalBelowTheBasketNamesBothFigures() throws {
        let api = try makeAPI()
        let answer = try api.create(seedPayload().setting("total_amount", 14000))
        #expect(answer.status == 422)
        #expect(answer.detailFields == ["total_amount"])
        let message = answer["errors"]?[0]?.stringValue ?? ""
        #expect(message.hasPrefix("total_amount: ") && message.contains("14000") && message.contains("15000"))
    }

    @Test func linesOfOneProductMergeAtEqualPrices() throws {
        let api = try makeAPI()
        let body = seedPayload()
            .setting(
                "items",
                [
                    ["product_id": 5, "quantity": 1, "price": 15000], ["product_id": 5, "quantity": 2],
                    ["product_id": 7, "quantity": 1, "price": 0],
                ]
            )
            .setting("total_amount", 47500)
        let answer = try api.create(body)
        #expect(answer.status == 200)
        let basket = try api.send("GET", "/api/v2/orders/1")["data"]?["basket"]?.arrayValue ?? []
        #expect(basket.count == 2)
        #expect(basket.first?["quantity"] == 3)
        #expect(basket.last?["price"] == 0 && basket.last?["custom_price"] == true)
        let conflict = try api.create(
            seedPayload(railwayId: 2)
                .setting(
                    "items",
                    [
                        ["product_id": 5, "quantity": 1, "price": 15000],
                        ["product_id": 5, "quantity": 1, "price": 14000],
                    ]
                )
        )
        #expect(conflict.status == 422)
        #expect(conflict.detailFields == ["items[1].price"])
        #expect(conflict.detailCodes == ["conflict"])
    }

    @Test func unknownFieldsAreNamedInWarnings() throws {
        let api = try makeAPI()
        let answer = try api.create(
            seedPayload().setting("delivery_adress", "typo")
                .setting("items", [["product_id": 5, "quantity": 1, "price": 15000, "qty": 2]])
        )
        #expect(answer.status == 200)
        #expect(
            answer["warnings"]
                == ["Unknown field \"items[0].qty\" was ignored", "Unknown field \"delivery_adress\" was ignored"]
        )
    }

    @Test func aNumericStringRailwayIdIsAccepted() throws {
        let api = try makeAPI()
        let answer = try api.create(seedPayload().setting("railway_order_id", "12345"))
        #expect(answer.status == 200)
        #expect(answer["railway_order_id"] == 12345)
    }

    @Test func theBodyIsJSONWhateverTheContentTypeSays() throws {
        let api = try makeAPI()
        let answer = try api.send(
            "POST",
            "/api/v2/orders/create",
            body: JSONWriter().string(seedPayload()),
            headers: [HeaderField("Content-Type", "text/plain")]
        )
        #expect(answer.status == 200)
    }

    @Test(arguments: ["", "   ", "not json", "[1,2]", "\"text\"", "12", "{\"a\": ", "{\"a\":1}x"])
    func aBodyThatIsNotAJSONObjectIs400(_ body: String) throws {
        let api = try makeAPI()
        let answer = try api.send("POST", "/api/v2/orders/create", body: body)
        #expect(answer.status == 400)
        #expect(answer["success"] == false)
    }

    @Test func tooDeepJSONIs400() throws {
        let api = try makeAPI()
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let answer = try api.send("POST", "/api/v2/orders/create", body: #"{"items": \#(deep)}"#)
        #expect(answer.status == 400)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let api = try makeAPI()
        let answer = try api.create(["customer_phone": "12", "items": [], "delivery_time": "16:00-14:00"])
        #expect(answer.status == 422)
        #expect(
            Set(answer.detailFields) == [
                "railway_order_id", "customer_name", "customer_phone", "delivery_address", "delivery_date",
                "delivery_time", "items", "total_amount",
            ]
        )
        #expect(answer["errors"]?.arrayValue?.count == answer["details"]?.arrayValue?.count)
        #expect(api.storedOrderCount == 0)
    }

    static let invalidFields: [(String, JSONValue?, String, String)] = [
        ("railway_order_id", nil, "railway_order_id", "required"),
        ("railway_order_id", 0, "railway_order_id", "out_of_range"),
        ("railway_order_id", -5, "railway_order_id", "out_of_range"),
        ("railway_order_id", .num("1.5"), "railway_order_id", "invalid_type"),
        ("railway_order_id", .num("9007199254740992"), "railway_order_id", "out_of_range"),
        ("railway_order_id", "12a", "railway_order_id", "invalid_type"),
        ("railway_order_id", true, "railway_order_id", "invalid_type"),
        ("customer_name", nil, "customer_name", "required"),
        ("customer_name", "   ", "customer_name", "required"),
        ("customer_name", .string(String(repeating: "я", count: 256)), "customer_name", "too_long"),
        ("customer_name", 5, "customer_name", "invalid_type"),
        ("customer_phone", nil, "customer_phone", "required"),
        ("customer_phone", "7015211545", "customer_phone", "invalid_format"),
        ("customer_phone", "+7701521154512345", "customer_phone", "invalid_format"),
        ("customer_phone", "+7 701 abc", "customer_phone", "invalid_format"),
        ("customer_phone", 77_015_211_545, "customer_phone", "invalid_type"),
        ("delivery_address", nil, "delivery_address", "required"),
        ("delivery_address", "", "delivery_address", "required"),
        ("delivery_date", nil, "delivery_date", "required"),
        ("delivery_date", "2025-10-19", "delivery_date", "in_past"),
        ("delivery_date", "2025-02-29", "delivery_date", "invalid_format"),
        ("delivery_date", "2025-13-01", "delivery_date", "invalid_format"),
        ("delivery_date", "21.10.2025", "delivery_date", "invalid_format"),
        ("delivery_date", "2025-10-21T10:00", "delivery_date", "invalid_format"),
        ("delivery_time", nil, "delivery_time", "required"),
        ("delivery_time", "16:00-14:00", "delivery_time", "invalid_range"),
        ("delivery_time", "14:00-14:00", "delivery_time", "invalid_range"),
        ("delivery_time", "24:00-25:00", "delivery_time", "invalid_format"),
        ("delivery_time", "9:00-12:00", "delivery_time", "invalid_format"),
        ("recipient_phone", "123", "recipient_phone", "invalid_format"),
        ("recipient_name", .string(String(repeating: "x", count: 300)), "recipient_name", "too_long"),
        ("items", nil, "items", "required"),
        ("items", [], "items", "empty"),
        ("items", "5", "items", "invalid_type"),
        ("items", [5], "items[0]", "invalid_type"),
        ("items", [["product_id": 999, "quantity": 1]], "items[0].product_id", "not_found"),
        ("items", [["product_id": 8, "quantity": 1]], "items[0].product_id", "inactive"),
        ("items", [["quantity": 1]], "items[0].product_id", "required"),
        ("items", [["product_id": 5]], "items[0].quantity", "required"),
        ("items", [["product_id": 5, "quantity": 0]], "items[0].quantity", "out_of_range"),
        ("items", [["product_id": 5, "quantity": 10001]], "items[0].quantity", "out_of_range"),
        ("items", [["product_id": 5, "quantity": .num("1.5")]], "items[0].quantity", "invalid_type"),
        ("items", [["product_id": 5, "quantity": 1, "price": -1]], "items[0].price", "out_of_range"),
        ("items", [["product_id": 5, "quantity": 1, "price": .num("1.005")]], "items[0].price", "invalid_format"),
        ("items", [["product_id": 5, "quantity": 1, "price": .num("1e13")]], "items[0].price", "out_of_range"),
        ("total_amount", nil, "total_amount", "required"),
        ("total_amount", "lots", "total_amount", "invalid_type"),
        ("total_amount", .num("17500.001"), "total_amount", "invalid_format"),
        ("total_amount", .num("1e400"), "total_amount", "out_of_range"),
        ("delivery_price", -1, "delivery_price", "out_of_range"),
        ("payment_method", "bitcoin", "payment_method", "unknown"),
        ("payment_method", 3, "payment_method", "unknown"),
        ("notes", 5, "notes", "invalid_type"),
        ("notes", .string(String(repeating: "n", count: 2001)), "notes", "too_long"),
        ("delivery_id", 99, "delivery_id", "unknown"),
        ("delivery_id", "x", "delivery_id", "invalid_type"),
    ]

    @Test(arguments: invalidFields)
    func anInvalidFieldIs422NamingIt(_ key: String, _ value: JSONValue?, _ field: String, _ code: String) throws {
        let api = try makeAPI()
        let answer = try api.create(seedPayload().setting(key, value))
        #expect(answer.status == 422, "\(key)=\(String(describing: value))")
        #expect(answer["success"] == false)
        let pairs = zip(answer.detailFields, answer.detailCodes).map { "\($0) \($1)" }
        #expect(pairs.contains("\(field) \(code)"), "\(pairs)")
        #expect(answer.error?.hasPrefix("Validation failed") == true)
        #expect(api.storedOrderCount == 0)
    }

    @Test func anUnknownPaymentMethodListsTheAllowedCodes() throws {
        let api = try makeAPI()
        let answer = try api.create(seedPayload().setting("payment_method", "bitcoin"))
        let message = answer["details"]?[0]?["message"]?.stringValue ?? ""
        #expect(message.contains("kaspi") && message.contains("cash") && message.contains("card"))
    }

    @Test func optionalFieldsMayBeNullOrAbsent() throws {
        let api = try makeAPI()
        let body = seedPayload().setting("recipient_name", .null).setting("recipient_phone", nil)
            .setting("notes", .null)
            .setting("payment_method", nil).setting("delivery_id", 2).setting("delivery_price", .null)
        let answer = try api.create(body)
        #expect(answer.status == 200)
        let order = try #require(try api.send("GET", "/api/v2/orders/1")["data"])
        #expect(order["properties"]?["RECIPIENT_NAME"] == nil)
        #expect(order["user_description"] == .null)
        #expect(order["shipments"]?[0]?["delivery_id"] == 2)
    }

    @Test func todayIsAValidDeliveryDateInTheSiteTimeZone() throws {
        // 2025-10-20T20:00Z is already 2025-10-21 01:00 in Almaty.
        let api = try makeAPI(clock: .fixed(Date(timeIntervalSince1970: 1_760_990_400)))
        #expect(try api.create(seedPayload().setting("delivery_date", "2025-10-21")).status == 200)
        let past = try api.create(seedPayload(railwayId: 2).setting("delivery_date", "2025-10-20"))
        #expect(past.detailCodes == ["in_past"])
    }
}

@Suite struct IdempotencyTests {
    @Test func anIdenticalPayloadReplaysTheFirstAnswer() throws {
        let api = try makeAPI()
        let first = try api.create(seedPayload())
        // Same payload, other key order and other number spellings.
        let reordered = JSONValue.object(
            (seedPayload().objectMembers ?? []).reversed()
                .map { member in
                    member.key == "total_amount" ? (key: member.key, value: .num("1.75e4")) : member
                }
        )
        let replay = try api.create(reordered)
        #expect(replay.status == 200)
        #expect(replay["idempotent_replay"] == true)
        #expect(replay["bitrix_order_id"] == first["bitrix_order_id"])
        #expect(replay["order_number"] == first["order_number"])
        #expect(replay["total_amount"] == 17500)
        #expect(replay["warnings"] == [])
        #expect(first["idempotent_replay"] == nil)
        #expect(api.storedOrderCount == 1)
    }

    @Test func aReplayAnswersAfterTheDeliveryDateHasPassed() throws {
        let clock = ManualClock(testNow)
        let api = try makeAPI(clock: clock.saleClock)
        #expect(try api.create(seedPayload()).status == 200)
        clock.advance(by: 5 * 86_400)
        let replay = try api.create(seedPayload())
        #expect(replay.status == 200)
        #expect(replay["idempotent_replay"] == true)
        #expect(try api.create(seedPayload(railwayId: 1000)).detailCodes == ["in_past"])
    }

    /// docs/API.md: `railway_order_id <r> is already used by order <id> (number <account number>) with a different
    /// payload`, with one detail (`railway_order_id`, `idempotency_conflict`).
    @Test func aDifferentPayloadIs409NamingBothIdsWithOneIdempotencyDetail() throws {
        let api = try makeAPI()
        let first = try api.create(seedPayload())
        let number = try #require(first["order_number"]?.stringValue)
        let conflict = try api.create(seedPayload().setting("notes", "changed"))
        #expect(conflict.status == 409)
        #expect(
            conflict.error
                == "railway_order_id 999 is already used by order 1 (number \(number)) with a different payload"
        )
        #expect(conflict.detailFields == ["railway_order_id"])
        #expect(conflict.detailCodes == ["idempotency_conflict"])
        #expect(api.storedOrderCount == 1)
    }

    @Test func aDeletedOrdersRailwayIdMayBeUsedAgain() throws {
        let api = try makeAPI()
        _ = try api.create(seedPayload())
        #expect(try api.send("DELETE", "/api/v2/orders/delete/", query: "id=1").status == 200)
        let again = try api.create(seedPayload().setting("notes", "second try"))
        #expect(again.status == 200)
        #expect(again["bitrix_order_id"] == 2)
    }

    @Test func concurrentDuplicatesCreateExactlyOneOrder() async throws {
        let api = try makeAPI()
        let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
            for _ in 0..<8 { group.addTask { try api.create(seedPayload()) } }
            var all: [Answer] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        #expect(answers.allSatisfy { $0.status == 200 })
        #expect(answers.filter { $0["idempotent_replay"] == true }.count == 7)
        #expect(Set(answers.compactMap { $0["bitrix_order_id"] }).count == 1)
        #expect(api.storedOrderCount == 1)
    }

    @Test func concurrentDistinctCreatesAreAllStored() async throws {
        let api = try makeAPI()
        let created = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var ok = 0
                    for index in 0..<500
                    where try api.create(seedPayload(railwayId: task * 1000 + index + 1)).status == 200 {
                        ok += 1
                    }
                    return ok
                }
            }
            var total = 0
            for try await count in group { total += count }
            return total
        }
        #expect(created == 4000)
        #expect(api.storedOrderCount == 4000)
        let ids = api.engine.store.orders(matching: OrderQuery()).orders.compactMap(\.id)
        #expect(Set(ids).count == 4000)
    }
}

/// The create endpoint on a site whose FORMAT_DATE is not Bitrix's default (docs/CREATE-ENDPOINT.md step 11).
@Suite struct CreateOrderSiteDateFormatTests {
    @Test func theDeliveryDateIsStoredInTheSitesFormatAndShownAsTheAPIsDate() throws {
        var site = SiteConfiguration.defaultSite
        site.formatDate = "MM/DD/YYYY"
        let api = try SiteAPI(engine: try SaleEngine(site: site, clock: .fixed(testNow)))
        let answer = try api.create(seedPayload())
        #expect(answer.status == 200, "\(String(decoding: answer.response.body, as: UTF8.self))")
        let order = try #require(try api.engine.load(id: 1))
        #expect(order.data.propertyValue(code: "DELIVERY_DATE") == "10/21/2025")
        #expect(!order.marked)
        let detail = try api.send("GET", "/api/v2/orders/1")
        #expect(detail["data"]?["properties"]?["DELIVERY_DATE"] == "2025-10-21")
    }
}
