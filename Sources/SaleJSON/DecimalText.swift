import Foundation

/// Plain text of a `Decimal` without `Decimal.description` (about 2 µs on Linux): the significand is read from
/// the value's bytes when it fits in 64 bits, else the caller falls back to `description`.
///
/// `Decimal` keeps its exponent in byte 0, the number of significand words in use in the high four bits of byte 1,
/// the sign in bit 3 of byte 1 (length 0 with the sign set is NaN), and its significand as eight little-endian `UInt16`
/// words in bytes 4…19 (`NSDecimal`'s layout). The layout is not public API, so it is checked once against the public
/// accessors on sample values (``isLayoutKnown``); when the check fails every call returns nil and callers use the
/// slow path. With the layout known, a value is written from one read of its bytes (no calls into Foundation).
public enum DecimalText {
    /// Whether the byte layout matches what this type reads (checked once per process).
    public static let isLayoutKnown: Bool = {
        let samples = ["0", "1", "-1", "12500.5", "-0.01", "15000", "18446744073709551615", "123456789.123456789"]
        for text in samples {
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                let parts = rawParts(value), parts.exponent == value.exponent
            else { return false }
            let magnitude = value < 0 ? -value : value
            guard String(parts.significand) == magnitude.significand.description,
                parts.negative == (value < 0), (parts.length == 0) == value.isZero
            else { return false }
        }
        guard let nan = rawParts(Decimal.nan), nan.length == 0, nan.negative else { return false }
        return true
    }()

    /// Exponent, significand, word count and sign from the bytes, or nil when the significand needs more than 64 bits.
    private static func rawParts(_ value: Decimal) -> (
        exponent: Int, significand: UInt64, length: Int, negative: Bool
    )? {
        withUnsafeBytes(of: value) { bytes -> (Int, UInt64, Int, Bool)? in
            // Byte 1 holds the number of significand words in use (high four bits); words past it are not read,
            // whatever they hold.
            let length = Int(bytes.count == 20 ? bytes[1] >> 4 : 0xFF)
            guard length <= 4 else { return nil }
            var significand: UInt64 = 0
            for word in (0..<length).reversed() {
                significand = significand << 16 | UInt64(bytes[4 + 2 * word]) | UInt64(bytes[5 + 2 * word]) << 8
            }
            return (Int(Int8(bitPattern: bytes[0])), significand, length, bytes[1] & 0x08 != 0)
        }
    }

    /// Appends the plain text (`15000`, `12500.5`, `-0.01`, `0` for zero and NaN) to `out`, exactly as
    /// ``JSONNumber/plainText(_:)`` writes it; returns false (appending nothing) when the fast path does not apply.
    public static func append(_ value: Decimal, to out: inout [UInt8]) -> Bool {
        guard isLayoutKnown else {
            if value.isNaN || value.isZero {
                out.append(UInt8(ascii: "0"))
                return true
            }
            return false
        }
        guard let parts = rawParts(value) else { return false }
        if parts.length == 0 {  // zero, or NaN (the sign set)
            out.append(UInt8(ascii: "0"))
            return true
        }
        var significand = parts.significand
        var exponent = parts.exponent
        while significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        var digitCount = 1
        var power: UInt64 = 10
        while digitCount < 20, significand >= power {
            digitCount += 1
            power = power &* 10
        }
        if parts.negative { out.append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            appendDigits(significand, count: digitCount, pointAfter: nil, to: &out)
            for _ in 0..<exponent { out.append(UInt8(ascii: "0")) }
        } else if digitCount > -exponent {
            appendDigits(significand, count: digitCount, pointAfter: digitCount + exponent, to: &out)
        } else {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            for _ in 0..<(-exponent - digitCount) { out.append(UInt8(ascii: "0")) }
            appendDigits(significand, count: digitCount, pointAfter: nil, to: &out)
        }
        return true
    }

    /// Appends the `count` decimal digits of `significand` (no intermediate array), with a `.` after the first
    /// `pointAfter` of them when given.
    private static func appendDigits(_ significand: UInt64, count: Int, pointAfter: Int?, to out: inout [UInt8]) {
        let length = count + (pointAfter == nil ? 0 : 1)
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: length))
        var rest = significand
        var position = start + length - 1
        var written = 0
        while written < count {
            if let pointAfter, written == count - pointAfter {
                out[position] = UInt8(ascii: ".")
                position -= 1
            }
            out[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
            written += 1
        }
    }

    /// The plain text, or nil when the fast path does not apply.
    public static func text(_ value: Decimal) -> String? {
        var out: [UInt8] = []
        guard append(value, to: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}
