import BitrixSale
import SaleJSON

/// Decodes a create-order body in one pass from its bytes into ``CreateFields``, noting where each value is, so that
/// the idempotency fingerprint's canonical form is written from the bytes: no `JSONValue` tree, no member lookups,
/// no re-serialisation of a tree.
///
/// It accepts the bodies clients send: a JSON object whose keys are the endpoint's fields, each once and written
/// without escapes; string values without escapes (valid UTF-8), numbers and `null`; `items` an array of objects
/// with the keys `product_id`, `quantity` and `price` (numbers or `null`). It declines (`nil`) everything else —
/// unknown or repeated keys (warnings, "last one wins"), escapes, booleans, numeric strings, other nesting, broken
/// JSON — and the handler then parses the body with `JSONParser` and reads it as a tree, the path that owns every
/// parse error, problem and warning. So declining never changes an answer; accepting must not either: for an
/// accepted body the fields equal `CreateFields(tree:)` of the parsed body and ``Decoded/canonical()`` equals
/// `Fingerprint.canonical` of it (`CreateBodyDecoderTests`, over the fixtures, the fuzzer's bodies and seeded
/// mutations).
struct CreateBodyDecoder {
    /// The API's nesting limit (`APIOptions.maxJSONDepth`): below 3 (object, `items`, a line) every body is declined.
    let maxDepth: Int

    /// A top-level field of the body.
    enum Field: Int, CaseIterable {
        case railwayOrderId, customerName, customerPhone, deliveryAddress, deliveryDate, deliveryTime, recipientName
        case recipientPhone, items, deliveryPrice, totalAmount, paymentMethod, notes, deliveryId

        /// The JSON key.
        var key: String {
            switch self {
            case .railwayOrderId: "railway_order_id"
            case .customerName: "customer_name"
            case .customerPhone: "customer_phone"
            case .deliveryAddress: "delivery_address"
            case .deliveryDate: "delivery_date"
            case .deliveryTime: "delivery_time"
            case .recipientName: "recipient_name"
            case .recipientPhone: "recipient_phone"
            case .items: "items"
            case .deliveryPrice: "delivery_price"
            case .totalAmount: "total_amount"
            case .paymentMethod: "payment_method"
            case .notes: "notes"
            case .deliveryId: "delivery_id"
            }
        }
    }

    /// A member of an `items` object, in the canonical (sorted) key order.
    enum LineField: Int, CaseIterable {
        case price, productId, quantity

        /// The JSON key.
        var key: String {
            switch self {
            case .price: "price"
            case .productId: "product_id"
            case .quantity: "quantity"
            }
        }
    }

    /// Where a scalar value is in the body.
    struct Span {
        enum Kind: UInt8 {
            case null, string, number
        }

        /// The first byte of the value (for a string: after the opening quote).
        var start: Int
        /// One past the last byte (for a string: the closing quote).
        var end: Int
        var kind: Kind
    }

    /// An accepted body: its fields, and what the canonical form needs.
    struct Decoded {
        /// The fields for ``CreateOrderValidator``.
        var fields: CreateFields
        /// The body.
        let bytes: [UInt8]
        /// The scalar top-level values by ``Field`` (nil when absent; never set for `items`).
        var spans: [Span?]
        /// Each line's members by ``LineField``, when `items` is present.
        var lines: [[Span?]]?

        /// The canonical JSON of the body, byte for byte `Fingerprint.canonical` of the parsed body: keys sorted by
        /// their bytes, numbers in `ExactNumber`'s canonical form, strings as written (they hold no escapes).
        func canonical() -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            bytes.withUnsafeBufferPointer { Self.writeCanonical($0, spans: spans, lines: lines, into: &out) }
            return out
        }

        // Static functions with `inout` (not nested functions capturing `out`): no run-time exclusivity checks.
        private static func writeCanonical(
            _ bytes: UnsafeBufferPointer<UInt8>,
            spans: [Span?],
            lines: [[Span?]]?,
            into out: inout [UInt8]
        ) {
            let quotedKeys = CreateBodyDecoder.quotedKeys
            let quotedLineKeys = CreateBodyDecoder.quotedLineKeys
            out.append(UInt8(ascii: "{"))
            var first = true
            for field in CreateBodyDecoder.canonicalOrder {
                if field == .items {
                    guard let lines else { continue }
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    out.append(contentsOf: quotedKeys[field.rawValue])
                    out.append(UInt8(ascii: "["))
                    for (position, line) in lines.enumerated() {
                        if position > 0 { out.append(UInt8(ascii: ",")) }
                        out.append(UInt8(ascii: "{"))
                        var firstMember = true
                        for member in 0..<line.count {
                            guard let span = line[member] else { continue }
                            if !firstMember { out.append(UInt8(ascii: ",")) }
                            firstMember = false
                            out.append(contentsOf: quotedLineKeys[member])
                            write(span, bytes, into: &out)
                        }
                        out.append(UInt8(ascii: "}"))
                    }
                    out.append(UInt8(ascii: "]"))
                } else if let span = spans[field.rawValue] {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    out.append(contentsOf: quotedKeys[field.rawValue])
                    write(span, bytes, into: &out)
                }
            }
            out.append(UInt8(ascii: "}"))
        }

        /// A scalar value in canonical form: `null`, a string as written (it holds no escapes), a canonical number.
        private static func write(_ span: Span, _ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
            let value = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
            switch span.kind {
            case .null: out.append(contentsOf: value)
            case .string:
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: value)
                out.append(UInt8(ascii: "\""))
            case .number: Fingerprint.writeNumber(value, into: &out)
            }
        }

        /// The idempotency fingerprint: the SHA-256 of ``canonical()``.
        func fingerprint() -> IdempotencyFingerprint {
            let canonical = canonical()
            return IdempotencyFingerprint(
                sha256: canonical.withUnsafeBytes { SHA256.digest($0) }
            )
        }
    }

    /// The keys as bytes, by ``Field``.
    private static let keyBytes: [[UInt8]] = Field.allCases.map { Array($0.key.utf8) }
    /// `"key":` by ``Field``, as the canonical form writes it.
    static let quotedKeys: [[UInt8]] = Field.allCases.map { Array("\"\($0.key)\":".utf8) }
    /// `"key":` by ``LineField``.
    static let quotedLineKeys: [[UInt8]] = LineField.allCases.map { Array("\"\($0.key)\":".utf8) }
    /// The fields in the canonical form's order (by key bytes).
    static let canonicalOrder: [Field] = Field.allCases.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }

    /// The body's fields and value positions, or nil when the body is not one this decoder accepts.
    func decode(_ body: [UInt8]) -> Decoded? {
        guard maxDepth >= 3 else { return nil }
        return body.withUnsafeBufferPointer { bytes -> Decoded? in
            var scanner = Scanner(bytes: bytes)
            var fields = CreateFields()
            var spans = [Span?](repeating: nil, count: Field.allCases.count)
            var lines: [[Span?]]?
            scanner.skipWhitespace()
            guard scanner.take(UInt8(ascii: "{")) else { return nil }
            scanner.skipWhitespace()
            if !scanner.take(UInt8(ascii: "}")) {
                while true {
                    guard let field = scanner.key(Self.keyBytes).flatMap(Field.init(rawValue:)) else { return nil }
                    if field == .items {
                        guard lines == nil, let (decoded, lineFields) = scanner.lines() else { return nil }
                        lines = decoded
                        fields.items = .lines(lineFields)
                    } else {
                        guard spans[field.rawValue] == nil, let (span, value) = scanner.scalar() else { return nil }
                        spans[field.rawValue] = span
                        fields.set(field, value)
                    }
                    scanner.skipWhitespace()
                    if scanner.take(UInt8(ascii: "}")) { break }
                    guard scanner.take(UInt8(ascii: ",")) else { return nil }
                    scanner.skipWhitespace()
                }
            }
            scanner.skipWhitespace()
            guard scanner.index == bytes.count else { return nil }
            return Decoded(fields: fields, bytes: body, spans: spans, lines: lines)
        }
    }

    /// Reads the JSON grammar the decoder accepts (a subset of `JSONParser`'s, with the same values).
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// Consumes `byte` when it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// The end of an unescaped string whose opening quote is at `index` (the closing quote's offset), or nil for
        /// an escape, a control character or no closing quote.
        private func stringEnd() -> Int? {
            var end = index + 1
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") { return end }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                end += 1
            }
            return nil
        }

        /// A key among `keys`, then the `:` and whitespace after it: its position in `keys`, or nil.
        mutating func key(_ keys: [[UInt8]]) -> Int? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let end = stringEnd() else { return nil }
            let key = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
            guard let found = keys.firstIndex(where: { $0.count == key.count && $0.elementsEqual(key) }) else {
                return nil
            }
            index = end + 1
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return nil }
            skipWhitespace()
            return found
        }

        /// A string (no escapes, valid UTF-8), a number (`JSONParser`'s grammar, at most 400 characters) or `null`.
        mutating func scalar() -> (Span, JSONValue)? {
            guard index < bytes.count else { return nil }
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let end = stringEnd(),
                    let text = String(
                        validating: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]),
                        as: UTF8.self
                    )
                else { return nil }
                index = end + 1
                return (Span(start: start + 1, end: end, kind: .string), .string(text))
            case UInt8(ascii: "n"):
                guard bytes.count - index >= 4, bytes[index + 1] == UInt8(ascii: "u"),
                    bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
                else { return nil }
                index += 4
                return (Span(start: start, end: index, kind: .null), .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard number() else { return nil }
                let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                return (Span(start: start, end: index, kind: .number), .number(JSONNumber(literal: literal)))
            default: return nil
            }
        }

        /// Consumes a number in `JSONParser`'s grammar (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, at most
        /// 400 characters); false when the text is not one.
        private mutating func number() -> Bool {
            let start = index
            guard case .end(let end) = JSONNumber.extent(in: bytes, from: start) else { return false }
            index = end
            return index - start <= 400
        }

        /// The `items` array of objects: each line's spans and fields, or nil.
        mutating func lines() -> ([[Span?]], [CreateFields.Line])? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var spans: [[Span?]] = []
            var lines: [CreateFields.Line] = []
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return (spans, lines) }
            while true {
                guard take(UInt8(ascii: "{")) else { return nil }
                var lineSpans = [Span?](repeating: nil, count: LineField.allCases.count)
                var line = CreateFields.Line(productId: nil, quantity: nil, price: nil)
                skipWhitespace()
                if !take(UInt8(ascii: "}")) {
                    while true {
                        guard let member = key(CreateBodyDecoder.lineKeyBytes).flatMap(LineField.init(rawValue:)),
                            lineSpans[member.rawValue] == nil, let (span, value) = scalar(), span.kind != .string
                        else { return nil }
                        lineSpans[member.rawValue] = span
                        switch member {
                        case .price: line.price = value
                        case .productId: line.productId = value
                        case .quantity: line.quantity = value
                        }
                        skipWhitespace()
                        if take(UInt8(ascii: "}")) { break }
                        guard take(UInt8(ascii: ",")) else { return nil }
                        skipWhitespace()
                    }
                }
                spans.append(lineSpans)
                lines.append(line)
                skipWhitespace()
                if take(UInt8(ascii: "]")) { return (spans, lines) }
                guard take(UInt8(ascii: ",")) else { return nil }
                skipWhitespace()
            }
        }
    }

    /// The line keys as bytes, by ``LineField``.
    private static let lineKeyBytes: [[UInt8]] = LineField.allCases.map { Array($0.key.utf8) }
}

extension CreateFields {
    /// Sets a scalar top-level field.
    fileprivate mutating func set(_ field: CreateBodyDecoder.Field, _ value: JSONValue) {
        switch field {
        case .railwayOrderId: railwayOrderId = value
        case .customerName: customerName = value
        case .customerPhone: customerPhone = value
        case .deliveryAddress: deliveryAddress = value
        case .deliveryDate: deliveryDate = value
        case .deliveryTime: deliveryTime = value
        case .recipientName: recipientName = value
        case .recipientPhone: recipientPhone = value
        case .items: items = .value(value)
        case .deliveryPrice: deliveryPrice = value
        case .totalAmount: totalAmount = value
        case .paymentMethod: paymentMethod = value
        case .notes: notes = value
        case .deliveryId: deliveryId = value
        }
    }
}
