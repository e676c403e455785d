import BitrixSale
import Foundation
import SaleJSON
import SaleMoney
import SaleStorage
import Testing
import TestSupport

@testable import SiteAPI

/// The list and detail pages write orders straight to bytes; these tests hold them to the bytes ``JSONWriter`` gives
/// for the reference tree (``OrderJSON/value(_:)``), on varied orders and on the paid-and-shipped fixture state.
@Suite struct OrderJSONWriterTests {
    static func directBytes(_ api: SiteAPI, _ order: Order) -> [UInt8] {
        var writer = JSONByteWriter(capacity: 0)
        api.orderJSON.write(order, into: &writer)
        return writer.bytes
    }

    static func expectEveryOrderWritesAsItsTree(_ api: SiteAPI, atLeast minimum: Int) {
        let orders = api.engine.list(OrderQuery()).orders
        #expect(orders.count >= minimum)
        for order in orders {
            let direct = Self.directBytes(api, order)
            let tree = JSONWriter().bytes(api.orderJSON.value(order))
            #expect(
                direct == tree,
                "order \(order.id ?? 0):\n\(String(decoding: direct, as: UTF8.self))\n\(String(decoding: tree, as: UTF8.self))"
            )
        }
    }

    /// The envelope as it was built before: the tree of every order, then `JSONWriter`.
    static func treePage(_ api: SiteAPI, _ query: OrderQuery) -> [UInt8] {
        let (orders, total) = api.engine.list(query)
        let value: JSONValue = .object([
            (key: "success", value: .bool(true)),
            (key: "data", value: .array(orders.map(api.orderJSON.value))),
            (
                key: "pagination",
                value: .object([
                    (key: "total", value: .int(total)), (key: "limit", value: .int(query.limit ?? 0)),
                    (key: "offset", value: .int(query.offset)),
                    (key: "has_more", value: .bool(query.offset + orders.count < total)),
                ])
            ),
        ])
        return JSONWriter().bytes(value)
    }

    @Test func variedOrdersWriteTheBytesOfTheirTree() throws {
        let api = try makeAPI()
        let items: [JSONValue] = [
            [["product_id": 5, "quantity": 1, "price": 15000]],
            [["product_id": 1, "quantity": 3], ["product_id": 2, "quantity": 2, "price": .num("812.5")]],
            [
                ["product_id": 3, "quantity": 2, "price": .num("0.01")],
                ["product_id": 1, "quantity": 1, "price": 1200],
            ],
            [["product_id": 2, "quantity": 7]],
        ]
        let totals: [JSONValue] = [17500, 6725, .num("11700.02"), 9100]
        for index in 0..<12 {
            var body = seedPayload(railwayId: 5000 + index)
                .setting("items", items[index % items.count])
                .setting("total_amount", totals[index % totals.count])
            if index % 3 == 1 { body = body.setting("notes", nil).setting("payment_method", nil) }
            if index % 4 == 2 { body = body.setting("customer_name", "Name with \"quotes\" \\ and / slash") }
            let answer = try api.create(body)
            #expect(answer.status == 200, "\(answer.json)")
        }
        for (id, status) in [(1, "AP"), (2, "CO"), (3, "DE"), (5, "AP")] {
            #expect(api.engine.changeStatus(orderId: id, to: status).isSuccess)
        }
        Self.expectEveryOrderWritesAsItsTree(api, atLeast: 12)
        for query in [
            OrderQuery(sort: .idDescending, offset: 0, limit: 20), OrderQuery(sort: .idDescending, offset: 5, limit: 3),
            OrderQuery(statusIds: ["AP"], sort: .idDescending, offset: 0, limit: 1),
            OrderQuery(statusIds: ["XX"], sort: .idDescending, offset: 0, limit: 20),
        ] {
            #expect(api.page(query).body == Self.treePage(api, query))
        }
    }

    @Test func theFixtureStateWritesTheBytesOfItsTree() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/states/paid-and-shipped.json").path
        let state = try SnapshotFile.read(from: path)
        let engine = try SaleEngine(store: InMemoryOrderStore(state), clock: .fixed(testNow))
        let api = try SiteAPI(engine: engine)
        Self.expectEveryOrderWritesAsItsTree(api, atLeast: 2)
        let query = OrderQuery(sort: .idDescending, offset: 0, limit: 20)
        #expect(api.page(query).body == Self.treePage(api, query))
    }

    @Test func integersAndAmountsAreWrittenAsTheTreeWritesThem() {
        var writer = JSONByteWriter(capacity: 0)
        var tree: [JSONValue] = []
        writer.beginArray()
        for value in [0, 1, -1, 9, 10, 99, 100, 12345, Int.max, Int.min, -9_007_199_254_740_991] {
            writer.int(value)
            tree.append(.int(value))
        }
        for text in [
            "0", "-0.01", "0.001", "0.0001", "12500.5", "15000", "1e10", "12345678901234.5678", "-99999999999999.9999",
            "100", "-7",
        ] {
            let value = try! Amount(parsing: text)
            writer.amount(value)
            tree.append(.number(JSONNumber(value)))
        }
        writer.endArray()
        #expect(writer.bytes == JSONWriter().bytes(.array(tree)))
    }
}

extension OrderJSONWriterTests {
    @Test func stringsAndKeysAreEscapedAsTheTreeEscapesThem() {
        let texts = [
            "", "plain", "кириллица", "quote \" and backslash \\", "\u{0}\u{1}\u{1f}\n\r\t\u{8}\u{c}", "emoji 🚆",
            "eight ok then \" at 13", "0123456\\", "01234567\u{1f}", "ул. Абая 150, кв 25 — «Весна» \u{7f} ~ }",
            String(repeating: "long text ", count: 300) + "\"",
        ]
        var writer = JSONByteWriter(capacity: 1)
        var members: [(key: String, value: JSONValue)] = []
        writer.beginObject()
        for text in texts {
            writer.key(escaping: text)
            writer.string(text)
            members.append((key: text, value: .string(text)))
        }
        writer.key("null")
        writer.null()
        writer.key("flags")
        writer.beginArray()
        writer.bool(true)
        writer.bool(false)
        writer.string(nil)
        writer.int(nil)
        writer.endArray()
        writer.endObject()
        members.append((key: "null", value: .null))
        members.append((key: "flags", value: .array([.bool(true), .bool(false), .null, .null])))
        #expect(writer.bytes == JSONWriter().bytes(.object(members)))
    }

    @Test func randomStringsAreEscapedAsTheTreeEscapesThem() {
        var generator = SeededGenerator(seed: 11)
        let alphabet: [Character] = [
            "a", "Z", "0", " ", "\"", "\\", "\n", "\u{1}", "\u{1f}", "\u{7f}", "ж", "«", "🚆", "/",
        ]
        for _ in 0..<2000 {
            let text = String(
                (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            )
            var writer = JSONByteWriter(capacity: 1)
            writer.string(text)
            #expect(writer.bytes == JSONWriter().bytes(.string(text)), "\(text.debugDescription)")
        }
    }
}
