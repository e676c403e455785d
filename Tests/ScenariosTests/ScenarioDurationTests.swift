import Foundation
import Synchronization
import Testing

@testable import Scenarios

@Suite struct ScenarioDurationTests {
    @Test(
        arguments: [
            ("P1D", 0, 0, 86_400.0), ("PT1H30M", 0, 0, 5_400), ("PT0.5S", 0, 0, 0.5), ("PT1,5H", 0, 0, 5_400),
            ("P1Y2M", 1, 2, 0), ("P2W", 0, 0, 1_209_600), ("P1Y2M3W4DT5H6M7.25S", 1, 2, 2_178_367.25),
            ("P0.5D", 0, 0, 43_200), ("PT36H", 0, 0, 129_600), ("P0D", 0, 0, 0),
        ] as [(String, Int, Int, Double)]
    )
    func parsesComponents(text: String, years: Int, months: Int, seconds: Double) throws {
        let duration = try #require(ScenarioDuration(iso8601: text))
        #expect(duration.years == years)
        #expect(duration.months == months)
        #expect(duration.seconds == seconds)
        #expect(duration.description == text)
    }

    @Test(arguments: [
        "", "P", "PT", "1D", "P1DT", "P1H", "PT1D", "P1M1Y", "P1D1D", "P1.5Y", "P1.5M", "PT1.5H30M", "P-1D",
        "P1", "PT.5S", "PT1.S", "p1d", "P1D ", "P1TD", "PTT1H",
    ])
    func rejectsMalformed(text: String) {
        #expect(ScenarioDuration(iso8601: text) == nil)
    }

    @Test func monthsAreAddedOnTheCalendar() throws {
        let start = try #require(ScenarioTimestamp(iso8601: "2025-01-31T10:00:00+05:00"))
        let duration = try #require(ScenarioDuration(iso8601: "P1M"))
        let end = try #require(ScenarioTimestamp(iso8601: "2025-02-28T10:00:00+05:00"))
        #expect(duration.added(to: start.date, utcOffset: start.utcOffset) == end.date)
    }
}

@Suite struct ScenarioTimestampTests {
    @Test(
        arguments: [
            ("2025-10-20T10:00:00+05:00", 1_760_936_400.0, 18_000),
            ("2025-10-20T05:00:00Z", 1_760_936_400, 0),
            ("2025-10-20T05:00Z", 1_760_936_400, 0),
            ("2025-10-20T00:30:00.5-04:30", 1_760_936_400.5, -16_200),
            ("2024-02-29T00:00:00Z", 1_709_164_800, 0),
        ] as [(String, Double, Int)]
    )
    func parsesDateTimeWithOffset(text: String, seconds: Double, offset: Int) throws {
        let timestamp = try #require(ScenarioTimestamp(iso8601: text))
        #expect(timestamp.date.timeIntervalSince1970 == seconds)
        #expect(timestamp.utcOffset == offset)
    }

    @Test(arguments: [
        "2025-10-20T10:00:00", "2025-10-20", "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-10-20T24:00:00Z",
        "2025-10-20 10:00:00Z", "2025-10-20T10:00:00+5:00", "20251020T100000Z", "2025-10-20T10:00:00+05:00x",
    ])
    func rejectsOthers(text: String) {
        #expect(ScenarioTimestamp(iso8601: text) == nil)
    }
}

@Suite struct ScenarioClockTests {
    @Test func aClockWithNowStandsStillUntilAdvanced() throws {
        let start = Date(timeIntervalSince1970: 1_000)
        let clock = ScenarioClock(start: start)
        #expect(clock.now == start)
        clock.advance(by: try #require(ScenarioDuration(iso8601: "PT1M")))
        #expect(clock.now == Date(timeIntervalSince1970: 1_060))
    }

    @Test func aTickingClockFollowsTheRealTimePlusAdvances() {
        let real = RealTime(100)
        let clock = ScenarioClock(start: Date(timeIntervalSince1970: 100), ticking: true, realTime: { real.now })
        real.move(by: 5)
        clock.advance(by: 10)
        #expect(clock.now == Date(timeIntervalSince1970: 115))
    }
}

/// A settable real-time source.
private final class RealTime: Sendable {
    private let seconds: Mutex<Double>
    init(_ seconds: Double) { self.seconds = Mutex(seconds) }
    var now: Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
    func move(by delta: Double) { seconds.withLock { $0 += delta } }
}
