import Testing

@testable import bitrix_emu

@Suite struct EditDistanceTests {
    @Test(
        "edit distance counts insertions, deletions and substitutions",
        arguments: [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("state", "state", 0), ("stat", "state", 1),
            ("scenari", "scenario", 1), ("kitten", "sitting", 3), ("rnu", "run", 2), ("flaw", "lawn", 2),
        ]
    )
    func distance(lhs: String, rhs: String, expected: Int) {
        #expect(lhs.editDistance(to: rhs) == expected)
        #expect(rhs.editDistance(to: lhs) == expected)
    }

    @Test(
        "a suggestion is offered only when a candidate is close",
        arguments: [
            ("stat", "state"), ("jsn", "json"), ("inc", "include"), ("ordres", "orders"), ("x", nil),
            ("foo", nil), ("", nil),
        ] as [(String, String?)]
    )
    func suggestion(typed: String, expected: String?) {
        let candidates = ["state", "site", "json", "include", "orders", "output"]
        #expect(Suggestion.closest(to: typed, among: candidates) == expected)
    }
}
