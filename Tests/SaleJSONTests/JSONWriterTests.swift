import SaleJSON
import TestSupport
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    static let writers: [JSONWriter] = [
        JSONWriter(),
        JSONWriter(sortedKeys: true),
        JSONWriter(pretty: true),
        JSONWriter(sortedKeys: true, pretty: true),
    ]

    @Test("parse(write(v)) equals v for 1,200 seeded random values in every writer mode")
    func randomValuesRoundTrip() throws {
        var rng = SeededGenerator(seed: 20_251_020)
        var containers = 0
        for _ in 0..<1200 {
            let value = RandomJSON.value(&rng)
            if value.objectMembers?.isEmpty == false || value.arrayValue?.isEmpty == false { containers += 1 }
            for writer in Self.writers {
                let text = writer.bytes(value)
                let parsed = try JSONParser().parse(text)
                #expect(parsed == value, "\(writer.string(value))")
                #expect(hashOf(parsed) == hashOf(value))
            }
        }
        #expect(containers > 400, "the generator should mostly make non-empty arrays and objects")
    }

    @Test("compact output parses back to the very same members, order and literals")
    func compactRoundTripIsStructural() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let value = RandomJSON.value(&rng)
            let text = JSONWriter().string(value)
            // Identical text after a round trip means identical order, duplicates and number literals.
            #expect(try JSONWriter().string(JSONParser().parse(text)) == text)
        }
    }

    @Test("write(parse(text)) is idempotent", arguments: writers)
    func rewritingIsStable(_ writer: JSONWriter) throws {
        let texts = [
            #"{"b":[1,2.50,-0,1E+2],"a":{"z":null,"y":"\u00e9\/\ud83d\ude00"},"a":true}"#,
            " [ \"\\u0001\\t\" , { } , [ ] , 12345678901234567890.123 ] ",
            #""just a string""#,
            "1e-7",
        ]
        for text in texts {
            let once = writer.bytes(try JSONParser().parse(text))
            let twice = writer.bytes(try JSONParser().parse(once))
            #expect(once == twice, "\(text)")
        }
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<200 {
            let once = writer.bytes(RandomJSON.value(&rng))
            #expect(writer.bytes(try JSONParser().parse(once)) == once)
        }
    }

    @Test("sortedKeys gives identical bytes for the same value built in different member orders")
    func sortedKeysIsDeterministic() {
        let price = JSONValue.number(JSONNumber(literal: "12500.5"))
        let first: JSONValue = [
            "price": price, "name": "Ёлка", "id": 7, "props": ["b": 2, "a": 1, "c": [["y": 1, "x": 2]]],
        ]
        let second: JSONValue = [
            "props": ["c": [["x": 2, "y": 1]], "a": 1, "b": 2], "id": 7, "price": price, "name": "Ёлка",
        ]
        #expect(first == second)
        for pretty in [false, true] {
            let writer = JSONWriter(sortedKeys: true, pretty: pretty)
            #expect(writer.bytes(first) == writer.bytes(second))
        }
        #expect(
            JSONWriter(sortedKeys: true).string(first)
                == #"{"id":7,"name":"Ёлка","price":12500.5,"props":{"a":1,"b":2,"c":[{"x":2,"y":1}]}}"#
        )
    }

    @Test("sortedKeys gives identical bytes for 500 random values reshuffled")
    func sortedKeysIsDeterministicForRandomValues() {
        var rng = SeededGenerator(seed: 4242)
        let writer = JSONWriter(sortedKeys: true)
        for _ in 0..<500 {
            let value = RandomJSON.reordered(RandomJSON.value(&rng), &rng)
            let shuffled = RandomJSON.reordered(value, &rng)
            #expect(value == shuffled)
            #expect(hashOf(value) == hashOf(shuffled))
            #expect(writer.bytes(value) == writer.bytes(shuffled))
        }
    }

    @Test("sortedKeys orders keys by their UTF-8 bytes")
    func sortedKeysUsesUTF8Order() {
        let value: JSONValue = .object([
            ("é", 1), ("b", 2), ("", 3), ("aa", 4), ("B", 5), ("a", 6), ("😀", 7), ("日", 8),
        ])
        #expect(
            JSONWriter(sortedKeys: true).string(value) == #"{"":3,"B":5,"a":6,"aa":4,"b":2,"é":1,"日":8,"😀":7}"#
        )
    }

    @Test("without sortedKeys members keep their order, duplicates included")
    func sourceOrderIsKept() {
        let value: JSONValue = .object([("z", 1), ("a", 2), ("z", 3)])
        #expect(JSONWriter().string(value) == #"{"z":1,"a":2,"z":3}"#)
        #expect(JSONWriter(sortedKeys: true).string(value) == #"{"a":2,"z":1,"z":3}"#)
    }

    @Test("pretty output has two-space indents, one member per line and '\"key\": value'")
    func prettyShape() {
        let value: JSONValue = [
            "id": 7, "items": [1, "two"], "empty": [:], "none": [],
            "nested": ["price": .number(JSONNumber(literal: "12500.50"))],
        ]
        let expected = """
            {
              "id": 7,
              "items": [
                1,
                "two"
              ],
              "empty": {},
              "none": [],
              "nested": {
                "price": 12500.50
              }
            }
            """
        #expect(JSONWriter(pretty: true).string(value) == expected)
        #expect(JSONWriter(pretty: true).string(7) == "7")
        #expect(JSONWriter(pretty: true).string([]) == "[]")
    }

    @Test("compact output has no whitespace at all")
    func compactShape() {
        let value: JSONValue = ["a": [1, nil, true, false], "b": ["c": "d"]]
        #expect(JSONWriter().string(value) == #"{"a":[1,null,true,false],"b":{"c":"d"}}"#)
    }

    @Test(
        "escapes quotes, backslashes and control characters, and nothing else",
        arguments: [
            ("\"", #""\"""#),
            ("\\", #""\\""#),
            ("\n\r\t\u{8}\u{C}", #""\n\r\t\b\f""#),
            ("\u{0}\u{1}\u{1F}\u{B}", #""\u0000\u0001\u001f\u000b""#),
            ("a/b", #""a/b""#),
            ("\u{7F}", "\"\u{7F}\""),
            ("héllo 日本 😀", "\"héllo 日本 😀\""),
            ("\u{2028}\u{2029}", "\"\u{2028}\u{2029}\""),
        ]
    )
    func escaping(text: String, expected: String) {
        #expect(JSONWriter().string(.string(text)) == expected)
    }

    @Test("writes non-ASCII text as raw UTF-8 bytes")
    func rawUTF8() {
        #expect(JSONWriter().bytes("é😀") == [0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0x22])
    }

    @Test(
        "writes numbers exactly as their literals",
        arguments: ["-0", "1E+2", "12500.50", "0.1", "1e-7", "123456789012345678901234567890"]
    )
    func numberLiterals(literal: String) {
        #expect(JSONWriter().string(.number(JSONNumber(literal: literal))) == literal)
    }

    @Test("write(into:) appends to what is already there")
    func writeIntoAppends() {
        var out = Array("x=".utf8)
        JSONWriter().write(["a": 1], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"x={"a":1}"#)
    }
}
