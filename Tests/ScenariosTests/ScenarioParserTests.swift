import SaleHTTP
import Foundation
import SaleJSON
import SiteAPI
import Testing

@testable import Scenarios

@Suite struct ScenarioParserTests {
    @Test func readsEveryPartOfAScenario() throws {
        let parsed = try scenario(
            """
            {
              "name": "Create",
              "site": "../sites/shop.json",
              "state": "snap.json",
              "now": "2025-10-20T10:00:00+05:00",
              "vars": {"qty": 2, "who": "Ann"},
              "steps": [
                {"name": "create", "request": {"method": "POST", "path": "/api/v2/orders/create",
                  "query": {"access_token": "{{token}}", "n": 5}, "headers": {"Content-Type": "application/json"},
                  "body": {"items": [{"product_id": 5, "quantity": "{{qty}}"}]}},
                 "expect": {"status": [200, 201], "headers": {"content-type": "application/json"},
                   "body": {"bitrix_order_id": {"$capture": "orderId"}}}},
                {"request": {"method": "POST", "path": "/x", "body_text": "{oops"}},
                {"restart": true},
                {"advance_clock": "P1D"}
              ]
            }
            """
        )
        #expect(parsed.file == "t.json")
        #expect(parsed.name == "Create")
        #expect(parsed.site == URL(fileURLWithPath: "/sites/shop.json"))
        #expect(parsed.state == URL(fileURLWithPath: "/fixtures/snap.json"))
        #expect(parsed.now?.utcOffset == 18_000)
        #expect(parsed.variables.map(\.name) == ["qty", "who"])
        #expect(parsed.steps.map(\.title) == ["create", "POST /x", "restart", "advance_clock P1D"])
        guard case .request(let request, let expect?) = parsed.steps[0].action else {
            Issue.record("the first step is not a request with an expectation")
            return
        }
        #expect(request.query == [HeaderField("access_token", "{{token}}"), HeaderField("n", "5")])
        #expect(request.headers == [HeaderField("Content-Type", "application/json")])
        #expect(request.body == .json(["items": [["product_id": 5, "quantity": "{{qty}}"]]]))
        #expect(expect.status == [200, 201])
        #expect(expect.headers == [HeaderField("content-type", "application/json")])
        #expect(expect.body?.expected == ["bitrix_order_id": ["$capture": "orderId"]])
        guard case .request(let second, nil) = parsed.steps[1].action else {
            Issue.record("the second step is not a request without expectation")
            return
        }
        #expect(second.body == .text("{oops"))
    }

    /// A minimal valid prefix for the cases below.
    static let head = #"{"name": "x", "steps": "#

    @Test(arguments: [
        (
            head + #"[{"reqest": {"method": "GET", "path": "/"}}]}"#,
            #"t.json: $.steps[0].reqest: unknown key "reqest" (did you mean "request"? expected one of "name", "request", "expect", "restart", "advance_clock", "fault")"#
        ),
        (
            head + #"[{"restart": true}, {"advance_clock": "P1D"}, {"request": {"method": 5, "path": "/"}}]}"#,
            "t.json: $.steps[2].request.method: expected a string, found a number (5)"
        ),
        (
            #"{"steps": [{"restart": true}]}"#,
            "t.json: $.name: expected a string, the key is missing"
        ),
        (
            #"{"nmae": "x", "steps": []}"#,
            #"t.json: $.nmae: unknown key "nmae" (did you mean "name"? expected one of "name", "site", "state", "now", "vars", "steps")"#
        ),
        (
            #"{"name": "x", "name": "y", "steps": []}"#,
            #"t.json: $.name: duplicate key "name""#
        ),
        (head + "[]}", "t.json: $.steps: expected at least one step, found none"),
        (#"{"name": "x"}"#, "t.json: $.steps: expected an array of steps, the key is missing"),
        ("[1]", "t.json: $: expected a scenario object, found an array"),
        (
            head + #"[{"advance_clock": "P1DT"}]}"#,
            #"t.json: $.steps[0].advance_clock: expected an ISO 8601 duration such as P1D or PT1H30M, found "P1DT""#
        ),
        (head + #"[{"restart": false}]}"#, "t.json: $.steps[0].restart: expected true, found a boolean (false)"),
        (
            head + #"[{"restart": true, "advance_clock": "P1D"}]}"#,
            #"t.json: $.steps[0]: expected only one of the keys "request", "restart", "advance_clock" or "fault", found "restart" and "advance_clock""#
        ),
        (
            head + #"[{"name": "nothing"}]}"#,
            #"t.json: $.steps[0]: expected one of the keys "request", "restart", "advance_clock" or "fault", found none"#
        ),
        (
            head + #"[{"restart": true, "expect": {}}]}"#,
            #"t.json: $.steps[0].expect: "expect" is only allowed with "request""#
        ),
        (
            head + #"[{"request": {"method": "GET"}}]}"#,
            "t.json: $.steps[0].request.path: expected a string, the key is missing"
        ),
        (
            head + #"[{"request": {"method": "G T", "path": "/"}}]}"#,
            #"t.json: $.steps[0].request.method: expected an HTTP method such as GET or POST, found "G T""#
        ),
        (
            head + #"[{"request": {"method": "GET", "path": "/", "headers": {"X-Id": {}}}}]}"#,
            #"t.json: $.steps[0].request.headers["X-Id"]: expected a string, number or boolean, found an object"#
        ),
        (
            head + #"[{"request": {"method": "GET", "path": "/", "query": [1]}}]}"#,
            "t.json: $.steps[0].request.query: expected an object, found an array"
        ),
        (
            head + #"[{"request": {"method": "POST", "path": "/", "body": {}, "body_text": ""}}]}"#,
            #"t.json: $.steps[0].request.body_text: expected either "body" or "body_text", found both"#
        ),
        (
            head + #"[{"request": {"method": "GET", "path": "/"}, "expect": {"status": "200"}}]}"#,
            #"t.json: $.steps[0].expect.status: expected an HTTP status (an integer from 100 to 599, or 0 for a dropped connection) or a non-empty array of them, found a string ("200")"#
        ),
        (
            head + #"[{"request": {"method": "GET", "path": "/"}, "expect": {"status": [200, 42]}}]}"#,
            "t.json: $.steps[0].expect.status[1]: expected an HTTP status (an integer from 100 to 599, or 0 for a dropped connection) or a non-empty array of them, found 42"
        ),
        (
            head + #"[{"request": {"method": "GET", "path": "/"}, "expect": {"staus": 200}}]}"#,
            #"t.json: $.steps[0].expect.staus: unknown key "staus" (did you mean "status"? expected one of "status", "headers", "body")"#
        ),
        (
            head + #"[{"request": {"method": "GET", "path": "/"}, "expect": {"body": {"a": {"$regex": "("}}}}]}"#,
            #"t.json: $.steps[0].expect.body.a.$regex: expected a valid regular expression, found "(""#
        ),
        (
            head
                + #"[{"request": {"method": "GET", "path": "/"}, "expect": {"body": {"items": [{"$absent": true}]}}}]}"#,
            "t.json: $.steps[0].expect.body.items[0]: $absent is only allowed as the value of an object member"
        ),
        (
            head + #"[{"request": {"method": "GET", "path": "/"}, "expect": {"body": {"x": {"$regexp": "a"}}}}]}"#,
            #"t.json: $.steps[0].expect.body.x.$regexp: unknown matcher "$regexp" (expected one of "$capture", "$type", "$absent", "$regex", "$length", "$contains")"#
        ),
        (
            #"{"name": "x", "now": "2025-10-20T10:00:00", "steps": [{"restart": true}]}"#,
            #"t.json: $.now: expected an ISO 8601 date and time with a UTC offset such as 2025-10-20T10:00:00+05:00, found "2025-10-20T10:00:00""#
        ),
        (
            #"{"name": "x", "vars": {"a b": 1}, "steps": [{"restart": true}]}"#,
            #"t.json: $.vars["a b"]: expected a variable name (letters, digits, "_", "-" or "."), found "a b""#
        ),
        (#"{"name": "x",, "steps": []}"#, "t.json: not valid JSON: line 1, column 14 (byte 13): expected a string key"),
        ("", "t.json: not valid JSON: line 1, column 1 (byte 0): expected a value"),
    ])
    func invalidFilesNameTheFilePathAndWhatWasExpected(text: String, message: String) {
        #expect(throws: ScenarioFileError.self) { try scenario(text) }
        do {
            _ = try scenario(text)
        } catch {
            #expect(error.description == message)
        }
    }

    /// The column counts characters: each Cyrillic letter is two bytes, so the byte offset and the column differ.
    @Test func aJSONErrorGivesTheLineAndTheColumnInCharacters() {
        let text = "{\n  \"name\": \"Заказ\",\n  \"steps\": [\n    {\"name\": \"шаг\" \"restart\": true}\n  ]\n}"
        // Line 4 is `    {"name": "шаг" "restart": true}`: the missing comma is before `"restart"`, the 20th character.
        let bytes = Array(text.utf8)
        let offset = bytes.count - Array(#""restart": true}\#n  ]\#n}"#.utf8).count
        #expect(
            throws: ScenarioFileError.invalidJSON(
                file: "t.json",
                position: TextPosition(line: 4, column: 20),
                offset: offset,
                expected: "',' or '}'"
            )
        ) { try scenario(text) }
        do {
            _ = try scenario(text)
        } catch {
            #expect(
                error.description == "t.json: not valid JSON: line 4, column 20 (byte \(offset)): expected ',' or '}'"
            )
            #expect(offset == 61)
        }
    }

    @Test(arguments: [
        ("", 0, 1, 1),
        ("ab\ncd", 4, 2, 2),
        ("ab\r\ncd", 5, 2, 2),
        ("щи\n", 4, 1, 3),
        ("\n\n", 2, 3, 1),
        ("é́x", 100, 1, 3),
    ])
    func positionsCountLinesAndCharacters(text: String, offset: Int, line: Int, column: Int) {
        #expect(TextPosition(offset: offset, in: Array(text.utf8)) == TextPosition(line: line, column: column))
    }

    @Test func loadingAMissingFileIsNotFound() {
        #expect(throws: ScenarioFileError.notFound(file: "nope.json")) {
            try Scenario.load(from: URL(fileURLWithPath: "/nonexistent/nope.json"), displayPath: "nope.json")
        }
    }
}
