import Foundation
import SaleJSON
import Testing

@testable import Scenarios

/// `Fixtures/scenario.schema.json` describes the files the parser accepts: every fixture validates, and on a set of
/// right and wrong documents the schema and the parser agree.
@Suite struct ScenarioSchemaTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let validator: JSONSchemaValidator? = {
        guard
            let data = FileManager.default.contents(
                atPath: fixtures.appendingPathComponent("scenario.schema.json").path
            ),
            let schema = try? JSONParser().parse(Array(data))
        else { return nil }
        return JSONSchemaValidator(root: schema)
    }()

    static let scenarioFiles: [String] = {
        let folder = fixtures.appendingPathComponent("scenarios").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }
            .sorted()
    }()

    func failures(_ text: String) throws -> [JSONSchemaValidator.Failure] {
        let validator = try #require(Self.validator, "Fixtures/scenario.schema.json is missing or not JSON")
        return try validator.validate(try JSONParser().parse(text))
    }

    @Test func theSchemaUsesOnlyTheSubsetTheValidatorChecks() throws {
        let validator = try #require(Self.validator)
        try validator.checkSubset()
        #expect(Self.scenarioFiles.count >= 15)
    }

    @Test(arguments: scenarioFiles)
    func everyFixtureScenarioValidates(_ name: String) throws {
        let url = Self.fixtures.appendingPathComponent("scenarios/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(try failures(text) == [])
        _ = try Scenario.load(from: url)
    }

    /// A document that uses every part of the format.
    static let everything = """
        {"name": "all", "site": "s.json", "state": "st.json", "now": "2025-10-20T10:00:00+05:00",
         "vars": {"limit": 5, "a.b-c_1": {"x": [1]}},
         "steps": [
           {"name": "one", "request": {"method": "post", "path": "/x?a=1", "query": {"b": 2, "c": true},
                                       "headers": {"X": "y"}, "body": [1, {"$not": "a matcher in a request"}]},
            "expect": {"status": [200, 201], "headers": {"content-type": "a"},
                       "body": {"id": {"$capture": "id"}, "t": {"$type": "integer"}, "gone": {"$absent": true},
                                "r": {"$regex": "^a"}, "l": {"$length": 0}, "c": {"$contains": [{"$type": "null"}, 1]},
                                "n": null, "arr": ["{{id}}", {"deep": {"$type": "string"}}], "": 1}}},
           {"request": {"method": "GET", "path": "/", "body_text": "{oops"}, "expect": {"status": 400}},
           {"request": {"method": "GET", "path": "/"}},
           {"restart": true}, {"name": "later", "advance_clock": "P1Y2M3W4DT5H6M7.5S"}, {"advance_clock": "PT0,5H"}
         ]}
        """

    @Test(arguments: [
        everything,
        #"{"name": "", "steps": [{"restart": true}]}"#,
        #"{"name": "x", "now": "2025-10-20T05:00:00Z", "steps": [{"advance_clock": "P1D"}]}"#,
    ])
    func theSchemaAndTheParserAcceptTheSameRightDocuments(text: String) throws {
        #expect(try failures(text) == [])
        _ = try scenario(text)
    }

    @Test(arguments: [
        #"{"steps": [{"restart": true}]}"#,
        #"{"name": "x", "steps": []}"#,
        #"{"name": "x", "steps": [{"restart": true}], "extra": 1}"#,
        #"{"name": "x", "steps": [{"reqest": {"method": "GET", "path": "/"}}]}"#,
        #"{"name": "x", "steps": [{"restart": false}]}"#,
        #"{"name": "x", "steps": [{"restart": true, "advance_clock": "P1D"}]}"#,
        #"{"name": "x", "steps": [{"restart": true, "expect": {"status": 200}}]}"#,
        #"{"name": "x", "steps": [{"advance_clock": "1D"}]}"#,
        #"{"name": "x", "steps": [{"advance_clock": "P"}]}"#,
        #"{"name": "x", "now": "2025-10-20T10:00:00", "steps": [{"restart": true}]}"#,
        #"{"name": "x", "vars": {"a b": 1}, "steps": [{"restart": true}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "G3T", "path": "/"}}]}"#,
        #"{"name": "x", "steps": [{"request": {"path": "/"}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/", "body": 1, "body_text": "1"}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/", "headers": {"A": [1]}}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"status": 99}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"status": []}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"status": 200.5}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"stat": 200}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"body": {"a": {"$regexp": "x"}}}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"body": {"$type": "string", "$length": 1}}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"body": {"a": {"$type": "int"}}}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"body": {"a": {"$length": -1}}}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"body": {"a": {"$capture": "a b"}}}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"body": [{"$contains": 1}]}}]}"#,
        #"{"name": "x", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"body": {"a": {"$absent": false}}}}]}"#,
    ])
    func theSchemaAndTheParserRefuseTheSameWrongDocuments(text: String) throws {
        #expect(try !failures(text).isEmpty)
        #expect(throws: ScenarioFileError.self) { try scenario(text) }
    }

    /// The control-plane `fault` step is being added on another branch: the schema already lists it with an open
    /// object, to be tightened when it is merged (the parser here does not know it yet).
    @Test func aFaultStepIsListedWithAnOpenObject() throws {
        #expect(try failures(#"{"name": "x", "steps": [{"fault": {"anything": [1]}}]}"#) == [])
        #expect(try !failures(#"{"name": "x", "steps": [{"fault": 1}]}"#).isEmpty)
        #expect(try !failures(#"{"name": "x", "steps": [{"fault": {}, "restart": true}]}"#).isEmpty)
    }

    @Test func theValidatorRefusesKeywordsOutsideItsSubset() throws {
        let schema = try JSONParser().parse(#"{"type": "object", "properties": {"a": {"format": "date"}}}"#)
        #expect(throws: JSONSchemaValidator.SchemaError.self) { try JSONSchemaValidator(root: schema).checkSubset() }
        #expect(throws: JSONSchemaValidator.SchemaError.self) {
            try JSONSchemaValidator(root: schema).validate(try JSONParser().parse(#"{"a": "x"}"#))
        }
        let dangling = try JSONParser().parse(##"{"$ref": "#/$defs/nothing"}"##)
        #expect(throws: JSONSchemaValidator.SchemaError.self) { try JSONSchemaValidator(root: dangling).checkSubset() }
    }

    @Test func failuresNameThePathAndTheRule() throws {
        let found = try failures(#"{"name": "x", "steps": [{"restart": true}], "stepz": 1}"#)
        #expect(found == [JSONSchemaValidator.Failure(path: "$.stepz", message: #"the key "stepz" is not allowed"#)])
    }
}

/// The guide's examples are real: the first scenario of docs/SCENARIOS.md validates and passes on the engine.
@Suite struct ScenarioGuideTests {
    static let guide = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/SCENARIOS.md")

    /// The fenced `json` blocks of the guide, in order.
    static func jsonBlocks() throws -> [String] {
        let text = try String(contentsOf: guide, encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```json" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func theFirstScenarioOfTheGuideValidatesAndPasses() throws {
        let text = try #require(try Self.jsonBlocks().first)
        let validator = try #require(ScenarioSchemaTests.validator)
        #expect(try validator.validate(try JSONParser().parse(text)) == [])
        let parsed = try Scenario.parse(
            Array(text.utf8),
            file: "guide.json",
            folder: Self.guide.deletingLastPathComponent()
        )
        let result = ScenarioRunner(makeHost: EngineScenarioHost.factory()).run(parsed)
        #expect(result.passed, "\(ScenarioRunReport(entries: [.scenario(result)]).text)")
        #expect(result.steps.count == 4)
        #expect(result.notices.isEmpty)
    }
}
