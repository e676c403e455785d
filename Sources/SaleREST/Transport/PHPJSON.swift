import SaleJSON

/// JSON as Bitrix's `Main\Web\Json::encode` writes it: PHP's `json_encode` with
/// `JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT`.
///
/// So `/` is `\/`, `<` `>` `&` `'` `"` inside strings are `\u003C` `\u003E` `\u0026` `\u0027` `\u0022`, every
/// non-ASCII character is a `\uXXXX` escape (UTF-16, lower-case hex), and a PHP array is a JSON array when its keys
/// are exactly 0…n-1 (an empty one included: `[]`, never `{}`); object members keep their order.
enum PHPJSON {
    /// The bytes of `value`.
    static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out)
        return out
    }

    /// The text of `value`.
    static func string(_ value: JSONValue) -> String { String(decoding: encode(value), as: UTF8.self) }

    /// Whether the member keys are the PHP list keys 0…n-1 in order.
    static func isList(_ members: [(key: String, value: JSONValue)]) -> Bool {
        for (index, member) in members.enumerated() where member.key != String(index) { return false }
        return true
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let flag): out.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .number(let number): out.append(contentsOf: number.literal.utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if isList(members) {
                write(.array(members.map(\.value)), into: &out)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for unit in text.utf16 {
            switch unit {
            case 0x22: out.append(contentsOf: Array(#"\u0022"#.utf8))
            case 0x26: out.append(contentsOf: Array(#"\u0026"#.utf8))
            case 0x27: out.append(contentsOf: Array(#"\u0027"#.utf8))
            case 0x3C: out.append(contentsOf: Array(#"\u003C"#.utf8))
            case 0x3E: out.append(contentsOf: Array(#"\u003E"#.utf8))
            case 0x2F: out.append(contentsOf: Array(#"\/"#.utf8))
            case 0x5C: out.append(contentsOf: Array(#"\\"#.utf8))
            case 0x08: out.append(contentsOf: Array(#"\b"#.utf8))
            case 0x0C: out.append(contentsOf: Array(#"\f"#.utf8))
            case 0x0A: out.append(contentsOf: Array(#"\n"#.utf8))
            case 0x0D: out.append(contentsOf: Array(#"\r"#.utf8))
            case 0x09: out.append(contentsOf: Array(#"\t"#.utf8))
            case 0x20..<0x7F: out.append(UInt8(unit))
            default:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
                for shift in [12, 8, 4, 0] { out.append(hex[Int((unit >> UInt16(shift)) & 0xF)]) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
