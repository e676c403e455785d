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
}
