import Foundation
import Testing

@testable import SiteAPI

/// `SiteTime` caches the zone's offset per UTC day; a day holding a transition must still answer per instant.
@Suite struct SiteTimeTests {
    @Test func cachedOffsetsMatchTheZoneAcrossAlmatys2024Change() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Almaty"))
        let time = SiteTime(timeZone: zone)
        // Every 7 minutes from 2024-02-25 to 2024-03-05 (Almaty moved from UTC+6 to UTC+5 on 2024-03-01), twice:
        // the second pass answers from the cache.
        let start = 1_708_819_200.0
        for _ in 0..<2 {
            for step in 0..<(10 * 24 * 60 / 7) {
                let instant = Date(timeIntervalSince1970: start + Double(step * 7 * 60))
                #expect(time.offset(at: instant) == zone.secondsFromGMT(for: instant))
            }
        }
        #expect(time.iso8601(Date(timeIntervalSince1970: 1_760_936_400)) == "2025-10-20T10:00:00+05:00")
        #expect(time.iso8601(Date(timeIntervalSince1970: 1_704_067_200)) == "2024-01-01T06:00:00+06:00")
    }

    @Test func iso8601MatchesTheZoneInADaylightSavingZone() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let time = SiteTime(timeZone: zone)
        #expect(time.iso8601(Date(timeIntervalSince1970: 1_710_054_000)) == "2024-03-10T03:00:00-04:00")
        #expect(time.iso8601(Date(timeIntervalSince1970: 1_710_053_999)) == "2024-03-10T01:59:59-05:00")
        #expect(time.iso8601(Date(timeIntervalSince1970: 1_710_053_999)) == "2024-03-10T01:59:59-05:00")
    }
}
