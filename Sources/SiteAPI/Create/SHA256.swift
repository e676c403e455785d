import BitrixSale
import CSHA256

/// SHA-256 (FIPS 180-4), so that an idempotency fingerprint is a short digest rather than a copy of the customer's
/// payload (names, phones, addresses) kept in the state.
///
/// Blocks are compressed with the CPU's SHA instructions when it has them (x86-64 SHA-NI, checked once at run time
/// through the `CSHA256` target), else by the portable code below; both give the same digest (tested).
enum SHA256 {
    /// Whether this process compresses with the CPU's SHA instructions.
    static let usesHardware = csha256_hardware_available() == 1

    /// The digest of `bytes` as 64 lower-case hex digits.
    static func hex(_ bytes: [UInt8]) -> String {
        String(IdempotencyFingerprint(sha256: digest(bytes)).text.dropFirst(7))
    }

    /// The digest of `bytes` as four big-endian 64-bit words (bytes 0–7 in the first).
    static func digest(_ bytes: [UInt8], hardware: Bool = usesHardware) -> (UInt64, UInt64, UInt64, UInt64) {
        bytes.withUnsafeBytes { digest($0, hardware: hardware) }
    }

    /// The digest of the bytes in `buffer`.
    static func digest(_ buffer: UnsafeRawBufferPointer, hardware: Bool = usesHardware) -> (
        UInt64, UInt64, UInt64, UInt64
    ) {
        var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
        )
        withUnsafeMutableBytes(of: &state) { raw in
            let words = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            let fullBlocks = buffer.count / 64
            if fullBlocks > 0 { compress(words, buffer.baseAddress!, blocks: fullBlocks, hardware: hardware) }
            // The tail, the 0x80 marker, zeros and the bit length: one block, or two when the tail leaves < 9 bytes.
            let tail = buffer.count - fullBlocks * 64
            let padded = tail < 56 ? 64 : 128
            withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { last in
                last.initializeMemory(as: UInt8.self, repeating: 0)
                if tail > 0 {
                    last.baseAddress!.copyMemory(from: buffer.baseAddress! + fullBlocks * 64, byteCount: tail)
                }
                last[tail] = 0x80
                let bitLength = UInt64(buffer.count) &* 8
                for index in 0..<8 {
                    last[padded - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> UInt64(index * 8))
                }
                compress(words, UnsafeRawPointer(last.baseAddress!), blocks: padded / 64, hardware: hardware)
            }
        }
        func pair(_ high: UInt32, _ low: UInt32) -> UInt64 { UInt64(high) << 32 | UInt64(low) }
        return (pair(state.0, state.1), pair(state.2, state.3), pair(state.4, state.5), pair(state.6, state.7))
    }

    private static func compress(
        _ state: UnsafeMutablePointer<UInt32>,
        _ data: UnsafeRawPointer,
        blocks: Int,
        hardware: Bool
    ) {
        if hardware {
            csha256_compress_hardware(state, data.assumingMemoryBound(to: UInt8.self), blocks)
        } else {
            k.withUnsafeBufferPointer { constants in compressPortable(state, data, blocks: blocks, k: constants) }
        }
    }

    /// The portable compression: the message schedule in a 64-word stack buffer, the rounds on locals.
    private static func compressPortable(
        _ state: UnsafeMutablePointer<UInt32>,
        _ data: UnsafeRawPointer,
        blocks: Int,
        k: UnsafeBufferPointer<UInt32>
    ) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for block in 0..<blocks {
                let base = data + block * 64
                for i in 0..<16 {
                    w[i] = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                }
                for i in 16..<64 {
                    let x = w[i - 15]
                    let y = w[i - 2]
                    let s0 = rotate(x, 7) ^ rotate(x, 18) ^ (x >> 3)
                    let s1 = rotate(y, 17) ^ rotate(y, 19) ^ (y >> 10)
                    w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                }
                var a = state[0]
                var b = state[1]
                var c = state[2]
                var d = state[3]
                var e = state[4]
                var f = state[5]
                var g = state[6]
                var h = state[7]
                for i in 0..<64 {
                    let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
                    let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    h = g
                    g = f
                    f = e
                    e = d &+ t1
                    d = c
                    c = b
                    b = a
                    a = t1 &+ s0 &+ majority
                }
                state[0] &+= a
                state[1] &+= b
                state[2] &+= c
                state[3] &+= d
                state[4] &+= e
                state[5] &+= f
                state[6] &+= g
                state[7] &+= h
            }
        }
    }

    @inline(__always)
    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { value >> count | value << (32 - count) }

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
