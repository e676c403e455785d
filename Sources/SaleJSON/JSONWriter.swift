/// Writes ``JSONValue`` as JSON text: compact or indented, with object keys in source order or sorted.
///
/// The output is deterministic: the same value gives the same bytes. Non-ASCII text is written as raw UTF-8,
/// `/` is not escaped, and control characters are escaped as `\n`, `\t`, … or `\u00XX`.
public struct JSONWriter: Sendable {
    /// Whether object keys are sorted (by their UTF-8 bytes) rather than kept in source order.
    public var sortedKeys: Bool
    /// Whether to indent with two spaces and put each member on its own line.
    public var pretty: Bool

    /// Makes a writer.
    public init(sortedKeys: Bool = false, pretty: Bool = false) {
        self.sortedKeys = sortedKeys
        self.pretty = pretty
    }

    /// The JSON text of `value` as UTF-8 bytes.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, into: &out)
        return out
    }

    /// The JSON text of `value`.
    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// Appends the JSON text of `value` to `out`.
    public func write(_ value: JSONValue, into out: inout [UInt8]) {
        write(value, into: &out, level: 0)
    }

    private static let nullBytes: [UInt8] = Array("null".utf8)
    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    private func newline(_ out: inout [UInt8], level: Int) {
        out.append(0x0A)
        for _ in 0..<(level * 2) { out.append(0x20) }
    }

    private func write(_ value: JSONValue, into out: inout [UInt8], level: Int) {
        switch value {
        case .null: out.append(contentsOf: Self.nullBytes)
        case .bool(let flag): flag ? out.append(contentsOf: Self.trueBytes) : out.append(contentsOf: Self.falseBytes)
        case .number(let number): out.append(contentsOf: number.literal.utf8)
        case .string(let text): JSONWriter.writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                if pretty { newline(&out, level: level + 1) }
                write(element, into: &out, level: level + 1)
            }
            if pretty, !elements.isEmpty { newline(&out, level: level) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let ordered = sortedKeys ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : members
            for (position, member) in ordered.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, level: level + 1) }
                JSONWriter.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                write(member.value, into: &out, level: level + 1)
            }
            if pretty, !members.isEmpty { newline(&out, level: level) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` as a JSON string literal.
    public static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Native strings (small ones included) are contiguous UTF-8: scan them in place, no copy of the string.
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0, into: &out) }
        if written == nil {
            var copy = text
            copy.withUTF8 { appendEscaped($0, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `bytes` with the characters JSON requires escaped; the runs that need none are copied in one go.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            escape(byte, into: &out)
            index += 1
            runStart = index
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
    }

    private static func escape(_ byte: UInt8, into out: inout [UInt8]) {
        out.append(0x5C)
        switch byte {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(UInt8(ascii: "u"))
            out.append(0x30)
            out.append(0x30)
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}
