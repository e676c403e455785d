import BitrixSale
import SaleJSON

/// The idempotency fingerprint of a body: the SHA-256 of its canonical JSON, so that bodies equal as parsed JSON
/// (any key order, numbers equal by value, the last of repeated keys winning) give equal fingerprints, and the state
/// keeps a digest rather than a copy of the customer's personal data.
///
/// The digest is kept raw (``IdempotencyFingerprint``, 32 bytes inline); its text is `sha256:` + 64 hex digits.
enum Fingerprint {
    static func of(_ value: JSONValue) -> IdempotencyFingerprint {
        IdempotencyFingerprint(sha256: SHA256.digest(canonical(value)))
    }

    /// The canonical JSON bytes: keys sorted by UTF-8, numbers in canonical form, no whitespace.
    static func canonical(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out)
        return out
    }

    /// Appends the canonical form of a JSON number literal (``ExactNumber/canonical``: `0`, `15e3`, `-125e-1`),
    /// read straight from the literal's bytes; text that is not number syntax is appended as it is.
    static func writeNumber(_ literal: String, into out: inout [UInt8]) {
        var literal = literal
        literal.withUTF8 { writeNumber($0, into: &out) }
    }

    /// Appends the canonical form of a JSON number literal given as bytes (see ``writeNumber(_:into:)-String``).
    static func writeNumber(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let written = { () -> Bool in
            func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
            let count = bytes.count
            var index = 0
            let negative = index < count && bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            let integerStart = index
            while index < count, isDigit(bytes[index]) { index += 1 }
            let integerCount = index - integerStart
            guard integerCount > 0 else { return false }
            var fractionStart = index
            var fractionCount = 0
            if index < count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                fractionStart = index
                while index < count, isDigit(bytes[index]) { index += 1 }
                fractionCount = index - fractionStart
                guard fractionCount > 0 else { return false }
            }
            var exponent = 0
            if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                var exponentNegative = false
                if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    exponentNegative = bytes[index] == UInt8(ascii: "-")
                    index += 1
                }
                let exponentStart = index
                while index < count, isDigit(bytes[index]) {
                    // The same saturation as ExactNumber, so that absurd exponents give the same text.
                    if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[index] - 0x30) }
                    index += 1
                }
                guard index > exponentStart else { return false }
                if exponentNegative { exponent = -exponent }
            }
            guard index == count else { return false }
            // The mantissa's digits are the integer digits then the fraction digits, without the point.
            let total = integerCount + fractionCount
            func digit(_ position: Int) -> UInt8 {
                position < integerCount
                    ? bytes[integerStart + position] : bytes[fractionStart + position - integerCount]
            }
            var first = 0
            while first < total, digit(first) == 0x30 { first += 1 }
            guard first < total else {
                out.append(0x30)
                return true
            }
            var end = total
            while digit(end - 1) == 0x30 { end -= 1 }
            let scale = fractionCount - exponent - (total - end)
            if negative { out.append(UInt8(ascii: "-")) }
            for position in first..<end { out.append(digit(position)) }
            out.append(UInt8(ascii: "e"))
            out.append(contentsOf: String(-scale).utf8)
            return true
        }()
        if !written { out.append(contentsOf: bytes) }
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            writeNumber(number.literal, into: &out)
        case .string(let text): JSONWriter.writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members) where members.allSatisfy({ isASCII($0.key) }):
            // ASCII keys are equal exactly when their bytes are: sort positions by key, then by position, and write
            // the last member of each run of equal keys (the same output as the dictionary below, without hashing).
            // A payload's objects are small (≈ 12 members): an insertion sort with a byte comparison; a large
            // object (a hostile body) takes the O(n log n) library sort (stable: equal keys stay in position order).
            var order = Array(members.indices)
            if order.count > 32 {
                order.sort { a, b in
                    let comparison = compareBytes(members[a].key, members[b].key)
                    return comparison == 0 ? a < b : comparison < 0
                }
            } else if order.count > 1 {
                insertionSort(&order, members)
            }
            out.append(UInt8(ascii: "{"))
            var first = true
            for (position, index) in order.enumerated() {
                let key = members[index].key
                if position + 1 < order.count, compareBytes(members[order[position + 1]].key, key) == 0 { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONWriter.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(members[index].value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .object(let members):
            var last: [String: JSONValue] = [:]
            for (key, member) in members { last[key] = member }
            out.append(UInt8(ascii: "{"))
            for (position, key) in last.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(last[key] ?? .null, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Sorts member positions by key bytes, stable (equal keys keep their position order).
    private static func insertionSort(_ order: inout [Int], _ members: [(key: String, value: JSONValue)]) {
        for next in 1..<order.count {
            let moving = order[next]
            var slot = next
            while slot > 0, compareBytes(members[order[slot - 1]].key, members[moving].key) > 0 {
                order[slot] = order[slot - 1]
                slot -= 1
            }
            order[slot] = moving
        }
    }

    /// Whether every byte of `text` is ASCII.
    private static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } }
            ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The UTF-8 byte order of two strings: negative, zero or positive (shorter first on a common prefix).
    static func compareBytes(_ left: String, _ right: String) -> Int {
        func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
            let common = Swift.min(a.count, b.count)
            for index in 0..<common where a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
            return a.count - b.count
        }
        let fast = left.utf8.withContiguousStorageIfAvailable { a in
            right.utf8.withContiguousStorageIfAvailable { b in compare(a, b) }
        }
        if let fast, let result = fast { return result }
        var (a, b) = (left, right)
        return a.withUTF8 { a in b.withUTF8 { b in compare(a, b) } }
    }
}
