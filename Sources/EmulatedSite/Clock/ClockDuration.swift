/// An ISO 8601 duration of fixed length, for `PUT /__emu/clock {"advance": …}`.
///
/// `PnW` or `PnDTnHnMnS` (seconds may have a fraction), with an optional leading `-` to move back. Years and months are refused (their length depends on
/// the calendar); write days.
public struct ClockDuration: Sendable, Hashable, CustomStringConvertible {
    /// The length in seconds.
    public var seconds: Double
    /// The text as written.
    public var description: String

    /// Parses `text`, or nil when it is not such a duration.
    public init?(iso8601 text: String) {
        var rest = Substring(text)
        var sign = 1.0
        if rest.hasPrefix("-") {
            sign = -1
            rest = rest.dropFirst()
        }
        guard rest.hasPrefix("P"), rest.count > 1 else { return nil }
        rest = rest.dropFirst()
        var total = 0.0
        var inTime = false
        var number = ""
        var sawUnit = false
        var sawTimeUnit = false
        for character in rest {
            if character.isASCII, character.isNumber || character == "." {
                number.append(character)
                continue
            }
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let value = Double(number), value >= 0 else { return nil }
            number = ""
            switch (inTime, character) {
            case (false, "W"): total += value * 604_800
            case (false, "D"): total += value * 86_400
            case (true, "H"): total += value * 3_600
            case (true, "M"): total += value * 60
            case (true, "S"): total += value
            default: return nil
            }
            sawUnit = true
            if inTime { sawTimeUnit = true }
        }
        guard number.isEmpty, sawUnit, !inTime || sawTimeUnit else { return nil }
        seconds = sign * total
        description = text
    }
}
