/// An exact amount of money or quantity: a signed count of ten-thousandths (`Int64` minor units at scale 4).
///
/// Scale 4 is the `decimal(18,4)` of Bitrix's `b_sale_*` PRICE, SUM, QUANTITY columns, so every value those columns
/// can hold is represented exactly, and the range is theirs: at most 99,999,999,999,999.9999 in magnitude
/// (10^18 − 1 minor units, well inside `Int64`). Arithmetic is checked (an out-of-range result is an error, never a
/// trap or a wrap), products use a 128-bit intermediate, and rounding is PHP `round`'s: half away from zero.
///
/// One parser (``init(parsing:)``) and one writer (``plainText``, ``write(into:)``) are the only places text becomes an
/// amount and back.
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Decimal places kept.
    public static let scale = 4
    /// Minor units in one whole unit (10^``scale``).
    public static let minorUnitsPerUnit: Int64 = 10_000
    /// The largest magnitude, in minor units (10^18 − 1).
    public static let maxMinorUnits: Int64 = 999_999_999_999_999_999

    /// Zero.
    public static let zero = Amount(uncheckedMinorUnits: 0)
    /// The largest amount, 99,999,999,999,999.9999.
    public static let max = Amount(uncheckedMinorUnits: maxMinorUnits)
    /// The smallest amount, −99,999,999,999,999.9999.
    public static let min = Amount(uncheckedMinorUnits: -maxMinorUnits)

    /// The value in ten-thousandths.
    public let minorUnits: Int64

    private init(uncheckedMinorUnits: Int64) { minorUnits = uncheckedMinorUnits }

    /// The amount of `minorUnits` ten-thousandths, or nil when out of range.
    public init?(minorUnits: Int64) {
        guard minorUnits.magnitude <= UInt64(Self.maxMinorUnits) else { return nil }
        self.minorUnits = minorUnits
    }

    /// A whole number of units (`15000` → 15000.0000), or nil when out of range.
    public init?(units: Int) {
        let (product, overflow) = Int64(units).multipliedReportingOverflow(by: Self.minorUnitsPerUnit)
        guard !overflow else { return nil }
        self.init(minorUnits: product)
    }

    // MARK: Text

    /// Parses decimal text: JSON number syntax (`-12.50`, `1.5e3`, `125E-2`) and plain text (leading zeros and a
    /// leading `+` allowed, so `0015.50` and `+3` read too).
    ///
    /// - Throws: ``AmountError`` ``AmountError/Code/syntax`` for anything else, ``AmountError/Code/tooPrecise`` when
    ///   non-zero digits fall past the fourth decimal place (`1.00001`; trailing zeros such as `1.50000` are fine),
    ///   ``AmountError/Code/outOfRange`` beyond `decimal(18,4)`. Any length of text or exponent is handled in one
    ///   pass without trapping.
    public init(parsing text: some StringProtocol) throws(AmountError) {
        var copy = String(text)
        let result = copy.withUTF8 { Self.parse($0) }
        switch result {
        case .success(let minor): self.init(uncheckedMinorUnits: minor)
        case .failure(let code): throw AmountError(code, String(text))
        }
    }

    /// Parses the UTF-8 bytes of decimal text (see ``init(parsing:)``).
    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(AmountError) {
        switch Self.parse(bytes) {
        case .success(let minor): self.init(uncheckedMinorUnits: minor)
        case .failure(let code): throw AmountError(code, String(decoding: bytes, as: UTF8.self))
        }
    }

    private enum Parsed {
        case success(Int64)
        case failure(AmountError.Code)
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        let count = bytes.count
        var index = 0
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        // The significant digits (leading zeros skipped, trailing zeros counted apart), and where the point falls.
        var significand: UInt64 = 0
        var significantDigits = 0  // digits in `significand`, at most 19
        var pendingZeros = 0  // zeros seen after the last non-zero digit, not yet in `significand`
        var droppedDigits = 0  // non-zero digits beyond 19 significant ones (the value is then too long anyway)
        var fractionDigits = 0
        var sawDigit = false
        func take(_ digit: UInt8) {
            if digit == 0 {
                if significantDigits > 0 { pendingZeros += 1 }
                return
            }
            if significantDigits + pendingZeros + 1 > 19 {
                droppedDigits += 1
                return
            }
            for _ in 0..<pendingZeros { significand = significand * 10 }
            significantDigits += pendingZeros + 1
            pendingZeros = 0
            significand = significand * 10 + UInt64(digit)
        }
        while index < count, isDigit(bytes[index]) {
            take(bytes[index] - 0x30)
            sawDigit = true
            index += 1
        }
        guard sawDigit else { return .failure(.syntax) }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var sawFraction = false
            while index < count, isDigit(bytes[index]) {
                take(bytes[index] - 0x30)
                fractionDigits += 1
                sawFraction = true
                index += 1
            }
            guard sawFraction else { return .failure(.syntax) }
        }
        var exponent = 0
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var sawExponent = false
            while index < count, isDigit(bytes[index]) {
                // Saturate: past a billion the answer (zero, too precise or out of range) no longer changes.
                if exponent < 1_000_000_000 { exponent = exponent * 10 + Int(bytes[index] - 0x30) }
                sawExponent = true
                index += 1
            }
            guard sawExponent else { return .failure(.syntax) }
            if exponentNegative { exponent = -exponent }
        }
        guard index == count else { return .failure(.syntax) }
        if significantDigits == 0 && droppedDigits == 0 { return .success(0) }
        // Every digit after the first significant one is in exactly one of the three counts; the value has
        // `integerDigits` digits before the point (negative: zeros after the point before the first digit).
        let span = significantDigits + pendingZeros + droppedDigits
        let integerDigits = span - fractionDigits + exponent
        // decimal(18,4) holds below 10^14: at most 14 digits before the point.
        if integerDigits > 18 - scale { return .failure(.outOfRange) }
        // value = significand × 10^(pendingZeros − fractionDigits + exponent); minor units shift by `scale` more.
        // Dropped digits (over 19 significant ones with at most 14 before the point) always reach past the scale.
        let shift = pendingZeros - fractionDigits + exponent + scale
        if droppedDigits > 0 || shift < 0 { return .failure(.tooPrecise) }
        // Now significantDigits + shift = integerDigits + scale ≤ 18: the result is below 10^18.
        var minor = significand
        for _ in 0..<shift { minor *= 10 }
        let signed = Int64(minor)
        return .success(negative ? -signed : signed)
    }

    /// The plain decimal text as the API writes money: `-12.5`, `15000`, `0` (no exponent, no trailing zeros).
    public var plainText: String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The plain text.
    public var description: String { plainText }

    /// The most bytes ``plainText`` takes: a sign, 14 whole digits, the point and 4 decimals.
    public static let maxTextLength = 20

    /// Appends ``plainText``'s bytes to `out`.
    public func write(into out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: Self.maxTextLength))
        let written = out.withUnsafeMutableBufferPointer { write(to: $0.baseAddress! + start) }
        out.removeLast(Self.maxTextLength - written)
    }

    /// Writes ``plainText``'s bytes at `buffer`, which has room for ``maxTextLength`` bytes; returns how many it wrote.
    public func write(to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        if minorUnits < 0 {
            buffer[0] = UInt8(ascii: "-")
            count = 1
        }
        let magnitude = minorUnits.magnitude
        var whole = magnitude / UInt64(Self.minorUnitsPerUnit)
        var fraction = magnitude % UInt64(Self.minorUnitsPerUnit)
        var digits = 1
        var power: UInt64 = 10
        while whole >= power {  // whole < 10^14: the loop ends before power overflows
            digits += 1
            power *= 10
        }
        for position in stride(from: count + digits - 1, through: count, by: -1) {
            buffer[position] = UInt8(truncatingIfNeeded: 0x30 + whole % 10)
            whole /= 10
        }
        count += digits
        guard fraction > 0 else { return count }
        var places = Self.scale
        while fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        buffer[count] = UInt8(ascii: ".")
        for position in stride(from: count + places, through: count + 1, by: -1) {
            buffer[position] = UInt8(truncatingIfNeeded: 0x30 + fraction % 10)
            fraction /= 10
        }
        return count + 1 + places
    }

    // MARK: Arithmetic

    /// The sum, or ``AmountError/Code/outOfRange``.
    public func adding(_ other: Amount) throws(AmountError) -> Amount {
        // Both magnitudes are below 10^18, so the Int64 sum cannot overflow; only the range is checked.
        guard let sum = Amount(minorUnits: minorUnits + other.minorUnits) else {
            throw AmountError(.outOfRange, "\(self) + \(other)")
        }
        return sum
    }

    /// The difference, or ``AmountError/Code/outOfRange``.
    public func subtracting(_ other: Amount) throws(AmountError) -> Amount {
        guard let difference = Amount(minorUnits: minorUnits - other.minorUnits) else {
            throw AmountError(.outOfRange, "\(self) - \(other)")
        }
        return difference
    }

    /// The negation (always in range).
    public var negated: Amount { Amount(uncheckedMinorUnits: -minorUnits) }

    /// `self × quantity` rounded half away from zero (PHP `round`) to `places` decimal places (0…4): a price times a
    /// quantity, as Bitrix computes a line's sum (`PriceMaths::roundPrecision`).
    ///
    /// The exact product (scale 8) is formed in 128 bits, so no intermediate overflows.
    /// - Throws: ``AmountError/Code/outOfRange`` when the rounded product exceeds the range.
    public func multiplied(by quantity: Amount, roundingTo places: Int = Amount.scale) throws(AmountError) -> Amount {
        let places = Swift.min(Swift.max(places, 0), Self.scale)
        let product = Int128(minorUnits) * Int128(quantity.minorUnits)  // scale 2 × 4 = 8
        let divisor = Self.powerOfTen(2 * Self.scale - places)
        let rounded = Self.divideRoundingHalfAwayFromZero(product, by: divisor) * Self.powerOfTen(Self.scale - places)
        guard rounded.magnitude <= UInt128(Self.maxMinorUnits) else {
            throw AmountError(.outOfRange, "\(self) × \(quantity)")
        }
        return Amount(uncheckedMinorUnits: Int64(rounded))
    }

    /// `self × count` exactly (a whole number of items), or ``AmountError/Code/outOfRange``.
    public func multiplied(by count: Int) throws(AmountError) -> Amount {
        let product = Int128(minorUnits) * Int128(count)
        guard product.magnitude <= UInt128(Self.maxMinorUnits) else {
            throw AmountError(.outOfRange, "\(self) × \(count)")
        }
        return Amount(uncheckedMinorUnits: Int64(product))
    }

    /// Rounded half away from zero (PHP `round`) to `places` decimal places (0…4; 4 or more changes nothing).
    ///
    /// - Throws: ``AmountError/Code/outOfRange`` when rounding up leaves the range (99,999,999,999,999.9999 to 0
    ///   places).
    public func rounded(toPlaces places: Int) throws(AmountError) -> Amount {
        guard places < Self.scale else { return self }
        let unit = Self.powerOfTen(Self.scale - Swift.max(places, 0))
        let rounded = Self.divideRoundingHalfAwayFromZero(Int128(minorUnits), by: unit) * unit
        guard rounded.magnitude <= UInt128(Self.maxMinorUnits) else {
            throw AmountError(.outOfRange, "\(self) rounded to \(places) places")
        }
        return Amount(uncheckedMinorUnits: Int64(rounded))
    }

    /// Orders by value.
    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.minorUnits < rhs.minorUnits }

    // MARK: Saturating arithmetic (derived totals)

    /// The sum, clamped to the range: for derived totals (a basket's price), which the save then refuses when they
    /// reach a bound (``isAtBound``), as MySQL's strict mode refuses an out-of-range `decimal(18,4)`.
    public func saturatingAdding(_ other: Amount) -> Amount {
        Self.clamped(Int128(minorUnits) + Int128(other.minorUnits))
    }

    /// The difference, clamped to the range (see ``saturatingAdding(_:)``).
    public func saturatingSubtracting(_ other: Amount) -> Amount {
        Self.clamped(Int128(minorUnits) - Int128(other.minorUnits))
    }

    /// `self × quantity` rounded as ``multiplied(by:roundingTo:)`` does, clamped to the range (see
    /// ``saturatingAdding(_:)``).
    public func saturatingMultiplied(by quantity: Amount, roundingTo places: Int = Amount.scale) -> Amount {
        let places = Swift.min(Swift.max(places, 0), Self.scale)
        let product = Int128(minorUnits) * Int128(quantity.minorUnits)
        let divisor = Self.powerOfTen(2 * Self.scale - places)
        return Self.clamped(
            Self.divideRoundingHalfAwayFromZero(product, by: divisor) * Self.powerOfTen(Self.scale - places)
        )
    }

    /// Rounded as ``rounded(toPlaces:)`` does, clamped to the range.
    public func saturatingRounded(toPlaces places: Int) -> Amount {
        guard places < Self.scale else { return self }
        let unit = Self.powerOfTen(Self.scale - Swift.max(places, 0))
        return Self.clamped(Self.divideRoundingHalfAwayFromZero(Int128(minorUnits), by: unit) * unit)
    }

    /// Whether the amount is ``max`` or ``min``: a saturated total, or a value at the very edge of the range.
    public var isAtBound: Bool { minorUnits.magnitude == UInt64(Self.maxMinorUnits) }

    /// The whole units, the fraction dropped (toward zero): PHP `intval` of the amount.
    public var truncatedUnits: Int64 { minorUnits / Self.minorUnitsPerUnit }

    /// Whether the amount is zero.
    public var isZero: Bool { minorUnits == 0 }

    /// Whether the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }

    private static func clamped(_ value: Int128) -> Amount {
        if value > Int128(maxMinorUnits) { return .max }
        if value < -Int128(maxMinorUnits) { return .min }
        return Amount(uncheckedMinorUnits: Int64(value))
    }

    /// 10^exponent for 0…8 (every power the arithmetic needs: scale 4 products have 8 places).
    private static func powerOfTen(_ exponent: Int) -> Int128 {
        switch exponent {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        default:
            (0..<exponent).reduce(Int128(1)) { power, _ in power * 10 }
        }
    }

    /// `value / divisor` (divisor > 0), the remainder rounded half away from zero.
    private static func divideRoundingHalfAwayFromZero(_ value: Int128, by divisor: Int128) -> Int128 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        guard remainder.magnitude * 2 >= divisor.magnitude else { return quotient }
        return value < 0 ? quotient - 1 : quotient + 1
    }
}

extension Amount: ExpressibleByIntegerLiteral {
    /// A whole number of units; traps when out of range, as an integer literal that overflows its type does.
    public init(integerLiteral value: Int) {
        guard let amount = Amount(units: value) else { preconditionFailure("\(value) is out of range for an Amount") }
        self = amount
    }
}

extension Amount: ExpressibleByFloatLiteral {
    /// A literal such as `12.5`; traps unless the literal has at most four decimal places and is in range (a
    /// programmer's error, as an overflowing integer literal is). For values from outside, use ``init(parsing:)``.
    public init(floatLiteral value: Double) {
        // The shortest text that reads back as this Double is the literal as written (`12.5`, `123456789012.34`).
        guard let amount = try? Amount(parsing: "\(value)") else {
            preconditionFailure("\(value) is not an Amount literal (at most four decimal places, in range)")
        }
        self = amount
    }
}

extension Amount: Codable {
    /// Decodes the plain text (`"12.5"`) or a number; other coders than the package's own JSON codec (which reads and
    /// writes amounts as exact JSON numbers) meet this path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let amount = try? Amount(parsing: text) else {
                throw DecodingError.typeMismatch(
                    Amount.self,
                    .init(codingPath: decoder.codingPath, debugDescription: "expected a number, got \"\(text)\"")
                )
            }
            self = amount
            return
        }
        let value = try container.decode(Double.self)
        guard let amount = try? Amount(parsing: "\(value)") else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\(value) is not an amount (at most four decimal places, within decimal(18,4))"
            )
        }
        self = amount
    }

    /// Encodes the plain text (see ``init(from:)``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(plainText)
    }
}
