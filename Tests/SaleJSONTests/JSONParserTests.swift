import SaleJSON
import Testing

/// Input that must parse, and the value it must give.
struct Accepted: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let value: JSONValue
    var testDescription: String { name }
}

/// Input that must be rejected, where, and with what expectation.
struct Rejected: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let offset: Int
    let expected: String
    var testDescription: String { name }

    init(_ name: String, _ text: String, at offset: Int, expected: String) {
        self.init(name, Array(text.utf8), at: offset, expected: expected)
    }

    init(_ name: String, _ bytes: [UInt8], at offset: Int, expected: String) {
        self.name = name
        self.bytes = bytes
        self.offset = offset
        self.expected = expected
    }
}

@Suite("JSONParser")
struct JSONParserTests {
    static let accepted: [Accepted] = [
        Accepted(name: "true", text: "true", value: true),
        Accepted(name: "false", text: "false", value: false),
        Accepted(name: "null", text: "null", value: nil),
        Accepted(name: "zero", text: "0", value: 0),
        Accepted(name: "negative zero", text: "-0", value: .number(JSONNumber(literal: "-0"))),
        Accepted(name: "negative zero with fraction", text: "-0.0", value: 0),
        Accepted(name: "negative integer", text: "-42", value: -42),
        Accepted(name: "fraction", text: "12500.5", value: .number(JSONNumber(literal: "12500.5"))),
        Accepted(name: "lower-case exponent", text: "1e3", value: 1000),
        Accepted(name: "upper-case exponent", text: "1E3", value: 1000),
        Accepted(name: "exponent with plus", text: "1.5e+4", value: 15000),
        Accepted(name: "negative exponent", text: "-25e-1", value: .number(JSONNumber(literal: "-2.5"))),
        Accepted(name: "exponent with leading zeros", text: "1e007", value: .number(JSONNumber(literal: "1e7"))),
        Accepted(name: "empty string", text: #""""#, value: ""),
        Accepted(name: "simple escapes", text: #""\"\\\/\b\f\n\r\t""#, value: "\"\\/\u{8}\u{C}\n\r\t"),
        Accepted(name: "unicode escapes in either case", text: #""\u00e9\u00E9\u0041""#, value: "ééA"),
        Accepted(name: "escaped NUL", text: #""a\u0000b""#, value: "a\u{0}b"),
        Accepted(name: "surrogate pair", text: #""\ud83d\ude00""#, value: "😀"),
        Accepted(name: "surrogate pair upper-case", text: #""\uD83D\uDE00x""#, value: "😀x"),
        Accepted(name: "highest scalar as a pair", text: #""\uDBFF\uDFFF""#, value: "\u{10FFFF}"),
        Accepted(name: "raw UTF-8", text: "\"héllo 日本 😀\"", value: "héllo 日本 😀"),
        Accepted(name: "raw DEL and U+2028", text: "\"\u{7F}\u{2028}\"", value: "\u{7F}\u{2028}"),
        Accepted(name: "escape after raw text", text: #""price: 5\n""#, value: "price: 5\n"),
        Accepted(name: "empty array", text: "[]", value: []),
        Accepted(name: "empty object", text: "{}", value: [:]),
        Accepted(name: "nested", text: #"{"a":[1,{"b":null}],"c":{}}"#, value: ["a": [1, ["b": nil]], "c": [:]]),
        Accepted(
            name: "all four whitespace characters everywhere",
            text: " \t\n\r{ \t\n\r\"a\" \t\n\r: \t\n\r[ 1 , 2 ] \t\n\r, \"b\":true}\r\n\t ",
            value: ["a": [1, 2], "b": true]
        ),
        Accepted(name: "whitespace in empty containers", text: "[ \n ]", value: []),
        Accepted(name: "duplicate keys kept", text: #"{"a":1,"a":2}"#, value: .object([("a", 1), ("a", 2)])),
    ]

    @Test("accepts every RFC 8259 form", arguments: accepted)
    func acceptsEveryForm(_ example: Accepted) throws {
        let value = try JSONParser().parse(example.text)
        #expect(value == example.value)
    }

    @Test(
        "keeps the number literal exactly as written",
        arguments: ["-0", "1E10", "1e+10", "0.10", "12345678901234567890123456789.000", "-25e-1", "1e007"]
    )
    func keepsNumberLiteral(_ literal: String) throws {
        let value = try JSONParser().parse(literal)
        #expect(value.numberValue?.literal == literal)
    }

    @Test("keeps object members in source order, duplicates included")
    func keepsMemberOrder() throws {
        let value = try JSONParser().parse(#"{"z":1,"a":2,"m":3,"a":4}"#)
        #expect(value.objectMembers?.map(\.key) == ["z", "a", "m", "a"])
        #expect(value["a"] == 4)
    }

    @Test("parses bytes and strings alike")
    func parsesBytesAndStrings() throws {
        let text = #"{"name":"Ёлка","price":12500.50}"#
        #expect(try JSONParser().parse(Array(text.utf8)) == JSONParser().parse(text))
        #expect(try JSONParser().parse(text.utf8) == JSONParser().parse(text))
    }

    static let rejected: [Rejected] = [
        Rejected("empty input", "", at: 0, expected: "a value"),
        Rejected("only whitespace", " \n\t", at: 3, expected: "a value"),
        Rejected("trailing comma in an array", "[1,2,]", at: 5, expected: "a value"),
        Rejected("trailing comma in an object", #"{"a":1,}"#, at: 7, expected: "a string key"),
        Rejected("leading zero at top level", "01", at: 1, expected: "the end of the text"),
        Rejected("leading zeros in an array", "[007]", at: 2, expected: "',' or ']'"),
        Rejected("leading zero after minus", "-01", at: 2, expected: "the end of the text"),
        Rejected("lone low surrogate", #""\uDC00""#, at: 1, expected: "a high surrogate before a low one"),
        Rejected("lone low surrogate after text", #""ab\uDFFF""#, at: 3, expected: "a high surrogate before a low one"),
        Rejected("lone high surrogate", #""\uD800""#, at: 7, expected: "a low surrogate escape"),
        Rejected("high surrogate then text", #""\uD83Dx""#, at: 7, expected: "a low surrogate escape"),
        Rejected("high surrogate then a non-surrogate", #""\uD800\u0041""#, at: 7, expected: "a low surrogate escape"),
        Rejected("two high surrogates", #""\uD800\uD800""#, at: 7, expected: "a low surrogate escape"),
        Rejected("bad escape", #""\x""#, at: 2, expected: #"a valid escape (\" \\ \/ \b \f \n \r \t \u)"#),
        Rejected("upper-case U escape", #""\U0041""#, at: 2, expected: #"a valid escape (\" \\ \/ \b \f \n \r \t \u)"#),
        Rejected("non-hex digit in \\u", #""\u12G4""#, at: 5, expected: "four hex digits"),
        Rejected("short \\u escape", #"["\u12"]"#, at: 6, expected: "four hex digits"),
        Rejected("backslash at the end", #""\"#, at: 2, expected: "an escape character"),
        Rejected("raw tab in a string", "\"a\tb\"", at: 2, expected: "a control character to be escaped"),
        Rejected("raw newline after an escape", "\"\\n\n\"", at: 3, expected: "a control character to be escaped"),
        Rejected("raw NUL in a string", [0x22, 0x00, 0x22], at: 1, expected: "a control character to be escaped"),
        Rejected("unterminated string", #""abc"#, at: 4, expected: #"a closing '"'"#),
        Rejected("unterminated string with escapes", #""a\nb"#, at: 5, expected: #"a closing '"'"#),
        Rejected("unterminated array", "[1,2", at: 4, expected: "',' or ']'"),
        Rejected("bare opening bracket", "[", at: 1, expected: "a value"),
        Rejected("unterminated object", #"{"a":1"#, at: 6, expected: "',' or '}'"),
        Rejected("object key without colon", #"{"a"}"#, at: 4, expected: "':'"),
        Rejected("bare opening brace", "{", at: 1, expected: "a string key"),
        Rejected("number as object key", "{1:2}", at: 1, expected: "a string key"),
        Rejected("missing comma in an array", "[1 2]", at: 3, expected: "',' or ']'"),
        Rejected("trailing garbage", "true x", at: 5, expected: "the end of the text"),
        Rejected("two documents", "{} {}", at: 3, expected: "the end of the text"),
        Rejected("misspelt literal", "nul", at: 0, expected: "'null'"),
        Rejected("capitalised literal", "True", at: 0, expected: "a value"),
        Rejected("lone minus", "-", at: 1, expected: "a digit"),
        Rejected("minus then letter", "-a", at: 1, expected: "a digit"),
        Rejected("dot without digits", "1.", at: 2, expected: "a digit after '.'"),
        Rejected("leading dot", ".5", at: 0, expected: "a value"),
        Rejected("leading plus", "+1", at: 0, expected: "a value"),
        Rejected("exponent without digits", "1e+", at: 3, expected: "a digit in the exponent"),
        Rejected("NaN", "NaN", at: 0, expected: "a value"),
        Rejected("single quotes", "'a'", at: 0, expected: "a value"),
        Rejected("invalid UTF-8 byte in a string", [0x22, 0x61, 0xFF, 0x22], at: 2, expected: "valid UTF-8 text"),
        Rejected("truncated UTF-8 sequence", [0x22, 0x61, 0x62, 0xC3, 0x22], at: 3, expected: "valid UTF-8 text"),
        Rejected("overlong UTF-8 encoding", [0x22, 0xC0, 0xAF, 0x22], at: 1, expected: "valid UTF-8 text"),
        Rejected("UTF-8 encoded surrogate", [0x22, 0x61, 0xED, 0xA0, 0x80, 0x22], at: 2, expected: "valid UTF-8 text"),
        Rejected(
            "invalid UTF-8 after an escape",
            [0x22, 0x5C, 0x6E, 0xC3, 0xA9, 0x61, 0xFF, 0x22],
            at: 6,
            expected: "valid UTF-8 text"
        ),
        Rejected("invalid UTF-8 outside a string", [0xFF], at: 0, expected: "a value"),
        Rejected("byte order mark", [0xEF, 0xBB, 0xBF, 0x31], at: 0, expected: "a value"),
        Rejected("65 nested arrays", String(repeating: "[", count: 65), at: 64, expected: "nesting no deeper than 64"),
        Rejected(
            "65 nested objects",
            String(repeating: #"{"a":"#, count: 65),
            at: 64 * 5,
            expected: "nesting no deeper than 64"
        ),
        Rejected(
            "401-digit number",
            String(repeating: "1", count: 401),
            at: 0,
            expected: "a number of at most 400 characters"
        ),
        Rejected(
            "401-character negative number in an array",
            "[1, -" + String(repeating: "9", count: 400) + "]",
            at: 4,
            expected: "a number of at most 400 characters"
        ),
    ]

    @Test("rejects malformed input with the offset and the expectation", arguments: rejected)
    func rejectsMalformedInput(_ example: Rejected) {
        let error = parseError(example.bytes)
        #expect(error == JSONParseError(offset: example.offset, expected: example.expected))
    }

    @Test("accepts nesting exactly maxDepth deep and rejects maxDepth + 1", arguments: [1, 3, 64])
    func nestingLimit(maxDepth: Int) {
        let arrays = String(repeating: "[", count: maxDepth) + String(repeating: "]", count: maxDepth)
        #expect(parseError(Array(arrays.utf8), maxDepth: maxDepth) == nil)
        let deeper = "[" + arrays + "]"
        #expect(
            parseError(Array(deeper.utf8), maxDepth: maxDepth)
                == JSONParseError(offset: maxDepth, expected: "nesting no deeper than \(maxDepth)")
        )
        let objects = String(repeating: #"{"k":"#, count: maxDepth) + "1" + String(repeating: "}", count: maxDepth)
        #expect(parseError(Array(objects.utf8), maxDepth: maxDepth) == nil)
        // Inside an array, the innermost object's '{' is the one too deep: after "[" and maxDepth - 1 × `{"k":`.
        let deeperObjects = "[" + objects + "]"
        #expect(
            parseError(Array(deeperObjects.utf8), maxDepth: maxDepth)
                == JSONParseError(offset: 1 + (maxDepth - 1) * 5, expected: "nesting no deeper than \(maxDepth)")
        )
    }

    @Test("counts depth by containers, not by scalars or siblings")
    func depthCountsContainersOnly() {
        let wide = "[" + Array(repeating: "[1,[2]]", count: 1000).joined(separator: ",") + "]"
        #expect(parseError(Array(wide.utf8), maxDepth: 3) == nil)
        #expect(parseError(Array("1".utf8), maxDepth: 0) == nil)
        #expect(
            parseError(Array("[]".utf8), maxDepth: 0) == JSONParseError(offset: 0, expected: "nesting no deeper than 0")
        )
    }

    @Test("accepts a number of exactly 400 characters")
    func acceptsFourHundredCharacterNumber() throws {
        let literal = "-" + String(repeating: "7", count: 200) + "." + String(repeating: "3", count: 198)
        #expect(literal.count == 400)
        #expect(try JSONParser().parse(literal).numberValue?.literal == literal)
        #expect(
            parseError(Array((literal + "3").utf8))
                == JSONParseError(offset: 0, expected: "a number of at most 400 characters")
        )
    }

    @Test("describes an error by byte offset and expectation")
    func describesError() {
        #expect(JSONParseError(offset: 12, expected: "',' or '}'").description == "at byte 12: expected ',' or '}'")
    }
}
