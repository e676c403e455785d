/// Percent-decoding of URL paths, query strings and form bodies, as PHP's `urldecode`/`rawurldecode` read them.
public enum PercentDecoding {
    /// Decodes `%XX` escapes (an invalid escape is kept as written) and, when `plusIsSpace` (query strings and
    /// forms, PHP's `urldecode`), `+` as a space; bytes that are not UTF-8 become U+FFFD.
    public static func decode(_ text: Substring, plusIsSpace: Bool) -> String {
        guard text.contains("%") || (plusIsSpace && text.contains("+")) else { return String(text) }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hex(bytes[index + 1]),
                let low = hex(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
