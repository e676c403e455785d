import Foundation
import SaleJSON

/// An ISO 8601 date and time with a UTC offset, such as `2025-10-20T10:00:00+05:00`: the `now` of a scenario.
public struct ScenarioTimestamp: Sendable, Hashable, CustomStringConvertible {
    /// The instant.
    public var date: Date
    /// The offset written, in seconds east of UTC (`+05:00` is 18000, `Z` is 0).
    public var utcOffset: Int
    /// The timestamp as written.
    public var description: String

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`; nil for anything else,
    /// including dates that do not exist (`2025-02-30`).
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
        func literal(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), literal("-"), let month = digits(2), literal("-"), let day = digits(2),
            literal("T") || literal("t"), let hour = digits(2), literal(":"), let minute = digits(2)
        else { return nil }
        var second = 0
        var fraction = 0.0
        if literal(":") {
            guard let whole = digits(2) else { return nil }
            second = whole
            if literal(".") || literal(",") {
                let start = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
                fraction = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) ?? 0
            }
        }
        let offset: Int
        if literal("Z") || literal("z") {
            offset = 0
        } else {
            let sign: Int
            if literal("+") { sign = 1 } else if literal("-") { sign = -1 } else { return nil }
            guard let offsetHours = digits(2), literal(":"), let offsetMinutes = digits(2),
                offsetHours <= 18, offsetMinutes < 60
            else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard index == bytes.count, (1...12).contains(month), day >= 1,
            day <= JSONDates.daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = JSONDates.days(year: year, month: month, day: day)
        let local = Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
        self.date = Date(timeIntervalSince1970: local - Double(offset))
        self.utcOffset = offset
        self.description = text
    }
}
