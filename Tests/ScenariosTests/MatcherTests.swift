import SaleJSON
import Testing

@testable import Scenarios

private func match(_ expected: JSONValue, _ actual: JSONValue?) throws -> MatchResult {
    try Matcher(expected).match(actual)
}

private func lines(_ expected: JSONValue, _ actual: JSONValue?) throws -> [String] {
    try match(expected, actual).mismatches.map(\.description)
}

@Suite struct MatcherTests {
    @Test func objectsMatchAsASubsetIgnoringOtherKeys() throws {
        let actual: JSONValue = ["success": true, "data": ["id": 7, "status": "N", "extra": [1, 2]]]
        #expect(try match(["data": ["status": "N"]], actual).isMatch)
        #expect(try match([:], actual).isMatch)
    }

    @Test func everyMismatchIsOneLineWithPathExpectedAndActual() throws {
        let actual: JSONValue = ["data": ["status": "P", "id": 7]]
        #expect(
            try lines(["data": ["status": "N", "id": 8, "name": "x"]], actual) == [
                #"$.data.status: expected "N", got "P""#,
                "$.data.id: expected 8, got 7",
                #"$.data.name: expected "x", got nothing (the key is missing)"#,
            ]
        )
    }

    @Test func numbersCompareByValue() throws {
        let actual = try JSONParser().parse(#"{"total": 15000.0, "rate": 1.50}"#)
        #expect(try match(["total": 15000, "rate": .number(JSONNumber(literal: "1.5"))], actual).isMatch)
        #expect(try lines(["total": 15001], actual) == ["$.total: expected 15001, got 15000.0"])
    }

    @Test func scalarsOfDifferentTypesDoNotMatch() throws {
        #expect(try lines(["id": "7"], ["id": 7]) == [#"$.id: expected "7", got 7"#])
        #expect(try lines(["x": nil], [:]) == ["$.x: expected null, got nothing (the key is missing)"])
    }

    @Test func arraysMatchElementByElementWithEqualLength() throws {
        #expect(try match([1, ["a": 1]], [1, ["a": 1, "b": 2]]).isMatch)
        #expect(try lines([1, 2], [1, 2, 3]) == ["$: expected 2 elements [1,2], got [1,2,3]"])
        #expect(try lines(["items": [1, 5]], ["items": [1, 2]]) == ["$.items[1]: expected 5, got 2"])
        #expect(try lines(["items": [1]], ["items": ["a": 1]]) == [#"$.items: expected [1], got {"a":1}"#])
    }

    @Test func captureTakesAnyPresentValueAndStoresIt() throws {
        let result = try match(
            ["id": ["$capture": "orderId"], "lines": ["$capture": "lines"]],
            ["id": 42, "lines": [1]]
        )
        #expect(result.isMatch)
        #expect(result.captures.map(\.name) == ["orderId", "lines"])
        #expect(result.captures.map(\.value) == [42, [1]])
        #expect(
            try lines(["id": ["$capture": "x"]], [:]) == [
                #"$.id: expected {"$capture":"x"}, got nothing (the key is missing)"#
            ]
        )
    }

    @Test(
        arguments: [
            ("string", JSONValue.string("a"), true), ("string", 1, false),
            ("number", .number(JSONNumber(literal: "1.5")), true), ("number", "1", false),
            ("integer", 3, true), ("integer", .number(JSONNumber(literal: "3.0")), true),
            ("integer", .number(JSONNumber(literal: "3.5")), false), ("integer", "3", false),
            ("boolean", false, true), ("boolean", 0, false),
            ("object", [:], true), ("object", [], false),
            ("array", [], true), ("array", [:], false),
            ("null", nil, true), ("null", "null", false),
        ] as [(String, JSONValue, Bool)]
    )
    func typeMatcherChecksTheKind(kind: String, value: JSONValue, matches: Bool) throws {
        #expect(try match(["v": ["$type": .string(kind)]], ["v": value]).isMatch == matches)
    }

    @Test func absentRequiresTheKeyToBeMissing() throws {
        #expect(try match(["error": ["$absent": true]], ["success": true]).isMatch)
        #expect(
            try lines(["error": ["$absent": true]], ["error": nil]) == ["$.error: expected no value (absent), got null"]
        )
    }

    @Test func regexIsAnUnanchoredSearchUnlessAnchored() throws {
        #expect(try match(["$regex": "[0-9]{3}"], "order 12345 ok").isMatch)
        #expect(try match(["$regex": "^order"], "order 1").isMatch)
        #expect(try !match(["$regex": "^1"], "order 1").isMatch)
        #expect(try lines(["$regex": "x"], 5) == [#"$: expected {"$regex":"x"}, got 5"#])
    }

    @Test func invalidRegexIsAnErrorOfTheExpectedValue() {
        #expect(throws: MatcherError(path: "$.a.$regex", problem: #"expected a valid regular expression, found "(""#)) {
            try Matcher(["a": ["$regex": "("]])
        }
    }

    @Test func lengthCountsArrayElementsAndStringCharacters() throws {
        #expect(try match(["$length": 2], [1, 2]).isMatch)
        #expect(try match(["$length": 3], "Пëé").isMatch)
        #expect(try match(["$length": 1], "👍🏽").isMatch)
        #expect(try lines(["$length": 2], "abc") == [#"$: expected {"$length":2}, got "abc""#])
        #expect(try !match(["$length": 0], 0).isMatch)
    }

    @Test func containsMatchesInAnyOrder() throws {
        let items: JSONValue = [["id": 1, "q": 2], ["id": 2, "q": 1]]
        #expect(try match(["$contains": [["id": 2], ["id": 1]]], items).isMatch)
        #expect(try match(["$contains": []], items).isMatch)
    }

    @Test func containsNeedsADistinctElementForEachPattern() throws {
        #expect(try !match(["$contains": [["id": 1], ["id": 1]]], [["id": 1], ["id": 2]]).isMatch)
        #expect(try match(["$contains": [["id": 1], ["id": 1]]], [["id": 1], ["id": 1]]).isMatch)
    }

    @Test func containsFindsAnAssignmentAGreedyMatchWouldMiss() throws {
        // The first pattern fits both elements; taking element 0 greedily would leave the second pattern nothing.
        let patterns: JSONValue = ["$contains": [["$type": "integer"], 1]]
        #expect(try match(patterns, [1, 2]).isMatch)
        let objects: JSONValue = ["$contains": [["a": 1], ["a": 1, "b": 2]]]
        #expect(try match(objects, [["a": 1, "b": 2], ["a": 1]]).isMatch)
    }

    @Test func containsNamesTheUnmatchedPattern() throws {
        #expect(
            try lines(["$contains": [1, 3]], [1, 2]) == [
                #"$: expected a distinct element matching 3 ("$contains"[1]), got [1,2]"#
            ]
        )
        #expect(try lines(["$contains": [1]], "1") == [#"$: expected {"$contains":[1]}, got "1""#])
    }

    @Test func capturesInsideContainsComeFromTheAssignedElement() throws {
        let result = try match(
            ["$contains": [["id": ["$capture": "second"], "name": "b"]]],
            [["id": 1, "name": "a"], ["id": 2, "name": "b"]]
        )
        #expect(result.captures == [MatchResult.Capture(name: "second", value: 2)])
    }

    @Test(
        arguments: [
            (
                ["$type": "date"] as JSONValue, "$.$type",
                #"expected one of string|number|integer|boolean|object|array|null, found a string ("date")"#
            ),
            (["$length": -1], "$.$length", "expected a non-negative integer, found a number (-1)"),
            (["$absent": false], "$.$absent", "expected true, found a boolean (false)"),
            ([["$absent": true]], "$[0]", "$absent is only allowed as the value of an object member"),
            (["$contains": 1], "$.$contains", "expected an array, found a number (1)"),
            (
                ["$capture": ""], "$.$capture",
                #"expected a variable name (letters, digits, "_", "-" or "."), found a string ("")"#
            ),
            (
                ["$typo": 1], "$.$typo",
                #"unknown matcher "$typo" (expected one of "$capture", "$type", "$absent", "$regex", "$length", "$contains")"#
            ),
            (
                ["$type": "string", "x": 1], "$",
                #"expected a matcher object with exactly one "$" key, found the keys "$type", "x""#
            ),
        ] as [(JSONValue, String, String)]
    )
    func malformedMatchersAreRejectedWithTheirPath(expected: JSONValue, path: String, problem: String) {
        #expect(throws: MatcherError(path: path, problem: problem)) { try Matcher(expected) }
    }
}
