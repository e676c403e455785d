import Foundation

/// An ISO 8601 duration, `P[n]Y[n]M[n]W[n]DT[n]H[n]M[n]S`, as `advance_clock` takes it.
///
/// Years and months are calendar units (added on the calendar of the scenario's UTC offset: one month after
/// January 31 is the last day of February); weeks, days, hours, minutes and seconds are fixed lengths. The smallest
/// component given may carry a fraction (`PT1.5S`, `P0.5D`, `PT1,5H`), except years and months.
public struct ScenarioDuration: Sendable, Hashable, CustomStringConvertible {
    /// Whole calendar years.
    public var years: Int
    /// Whole calendar months.
    public var months: Int
    /// Weeks, days, hours, minutes and seconds together, in seconds.
    public var seconds: Double
    /// The duration as written.
    public var description: String

    /// Parses an ISO 8601 duration; nil when `text` is not one.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "P"), bytes.count > 1 else { return nil }
        var years = 0
        var months = 0
        var seconds = 0.0
        var index = 1
        var inTime = false
        var lastDesignatorRank = 0
        var sawFraction = false
        var sawComponent = false
        var sawTimeComponent = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "T") {
                guard !inTime else { return nil }
                inTime = true
                index += 1
                continue
            }
            // Digits, then an optional fraction.
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            var number = String(decoding: bytes[start..<index], as: UTF8.self)
            var hasFraction = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                let fractionStart = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                guard index > fractionStart else { return nil }
                number += "." + String(decoding: bytes[fractionStart..<index], as: UTF8.self)
                hasFraction = true
            }
            guard index < bytes.count, !sawFraction else { return nil }
            let designator = bytes[index]
            index += 1
            // Rank keeps the designators in order and each at most once.
            let designation: (rank: Int, unit: Double)
            switch (inTime, designator) {
            case (false, UInt8(ascii: "Y")): designation = (1, 0)
            case (false, UInt8(ascii: "M")): designation = (2, 0)
            case (false, UInt8(ascii: "W")): designation = (3, 604_800)
            case (false, UInt8(ascii: "D")): designation = (4, 86_400)
            case (true, UInt8(ascii: "H")): designation = (5, 3_600)
            case (true, UInt8(ascii: "M")): designation = (6, 60)
            case (true, UInt8(ascii: "S")): designation = (7, 1)
            default: return nil
            }
            let (rank, unit) = designation
            guard rank > lastDesignatorRank else { return nil }
            lastDesignatorRank = rank
            sawComponent = true
            if inTime { sawTimeComponent = true }
            if rank <= 2 {
                guard !hasFraction, let whole = Int(number) else { return nil }
                if rank == 1 { years = whole } else { months = whole }
            } else {
                guard let value = Double(number), value.isFinite else { return nil }
                seconds += value * unit
            }
            sawFraction = hasFraction
        }
        guard sawComponent, !inTime || sawTimeComponent else { return nil }
        self.years = years
        self.months = months
        self.seconds = seconds
        self.description = text
    }

    /// The instant this duration after `date`, on the calendar of a time zone `utcOffset` seconds east of UTC.
    public func added(to date: Date, utcOffset: Int = 0) -> Date {
        var moved = date
        if years != 0 || months != 0 {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(secondsFromGMT: utcOffset) ?? TimeZone(identifier: "UTC")!
            moved = calendar.date(byAdding: DateComponents(year: years, month: months), to: date) ?? date
        }
        return moved.addingTimeInterval(seconds)
    }
}
