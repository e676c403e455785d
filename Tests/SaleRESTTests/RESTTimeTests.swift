import Foundation
import Testing

@testable import SaleREST

@Suite struct RESTTimeTests {
    @Test(arguments: ["Asia/Almaty", "America/New_York", "UTC", "Asia/Kolkata", "America/St_Johns"])
    func isoMatchesFoundationAcrossTransitions(_ zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let time = RESTTime(timeZone: timeZone)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime, .withColonSeparatorInTimeZone]
        // Every hour around Almaty's 2024 change and New York's DST changes, plus about 2000 instants spread over 1970–2100.
        var instants = (0..<(24 * 10)).map { 1_709_229_600 + $0 * 3600 }
        instants += (0..<(24 * 10)).map { 1_710_050_400 + $0 * 3600 - 5 * 86_400 }
        instants += Array(stride(from: 0, to: 4_102_444_800, by: 2_051_237))
        for seconds in instants {
            let date = Date(timeIntervalSince1970: Double(seconds) + 0.25)
            var expected = formatter.string(from: date)
            if expected.hasSuffix("Z") { expected = String(expected.dropLast()) + "+00:00" }
            #expect(time.iso(date) == expected, "\(seconds) in \(zone)")
            #expect(time.parse(time.iso(date)) == Date(timeIntervalSince1970: Double(seconds)))
        }
    }

    @Test func parsingReadsTheSiteZoneWithoutAnOffsetAndRefusesNonsense() throws {
        let time = RESTTime(timeZone: try #require(TimeZone(identifier: "Asia/Almaty")))
        let expected = Date(timeIntervalSince1970: 1_760_936_400)  // 2025-10-20 10:00 +05:00
        for text in [
            "2025-10-20T10:00:00", "2025-10-20 10:00:00", "2025-10-20T10:00", "2025-10-20T05:00:00Z",
            "2025-10-20T10:00:00+05:00", "2025-10-20T07:00:00+0200", "20.10.2025 10:00:00", "2025-10-20T10:00:00.123",
        ] {
            #expect(time.parse(text) == expected, "\(text)")
        }
        #expect(time.parse("2025-10-20") == Date(timeIntervalSince1970: 1_760_900_400))
        for text in [
            "", "tomorrow", "2025-02-30", "2025-13-01", "2025-10-20T25:00:00", "2025-10-20X", "2025-10-20T10:00:00+5",
        ] {
            #expect(time.parse(text) == nil, "\(text)")
        }
    }
}
