import BitrixSale
import SaleJSON
import Testing
import TestSupport

@testable import SiteAPI

@Suite struct FingerprintTests {
    /// Both compressions: the portable one always, the CPU's when this machine has it.
    static let paths: [Bool] = SHA256.usesHardware ? [false, true] : [false]

    /// Inputs of `count` bytes `(i * 7 + 3) mod 256`, with digests computed by Python's `hashlib.sha256`: lengths
    /// that end just before, at and after the padding boundaries (55, 56, 63, 64, 65, 119, 120 bytes) and several
    /// blocks.
    static let patternVectors: [(Int, String)] = [
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
    ]

    static func hex(_ bytes: [UInt8], hardware: Bool) -> String {
        String(IdempotencyFingerprint(sha256: SHA256.digest(bytes, hardware: hardware)).text.dropFirst(7))
    }

    /// SHA-256 matches the FIPS 180-2 / NIST vectors and the padding edges.
    ///
    /// FIPS 180-2 Appendix B gives "abc" (one block), the 448-bit/56-byte string (two blocks: the length no longer
    /// fits after the padding) and one million "a" (15,625 blocks); the 896-bit/112-byte string is NIST's second
    /// multi-block example (csrc.nist.gov, "SHA256.pdf" example set). The runs of "a" sit on the padding edges:
    /// 55 bytes (the last length that pads into one block), 56 (the first that needs a second block), 63, 64 (exactly
    /// one block, then a whole padding block) and 65. Every expected digest was checked with Python's
    /// `hashlib.sha256(...).hexdigest()`.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 63), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (String(repeating: "a", count: 65), "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func sha256MatchesTheStandardTestVectors(_ input: String, _ digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
        for hardware in Self.paths { #expect(Self.hex(Array(input.utf8), hardware: hardware) == digest) }
    }

    @Test func sha256MatchesAtThePaddingBoundariesAndOverManyBlocks() {
        for (count, digest) in Self.patternVectors {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
            for hardware in Self.paths {
                #expect(Self.hex(bytes, hardware: hardware) == digest, "\(count) bytes, hardware \(hardware)")
            }
        }
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        for hardware in Self.paths {
            #expect(
                Self.hex(million, hardware: hardware)
                    == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
            )
        }
    }

    @Test(.enabled(if: SHA256.usesHardware, "this CPU has no SHA instructions"))
    func theHardwareAndPortableCompressionsAgreeOnEveryLength() {
        var generator = SeededGenerator(seed: 13)
        for count in 0..<300 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Self.hex(bytes, hardware: true) == Self.hex(bytes, hardware: false), "\(count) bytes")
        }
    }

    @Test func bodiesEqualAsParsedJSONHaveEqualFingerprintsAndOthersDiffer() throws {
        let parser = JSONParser()
        let a = try parser.parse(#"{"b": [1, 2.50], "a": "x", "a": "y"}"#)
        let b = try parser.parse(#"{"a": "y", "b": [1.0, 25e-1]}"#)
        let c = try parser.parse(#"{"a": "y", "b": [1, 2.51]}"#)
        #expect(Fingerprint.of(a) == Fingerprint.of(b))
        #expect(Fingerprint.of(a) != Fingerprint.of(c))
        #expect(Fingerprint.of(a).text.hasPrefix("sha256:"))
        #expect(Fingerprint.of(a).text.count == 7 + 64)
        #expect(Fingerprint.of(a).sha256Words != nil)
    }

    @Test func theCanonicalFormIsTheOneOfBefore() throws {
        let body = try JSONParser()
            .parse(#"{"b": [1, 2.50, -0.0, 1E+2], "é": null, "a": "x", "a": "y", "c": {"z": true}}"#)
        #expect(
            String(decoding: Fingerprint.canonical(body), as: UTF8.self)
                == #"{"a":"y","b":[1e0,25e-1,0,1e2],"c":{"z":true},"é":null}"#
        )
    }

    @Test func numbersAreWrittenInExactNumbersCanonicalForm() {
        var generator = SeededGenerator(seed: 7)
        let fixed = [
            "0", "-0", "0.000", "100", "-12.50e3", "1e-7", "007", "0.0012300", "5E+0", "9e9999999", "1e-1000001",
        ]
        var literals = fixed
        for _ in 0..<3000 {
            var text = Bool.random(using: &generator) ? "-" : ""
            text += String(
                (0..<Int.random(in: 1...6, using: &generator))
                    .map { _ in "0012345678900".randomElement(using: &generator)! }
            )
            if Bool.random(using: &generator) {
                text +=
                    "."
                    + String(
                        (0..<Int.random(in: 1...5, using: &generator))
                            .map { _ in "0123456789000".randomElement(using: &generator)! }
                    )
            }
            if Int.random(in: 0..<3, using: &generator) == 0 {
                text +=
                    ["e", "E"].randomElement(using: &generator)! + ["", "+", "-"].randomElement(using: &generator)!
                text += String(Int.random(in: 0...30, using: &generator))
            }
            literals.append(text)
        }
        for literal in literals {
            var out: [UInt8] = []
            Fingerprint.writeNumber(literal, into: &out)
            let expected = ExactNumber(JSONNumber(literal: literal))?.canonical ?? literal
            #expect(String(decoding: out, as: UTF8.self) == expected, "\(literal)")
        }
    }

    @Test func theFingerprintKeepsNoPersonalData() throws {
        let body = try JSONParser().parse(#"{"customer_phone": "+77015211545"}"#)
        #expect(!Fingerprint.of(body).text.contains("7701"))
    }

    @Test func storedFingerprintsReadBackAsTheyWereWritten() throws {
        let digest = "sha256:583640b53b56cc691b185b9c84b6942d5bbb54a6e04741d7cf6ebcbea4ccbbf8"
        let parsed = IdempotencyFingerprint(digest)
        #expect(parsed.sha256Words?.0 == 0x5836_40b5_3b56_cc69)
        #expect(parsed.text == digest)
        for other in [
            "f", "sha256:ABC", String(digest.uppercased()), digest + "0", "sha256:" + String(repeating: "g", count: 64),
        ] {
            #expect(IdempotencyFingerprint(other).sha256Words == nil)
            #expect(IdempotencyFingerprint(other).text == other)
        }
        #expect(IdempotencyFingerprint(digest) != IdempotencyFingerprint(digest.uppercased()))
    }

    @Test func objectsOfEverySizeSortTheirKeysAndKeepTheLastOfRepeatedOnes() {
        var generator = SeededGenerator(seed: 21)
        let keys = ["a", "b", "ab", "ba", "B", "_", "a1", "z", "id", "items", "", "aa", "a b", "é"]
        for _ in 0..<400 {
            var members: [(key: String, value: JSONValue)] = []
            for position in 0..<Int.random(in: 0...60, using: &generator) {
                members.append((key: keys.randomElement(using: &generator)!, value: .string("v\(position)")))
            }
            // The oracle: a dictionary (the last repeated key wins), written with keys sorted by UTF-8 bytes.
            var last: [String: JSONValue] = [:]
            for member in members { last[member.key] = member.value }
            let expected = JSONWriter(sortedKeys: true).bytes(.object(last.map { (key: $0.key, value: $0.value) }))
            #expect(Fingerprint.canonical(.object(members)) == expected, "\(members.map(\.key))")
        }
    }
}
