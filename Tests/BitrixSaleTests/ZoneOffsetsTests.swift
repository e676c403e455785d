import Foundation
import Testing

@testable import BitrixSale

/// ``ZoneOffsets`` answers what `TimeZone` answers, across a standard-offset change and from many threads at once.
@Suite struct ZoneOffsetsTests {
    static let almaty = TimeZone(identifier: "Asia/Almaty")!

    @Test func everyHourAroundAlmatysChangeOfOffsetMatchesTheZone() {
        let offsets = ZoneOffsets(timeZone: Self.almaty)
        // Asia/Almaty went from UTC+6 to UTC+5 on 2024-03-01 00:00 local (2024-02-29 18:00 UTC).
        let start = 1_709_100_000
        var seen: Set<Int> = []
        for hour in 0..<96 {
            let seconds = start + hour * 3600 + 17
            let expected = Self.almaty.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
            #expect(offsets.offset(atSeconds: seconds) == expected, "at \(seconds)")
            // Asked twice: the second answer comes from the cache (or, on the transition day, from the zone again).
            #expect(offsets.offset(atSeconds: seconds) == expected, "cached at \(seconds)")
            seen.insert(expected)
        }
        #expect(seen == [18_000, 21_600])
    }

    @Test func daysThatShareASlotDoNotSeeEachOthersOffset() {
        let offsets = ZoneOffsets(timeZone: Self.almaty)
        // 4,096 days apart: the same slot of the table; 2000 (UTC+6) and 2011 (UTC+6), 2030 (UTC+5).
        let days = [11_000, 11_000 + 4096, 11_000 + 2 * 4096]
        for _ in 0..<2 {
            for day in days {
                let seconds = day * 86_400 + 43_200
                let expected = Self.almaty.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
                #expect(offsets.offset(atSeconds: seconds) == expected, "day \(day)")
            }
        }
    }

    @Test func manyThreadsGetTheZonesAnswers() async {
        let offsets = ZoneOffsets(timeZone: Self.almaty)
        let wrong = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for step in 0..<2_000 {
                        let seconds = 1_600_000_000 + (step * 7 + task) * 43_211
                        let expected = Self.almaty.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))
                        if offsets.offset(atSeconds: seconds) != expected { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }
}
