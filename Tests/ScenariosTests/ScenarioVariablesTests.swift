import SaleHTTP
import SaleJSON
import SiteAPI
import Testing

@testable import Scenarios

@Suite struct ScenarioVariablesTests {
    let variables = ScenarioVariables([
        "id": 42, "name": "Ann Lee", "flag": true, "none": nil, "price": .number(JSONNumber(literal: "1500.50")),
        "items": [1, 2],
    ])

    @Test func textFormOfEachKind() throws {
        #expect(try variables.substitute("/orders/{{id}}") == "/orders/42")
        #expect(
            try variables.substitute("{{name}}|{{flag}}|{{none}}|{{price}}|{{items}}")
                == "Ann Lee|true|null|1500.50|[1,2]"
        )
        #expect(try variables.substitute("{{ id }}") == "42")
        #expect(try variables.substitute("no {{ braces") == "no {{ braces")
    }

    @Test func anExactReferenceInABodyKeepsTheValueType() throws {
        let body: JSONValue = [
            "id": "{{id}}", "note": "order {{id}}", "flag": "{{flag}}", "items": "{{items}}", "{{name}}": 1,
        ]
        let expected: JSONValue = ["id": 42, "note": "order 42", "flag": true, "items": [1, 2], "Ann Lee": 1]
        #expect(try variables.substitute(json: body) == expected)
    }

    @Test func anUnknownVariableIsNamed() {
        #expect(throws: UnknownVariable(name: "orderId")) { try variables.substitute("/orders/{{orderId}}") }
        #expect(throws: UnknownVariable(name: "x")) { try variables.substitute(json: ["a": ["{{x}}"]]) }
        #expect(UnknownVariable(name: "orderId").description == #"unknown variable "orderId""#)
    }

    @Test func expectedBodiesAreSubstitutedButCaptureNamesAreNot() throws {
        let matcher = try Matcher(["id": "{{id}}", "ref": ["$regex": "^{{id}}$"], "new": ["$capture": "id"]])
        let pattern = try variables.substitute(pattern: matcher.pattern)
        let result = Matcher(pattern: pattern).match(["id": 42, "ref": "42", "new": 1])
        #expect(result.isMatch)
        #expect(result.captures == [MatchResult.Capture(name: "id", value: 1)])
        #expect(!Matcher(pattern: pattern).match(["id": "42", "ref": "42", "new": 1]).isMatch)
    }

    @Test func aSubstitutedValueIsDataNotAMatcher() throws {
        let tricky = ScenarioVariables(["v": ["$type": "string"]])
        let pattern = try tricky.substitute(pattern: try Matcher(["v": "{{v}}"]).pattern)
        #expect(Matcher(pattern: pattern).match(["v": ["$type": "string"]]).isMatch)
        #expect(!Matcher(pattern: pattern).match(["v": "text"]).isMatch)
    }

    @Test(arguments: ["a", "order_id", "x-1", "a.b", "A9"])
    func validNames(name: String) {
        #expect(ScenarioVariables.isValidName(name))
    }

    @Test(arguments: ["", "a b", "{{a}}", "ü", "a/b"])
    func invalidNames(name: String) {
        #expect(!ScenarioVariables.isValidName(name))
    }
}

@Suite struct ScenarioRequestBuildingTests {
    let variables = ScenarioVariables(["token": "t&k n", "id": 7, "body": ["a": 1]])

    @Test func queryEntriesAreAppendedPercentEncoded() throws {
        let request = ScenarioRequest(
            method: "GET",
            path: "/api/v2/orders",
            query: [HeaderField("access_token", "{{token}}"), HeaderField("q", "Алма-ты ~._+=/")]
        )
        #expect(
            try request.apiRequest(with: variables).target
                == "/api/v2/orders?access_token=t%26k%20n&q=%D0%90%D0%BB%D0%BC%D0%B0-%D1%82%D1%8B%20~._%2B%3D%2F"
        )
    }

    @Test(arguments: [
        ("/orders", "/orders?limit=5"),
        ("/orders?offset=0", "/orders?offset=0&limit=5"),
        ("/orders?", "/orders?limit=5"),
        ("/orders?a=1&", "/orders?a=1&limit=5"),
        ("/orders/{{id}}?x={{id}}", "/orders/7?x=7&limit=5"),
    ])
    func thePathKeepsItsOwnQuery(path: String, target: String) throws {
        let request = ScenarioRequest(method: "GET", path: path, query: [HeaderField("limit", "5")])
        #expect(try request.apiRequest(with: variables).target == target)
    }

    @Test func headersAndBodiesAreSubstituted() throws {
        let request = ScenarioRequest(
            method: "POST",
            path: "/x",
            headers: [HeaderField("Authorization", "Bearer {{token}}")],
            body: .json(["id": "{{id}}", "nested": "{{body}}"])
        )
        let sent = try request.apiRequest(with: variables)
        #expect(sent.method == "POST")
        #expect(sent.header("authorization") == "Bearer t&k n")
        #expect(String(decoding: sent.body, as: UTF8.self) == #"{"id":7,"nested":{"a":1}}"#)
    }

    @Test func bodyTextIsSentByteForByte() throws {
        let request = ScenarioRequest(method: "POST", path: "/x", body: .text("{\"id\": {{id}},"))
        #expect(try request.apiRequest(with: variables).body == Array("{\"id\": 7,".utf8))
    }
}
