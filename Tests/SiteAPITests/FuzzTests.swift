import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON
import SiteAPI
import TestSupport
import Testing

/// Mutates create-order bodies: fields removed, types swapped, huge and odd values, broken JSON, deep nesting.
struct CreateFuzzer {
    var random: SeededGenerator

    static let oddValues: [JSONValue] = [
        .null, true, false, 0, -1, .num("-0"), .num("1e308"), .num("1e-308"), .num("99999999999999999999999999"),
        .num("9007199254740991"), .num("9007199254740992"), .num("0.001"), .num("1.10"), .num("1E+2"),
        .num("123456789012.99"), .num("1000000000000"), .num("1000000000000.01"), "", " ", "NaN", "Infinity", "-5",
        "15000", "1e3", "0x10", "💐🌹", "\u{0}\u{1F}", "ул. Абая\n150", "2025-10-21", "2025-02-30", "2024-02-29",
        "14:00-16:00", "23:59-00:00", "+77015211545", "8 (701) 521-15-45", "kaspi", "cash", [], [:], [1, 2, 3],
        ["product_id": 5], [["product_id": 5, "quantity": 1]], .string(String(repeating: "ж", count: 3_000)),
    ]

    static let fields = [
        "railway_order_id", "customer_name", "customer_phone", "delivery_address", "delivery_date", "delivery_time",
        "recipient_name", "recipient_phone", "items", "delivery_price", "total_amount", "payment_method", "notes",
        "delivery_id", "delivery_adress", "", "items ",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func pick<T>(_ list: [T]) -> T { list[int(0...(list.count - 1))] }

    mutating func item() -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            (key: "product_id", value: .int(int(1...9))), (key: "quantity", value: .int(int(0...3))),
        ]
        if int(0...1) == 0 { members.append((key: "price", value: pick([0, 500, 15000, .num("12500.50"), -1]))) }
        if int(0...9) == 0 { members[int(0...(members.count - 1))].value = pick(Self.oddValues) }
        if int(0...19) == 0 { members.removeFirst() }
        return .object(members)
    }

    mutating func validish() -> JSONValue {
        let items = (0..<int(1...3)).map { _ in item() }
        var body = seedPayload(railwayId: int(1...3000)).setting("items", .array(items))
        switch int(0...3) {
        case 0: body = body.setting("total_amount", .int(int(0...60_000)))
        case 1:
            body = body.setting("total_amount", 17500)
                .setting("items", [["product_id": 5, "quantity": 1, "price": 15000]])
        case 2:
            body = body.setting("delivery_price", .int(int(0...3000)))
                .setting("total_amount", .int(int(15_000...20_000)))
        default:
            body = body.setting("items", [["product_id": 7, "quantity": 1]])
                .setting("total_amount", .int(int(500...600)))
        }
        if int(0...3) == 0 { body = body.setting("delivery_date", pick(["2025-10-19", "2025-10-20", "2026-01-01"])) }
        return body
    }

    mutating func body() -> [UInt8] {
        var value = validish()
        for _ in 0..<int(0...3) {
            switch int(0...5) {
            case 0: value = value.setting(pick(Self.fields), nil)
            case 1, 2: value = value.setting(pick(Self.fields), pick(Self.oddValues))
            case 3:
                let depth = int(1...80)
                let deep = (0..<depth).reduce(JSONValue.int(1)) { inner, _ in int(0...1) == 0 ? [inner] : ["a": inner] }
                value = value.setting(pick(Self.fields), deep)
            case 4: value = value.setting("items", .array((0..<int(0...120)).map { _ in item() }))
            default: break
            }
        }
        var bytes = JSONWriter().bytes(value)
        switch int(0...19) {
        case 0: bytes = Array(bytes.prefix(int(0...bytes.count)))
        case 1:
            for _ in 0..<int(1...5) where !bytes.isEmpty { bytes[int(0...(bytes.count - 1))] = UInt8(int(0...255)) }
        case 2:
            bytes = Array(
                pick(["[]", "null", "1", "\"x\"", "{", "{}", "{\"a\":1,}", "\u{FEFF}{}", "{\"items\":[[[[[[]]]]]]}"])
                    .utf8
            )
        case 3: bytes = Array(String(repeating: "[", count: int(1...5000)).utf8)
        default: break
        }
        return bytes
    }
}

@Suite struct FuzzTests {
    /// Every answer is a JSON envelope of the right kind; every created order is read back and matches the body that
    /// created it; sending that body again replays the same order; a replay the fuzzer hits by chance names the
    /// order first made with that `railway_order_id`; and the store holds exactly the created orders.
    @Test func tenThousandMutatedCreatesAnswerAnEnvelopeStoreWhatWasSentAndReplayTheSameOrder() throws {
        let api = try makeAPI()
        var fuzzer = CreateFuzzer(random: SeededGenerator(seed: 20_251_020))
        var created = 0
        var checkedReplays = 0
        var statuses: [Int: Int] = [:]
        var orderByRailwayId: [Int: Int] = [:]
        for round in 0..<10_000 {
            let body = fuzzer.body()
            let response = api.handle(
                APIRequest(method: "POST", target: "/api/v2/orders/create?access_token=\(token)", body: body)
            )
            statuses[response.status, default: 0] += 1
            #expect((200..<300).contains(response.status) || (400..<500).contains(response.status), "round \(round)")
            #expect(response.header("Content-Type") == "application/json; charset=UTF-8")
            let json = try JSONParser().parse(response.body)
            guard let success = json["success"]?.boolValue else {
                Issue.record("round \(round): no success flag")
                continue
            }
            #expect(success == (response.status == 200), "round \(round)")
            if !success { #expect(json["error"]?.stringValue?.isEmpty == false, "round \(round)") }
            if response.status == 422 {
                #expect(json["details"]?.arrayValue?.isEmpty == false, "round \(round)")
            }
            guard response.status == 200 else { continue }
            #expect(json["warnings"]?.arrayValue != nil, "round \(round)")
            let sent = try JSONParser().parse(body)
            let railwayId = try #require(Self.number(sent.last("railway_order_id")).flatMap { Int("\($0)") })
            let id = try #require(json["bitrix_order_id"]?.numberValue?.int, "round \(round)")
            #expect(json["railway_order_id"] == .int(railwayId), "round \(round)")
            if json["idempotent_replay"] == nil {
                created += 1
                #expect(orderByRailwayId.updateValue(id, forKey: railwayId) == nil, "round \(round): a second order")
                try Self.expectOrder(id, in: api, matches: sent, round: round)
                let again = try JSONParser()
                    .parse(
                        api.handle(
                            APIRequest(
                                method: "POST",
                                target: "/api/v2/orders/create?access_token=\(token)",
                                body: body
                            )
                        )
                        .body
                    )
                #expect(again["idempotent_replay"] == true, "round \(round)")
                #expect(again["bitrix_order_id"] == .int(id), "round \(round)")
                #expect(again["warnings"] == json["warnings"], "round \(round)")
            } else {
                #expect(json["idempotent_replay"] == true, "round \(round)")
                #expect(orderByRailwayId[railwayId] == id, "round \(round): the replay names another order")
                checkedReplays += 1
            }
        }
        #expect(api.storedOrderCount == created)
        #expect(orderByRailwayId.count == created)
        // The run exercised every kind of answer, and the oracle looked at orders and chance replays.
        #expect((statuses[200] ?? 0) > 500)
        #expect((statuses[400] ?? 0) > 100)
        #expect((statuses[409] ?? 0) > 10)
        #expect((statuses[422] ?? 0) > 1000)
        #expect(created > 300)
        #expect(checkedReplays > 10)
    }

    /// Reads order `id` back and checks it against the create body `sent`: the railway id and the customer name
    /// properties, the price (`total_amount`), and the basket (lines of one product merged in the position of the
    /// first, quantities added).
    static func expectOrder(_ id: Int, in api: SiteAPI, matches sent: JSONValue, round: Int) throws {
        let detail = try api.send("GET", "/api/v2/orders/\(id)")
        #expect(detail.status == 200, "round \(round)")
        let order = try #require(detail["data"], "round \(round)")
        #expect(order["id"] == .int(id), "round \(round)")
        let properties = order["properties"]
        let railwayId = Self.number(sent.last("railway_order_id")).map { "\($0)" }
        #expect(properties?["RAILWAY_ORDER_ID"]?.stringValue == railwayId, "round \(round)")
        let name = sent.last("customer_name")?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(properties?["FIO"]?.stringValue == name, "round \(round)")
        #expect(Self.number(order["price"]) == Self.number(sent.last("total_amount")), "round \(round)")
        var expected: [(product: Decimal, quantity: Decimal)] = []
        for line in sent.last("items")?.arrayValue ?? [] {
            guard let product = Self.number(line.last("product_id")), let quantity = Self.number(line.last("quantity"))
            else {
                Issue.record("round \(round): a created order from an item without a product or quantity")
                return
            }
            if let index = expected.firstIndex(where: { $0.product == product }) {
                expected[index].quantity += quantity
            } else {
                expected.append((product, quantity))
            }
        }
        let basket = (order["basket"]?.arrayValue ?? [])
            .map { line in
                (product: Self.number(line["product_id"]), quantity: Self.number(line["quantity"]))
            }
        #expect(basket.map(\.product) == expected.map(\.product), "round \(round)")
        #expect(basket.map(\.quantity) == expected.map(\.quantity), "round \(round)")
    }

    /// A JSON number, or a numeric string (`123`, `12.50`, spaces around ignored), as the API reads them.
    static func number(_ value: JSONValue?) -> Decimal? {
        switch value {
        case .number(let number)?: return number.decimal
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
            else { return nil }
            return Decimal(string: trimmed)
        default: return nil
        }
    }

    /// The oracle can fail: an order read back against a body it was not made from is flagged, field by field.
    @Test(
        arguments: [
            ("items", [["product_id": 5, "quantity": 2, "price": 15000]]),
            ("items", [["product_id": 5, "quantity": 1, "price": 15000], ["product_id": 7, "quantity": 1]]),
            ("customer_name", "Пётр Петров"),
            ("total_amount", 17501),
            ("railway_order_id", 998),
        ] as [(String, JSONValue)]
    )
    func theOrderOracleFlagsAnOrderThatDiffersFromTheBody(field: String, value: JSONValue) throws {
        let api = try makeAPI()
        let created = try api.create(
            seedPayload().setting("items", [["product_id": 5, "quantity": 1, "price": 15000]])
        )
        let id = try #require(created["bitrix_order_id"]?.numberValue?.int)
        try Self.expectOrder(id, in: api, matches: seedPayload().setting("customer_name", "  Иван Иванов \n"), round: 0)
        withKnownIssue {
            try Self.expectOrder(id, in: api, matches: seedPayload().setting(field, value), round: 0)
        }
    }

    @Test func numericStringsReadAsTheAPIReadsThem() {
        #expect(Self.number(" 12.50 ") == Decimal(string: "12.5"))
        #expect(Self.number(.num("1E+2")) == 100)
        #expect(Self.number("-5") == nil)
        #expect(Self.number("1e3") == nil)
        #expect(Self.number("1.") == nil)
        #expect(Self.number(nil) == nil)
    }
}

extension JSONValue {
    /// The last member `key` of an object (a repeated key: the last one wins, as in the API), or nil.
    func last(_ key: String) -> JSONValue? {
        objectMembers?.last { $0.key == key }?.value
    }
}

extension Character {
    /// One of `0`–`9`.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
