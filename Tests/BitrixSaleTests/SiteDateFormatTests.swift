import Foundation
import Testing
import TestSupport

@testable import BitrixSale

/// `CheckDateTime` (K21 `main/tools.php`) against a site's FORMAT_DATE.
@Suite struct SiteDateFormatTests {
    /// The digits-and-separators fast road answers exactly as the general road on every value it takes.
    @Test func theFastRoadAgreesWithTheGeneralRoad() throws {
        let formats = [
            "DD.MM.YYYY", "MM/DD/YYYY", "YYYY-MM-DD", "YYYY-MM-DD HH:MI:SS", "DD.MM.YYYY HH:MI", "DD.M.YYYY",
            "DD MMMM YYYY", "YYYY.MM.DD G:MI", "DD.MM.YYYY H:MI:SS TT", "DD.DD.MM.YYYY",
        ]
        .compactMap(SiteDateFormat.init)
        #expect(formats.count == 10)
        var values = [
            "21.10.2025", "2025-10-21", "31.02.2024", "29.02.2024", "29.02.2023", "21.10.2025.", ".21.10.2025",
            "21-10-2025", "21.10", "21", "", "00.10.2025", "21.13.2025", "21.10.0", "21.10.2025 10:30",
            "21.10.2025:10:30:59", "21.10.2025:24:00:00", "21.10.2025:25:00", "21.10.2025:10:60", "2025-10-21:23:59:59",
            "21..10.2025", "021.010.02025", "999999999.1.2025", "1.1.32767", "1.1.32768", "10/21/2025", "21,10,2025",
        ]
        var generator = SeededGenerator(seed: 77)
        let separators = Array(":\\/.,-")
        for _ in 0..<3_000 {
            var text = ""
            for group in 0..<Int.random(in: 1...6, using: &generator) {
                if group > 0 || Bool.random(using: &generator) {
                    text.append(separators.randomElement(using: &generator)!)
                }
                if Int.random(in: 0..<8, using: &generator) > 0 {
                    text += String(Int.random(in: 0...(Bool.random(using: &generator) ? 40 : 3000), using: &generator))
                }
            }
            values.append(text)
        }
        var fastRoadTaken = 0
        for format in formats {
            for value in values {
                if SiteDateFormat.digitGroups(of: value) != nil { fastRoadTaken += 1 }
                #expect(format.accepts(value) == format.acceptsByTokens(value), "\(format.format) \(value)")
            }
        }
        #expect(fastRoadTaken > 25_000)
        #expect(SiteDateFormat.digitGroups(of: "21.10.2025 10:30") == nil)
        #expect(SiteDateFormat.digitGroups(of: "21.10.2025") != nil)
        #expect(try #require(SiteDateFormat("DD.MM.YYYY")).accepts("21.10.2025"))
        #expect(try !#require(SiteDateFormat("DD.MM.YYYY")).accepts("2025-10-21"))
    }
}
