import Foundation
import SaleJSON

/// Writes compact JSON straight into bytes, member by member, with exactly the output ``JSONWriter`` gives for the
/// equivalent ``JSONValue`` in source order (no tree of values, no intermediate strings for numbers).
///
/// Commas are placed automatically: every value or key after the first in its container is preceded by one.
struct JSONByteWriter {
    /// The bytes written so far.
    var bytes: [UInt8]
    private var needsComma = false

    /// Starts with an empty buffer of `capacity` bytes.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// `{`.
    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// `}`.
    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[`.
    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// `]`.
    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `"name":` for a key that needs no escaping (the API's own member names).
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// `"name":` for any key (escaped as a JSON string).
    mutating func key(_ name: String) {
        separate()
        JSONWriter.writeString(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A string.
    mutating func string(_ text: String) {
        separate()
        JSONWriter.writeString(text, into: &bytes)
        needsComma = true
    }

    /// A string, or `null`.
    mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// An integer.
    mutating func int(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                count += 1
                scratch[24 - count] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[(24 - count)...]))
        }
        needsComma = true
    }

    /// An integer, or `null`.
    mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    /// `true` or `false`.
    mutating func bool(_ flag: Bool) {
        separate()
        if flag {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
        needsComma = true
    }

    /// `null`.
    mutating func null() {
        separate()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        needsComma = true
    }

    /// A decimal in plain notation, as `JSONNumber(Decimal)` writes it (money, quantities).
    mutating func decimal(_ value: Decimal) {
        separate()
        if !DecimalText.append(value, to: &bytes) { bytes.append(contentsOf: JSONNumber.plainText(value).utf8) }
        needsComma = true
    }

    /// A value already held as ``JSONValue``.
    mutating func value(_ value: JSONValue) {
        separate()
        JSONWriter().write(value, into: &bytes)
        needsComma = true
    }
}
