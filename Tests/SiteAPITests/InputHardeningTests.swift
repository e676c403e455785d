import BitrixSale
import Foundation
import SaleJSON
import SiteAPI
import Testing

/// The smaller holes: linear unknown-key handling, limits in Unicode scalars, control characters in names and
/// phones, ids and limits strictly `[1-9][0-9]*`, a bounded `status` list.
@Suite struct InputHardeningTests {
    @Test func manyUnknownKeysAreWarnedOnceEachInBodyOrder() throws {
        let api = try makeAPI()
        var body = seedPayload(railwayId: 11)
        for index in 0..<20_000 { body = body.setting("x\(index)", 1) }
        let answer = try api.create(body)
        #expect(answer.status == 200)
        let warnings = answer["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(warnings.count == 20_000)
        #expect(warnings.first == #"Unknown field "x0" was ignored"#)
        #expect(warnings.last == #"Unknown field "x19999" was ignored"#)
    }

    @Test func aNameIsCountedInUnicodeScalarsNotGraphemes() throws {
        let api = try makeAPI()
        let name = "И" + String(repeating: "\u{301}", count: 600)  // one grapheme, 601 scalars
        let answer = try api.create(seedPayload(railwayId: 12).setting("customer_name", .string(name)))
        #expect(answer.status == 422)
        #expect(answer.detailFields == ["customer_name"])
        let message: String = answer.json["details"]?[0]?["message"]?.stringValue ?? ""
        #expect(message.contains("(Unicode scalars), got 601"), "\(message)")
    }

    @Test(arguments: [
        ("customer_name", "Иван\nИванов", "U+000A at character 5"),
        ("recipient_name", "Мария\u{7}", "U+0007 at character 6"),
        ("customer_phone", "+7701521\u{0}1545", "U+0000 at character 9"),
        ("recipient_phone", "+77778889900\u{85}", "U+0085 at character 13"),
    ])
    func controlCharactersAreRefusedInNamesAndPhones(field: String, value: String, found: String) throws {
        let api = try makeAPI()
        let answer = try api.create(seedPayload(railwayId: 13).setting(field, .string(value)))
        #expect(answer.status == 422)
        #expect(answer.detailFields == [field])
        #expect(answer.detailCodes == ["invalid_character"])
        let message: String = answer.json["details"]?[0]?["message"]?.stringValue ?? ""
        #expect(message.contains(found), "\(message)")
    }

    @Test(arguments: ["/api/v2/orders/1.0", "/api/v2/orders/%201", "/api/v2/orders/01", "/api/v2/orders/+1"])
    func pathIdsArePlainDigits(path: String) throws {
        let api = try makeAPI()
        #expect(try api.create(seedPayload(railwayId: 14)).status == 200)
        #expect(try api.send("GET", "/api/v2/orders/1").status == 200)
        #expect(try api.send("GET", path).status == 400)
    }

    @Test(arguments: ["id=1.0", "id=%201", "id=1e0", "id=-1", "id=0"])
    func queryIdsArePlainDigits(query: String) throws {
        let api = try makeAPI()
        #expect(try api.create(seedPayload(railwayId: 15)).status == 200)
        #expect(try api.send("GET", "/api/v2/orders/detail", query: "id=1").status == 200)
        #expect(try api.send("GET", "/api/v2/orders/detail", query: query).status == 400)
    }

    @Test(arguments: ["limit=1.0", "limit=%201", "limit=05", "offset=1.0", "offset=00"])
    func limitsAndOffsetsArePlainDigits(query: String) throws {
        let api = try makeAPI()
        #expect(try api.send("GET", "/api/v2/orders", query: "limit=5&offset=0").status == 200)
        #expect(try api.send("GET", "/api/v2/orders", query: query).status == 400)
    }

    @Test func aRepeatedOrEmptyStatusListAnswersInBoundedSize() throws {
        let api = try makeAPI()
        let commas = try api.send("GET", "/api/v2/orders", query: "status=" + String(repeating: ",", count: 100_000))
        #expect(commas.status == 422)
        #expect(commas.json["details"]?.arrayValue?.count == 1)
        #expect(commas.response.body.count < 2_000)
        let many = (0..<5_000).map { "X\($0)" }.joined(separator: ",")
        let distinct = try api.send("GET", "/api/v2/orders", query: "status=" + many)
        #expect(distinct.status == 422)
        #expect(distinct.json["details"]?.arrayValue?.count == 10)
        #expect(distinct.response.body.count < 10_000)
    }
}
