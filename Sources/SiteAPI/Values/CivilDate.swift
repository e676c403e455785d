import BitrixSale
import Foundation

/// A calendar date (`YYYY-MM-DD`) and the arithmetic the API needs, without `Calendar` (fast and deterministic).
struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    var year: Int
    var month: Int
    var day: Int

    /// Parses exactly `YYYY-MM-DD` naming a real calendar date (leap years included), else nil.
    init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), year >= 1,
            (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of a day count since 1970-01-01 (``ZoneOffsets/civil(fromDays:)``).
    init(daysSinceEpoch days: Int) {
        let (year, month, day) = ZoneOffsets.civil(fromDays: days)
        self.init(year: year, month: month, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(width - text.count, 0)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// Timestamps in a site's time zone.
struct SiteTime: Sendable {
    let timeZone: TimeZone
    private let offsets: ZoneOffsets

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        offsets = ZoneOffsets(timeZone: timeZone)
    }

    /// The zone's UTC offset at an instant, in seconds (cached per UTC day, lock-free: ``ZoneOffsets``).
    func offset(at instant: Date) -> Int { offsets.offset(at: instant) }

    /// The local date of an instant.
    func date(of instant: Date) -> CivilDate {
        let local = Int((instant.timeIntervalSince1970).rounded(.down)) + offset(at: instant)
        return CivilDate(daysSinceEpoch: Int((Double(local) / 86_400).rounded(.down)))
    }

    /// ISO 8601 with the zone's UTC offset at that instant: `2025-10-20T10:00:00+05:00` (``ZoneOffsets/iso8601(_:)``).
    func iso8601(_ instant: Date) -> String { offsets.iso8601(instant) }
}
