import BitrixSale
import Foundation

/// Dates as the REST surface writes and reads them: ISO 8601 with the site's offset (`2024-03-01T13:00:00+02:00`);
/// input without an offset is read in the site's zone, as PHP's `strtotime` reads it on a server set to that zone.
struct RESTTime: Sendable {
    let timeZone: TimeZone
    private let offsets: ZoneOffsets

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        offsets = ZoneOffsets(timeZone: timeZone)
    }

    /// `2024-03-01T13:00:00+02:00` (PHP `date('c')`; ``ZoneOffsets/iso8601(_:)``); "" for a non-finite instant.
    func iso(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e12 else { return "" }
        return offsets.iso8601(date)
    }

    /// Reads `2024-03-01T14:00:00`, `2024-03-01 14:00:00`, `2024-03-01T14:00:00+02:00` / `Z`, `2024-03-01`,
    /// `01.03.2024` and `01.03.2024 14:00:00`; nil for anything else (Bitrix drops an unparseable date).
    func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var year = 0
        var month = 0
        var day = 0
        var rest: Substring
        let scalars = Array(trimmed.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[from..<(from + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        if let y = number(0, 4), scalars.count >= 10, scalars[4] == UInt8(ascii: "-"), scalars[7] == UInt8(ascii: "-"),
            let m = number(5, 2), let d = number(8, 2)
        {
            (year, month, day) = (y, m, d)
        } else if let d = number(0, 2), scalars.count >= 10, scalars[2] == UInt8(ascii: "."),
            scalars[5] == UInt8(ascii: "."), let m = number(3, 2), let y = number(6, 4)
        {
            (year, month, day) = (y, m, d)
        } else {
            return nil
        }
        rest = Substring(trimmed).dropFirst(10)
        var hour = 0
        var minute = 0
        var second = 0
        var offset: Int? = nil
        if let first = rest.first, first == "T" || first == " " {
            let time = Array(rest.dropFirst().utf8)
            func part(_ from: Int) -> Int? {
                guard from + 2 <= time.count, (0x30...0x39).contains(time[from]), (0x30...0x39).contains(time[from + 1])
                else { return nil }
                return Int(time[from] - 0x30) * 10 + Int(time[from + 1] - 0x30)
            }
            guard let h = part(0), time.count >= 5, time[2] == UInt8(ascii: ":"), let mi = part(3) else { return nil }
            hour = h
            minute = mi
            var index = 5
            if index < time.count, time[index] == UInt8(ascii: ":") {
                guard let s = part(index + 1) else { return nil }
                second = s
                index += 3
            }
            if index < time.count, time[index] == UInt8(ascii: ".") {
                index += 1
                while index < time.count, (0x30...0x39).contains(time[index]) { index += 1 }
            }
            if index < time.count {
                let zone = String(decoding: time[index...], as: UTF8.self)
                if zone == "Z" {
                    offset = 0
                } else if let sign = zone.first, sign == "+" || sign == "-" {
                    let digits = zone.dropFirst().filter { $0 != ":" }
                    guard digits.count == 4, let value = Int(digits) else { return nil }
                    offset = (value / 100 * 3600 + value % 100 * 60) * (sign == "-" ? -1 : 1)
                } else {
                    return nil
                }
            }
        } else if !rest.isEmpty {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = offset.flatMap { TimeZone(secondsFromGMT: $0) } ?? timeZone
        components.calendar = calendar
        guard let date = calendar.date(from: components) else { return nil }
        // Reject dates the calendar rolled over (31 February).
        let check = calendar.dateComponents([.day], from: date)
        return check.day == day ? date : nil
    }

    /// A unix time as PHP's `json_encode` writes a float from `microtime(true)` (`1712922620.724857`,
    /// `1760954400.0`).
    static func unixFloat(_ date: Date) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let value = micros / 1_000_000
        return "\(value)"
    }
}
