import Foundation
import SaleJSON
import SaleMoney

/// Writes compact JSON straight into bytes, member by member, with exactly the output ``JSONWriter`` gives for the
/// equivalent ``JSONValue`` in source order (no tree of values, no intermediate strings for numbers).
///
/// Commas are placed automatically: every value or key after the first in its container is preceded by one. The
/// bytes go to raw memory the writer owns (a capacity check and a store or copy per piece, not `Array.append`'s
/// generic path, and no class, so no run-time exclusivity checks); ``bytes`` copies them out once at the end.
/// Non-copyable, so that the memory has exactly one owner and is freed when the writer goes.
struct JSONByteWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var needsComma = false
    /// Reusable room for a decimal's digits, so that a number costs no allocation.
    private var scratch: [UInt8] = []

    /// Starts with an empty buffer of `capacity` bytes.
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
        scratch.reserveCapacity(48)
    }

    deinit { start.deallocate() }

    /// The bytes written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    // MARK: Values

    /// `{`.
    mutating func beginObject() {
        separate()
        append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// `}`.
    mutating func endObject() {
        append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// `[`.
    mutating func beginArray() {
        separate()
        append(UInt8(ascii: "["))
        needsComma = false
    }

    /// `]`.
    mutating func endArray() {
        append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// `"name":` for a key that needs no escaping (the API's own member names).
    mutating func key(_ name: StaticString) {
        separate()
        reserve(name.utf8CodeUnitCount + 3)
        start[count] = UInt8(ascii: "\"")
        (start + count + 1).update(from: name.utf8Start, count: name.utf8CodeUnitCount)
        count += name.utf8CodeUnitCount + 1
        start[count] = UInt8(ascii: "\"")
        start[count + 1] = UInt8(ascii: ":")
        count += 2
        needsComma = false
    }

    /// `"name":` for any key (escaped as a JSON string; a distinct label, so that literal keys take the static path).
    mutating func key(escaping name: String) {
        separate()
        appendJSONString(name)
        append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A string.
    mutating func string(_ text: String) {
        separate()
        appendJSONString(text)
        needsComma = true
    }

    /// A string, or `null`.
    mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// An integer.
    mutating func int(_ value: Int) {
        separate()
        reserve(20)
        if value < 0 {
            start[count] = UInt8(ascii: "-")
            count += 1
        }
        var magnitude = value.magnitude
        var digits = 1
        var power: UInt = 10
        while digits < 20, magnitude >= power {
            digits += 1
            power = power &* 10
        }
        var position = count + digits - 1
        repeat {
            start[position] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
            magnitude /= 10
            position -= 1
        } while magnitude > 0
        count += digits
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
            append(Self.trueText.utf8Start, count: 4)
        } else {
            append(Self.falseText.utf8Start, count: 5)
        }
        needsComma = true
    }

    /// `null`.
    mutating func null() {
        separate()
        append(Self.nullText.utf8Start, count: 4)
        needsComma = true
    }

    private static let trueText: StaticString = "true"
    private static let falseText: StaticString = "false"
    private static let nullText: StaticString = "null"

    /// An amount in plain notation, as `JSONNumber(Amount)` writes it (money, quantities).
    mutating func amount(_ value: Amount) {
        separate()
        reserve(Amount.maxTextLength)
        count += value.write(to: start + count)
        needsComma = true
    }

    /// A value already held as ``JSONValue``.
    mutating func value(_ value: JSONValue) {
        separate()
        let text = JSONWriter().bytes(value)
        text.withUnsafeBufferPointer { if let base = $0.baseAddress { append(base, count: $0.count) } }
        needsComma = true
    }

    // MARK: Bytes

    private mutating func separate() {
        if needsComma { append(UInt8(ascii: ",")) }
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.update(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }

    private mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    private mutating func append(_ bytes: UnsafePointer<UInt8>, count length: Int) {
        reserve(length)
        (start + count).update(from: bytes, count: length)
        count += length
    }

    /// `text` as a JSON string literal, escaped exactly as ``JSONWriter/writeString(_:into:)`` escapes it.
    private mutating func appendJSONString(_ text: String) {
        append(UInt8(ascii: "\""))
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if written == nil {
            var copy = text
            copy.withUTF8 { appendEscaped($0) }
        }
        append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `word` is below 0x20, `"` or `\\` (exact; the classic SWAR tests).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let control = (word &- 0x2020_2020_2020_2020) & ~word & highs != 0
        return control || hasZeroByte(word ^ 0x2222_2222_2222_2222) || hasZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C)
    }

    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var runStart = 0
        var index = 0
        let length = bytes.count
        while index < length {
            // Eight bytes at a time while none needs escaping (UTF-8 multi-byte sequences never do).
            if index + 8 <= length,
                !Self.needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
                continue
            }
            let byte = base[index]
            if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index { append(base + runStart, count: index - runStart) }
            // JSONWriter's own spelling of this byte's escape, without the surrounding quotes (rare: not worth
            // a second copy of the escaping rules).
            var escaped: [UInt8] = []
            JSONWriter.writeString(String(decoding: [byte], as: UTF8.self), into: &escaped)
            escaped.withUnsafeBufferPointer { append($0.baseAddress! + 1, count: $0.count - 2) }
            index += 1
            runStart = index
        }
        if runStart < length { append(base + runStart, count: length - runStart) }
    }
}
