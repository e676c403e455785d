/// What an idempotency record remembers of the request that made its order: normally a SHA-256 digest, kept as its
/// 32 raw bytes inline (no heap string per order), written and read as `sha256:` + 64 lower-case hex digits.
///
/// Any other text (older states, tests) is kept as it is, so every stored value reads back and writes out unchanged;
/// two fingerprints are equal exactly when their texts are.
public struct IdempotencyFingerprint: Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringInterpolation
{
    private enum Storage: Sendable, Hashable {
        /// The digest as four big-endian 64-bit words (bytes 0–7 in the first).
        case sha256(UInt64, UInt64, UInt64, UInt64)
        /// Any other text.
        case text(String)
    }

    private let storage: Storage

    /// The fingerprint of a SHA-256 digest given as four big-endian 64-bit words (bytes 0–7 in `words.0`).
    public init(sha256 words: (UInt64, UInt64, UInt64, UInt64)) {
        storage = .sha256(words.0, words.1, words.2, words.3)
    }

    /// Reads a stored fingerprint: `sha256:` + 64 lower-case hex digits becomes the raw digest, anything else is kept.
    public init(_ text: String) {
        storage = Self.parseDigest(text).map { .sha256($0.0, $0.1, $0.2, $0.3) } ?? .text(text)
    }

    /// Makes a fingerprint from literal text (see ``init(_:)``).
    public init(stringLiteral value: String) { self.init(value) }

    /// Reads the single string a fingerprint is stored as.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Stores the fingerprint as its text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// The raw digest (big-endian words), or nil when the fingerprint is other text.
    public var sha256Words: (UInt64, UInt64, UInt64, UInt64)? {
        if case .sha256(let a, let b, let c, let d) = storage { return (a, b, c, d) }
        return nil
    }

    /// The text form: `sha256:` + 64 lower-case hex digits for a digest.
    public var text: String {
        switch storage {
        case .text(let text): return text
        case .sha256(let a, let b, let c, let d):
            return String(unsafeUninitializedCapacity: 71) { buffer in
                for (index, byte) in "sha256:".utf8.enumerated() { buffer[index] = byte }
                func put(_ word: UInt64, at start: Int) {
                    for index in 0..<16 {
                        let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * index)) & 0xF
                        buffer[start + index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
                    }
                }
                put(a, at: 7)
                put(b, at: 23)
                put(c, at: 39)
                put(d, at: 55)
                return 71
            }
        }
    }

    /// The text form.
    public var description: String { text }

    private static func parseDigest(_ text: String) -> (UInt64, UInt64, UInt64, UInt64)? {
        let utf8 = text.utf8
        guard utf8.count == 71, utf8.starts(with: "sha256:".utf8) else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for (index, byte) in utf8.dropFirst(7).enumerated() {
            let nibble: UInt64
            switch byte {
            case 0x30...0x39: nibble = UInt64(byte - 0x30)
            case 0x61...0x66: nibble = UInt64(byte - 0x57)
            default: return nil  // upper case or not hex: kept as text, so it writes back as read
            }
            switch index / 16 {
            case 0: words.0 = words.0 << 4 | nibble
            case 1: words.1 = words.1 << 4 | nibble
            case 2: words.2 = words.2 << 4 | nibble
            default: words.3 = words.3 << 4 | nibble
            }
        }
        return words
    }
}
