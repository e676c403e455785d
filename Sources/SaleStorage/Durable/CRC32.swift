/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as used by zlib and PNG.
struct CRC32: Sendable, Hashable {
    private static let table: [UInt32] = (0..<256)
        .map { index in
            var value = UInt32(index)
            for _ in 0..<8 {
                value = (value & 1) != 0 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
            }
            return value
        }

    private var state: UInt32 = 0xFFFF_FFFF

    /// Starts an empty checksum.
    init() {}

    /// Feeds more bytes.
    mutating func update(_ bytes: some Sequence<UInt8>) {
        var crc = state
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes {
                crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        state = crc
    }

    /// The checksum of everything fed so far.
    var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The value as eight lower-case hex digits.
    var hex: String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }

    /// The checksum of `bytes`.
    static func of(_ bytes: some Sequence<UInt8>) -> CRC32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc
    }
}
