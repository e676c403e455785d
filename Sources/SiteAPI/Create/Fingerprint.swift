import SaleJSON

/// The idempotency fingerprint of a body: the SHA-256 of its canonical JSON, so that bodies equal as parsed JSON
/// (any key order, numbers equal by value, the last of repeated keys winning) give equal fingerprints, and the state
/// keeps a digest rather than a copy of the customer's personal data.
enum Fingerprint {
    static func of(_ value: JSONValue) -> String {
        "sha256:" + SHA256.hex(canonical(value))
    }

    /// The canonical JSON bytes: keys sorted by UTF-8, numbers in canonical form, no whitespace.
    static func canonical(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            out.append(contentsOf: (ExactNumber(number)?.canonical ?? number.literal).utf8)
        case .string(let text): JSONWriter.writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members) where members.allSatisfy({ $0.key.utf8.allSatisfy { $0 < 0x80 } }):
            // ASCII keys are equal exactly when their bytes are: sort positions by key, then by position, and write
            // the last member of each run of equal keys (the same output as the dictionary below, without hashing).
            let order = members.indices.sorted { a, b in
                let (left, right) = (members[a].key.utf8, members[b].key.utf8)
                return left.elementsEqual(right) ? a < b : left.lexicographicallyPrecedes(right)
            }
            out.append(UInt8(ascii: "{"))
            var first = true
            for (position, index) in order.enumerated() {
                let key = members[index].key
                if position + 1 < order.count, members[order[position + 1]].key.utf8.elementsEqual(key.utf8) {
                    continue
                }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONWriter.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(members[index].value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .object(let members):
            var last: [String: JSONValue] = [:]
            for (key, member) in members { last[key] = member }
            out.append(UInt8(ascii: "{"))
            for (position, key) in last.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(last[key] ?? .null, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
