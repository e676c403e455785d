import Foundation
import SaleJSON
import TestSupport
import Testing

enum OrderStatus: String, Codable, Equatable {
    case new = "N"
    case paid = "P"
}

enum Channel: Codable, Equatable {
    case site(domain: String)
    case phone(number: String, operatorId: Int?)
    case marketplace
}

struct LineItem: Codable, Equatable {
    var productId: Int
    var name: String
    var price: Decimal
    var quantity: Decimal
    var discount: Decimal?
}

struct Customer: Codable, Equatable {
    var email: String?
    var phones: [String]
    var birthday: Date?
}

struct SaleOrder: Codable, Equatable {
    var id: Int
    var accountNumber: String
    var status: OrderStatus
    var channel: Channel
    var placedAt: Date
    var paidAt: Date?
    var total: Decimal
    var items: [LineItem]
    var customer: Customer
    var properties: [String: String]
    var stock: [Int: Decimal]
    var tags: Set<String>
    var note: String?
    var matrix: [[Int]]
    var byWarehouse: [String: [LineItem]]
}

func decimal(_ text: String) -> Decimal {
    Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
}

func sampleOrder() -> SaleOrder {
    let items = [
        LineItem(productId: 1, name: "Ёлка «Норд»", price: decimal("12500.50"), quantity: 2, discount: nil),
        LineItem(
            productId: 2,
            name: "Гирлянда",
            price: decimal("0.1"),
            quantity: decimal("3.133"),
            discount: 1
        ),
        LineItem(productId: 3, name: "Доставка", price: decimal("12345678901234.56"), quantity: 1, discount: 0),
    ]
    return SaleOrder(
        id: 1042,
        accountNumber: "1042/1",
        status: .paid,
        channel: .phone(number: "+7 900 000-00-00", operatorId: nil),
        placedAt: Date(timeIntervalSince1970: 1_760_936_400.123),  // 2025-10-20T05:00:00.123Z
        paidAt: Date(timeIntervalSince1970: 1_760_936_879.999),  // 2025-10-20T05:07:59.999Z
        total: decimal("12345678926235.8733"),
        items: items,
        customer: Customer(email: nil, phones: ["+7 900 000-00-00", "8 (800) 555-35-35"], birthday: nil),
        properties: ["ZIP": "101000", "CITY": "Москва", "COMMENT": "позвонить \"заранее\"\n"],
        stock: [10: decimal("1.5"), 2: 0, -1: decimal("-0.25")],
        tags: ["vip", "gift"],
        note: nil,
        matrix: [[1, 2], [], [3]],
        byWarehouse: ["main": [items[0]], "north": []]
    )
}

/// What a DecodingError says: its kind, the JSON path of its context and the type or key involved.
func summary(of error: any Error) -> String {
    guard let error = error as? DecodingError else { return "not a DecodingError: \(error)" }
    switch error {
    case .typeMismatch(let type, let context): return "typeMismatch \(type) at \(jsonPath(context.codingPath))"
    case .valueNotFound(let type, let context): return "valueNotFound \(type) at \(jsonPath(context.codingPath))"
    case .keyNotFound(let key, let context):
        return "keyNotFound \(key.stringValue) at \(jsonPath(context.codingPath))"
    case .dataCorrupted(let context): return "dataCorrupted at \(jsonPath(context.codingPath))"
    @unknown default: return "unknown \(error)"
    }
}

@Suite("Codable bridge")
struct CodableBridgeTests {
    @Test("a nested order round-trips through JSONValue")
    func orderRoundTripsThroughValue() throws {
        let order = sampleOrder()
        let value = try JSONValueEncoder().encode(order)
        #expect(try JSONValueDecoder().decode(SaleOrder.self, from: value) == order)
    }

    @Test("a nested order round-trips through JSON text in every writer mode", arguments: JSONWriterTests.writers)
    func orderRoundTripsThroughText(_ writer: JSONWriter) throws {
        let order = sampleOrder()
        let text = writer.bytes(try JSONValueEncoder().encode(order))
        #expect(try JSONValueDecoder().decode(SaleOrder.self, from: JSONParser().parse(text)) == order)
    }

    @Test("encoding is deterministic: the same order gives the same bytes every time")
    func encodingIsDeterministic() throws {
        let first = JSONWriter().bytes(try JSONValueEncoder().encode(sampleOrder()))
        for _ in 0..<20 {
            #expect(JSONWriter().bytes(try JSONValueEncoder().encode(sampleOrder())) == first)
        }
    }

    @Test("the encoded shape: exact numbers, ISO 8601 dates, absent nils, keys in declaration order")
    func encodedShape() throws {
        let value = try JSONValueEncoder().encode(sampleOrder())
        #expect(
            value.objectMembers?.map(\.key) == [
                "id", "accountNumber", "status", "channel", "placedAt", "paidAt", "total", "items", "customer",
                "properties", "stock", "tags", "matrix", "byWarehouse",
            ]
        )
        #expect(value["total"]?.numberValue?.literal == "12345678926235.8733")
        #expect(value["placedAt"] == "2025-10-20T05:00:00.123Z")
        #expect(value["paidAt"] == "2025-10-20T05:07:59.999Z")
        #expect(value["status"] == "P")
        #expect(value["note"] == nil)
        #expect(value["customer"] == ["phones": ["+7 900 000-00-00", "8 (800) 555-35-35"]])
        let items = try #require(value["items"]?.arrayValue)
        #expect(items[0]["price"]?.numberValue?.literal == "12500.5")
        #expect(items[1]["price"]?.numberValue?.literal == "0.1")
        #expect(items[1]["quantity"]?.numberValue?.literal == "3.133")
        #expect(items[2]["price"]?.numberValue?.literal == "12345678901234.56")
        #expect(items[0]["discount"] == nil)
        #expect(value["channel"] == ["phone": ["number": "+7 900 000-00-00"]])
    }

    @Test("dictionary members are written with sorted keys: by bytes for String keys, by value for Int keys")
    func dictionaryKeysAreSorted() throws {
        let value = try JSONValueEncoder().encode(sampleOrder())
        #expect(value["properties"]?.objectMembers?.map(\.key) == ["CITY", "COMMENT", "ZIP"])
        #expect(value["stock"]?.objectMembers?.map(\.key) == ["-1", "2", "10"])
        let many = Dictionary(uniqueKeysWithValues: (0..<50).map { ("key\($0)", $0) })
        let keys = try JSONValueEncoder().encode(many).objectMembers?.map(\.key)
        #expect(keys == many.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test(
        "money round-trips exactly and never passes through Double",
        arguments: [
            "0.1", "0.2", "0.3", "3.133", "12345678901234.56", "-0.01", "19.99", "99999999999999999999.99",
            "0.000001", "1234567890123456789012345678.9012345678",
        ]
    )
    func moneyIsExact(_ amount: String) throws {
        let money = decimal(amount)
        let value = try JSONValueEncoder().encode(["amount": money])
        #expect(value["amount"]?.numberValue?.literal == amount)
        let text = JSONWriter().string(value)
        #expect(text == #"{"amount":"# + amount + "}")
        let back = try JSONValueDecoder().decode([String: Decimal].self, from: JSONParser().parse(text))
        #expect(back["amount"] == money)
        #expect(back["amount"].map(JSONNumber.plainText) == amount)
    }

    @Test("a Decimal decodes from any number syntax with the exact value")
    func decimalFromAnySyntax() throws {
        let value = try JSONParser().parse("[1.5e4, 0.10, -0, 2E-2, 12345678901234.560]")
        let decimals = try JSONValueDecoder().decode([Decimal].self, from: value)
        #expect(decimals == [15000, decimal("0.1"), 0, decimal("0.02"), decimal("12345678901234.56")])
    }

    @Test(
        "dates are written to the nearest millisecond and read back to the same Date",
        arguments: [
            (1_760_936_400.123, "2025-10-20T05:00:00.123Z"), (1_760_936_400.999, "2025-10-20T05:00:00.999Z"),
            (1_760_936_400.001, "2025-10-20T05:00:00.001Z"), (1_760_936_400, "2025-10-20T05:00:00.000Z"),
            (1_760_936_400.9996, "2025-10-20T05:00:01.000Z"), (-1.5, "1969-12-31T23:59:58.500Z"),
            (0, "1970-01-01T00:00:00.000Z"),
        ]
    )
    func datesToTheMillisecond(_ seconds: Double, _ text: String) throws {
        let value = try JSONValueEncoder().encode(Date(timeIntervalSince1970: seconds))
        #expect(value == .string(text))
        let back = try JSONValueDecoder().decode(Date.self, from: value)
        #expect(try JSONValueEncoder().encode(back) == value)
        if (seconds * 1000).rounded() == seconds * 1000 {
            #expect(back == Date(timeIntervalSince1970: seconds))
        }
    }

    @Test("every millisecond of a day-long range round-trips Date → JSON → Date")
    func millisecondDatesRoundTrip() throws {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<2000 {
            let millis = Int.random(in: 1_760_900_000_000..<1_760_990_000_000, using: &rng)
            let original = Date(timeIntervalSince1970: Double(millis) / 1000)
            let back = try JSONValueDecoder().decode(Date.self, from: JSONValueEncoder().encode(original))
            #expect(back == original, "\(millis)")
        }
    }

    @Test(
        "dates in other ISO 8601 forms decode to UTC",
        arguments: [
            ("2025-10-20T08:00:00.000+03:00", 1_760_936_400.0), ("2025-10-20T05:00:00Z", 1_760_936_400.0),
            ("2025-10-20T05:00:00.5Z", 1_760_936_400.5), ("2025-10-20T05:00:00.123456Z", 1_760_936_400.123456),
        ]
    )
    func otherDateForms(_ text: String, _ seconds: Double) throws {
        #expect(try JSONValueDecoder().decode(Date.self, from: .string(text)) == Date(timeIntervalSince1970: seconds))
    }

    @Test("every fixed-width integer type round-trips at its limits, in any container")
    func integerTypes() throws {
        struct Limits: Codable, Equatable {
            var i8: [Int8]
            var i16: [Int16]
            var i32: [Int32]
            var i64: [Int64]
            var int: [Int]
            var u8: [UInt8]
            var u16: [UInt16]
            var u32: [UInt32]
            var u64: [UInt64]
            var uint: [UInt]
            var single: UInt64
            var optional: UInt8?
        }
        let limits = Limits(
            i8: [.min, .max],
            i16: [.min, .max],
            i32: [.min, .max],
            i64: [.min, .max],
            int: [.min, .max],
            u8: [0, .max],
            u16: [0, .max],
            u32: [0, .max],
            u64: [0, .max],
            uint: [0, .max],
            single: .max,
            optional: 255
        )
        let value = try JSONValueEncoder().encode(limits)
        #expect(value["u64"] == [0, .number(JSONNumber(literal: "18446744073709551615"))])
        let text = JSONWriter().bytes(value)
        #expect(try JSONValueDecoder().decode(Limits.self, from: JSONParser().parse(text)) == limits)
        #expect(try JSONValueEncoder().encode(UInt8(7)) == 7)
        #expect(try JSONValueDecoder().decode(Int8.self, from: .number(JSONNumber(literal: "1.2e2"))) == 120)
        #expect(try JSONValueDecoder().decode(UInt16.self, from: .number(JSONNumber(literal: "65535.0"))) == 65535)
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(UInt8.self, from: 256) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(UInt64.self, from: -1) }
        #expect(throws: DecodingError.self) {
            try JSONValueDecoder().decode(UInt64.self, from: .number(JSONNumber(literal: "18446744073709551616")))
        }
    }

    @Test("Float and Double encode as their shortest text and decode back")
    func floatingPoint() throws {
        struct Measures: Codable, Equatable {
            var float: Float
            var double: Double
            var floats: [Float]
            var doubles: [Double]
        }
        let measures = Measures(float: 0.1, double: 0.1, floats: [1.5, -2.25e-5], doubles: [1e300, -0.0])
        let value = try JSONValueEncoder().encode(measures)
        #expect(value["floats"]?.arrayValue?.first?.numberValue?.literal == "1.5")
        #expect(value["double"]?.numberValue?.literal == "0.1")
        #expect(try JSONValueDecoder().decode(Measures.self, from: value) == measures)
    }

    @Test("non-finite floating point values are an EncodingError", arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteIsAnError(_ number: Double) {
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["x": number]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([number]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Float(number)) }
    }

    @Test(
        "decoding errors carry the JSON path and the type",
        arguments: [
            (
                #"[{"productId":1,"name":"a","price":1,"quantity":1},"#
                    + #"{"productId":2,"name":"b","price":"9.99","quantity":1}]"#,
                "typeMismatch Decimal at $[1].price"
            ),
            (#"[{"productId":1,"name":"a","quantity":1}]"#, "keyNotFound price at $[0]"),
            (#"[{"productId":1,"name":"a","price":1,"quantity":null}]"#, "valueNotFound Decimal at $[0].quantity"),
            (#"[{"productId":1.5,"name":"a","price":1,"quantity":1}]"#, "typeMismatch Int at $[0].productId"),
            (#"[{"productId":1,"name":7,"price":1,"quantity":1}]"#, "typeMismatch String at $[0].name"),
            (#"{"productId":1}"#, "typeMismatch Array<Any> at $"),
            (#"[[]]"#, "typeMismatch Dictionary<String, Any> at $[0]"),
            (
                #"[{"productId":1,"name":"a","price":123456789012345678901234567890123456789012345,"quantity":1}]"#,
                "typeMismatch Decimal at $[0].price"
            ),
        ] as [(String, String)]
    )
    func decodingErrorPaths(_ text: String, _ expected: String) throws {
        let value = try JSONParser().parse(text)
        do {
            _ = try JSONValueDecoder().decode([LineItem].self, from: value)
            Issue.record("decoded \(text)")
        } catch {
            #expect(summary(of: error) == expected)
        }
    }

    @Test(
        "decoding errors in an order carry the JSON path of the wrong value",
        arguments: [
            (["items", 1, "price"], JSONValue.string("twelve"), "typeMismatch Decimal at $.items[1].price"),
            (["items", 2, "quantity"], nil, "valueNotFound Decimal at $.items[2].quantity"),
            (["items", 1, "discount"], [1], "typeMismatch Decimal at $.items[1].discount"),
            (["items", 0, "discount"], "1", "typeMismatch Decimal at $.items[0].discount"),
            (["placedAt"], "yesterday", "dataCorrupted at $.placedAt"),
            (["placedAt"], 1_760_936_400, "dataCorrupted at $.placedAt"),
            (["status"], "X", "dataCorrupted at $.status"),
            (["id"], nil, "valueNotFound Int at $.id"),
            (["id"], "1042", "typeMismatch Int at $.id"),
            (["stock"], ["ten": 1], "typeMismatch Int at $.stock.ten"),
            (["tags"], ["vip", 1], "typeMismatch String at $.tags[1]"),
            (["matrix", 1], [2, "x"], "typeMismatch Int at $.matrix[1][1]"),
            (["customer", "birthday"], "soon", "dataCorrupted at $.customer.birthday"),
            (["customer", "phones"], "none", "typeMismatch Array<Any> at $.customer.phones"),
            (["byWarehouse", "main", 0, "price"], true, "typeMismatch Decimal at $.byWarehouse.main[0].price"),
        ] as [([PathPart], JSONValue, String)]
    )
    func orderDecodingErrors(_ path: [PathPart], _ replacement: JSONValue, _ expected: String) throws {
        let original = try JSONValueEncoder().encode(sampleOrder())
        let broken = try #require(replacing(original, at: path[...], with: replacement))
        #expect(broken != original)
        do {
            _ = try JSONValueDecoder().decode(SaleOrder.self, from: broken)
            Issue.record("decoded with \(replacement) at \(path)")
        } catch {
            #expect(summary(of: error) == expected)
        }
    }

    @Test("a missing required key is keyNotFound in the containing object")
    func missingKey() throws {
        let original = try JSONValueEncoder().encode(sampleOrder())
        let members = try #require(original.objectMembers).filter { $0.key != "total" }
        do {
            _ = try JSONValueDecoder().decode(SaleOrder.self, from: .object(members))
            Issue.record("decoded without total")
        } catch {
            #expect(summary(of: error) == "keyNotFound total at $")
        }
    }

    @Test("optionals: absent and null both decode to nil, and nil is not written")
    func optionals() throws {
        let absent = try JSONValueDecoder().decode(Customer.self, from: ["phones": []])
        let null = try JSONValueDecoder().decode(Customer.self, from: ["phones": [], "email": nil, "birthday": nil])
        #expect(absent == Customer(email: nil, phones: [], birthday: nil))
        #expect(null == absent)
        #expect(try JSONValueEncoder().encode(absent) == ["phones": []])
    }

    @Test("enums with raw values and with associated values round-trip")
    func enums() throws {
        for channel in [Channel.site(domain: "shop.example"), .phone(number: "1", operatorId: 5), .marketplace] {
            let value = try JSONValueEncoder().encode(channel)
            #expect(try JSONValueDecoder().decode(Channel.self, from: value) == channel)
        }
        #expect(try JSONValueEncoder().encode([OrderStatus.new, .paid]) == ["N", "P"])
        #expect(try JSONValueDecoder().decode([OrderStatus].self, from: ["P", "N"]) == [.paid, .new])
    }

    @Test(
        "jsonPath renders coding paths as $.a[2].b",
        arguments: [
            ([], "$"),
            (["orders"], "$.orders"),
            (["orders", 3, "basket", 0, "price"], "$.orders[3].basket[0].price"),
            ([0, 1], "$[0][1]"),
        ] as [([PathPart], String)]
    )
    func jsonPathRendering(_ parts: [PathPart], _ expected: String) {
        #expect(jsonPath(parts.map(\.key)) == expected)
    }
}

/// `value` with the member or element at `path` replaced or, for a missing last member, added (nil when the path
/// does not exist).
func replacing(_ value: JSONValue, at path: ArraySlice<PathPart>, with replacement: JSONValue) -> JSONValue? {
    guard let first = path.first else { return replacement }
    switch (value, first) {
    case (.object(let members), .name(let name)):
        if path.count == 1, !members.contains(where: { $0.key == name }) {
            return .object(members + [(key: name, value: replacement)])
        }
        guard let position = members.lastIndex(where: { $0.key == name }),
            let inner = replacing(members[position].value, at: path.dropFirst(), with: replacement)
        else { return nil }
        var changed = members
        changed[position].value = inner
        return .object(changed)
    case (.array(let elements), .index(let index)):
        guard elements.indices.contains(index),
            let inner = replacing(elements[index], at: path.dropFirst(), with: replacement)
        else { return nil }
        var changed = elements
        changed[index] = inner
        return .array(changed)
    default: return nil
    }
}

/// A coding path element written as a string (a member name) or an integer (an array index).
enum PathPart: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case name(String)
    case index(Int)

    init(stringLiteral value: String) { self = .name(value) }
    init(integerLiteral value: Int) { self = .index(value) }

    var key: any CodingKey {
        switch self {
        case .name(let name): AnyKey(stringValue: name)
        case .index(let index): AnyKey(intValue: index)
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

@Suite("Codable bridge determinism")
struct CodableBridgeDeterminismTests {
    /// A `Set`'s iteration order depends on its storage's hash seed, so equal sets built separately may iterate
    /// differently; the encoder must not let that show.
    @Test("equal sets built in different orders encode to the same bytes")
    func setsEncodeSorted() throws {
        let words = (0..<200).map { "word-\($0)" }
        let forward = Set(words)
        var backward = Set<String>(minimumCapacity: 1024)
        for word in words.reversed() { backward.insert(word) }
        let a = JSONWriter().bytes(try JSONValueEncoder().encode(forward))
        let b = JSONWriter().bytes(try JSONValueEncoder().encode(backward))
        #expect(a == b)
        #expect(try JSONValueDecoder().decode(Set<String>.self, from: JSONParser().parse(a)) == forward)
    }
}
