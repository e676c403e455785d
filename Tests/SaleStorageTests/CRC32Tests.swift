import Testing
@testable import SaleStorage

@Suite struct CRC32Tests {
    @Test func matchesTheStandardCheckValue() {
        #expect(CRC32.of(Array("123456789".utf8)).value == 0xCBF4_3926)
        #expect(CRC32.of(Array("123456789".utf8)).hex == "cbf43926")
    }

    @Test func isZeroForNoBytesAndPadsHexToEightDigits() {
        #expect(CRC32.of([UInt8]()).value == 0)
        #expect(CRC32.of([UInt8]()).hex == "00000000")
    }

    @Test func incrementalUpdatesEqualOneShot() {
        var crc = CRC32()
        crc.update(Array("1234".utf8))
        crc.update(Array("56789".utf8))
        #expect(crc == CRC32.of(Array("123456789".utf8)))
    }

    @Test func eightBytesAtATimeEqualsBitAtATime() {
        func reference(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return crc ^ 0xFFFF_FFFF
        }
        var seed: UInt32 = 12345
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4099] {
            let bytes = (0..<length)
                .map { _ -> UInt8 in
                    seed = seed &* 1_103_515_245 &+ 12345
                    return UInt8(truncatingIfNeeded: seed >> 16)
                }
            #expect(CRC32.of(bytes).value == reference(bytes), "length \(length)")
            var split = CRC32()
            split.update(bytes.prefix(length / 3))
            split.update(bytes[(length / 3)...])  // a slice: contiguous storage
            split.update(AnySequence([UInt8]()))  // no contiguous storage
            #expect(split.value == reference(bytes))
        }
    }

    /// The value with only the tables (the portable path), fed in one piece.
    private static func portable(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        bytes.withUnsafeBytes { crc.updatePortably($0) }
        return crc.value
    }

    private static func seeded(_ count: Int, seed: inout UInt64) -> [UInt8] {
        (0..<count)
            .map { _ in
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: seed >> 33)
            }
    }

    @Test func foldingAndTablesAgreeOnEveryLengthUpTo4096() {
        var seed: UInt64 = 7
        let bytes = Self.seeded(4096 + 15, seed: &seed)
        var mismatches: [Int] = []
        for length in 0...4096 {
            // Start at a varying offset, so the folding's unaligned loads see every alignment.
            let slice = Array(bytes[(length % 16)..<(length % 16 + length)])
            if CRC32.of(slice).value != Self.portable(slice) { mismatches.append(length) }
        }
        #expect(mismatches.isEmpty, "lengths where the two paths differ: \(mismatches.prefix(20))")
    }

    @Test func foldingAndTablesAgreeOnRandomBuffersAndSplits() {
        var seed: UInt64 = 2026
        for _ in 0..<200 {
            let length = Int(seed % 70_000)
            let bytes = Self.seeded(length, seed: &seed)
            let expected = Self.portable(bytes)
            #expect(CRC32.of(bytes).value == expected, "length \(length)")
            // Split at a random point: the register carries over between folded and table-fed pieces.
            let cut = length == 0 ? 0 : Int(seed % UInt64(length))
            var split = CRC32()
            split.update(bytes[..<cut])
            split.update(bytes[cut...])
            #expect(split.value == expected, "length \(length) cut at \(cut)")
        }
    }

    @Test func knownVectorsOnLongInputs() {
        // zlib's crc32 (python3 -c 'import zlib; print(hex(zlib.crc32(...)))'), long enough to be folded.
        #expect(CRC32.of([UInt8](repeating: 0, count: 4096)).value == 0xC71C_0011)
        #expect(CRC32.of([UInt8](repeating: 0x61, count: 1_000_000)).value == 0xDC25_BFBC)
        #expect(CRC32.of(Array((0..<1000).map { UInt8($0 % 256) })).value == 0x74E3_FB41)
        #expect(CRC32.of(Array(String(repeating: "123456789", count: 100).utf8)).value == 0x09FD_0FD7)
    }
}
