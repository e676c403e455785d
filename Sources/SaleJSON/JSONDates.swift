import Foundation

/// The one way this package writes and reads dates in JSON: ISO 8601 in UTC with milliseconds
/// (`2025-10-20T05:00:00.000Z`), written to the nearest millisecond and read back to the same `Date`.
public enum JSONDates {
    /// `date` as text, to the nearest millisecond.
    public static func text(_ date: Date) -> String { iso8601Text(date) }

    /// The date in `text` (any ISO 8601 form Foundation reads), snapped to the microsecond, or nil.
    ///
    /// The package's own spelling (``exactDate(_:)``) is read in place, without Foundation.
    public static func date(_ text: String) -> Date? {
        var text = text
        if let date = text.withUTF8({ exactDate($0) }) { return date }
        guard let date = try? Date(text, strategy: iso8601) else { return nil }
        // The format style's fraction is off by up to ~1e-7 s (".001" gave 0.0010000467): snap to the nearest
        // microsecond so that a millisecond timestamp decodes to the same Date it was encoded from.
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        return Date(timeIntervalSince1970: micros / 1_000_000)
    }

    /// The date of exactly the 24 bytes ``text(_:)`` writes (`2025-10-20T05:00:00.123Z`, a valid day from 1970 on),
    /// as the nearest `Date` to that instant (whole microseconds divided exactly); nil for any other spelling.
    public static func exactDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
            bytes[16] == 0x3A, bytes[19] == 0x2E, bytes[23] == 0x5A
        else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int {
            var value = 0
            for position in from..<from + count {
                let byte = bytes[position]
                guard byte >= 0x30, byte <= 0x39 else { return -1 }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let year = digits(0, 4)
        let month = digits(5, 2)
        let day = digits(8, 2)
        let hour = digits(11, 2)
        let minute = digits(14, 2)
        let second = digits(17, 2)
        let millisecond = digits(20, 3)
        guard year >= 1970, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second), millisecond >= 0
        else { return nil }
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        if millisecond == 0 { return Date(timeIntervalSince1970: Double(seconds)) }
        return Date(timeIntervalSince1970: Double(seconds * 1_000_000 + millisecond * 1000) / 1_000_000)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The number of days in `month` of `year` (proleptic Gregorian).
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
