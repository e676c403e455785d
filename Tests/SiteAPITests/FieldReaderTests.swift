import Foundation
import Testing

@testable import SiteAPI

@Suite struct FieldReaderTests {
    /// The ranges that skip Foundation's lookup hold every member of its whitespace-and-newline set.
    @Test func everyWhitespaceBeyondASCIIIsInTheRangesThatAreLookedUp() {
        var ranges = CharacterSet()
        for value: UInt32 in Array(0x80...0xA0) + Array(0x1680...0x180E) + Array(0x2000...0x3000) + [0xFEFF] {
            if let scalar = Unicode.Scalar(value) { ranges.insert(scalar) }
        }
        var ascii = CharacterSet()
        for value: UInt32 in 0...0x7F { ascii.insert(Unicode.Scalar(UInt8(value))) }
        #expect(CharacterSet.whitespacesAndNewlines.subtracting(ascii).isSubset(of: ranges))
        // And the set does hold members there (the check above is not vacuous).
        #expect(CharacterSet.whitespacesAndNewlines.contains("\u{A0}"))
        #expect(CharacterSet.whitespacesAndNewlines.contains("\u{3000}"))
        #expect(!FieldReader.mayBeWhitespace("ж"))
    }

    /// Trimming gives Foundation's result for every kind of end: ASCII and Unicode spaces, letters, marks.
    @Test(arguments: [
        "Иван", " Иван ", "\u{A0}Иван\u{3000}", "\u{2028}x\u{85}", "\u{200B}Иван\u{FEFF}", "\u{1680}é\u{180E}",
        "\tМария\n", "ж\u{301}", "", " ", "\u{A0}", "x",
    ])
    func trimmingIsFoundations(_ text: String) {
        #expect(FieldReader.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
