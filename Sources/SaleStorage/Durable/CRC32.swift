import CCRC32

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as used by zlib and PNG.
///
/// Buffers of 64 bytes or more are folded with the CPU's carry-less multiply where it has one (`CCRC32`, x86-64
/// PCLMULQDQ behind a CPUID check), the last `count % 16` bytes and everything elsewhere table-driven, eight bytes
/// per step ("slicing-by-8": eight 256-entry tables, one per byte position). Both give the same value
/// (`CRC32Tests`).
struct CRC32: Sendable, Hashable {
    /// `tables[k * 256 + b]`: the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 { value = (value & 1) != 0 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
            tables[index] = value
        }
        for index in 0..<256 {
            for slice in 1..<8 {
                let previous = tables[(slice - 1) * 256 + index]
                tables[slice * 256 + index] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()

    private var state: UInt32 = 0xFFFF_FFFF

    /// Starts an empty checksum.
    init() {}

    /// Feeds more bytes.
    mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in update(UnsafeRawBufferPointer(buffer)) }
        guard done == nil else { return }
        var crc = state
        Self.tables.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        state = crc
    }

    /// Feeds the bytes of `buffer`.
    mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count >= 64, let base = buffer.baseAddress else { return updatePortably(buffer) }
        let folded = ccrc32_fold_hardware(&state, base.assumingMemoryBound(to: UInt8.self), buffer.count)
        updatePortably(UnsafeRawBufferPointer(rebasing: buffer[folded...]))
    }

    /// Whether ``update(_:)-(UnsafeRawBufferPointer)`` folds long buffers with the CPU's instructions here.
    static var hardwareAvailable: Bool { ccrc32_hardware_available() == 1 }

    /// Feeds the bytes of `buffer` with the tables only (what runs where the CPU lacks the instructions).
    mutating func updatePortably(_ buffer: UnsafeRawBufferPointer) {
        var crc = state
        Self.tables.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            var index = 0
            let count = buffer.count
            while count - index >= 8 {
                let low = buffer.loadUnaligned(fromByteOffset: index, as: UInt32.self).littleEndian ^ crc
                let high = buffer.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self).littleEndian
                crc =
                    t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = t[Int((crc ^ UInt32(buffer[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
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
