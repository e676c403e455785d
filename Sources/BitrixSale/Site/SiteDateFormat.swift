/// A site's `FORMAT_DATE` (for example `DD.MM.YYYY`) and PHP's `CheckDateTime($value, $format)` against it (K21
/// `main/tools.php` CheckDateTime / ParseDateTime), which a DATE order property's value must pass (K21
/// `internals/input.php` Date::getErrorSingle).
///
/// `ParseDateTime` maps the value's parts to the format's parts *by position*, whatever the separators, and
/// `CheckDateTime` then needs a real calendar date and the same shape of separators: under `DD.MM.YYYY`,
/// `21.10.2025` passes and the ISO `2025-10-21` fails (day 2025).
public struct SiteDateFormat: Sendable, Hashable {
    /// The format as the site gives it.
    public let format: String
    /// The format's parts in order, upper-cased (`DD`, `MM`, `YYYY`, `HH`, `MI`, `SS` …).
    let parts: [String]
    /// The format with every part replaced by `P` (CheckDateTime's `$s2`).
    let shape: String
    /// The format read once: each part (`DD`) or literal character, in order, for writing dates.
    let segments: [Segment]

    /// A piece of the format.
    enum Segment: Sendable, Hashable {
        /// A part such as `DD`, upper-cased.
        case part(String)
        /// Any other character, written as it is.
        case literal(Character)
    }

    /// The parts `ParseDateTime` knows, longest first where one is a prefix of another.
    private static let knownParts = ["DD", "MI", "MMMM", "MM", "M", "YYYY", "HH", "H", "SS", "TT", "T", "GG", "G"]

    /// Reads a format; nil unless it has a day (`DD`), a month (`MM`, `M` or `MMMM`) and a year (`YYYY`).
    public init?(_ format: String) {
        var parts: [String] = []
        var shape = ""
        var segments: [Segment] = []
        let characters = Array(format)
        var index = 0
        while index < characters.count {
            let rest = String(characters[index...]).uppercased()
            if let part = Self.knownParts.first(where: { rest.hasPrefix($0) }) {
                parts.append(part)
                segments.append(.part(part))
                shape += "P"
                index += part.count
                while index < characters.count, characters[index].isWhitespace {
                    segments.append(.literal(characters[index]))
                    index += 1
                }
            } else {
                shape.append(characters[index])
                segments.append(.literal(characters[index]))
                index += 1
            }
        }
        guard parts.contains("DD"), parts.contains("YYYY"), parts.contains(where: { $0.hasPrefix("M") && $0 != "MI" })
        else { return nil }
        self.format = format
        self.parts = parts
        self.shape = shape
        self.segments = segments
    }

    /// `CheckDateTime($value, FORMAT_DATE)`: the parts, mapped by position, make a real date (and time), and the
    /// separators have the format's shape.
    public func accepts(_ value: String) -> Bool {
        if let simple = Self.digitGroups(of: value) { return accepts(simple) }
        return acceptsByTokens(value)
    }

    /// ``accepts(_:)`` by the general road: ``tokens(of:)``, then the parts by position.
    func acceptsByTokens(_ value: String) -> Bool {
        let (tokens, valueShape) = Self.tokens(of: value)
        var byPart: [String: String] = [:]
        for (index, part) in parts.enumerated() where index < tokens.count { byPart[part] = tokens[index] }
        func intval(_ part: String) -> Int { byPart[part].flatMap { Int($0.prefix { $0.isNumber }) } ?? 0 }
        let day = intval("DD")
        let month = byPart["MMMM"] != nil ? intval("MMMM") : byPart["MM"] != nil ? intval("MM") : intval("M")
        let year = intval("YYYY")
        guard Self.checkdate(month: month, day: day, year: year) else { return false }
        let hour = ["HH", "H", "GG", "G"].lazy.compactMap { byPart[$0] }.first.flatMap { Int($0) } ?? 0
        let minute = intval("MI")
        let second = intval("SS")
        guard (0...24).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return false }
        return valueShape.count <= shape.count
            ? shape.hasPrefix(valueShape) : valueShape.hasPrefix(shape)
    }

    /// A calendar date written in this format (`$date->toString()` of a `Bitrix\Main\Type\Date`): DD, MM and YYYY
    /// zero-padded, M and MMMM as the month number, time parts as zero.
    public func string(year: Int, month: Int, day: Int) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        var text = ""
        for segment in segments {
            switch segment {
            case .literal(let character): text.append(character)
            case .part("DD"): text += padded(day, 2)
            case .part("MM"): text += padded(month, 2)
            case .part("M"), .part("MMMM"): text += String(month)
            case .part("YYYY"): text += padded(year, 4)
            case .part("TT"): text += "AM"
            case .part("T"): text += "am"
            case .part(let part): text += padded(0, part.count)
            }
        }
        return text
    }

    /// A value made only of ASCII digit groups (at most 9 digits each) joined by single separators other than white
    /// space (`21.10.2025`, `2025-10-21 10:30`… without the space): its groups and shape, read from the bytes. The
    /// same as ``tokens(of:)`` for such values; nil for any other value, which takes that general road.
    static func digitGroups(of value: String) -> (numbers: [Int], shape: [UInt8])? {
        var numbers: [Int] = []
        var shape: [UInt8] = []
        var current = 0
        var digits = 0
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 9 else { return nil }
                current = current * 10 + Int(byte - 0x30)
                digits += 1
            case UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: ","),
                UInt8(ascii: "-"):
                if digits > 0 {
                    numbers.append(current)
                    shape.append(UInt8(ascii: "P"))
                }
                shape.append(byte)
                current = 0
                digits = 0
            default: return nil
            }
        }
        if digits > 0 {
            numbers.append(current)
            shape.append(UInt8(ascii: "P"))
        }
        return (numbers, shape)
    }

    /// ``accepts(_:)`` for a value read by ``digitGroups(of:)``.
    private func accepts(_ value: (numbers: [Int], shape: [UInt8])) -> Bool {
        var day = 0
        var month = 0
        var monthRank = 0  // MMMM before MM before M, as the general road prefers them
        var year = 0
        var hour: Int?
        var hourRank = 0  // HH before H before GG before G
        var minute = 0
        var second = 0
        for (index, part) in parts.enumerated() where index < value.numbers.count {
            let number = value.numbers[index]
            switch part {
            case "DD": day = number
            case "MMMM", "MM", "M":
                let rank = part == "MMMM" ? 3 : part == "MM" ? 2 : 1
                if rank >= monthRank {
                    month = number
                    monthRank = rank
                }
            case "YYYY": year = number
            case "HH", "H", "GG", "G":
                let rank = ["G": 1, "GG": 2, "H": 3, "HH": 4][part]!
                if rank >= hourRank {
                    hour = number
                    hourRank = rank
                }
            case "MI": minute = number
            case "SS": second = number
            default: break
            }
        }
        guard Self.checkdate(month: month, day: day, year: year) else { return false }
        guard (0...24).contains(hour ?? 0), (0...59).contains(minute), (0...59).contains(second) else { return false }
        let shape = Array(self.shape.utf8)
        return value.shape.count <= shape.count
            ? shape.starts(with: value.shape) : value.shape.starts(with: shape)
    }

    /// The calendar date of a value this format ``accepts(_:)``, else nil.
    public func date(of value: String) -> (year: Int, month: Int, day: Int)? {
        guard accepts(value) else { return nil }
        let tokens = Self.tokens(of: value).tokens
        var byPart: [String: Int] = [:]
        for (index, part) in parts.enumerated() where index < tokens.count {
            byPart[part] = Int(tokens[index].prefix { $0.isNumber }) ?? 0
        }
        let month = byPart["MMMM"] ?? byPart["MM"] ?? byPart["M"] ?? 0
        return (byPart["YYYY"] ?? 0, month, byPart["DD"] ?? 0)
    }

    /// PHP's `checkdate`: month 1–12, year 1–32767, a day the month has.
    public static func checkdate(month: Int, day: Int, year: Int) -> Bool {
        guard (1...12).contains(month), (1...32767).contains(year), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let length =
            switch month {
            case 2: leap ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        return day <= length
    }

    /// The value's parts (runs of digits, runs of other non-separators) and its shape with each part as `P`;
    /// separators are `:`, `\`, `/`, white space, `.`, `,` and `-`.
    static func tokens(of value: String) -> (tokens: [String], shape: String) {
        func isSeparator(_ character: Character) -> Bool { ":\\/.,-".contains(character) || character.isWhitespace }
        var tokens: [String] = []
        var shape = ""
        var current = ""
        var currentIsDigits = false
        var afterToken = false
        func flush() {
            if !current.isEmpty {
                tokens.append(current)
                shape += "P"
                current = ""
                afterToken = true
            }
        }
        for character in value {
            if isSeparator(character) {
                flush()
                // A part swallows the white space after it.
                if afterToken, character.isWhitespace { continue }
                afterToken = false
                shape.append(character)
            } else {
                let digit = character.isASCII && character.isNumber
                if !current.isEmpty, digit != currentIsDigits { flush() }
                currentIsDigits = digit
                current.append(character)
            }
        }
        flush()
        return (tokens, shape)
    }
}
