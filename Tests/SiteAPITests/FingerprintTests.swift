import SaleJSON
import Testing

@testable import SiteAPI

@Suite struct FingerprintTests {
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
    ])
    func sha256MatchesTheStandardTestVectors(_ input: String, _ digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func bodiesEqualAsParsedJSONHaveEqualFingerprintsAndOthersDiffer() throws {
        let parser = JSONParser()
        let a = try parser.parse(#"{"b": [1, 2.50], "a": "x", "a": "y"}"#)
        let b = try parser.parse(#"{"a": "y", "b": [1.0, 25e-1]}"#)
        let c = try parser.parse(#"{"a": "y", "b": [1, 2.51]}"#)
        #expect(Fingerprint.of(a) == Fingerprint.of(b))
        #expect(Fingerprint.of(a) != Fingerprint.of(c))
        #expect(Fingerprint.of(a).hasPrefix("sha256:"))
        #expect(Fingerprint.of(a).count == 7 + 64)
    }

    @Test func theFingerprintKeepsNoPersonalData() throws {
        let body = try JSONParser().parse(#"{"customer_phone": "+77015211545"}"#)
        #expect(!Fingerprint.of(body).contains("7701"))
    }
}
