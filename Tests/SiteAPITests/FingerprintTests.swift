import SaleJSON
import Testing

@testable import SiteAPI

@Suite struct FingerprintTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
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
