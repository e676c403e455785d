import BitrixSale
import Foundation
import SaleHTTP
import SaleJSON
import Testing
import TestSupport

@testable import SiteAPI

/// The typed create path (`CreateBodyDecoder`) against the tree path (`JSONParser` + `CreateFields(tree:)` +
/// `Fingerprint.canonical`): for every body the decoder accepts, the fields it hands the validator and the canonical
/// form it hashes are those of the tree, and the API answers the same either way.
@Suite struct CreateBodyDecoderTests {
    static let decoder = CreateBodyDecoder(maxDepth: APIOptions().maxJSONDepth)

    /// The leaf as its kind and exact text (`JSONValue`'s `==` compares numbers by value, which is not enough here:
    /// the validator's messages quote the literal).
    static func exact(_ value: JSONValue?) -> String {
        switch value {
        case nil: "absent"
        case .null: "null"
        case .number(let number): "number \(number.literal)"
        case .string(let text): "string \(Array(text.utf8))"
        case .some(let other): "other \(JSONWriter().string(other))"
        }
    }

    static func exactFields(_ fields: CreateFields) -> [String] {
        var out = [
            fields.railwayOrderId, fields.customerName, fields.customerPhone, fields.deliveryAddress,
            fields.deliveryDate, fields.deliveryTime, fields.recipientName, fields.recipientPhone, fields.deliveryPrice,
            fields.totalAmount, fields.paymentMethod, fields.notes, fields.deliveryId,
        ]
        .map(exact)
        switch fields.items {
        case .value(let value):
            if case .array(let elements)? = value, elements.allSatisfy({ $0.objectMembers != nil }) {
                out.append("lines \(elements.count)")
                for element in elements.map(CreateFields.Line.init(object:)) {
                    out += [exact(element.productId), exact(element.quantity), exact(element.price)]
                }
            } else {
                out.append("items \(exact(value))")
            }
        case .lines(let lines):
            out.append("lines \(lines.count)")
            for line in lines { out += [exact(line.productId), exact(line.quantity), exact(line.price)] }
        }
        return out
    }

    /// Whether the decoder accepted `body`; when it did, the body parses, and the fields and canonical form are the
    /// tree's.
    @discardableResult
    static func expectSameAsTree(_ body: [UInt8], _ label: String) -> Bool {
        guard let decoded = decoder.decode(body) else { return false }
        guard let tree = try? JSONParser(maxDepth: APIOptions().maxJSONDepth).parse(body), tree.objectMembers != nil
        else {
            Issue.record("\(label): accepted a body the parser refuses or that is not an object")
            return true
        }
        #expect(exactFields(decoded.fields) == exactFields(CreateFields(tree: tree)), "\(label)")
        #expect(decoded.canonical() == Fingerprint.canonical(tree), "\(label)")
        #expect(decoded.fingerprint() == Fingerprint.of(tree), "\(label)")
        #expect(CreateOrderInput.warnings(for: tree.objectMembers ?? []).isEmpty, "\(label): a body with warnings")
        return true
    }

    static var fixturePayload: [UInt8] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/payloads/seed.json")
        return (try? Array(Data(contentsOf: path))) ?? []
    }

    @Test func theFixtureAndTheSeedPayloadAreReadTypedAsTheTreeReadsThem() {
        let fixture = Self.fixturePayload
        #expect(!fixture.isEmpty)
        #expect(Self.expectSameAsTree(fixture, "Fixtures/payloads/seed.json"))
        #expect(Self.expectSameAsTree(JSONWriter().bytes(seedPayload()), "seed payload"))
        let spaced = Array(" \n{ \"railway_order_id\" :\t7 , \"items\" : [ { \"product_id\" : 5 } , { } ] } \r\n".utf8)
        #expect(Self.expectSameAsTree(spaced, "whitespace everywhere"))
        let numbers = Array(
            #"{"total_amount":-0.0e+0,"delivery_price":1500.50E-2,"railway_order_id":0,"items":[{"price":null}]}"#.utf8
        )
        #expect(Self.expectSameAsTree(numbers, "number spellings"))
    }

    /// Bodies the decoder must leave to the tree path: each would read differently, warn, or fail to parse.
    @Test(arguments: [
        #"{"railway_order_id":1,"railway_order_id":2}"#, #"{"notes":"a\"b"}"#, #"{"notes":"\u0041"}"#,
        #"{"no\u0074es":"x"}"#, #"{"extra":1}"#, #"{"items":[{"product_id":5,"colour":1}]}"#,
        #"{"items":[{"product_id":5,"product_id":6}]}"#, #"{"items":[1]}"#, #"{"items":{}}"#, #"{"items":null}"#,
        #"{"notes":true}"#, #"{"items":[{"quantity":"2"}]}"#, #"{"notes":[]}"#,
        #"{"railway_order_id":01}"#, #"{"railway_order_id":1.}"#, #"{"railway_order_id":1e}"#, #"{"notes":"x",}"#,
        #"{"notes":"x"} x"#, #"{"notes":"x""#, #"[]"#, #""#, #"{"notes":nul}"#, "{\"notes\":\"a\u{1}b\"}",
        #"{"items":[{"price":1}],"items":[]}"#, "\u{FEFF}{}",
    ])
    func bodiesOutsideTheTypedGrammarAreDeclined(_ body: String) {
        #expect(Self.decoder.decode(Array(body.utf8)) == nil)
    }

    @Test func invalidUTF8AndTooLongNumbersAreDeclined() {
        #expect(Self.decoder.decode(Array(#"{"notes":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)) == nil)
        let long = "1" + String(repeating: "0", count: 400)
        #expect(Self.decoder.decode(Array(#"{"total_amount":\#(long)}"#.utf8)) == nil)
        #expect(Self.decoder.decode(Array(#"{"total_amount":\#(long.dropLast())}"#.utf8)) != nil)
        #expect(CreateBodyDecoder(maxDepth: 2).decode(Array("{}".utf8)) == nil)
    }

    /// The fuzzer's 10,000 bodies (valid, mutated, truncated, corrupted) and seeded byte-level mutations of the
    /// fixture: wherever the decoder accepts, it reads what the tree reads.
    @Test func fuzzedAndMutatedBodiesReadTheSameTypedAndAsATree() {
        var fuzzer = CreateFuzzer(random: SeededGenerator(seed: 20_251_020))
        var accepted = 0
        for round in 0..<10_000 where Self.expectSameAsTree(fuzzer.body(), "fuzz round \(round)") { accepted += 1 }
        #expect(accepted > 1_000, "the decoder accepted only \(accepted) of the fuzzer's bodies")
        var random = SeededGenerator(seed: 13)
        let fixture = Self.fixturePayload
        let alphabet = Array(#" {}[]",:\-.0123456789eEnulx"#.utf8) + [0x09, 0x0A, 0xD0, 0x80]
        var mutatedAccepted = 0
        for round in 0..<20_000 {
            var body = fixture
            for _ in 0..<(1 + random.next(below: 3)) {
                let position = random.next(below: body.count)
                let byte = alphabet[random.next(below: alphabet.count)]
                switch random.next(below: 3) {
                case 0: body[position] = byte
                case 1: body.insert(byte, at: position)
                default: body.remove(at: position)
                }
            }
            if Self.expectSameAsTree(body, "mutation round \(round)") { mutatedAccepted += 1 }
        }
        #expect(mutatedAccepted > 1_000, "the decoder accepted only \(mutatedAccepted) mutated fixtures")
    }

    /// The same sequence of fuzzed creates through two APIs, one reading every accepted body typed, the other made to
    /// read it as a tree (the body's first member repeated, which the decoder declines and the tree reads the same):
    /// the answers are byte-identical, creations, replays and conflicts included.
    @Test func theAPIAnswersTheSameWhetherABodyIsReadTypedOrAsATree() throws {
        let typedAPI = try makeAPI()
        let treeAPI = try makeAPI()
        var fuzzer = CreateFuzzer(random: SeededGenerator(seed: 7_013))
        var typedCreates = 0
        for round in 0..<3_000 {
            let body = fuzzer.body()
            var treeBody = body
            if let decoded = Self.decoder.decode(body), let first = body.firstIndex(of: UInt8(ascii: "{")) {
                // Repeat the railway id in front (the tree keeps the last of equal keys, the canonical form too).
                if let span = decoded.spans[CreateBodyDecoder.Field.railwayOrderId.rawValue] {
                    let literal = Array(body[span.start..<span.end])
                    let quoted = span.kind == .string ? [UInt8(ascii: "\"")] + literal + [UInt8(ascii: "\"")] : literal
                    treeBody.insert(
                        contentsOf: Array(#""railway_order_id":"#.utf8) + quoted + [UInt8(ascii: ",")],
                        at: first + 1
                    )
                    #expect(Self.decoder.decode(treeBody) == nil)
                }
            }
            func send(_ api: SiteAPI, _ bytes: [UInt8]) -> APIResponse {
                api.handle(
                    APIRequest(method: "POST", target: "/api/v2/orders/create?access_token=\(token)", body: bytes)
                )
            }
            let typed = send(typedAPI, body)
            let tree = send(treeAPI, treeBody)
            #expect(typed.status == tree.status, "round \(round)")
            #expect(
                String(decoding: typed.body, as: UTF8.self) == String(decoding: tree.body, as: UTF8.self),
                "round \(round)"
            )
            if typed.status == 200, treeBody != body { typedCreates += 1 }
        }
        #expect(typedCreates > 100, "only \(typedCreates) answers came from the typed path")
        #expect(typedAPI.storedOrderCount == treeAPI.storedOrderCount)
    }

    /// The create answer written as bytes equals the tree it replaced (`Envelope.success` of the members), for a
    /// created order with and without warnings and for a replay.
    @Test func theCreateAnswerIsTheEnvelopeOfBefore() throws {
        let api = try makeAPI()
        let order = try #require(
            api.create(seedPayload(railwayId: 41).setting("payment_method", nil).setting("x", 1))["bitrix_order_id"]?
                .numberValue?
                .int
        )
        let stored = Order(data: try #require(api.engine.store.order(id: order)), context: api.engine.context)
        for (warnings, replay) in [
            ([], false), (["Unknown field \"x\" was ignored", "a \"quoted\"\n"], false), ([], true),
        ] {
            var members: [(key: String, value: JSONValue)] = [
                (key: "bitrix_order_id", value: .optional(stored.id)),
                (
                    key: "railway_order_id",
                    value: stored.data.propertyValue(code: "RAILWAY_ORDER_ID").flatMap(Int.init).map(JSONValue.int)
                        ?? .null
                ),
                (key: "order_number", value: .optional(stored.accountNumber)),
                (key: "status", value: .string(stored.statusId)), (key: "total_amount", value: .money(stored.price)),
                (key: "currency", value: .optional(stored.currency)),
                (key: "warnings", value: .array(warnings.map(JSONValue.string))),
            ]
            if replay { members.append((key: "idempotent_replay", value: .bool(true))) }
            let expected = Envelope.success(members)
            let answer = api.createAnswer(stored, warnings: warnings, replay: replay)
            #expect(String(decoding: answer.body, as: UTF8.self) == String(decoding: expected.body, as: UTF8.self))
            #expect(answer.status == expected.status)
            #expect(answer.headers == expected.headers)
        }
    }
}
