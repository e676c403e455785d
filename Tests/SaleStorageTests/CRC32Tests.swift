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
}
