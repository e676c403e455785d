import BitrixSale
import Foundation
import SaleJSON
import SaleMoney
import Synchronization

/// Reads a snapshot file written in the canonical layout straight into a ``BitrixSale/StoreState``, without
/// building a ``SaleJSON/JSONValue``.
///
/// It only takes the common road: the exact header layout ``FastStateWriter`` writes, canonical string escapes,
/// plain integer literals, known member types. On anything else it returns nil and the caller reads the file
/// the general way (``SnapshotFormat/decode(_:path:maxDepth:)`` then ``StateCodec``), which accepts or names the
/// problem exactly as before; so this path never accepts what the general one refuses.
struct FastStateReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private init(_ bytes: UnsafeBufferPointer<UInt8>, strings: SharedStrings) {
        self.bytes = bytes
        if !strings.table.isEmpty {
            shared = strings.table
            sharedCount = strings.count
        }
        lastLengths = strings.lengths
    }

    /// The repeated-strings table ``record(_:strings:)`` reuses across records, with the last array length per
    /// element type (so a record's arrays are allocated at their length as a snapshot's are).
    struct SharedStrings {
        var table: [String?] = []
        var count = 0
        var lengths: [(type: ObjectIdentifier, count: Int)] = []
        /// An empty table.
        init() {}
        init(table: [String?], count: Int, lengths: [(type: ObjectIdentifier, count: Int)]) {
            self.table = table
            self.count = count
            self.lengths = lengths
        }
    }

    /// The sequence and state of a snapshot file, or nil to take the general road.
    ///
    /// Reads the file in place: the layout's whitespace is expected exactly where ``FastStateWriter`` puts it, and
    /// the checksum is computed over the bytes between while reading.
    static func snapshot(_ file: [UInt8], parallelOrderBytes: Int = defaultParallelOrderBytes) -> (
        sequence: Int, state: StoreState
    )? {
        file.withUnsafeBufferPointer { snapshot($0, parallelOrderBytes: parallelOrderBytes) }
    }

    /// The sequence and state of a snapshot file's bytes (a mapped file, read in place), or nil to take the general
    /// road.
    static func snapshot(
        _ file: UnsafeBufferPointer<UInt8>,
        parallelOrderBytes: Int = defaultParallelOrderBytes
    ) -> (sequence: Int, state: StoreState)? {
        let head = Array(
            "{\n  \"format\": \"\(SnapshotFormat.format)\",\n  \"version\": \(SnapshotFormat.version),\n  \"sequence\": "
                .utf8
        )
        let tail = Array("\n}\n".utf8)
        guard file.count > head.count + tail.count, file.starts(with: head), file.suffix(3).elementsEqual(tail) else {
            return nil
        }
        var position = head.count
        var sequenceText = ""
        while position < file.count, file[position] >= 0x30, file[position] <= 0x39 {
            sequenceText.append(Character(Unicode.Scalar(file[position])))
            position += 1
        }
        guard let sequence = Int(sequenceText), String(sequence) == sequenceText else { return nil }
        let middle = Array(",\n  \"crc32\": \"".utf8)
        guard file[position...].starts(with: middle) else { return nil }
        position += middle.count
        guard position + 8 <= file.count else { return nil }
        let stored = String(decoding: file[position..<position + 8], as: UTF8.self)
        position += 8
        let payloadKey = Array("\",\n  \"payload\": ".utf8)
        guard file[position...].starts(with: payloadKey) else { return nil }
        position += payloadKey.count
        var crc = CRC32()
        crc.update(Array("{\"format\":\"\(SnapshotFormat.format)\",\"version\":\(SnapshotFormat.version),".utf8))
        crc.update(Array("\"sequence\":\(sequenceText),\"payload\":".utf8))
        let start = position
        var reader = FastStateReader(UnsafeBufferPointer(rebasing: file[..<(file.count - tail.count)]))
        reader.index = start
        reader.crc = crc
        reader.mark = start
        reader.parallelOrderBytes = parallelOrderBytes
        guard let state = reader.readLaidOutPayload(), reader.index == reader.bytes.count else { return nil }
        reader.flush()
        let computed = reader.crc
        var checksum = computed
        checksum.update(CollectionOfOne(UInt8(ascii: "}")))
        guard checksum.hex == stored else { return nil }
        return (sequence, state)
    }

    /// A journal record (compact JSON, as ``FastStateWriter/record(of:)`` writes it) as a transaction, or nil to take
    /// the general road (``SaleJSON/JSONParser`` then ``StateCodec/transaction(from:)``), which names any problem.
    ///
    /// `strings` carries the table of repeated strings from one record to the next (allocating it per record
    /// would cost more than reading a small record).
    static func record(_ body: ArraySlice<UInt8>, strings: inout SharedStrings) -> StoreTransaction? {
        body.withUnsafeBufferPointer { buffer -> StoreTransaction? in
            var reader = FastStateReader(buffer, strings: strings)
            strings.table = []
            defer {
                strings = SharedStrings(table: reader.shared, count: reader.sharedCount, lengths: reader.lastLengths)
            }
            var transaction = StoreTransaction()
            let ok = reader.object(KeyTable.record) { reader, member in
                switch member {
                case 0:
                    guard let ids = reader.array({ $0.int() }) else { return false }
                    transaction.deletedOrderIds = ids
                case 1:
                    guard let records = reader.array({ $0.idempotency() }) else { return false }
                    transaction.idempotencyRecords = records
                case 2:
                    guard let lastIds = reader.lastIds() else { return false }
                    transaction.lastIds = lastIds
                case 3:
                    guard let orders = reader.array({ $0.order() }) else { return false }
                    transaction.orders = orders
                case 4:
                    guard let products = reader.array({ $0.product() }) else { return false }
                    transaction.products = products
                default:
                    guard let users = reader.array({ $0.user() }) else { return false }
                    transaction.users = users
                }
                return true
            }
            guard ok, reader.index == buffer.count else { return nil }
            return transaction
        }
    }

    // MARK: Layout

    /// The checksum of the bytes read outside the layout's whitespace, and where the bytes not yet fed start.
    private var crc = CRC32()
    private var mark = 0
    /// The strings ``sharedString()`` hands out, by a hash of their bytes (open addressing, filled to half).
    /// Allocated on first use: a reader of one small journal record may need none (see ``SharedStrings``).
    private var shared: [String?] = []
    private var sharedCount = 0

    private mutating func flush() {
        crc.update(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[mark..<index]))
        mark = index
    }

    /// The layout whitespace `text`, exactly; it is left out of the checksum.
    private mutating func space(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count, memcmp(bytes.baseAddress! + index, text.utf8Start, count) == 0 else {
            return false
        }
        flush()
        index += count
        mark = index
        return true
    }

    /// The bytes of `text`, exactly (checksummed).
    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count, memcmp(bytes.baseAddress! + index, text.utf8Start, count) == 0 else {
            return false
        }
        index += count
        return true
    }

    private mutating func laidOutArray<Element>(_ element: (inout FastStateReader) -> Element?) -> [Element]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var elements: [Element] = []
        if consume(UInt8(ascii: "]")) { return elements }
        repeat {
            guard space("\n      "), let value = element(&self) else { return nil }
            elements.append(value)
        } while consume(UInt8(ascii: ","))
        return space("\n    ") && consume(UInt8(ascii: "]")) ? elements : nil
    }

    /// Calls `element` for each element of a laid-out array; false when the text is not as expected or `element`
    /// refuses.
    private mutating func laidOutEach(_ element: (inout FastStateReader) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "[")) else { return false }
        if consume(UInt8(ascii: "]")) { return true }
        repeat {
            guard space("\n      "), element(&self) else { return false }
        } while consume(UInt8(ascii: ","))
        return space("\n    ") && consume(UInt8(ascii: "]"))
    }

    /// The payload, building the state while reading: each order goes into the state's tables as it is parsed
    /// (no intermediate list), the tables sized once from the last order id (read before the orders).
    private mutating func readLaidOutPayload() -> StoreState? {
        var transaction = StoreTransaction()
        var state = StoreState()
        guard consume(UInt8(ascii: "{")), space("\n    "), literal("\"idempotency\":"), space(" "),
            let idempotency = laidOutArray({ $0.idempotency() }),
            consume(UInt8(ascii: ",")), space("\n    "), literal("\"lastIds\":"), space(" "),
            let lastIds = lastIds(),
            consume(UInt8(ascii: ",")), space("\n    "), literal("\"orders\":"), space(" ")
        else { return nil }
        // Ids are never reused, so the last order id bounds the count; the file size bounds it too (an order
        // takes far more than 64 bytes), against a damaged or hostile figure.
        state.reserveOrders(min(lastIds[.order] ?? 0, bytes.count / 64))
        guard
            readLaidOutOrders(into: &state),
            consume(UInt8(ascii: ",")), space("\n    "), literal("\"products\":"), space(" "),
            let products = laidOutArray({ $0.product() }),
            consume(UInt8(ascii: ",")), space("\n    "), literal("\"users\":"), space(" "),
            let users = laidOutArray({ $0.user() }),
            space("\n  "), consume(UInt8(ascii: "}"))
        else { return nil }
        transaction.idempotencyRecords = idempotency
        transaction.lastIds = lastIds
        transaction.products = products
        transaction.users = users
        state.apply(transaction)
        return state
    }

    /// The laid-out orders array, each order put into `state` as it is read (in file order, so in id order).
    ///
    /// An array of more than ``defaultParallelOrderBytes`` is read on two cores: a second reader parses the orders from an
    /// element boundary near the middle while this one parses those before it; this one then checksums the second
    /// part (its bytes without the layout's `\n` + 6 spaces between elements, exactly what sequential reading
    /// checksums) and puts the second reader's orders after its own. Either reader refusing anything sends the whole
    /// file to the general road, as sequential reading does.
    private mutating func readLaidOutOrders(into state: inout StoreState) -> Bool {
        guard let split = orderSplit() else {
            return laidOutEach { reader in
                guard let order = reader.order() else { return false }
                state.put(order)
                return true
            }
        }
        // The second part on another core; the bytes (a mapping or the caller's array) outlive the wait below.
        let mapped = MappedBytes(bytes: bytes)
        let later = LaterOrders()
        let group = DispatchGroup()
        DispatchQueue.global()
            .async(group: group) {
                later.orders.withLock { $0 = Self.orders(in: mapped.bytes, from: split.secondStart, to: split.end) }
            }
        // The first part here: `[`, then elements up to the comma before the second part.
        var earlierRead = false
        if consume(UInt8(ascii: "[")) {
            while space("\n      "), let order = order() {
                state.put(order)
                if index == split.firstEnd {
                    earlierRead = true
                    break
                }
                guard consume(UInt8(ascii: ",")) else { break }
            }
        }
        group.wait()
        guard earlierRead, let orders = later.orders.withLock({ $0 }) else { return false }
        flush()
        // The second part's checksum: its bytes between the layout's "\n      " (no raw newline is inside a line).
        let base = bytes.baseAddress!
        var position = split.firstEnd
        while let found = memchr(base + position, 0x0A, split.end - position) {
            let newline = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            crc.update(UnsafeRawBufferPointer(start: base + position, count: newline - position))
            position = newline + 7
        }
        crc.update(UnsafeRawBufferPointer(start: base + position, count: split.end - position))
        index = split.end
        mark = split.end
        for order in orders { state.put(order) }
        return space("\n    ") && consume(UInt8(ascii: "]"))
    }

    /// The bytes a second reader parses while the first waits for it (``readLaidOutOrders(into:)``).
    private struct MappedBytes: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
    }

    /// The second reader's orders, handed to the first.
    private final class LaterOrders: Sendable {
        let orders = Mutex<[OrderData]?>(nil)
    }

    /// Orders arrays above this size (about 20,000 orders) are read on two cores.
    static let defaultParallelOrderBytes = 48 << 20
    /// This reader's threshold (``defaultParallelOrderBytes``; tests lower it).
    private var parallelOrderBytes = defaultParallelOrderBytes

    /// Where to split the orders array that starts at `index` (`[`): the comma that ends the first part, the `{` that
    /// starts the second, and the end of the last element (before `\n    ]`); nil for a small or empty array, or a
    /// machine with one core.
    private func orderSplit() -> (firstEnd: Int, secondStart: Int, end: Int)? {
        // An empty array (`[]`) has no layout newline of its own: the search below would find a later array's end.
        guard ProcessInfo.processInfo.activeProcessorCount > 1, index + 1 < bytes.count,
            bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "\n")
        else { return nil }
        let base = bytes.baseAddress!
        // The array ends at the first newline followed by four spaces and `]` (element lines start with six spaces).
        var position = index
        var end: Int?
        while position < bytes.count, let found = memchr(base + position, 0x0A, bytes.count - position) {
            let newline = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if newline + 5 < bytes.count, bytes[newline + 5] == UInt8(ascii: "]"),
                memcmp(base + newline + 1, "    ", 4) == 0
            {
                end = newline
                break
            }
            position = newline + 1
        }
        guard let end, end - index > parallelOrderBytes else { return nil }
        // The first element boundary after the middle: `,` `\n` six spaces `{`.
        var candidate = index + (end - index) / 2
        while candidate < end, let found = memchr(base + candidate, 0x0A, end - candidate) {
            let newline = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if bytes[newline - 1] == UInt8(ascii: ","), newline + 7 < end, bytes[newline + 7] == UInt8(ascii: "{"),
                memcmp(base + newline + 1, "      ", 6) == 0
            {
                return (newline - 1, newline + 7, end)
            }
            candidate = newline + 1
        }
        return nil
    }

    /// The orders laid out from `start` (a `{`) to `end`, separated by `,` + `\n` + six spaces, or nil.
    private static func orders(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [OrderData]? {
        var reader = FastStateReader(bytes)
        reader.index = start
        var orders: [OrderData] = []
        while true {
            guard let order = reader.order() else { return nil }
            orders.append(order)
            if reader.index == end { return orders }
            guard reader.index < end, reader.consume(UInt8(ascii: ",")), reader.space("\n      ") else { return nil }
        }
    }

    /// The byte of two lower-case hex digits (`JSONWriter`'s spelling), or nil.
    static func hexByte(_ high: UInt8, _ low: UInt8) -> UInt8? {
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        guard let high = digit(high), let low = digit(low) else { return nil }
        return high << 4 | low
    }

    // MARK: Structure

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads an object, calling `member` with each key's index in `keys` (nil for an unknown key, whose value is
    /// skipped).
    ///
    /// Returns false when the text is not as expected or `member` refuses.
    private mutating func object(_ keys: KeyTable, _ member: (inout FastStateReader, Int) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        var hint = 0
        repeat {
            guard consume(UInt8(ascii: "\"")) else { return false }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { return false }
                index += 1
            }
            guard index < bytes.count else { return false }
            let found = keys.find(UnsafeBufferPointer(rebasing: bytes[start..<index]), hint: &hint)
            index += 1
            guard consume(UInt8(ascii: ":")) else { return false }
            if let found {
                guard member(&self, found) else { return false }
            } else {
                guard skipValue(depth: 0) else { return false }
            }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    /// An array, allocated at its exact length: the state keeps these arrays for as long as it lives, and one grown by
    /// appending holds up to twice the room it needs (an order's nine property values in room for sixteen: ≈ 390 bytes
    /// per loaded order). Room for as many elements as the last array of the same element type is reserved up front,
    /// so an array as long as the previous one (the common case: every order has the same properties) is allocated
    /// once; any other is copied into an exact allocation at the end.
    private mutating func array<Element>(_ element: (inout FastStateReader) -> Element?) -> [Element]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var elements: [Element] = []
        if consume(UInt8(ascii: "]")) { return elements }
        let type = ObjectIdentifier(Element.self)
        let expected = lastLength(of: type)
        if expected > 0 { elements.reserveCapacity(expected) }
        repeat {
            guard let value = element(&self) else { return nil }
            elements.append(value)
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { return nil }
        let count = elements.count
        remember(count, of: type)
        guard count != expected else { return elements }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: elements)
        }
    }

    /// The length of the last array read per element type (a handful of types: a linear search).
    private var lastLengths: [(type: ObjectIdentifier, count: Int)] = []

    private func lastLength(of type: ObjectIdentifier) -> Int {
        for entry in lastLengths where entry.type == type { return entry.count }
        return 0
    }

    private mutating func remember(_ count: Int, of type: ObjectIdentifier) {
        for position in lastLengths.indices where lastLengths[position].type == type {
            lastLengths[position].count = count
            return
        }
        lastLengths.append((type, count))
    }

    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < 100, index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"):
            guard consume(UInt8(ascii: "{")) else { return false }
            if consume(UInt8(ascii: "}")) { return true }
            repeat {
                guard string() != nil, consume(UInt8(ascii: ":")), skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            guard consume(UInt8(ascii: "[")) else { return false }
            if consume(UInt8(ascii: "]")) { return true }
            repeat {
                guard skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        default:
            // A literal or number: up to the next structural byte (the general parser checks the syntax).
            let start = index
            while index < bytes.count,
                ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index])
            {
                index += 1
            }
            return index > start && JSONParserCheck.isScalar(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        }
    }

    // MARK: Values

    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var escaped = false
        while true {
            index = Self.quoteOrBackslash(in: bytes, from: index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\\") else { break }
            escaped = true
            index += 2
        }
        guard index < bytes.count else { return nil }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        guard escaped else { return Self.validString(raw) }
        var unescaped: [UInt8] = []
        var position = 0
        while position < raw.count {
            var byte = raw[position]
            if byte == UInt8(ascii: "\\") {
                position += 1
                switch raw[position] {
                case UInt8(ascii: "n"): byte = 0x0A
                case UInt8(ascii: "r"): byte = 0x0D
                case UInt8(ascii: "t"): byte = 0x09
                case UInt8(ascii: "b"): byte = 0x08
                case UInt8(ascii: "f"): byte = 0x0C
                case UInt8(ascii: "u"):
                    // Only the writer's own spelling of a control character, `\u00XX` below 0x20; any other
                    // `\uXXXX` (all four digits count) takes the general road.
                    guard position + 4 < raw.count, raw[position + 1] == UInt8(ascii: "0"),
                        raw[position + 2] == UInt8(ascii: "0"),
                        let value = Self.hexByte(raw[position + 3], raw[position + 4]), value < 0x20
                    else { return nil }
                    byte = value
                    position += 4
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte = raw[position]
                default: return nil  // any other escape takes the general road, which accepts or names it
                }
            }
            unescaped.append(byte)
            position += 1
        }
        return unescaped.withUnsafeBufferPointer { Self.validString($0) }
    }

    /// The string of `raw` when it is valid UTF-8, else nil (as `String(validating:as:)`, whose generic form is
    /// slower): decoding repairs invalid input, so the result spells the same bytes exactly when the input was valid.
    static func validString(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        // ASCII is valid UTF-8 as it is: no comparison needed (checked eight bytes at a time).
        if let base = raw.baseAddress {
            var position = 0
            var high: UInt64 = 0
            while raw.count - position >= 8 {
                high |= UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                position += 8
            }
            while position < raw.count {
                high |= UInt64(raw[position])
                position += 1
            }
            if high & 0x8080_8080_8080_8080 == 0 { return String(decoding: raw, as: UTF8.self) }
        }
        var text = String(decoding: raw, as: UTF8.self)
        let same = text.withUTF8 { utf8 in
            utf8.count == raw.count && (raw.isEmpty || memcmp(utf8.baseAddress!, raw.baseAddress!, raw.count) == 0)
        }
        return same ? text : nil
    }

    /// The position of the first `"` or `\\` at or after `start`, or the end; eight bytes at a time (a byte equal to
    /// either makes its lane of `word ^ pattern` zero, and the lowest zero lane is found exactly).
    static func quoteOrBackslash(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while bytes.count - position >= 8 {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let quotes = word ^ (ones &* 0x22)
                let backslashes = word ^ (ones &* 0x5C)
                let found =
                    ((quotes &- ones) & ~quotes & highs) | ((backslashes &- ones) & ~backslashes & highs)
                if found != 0 { return position + found.trailingZeroBitCount / 8 }
                position += 8
            }
        }
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
            position += 1
        }
        return position
    }

    /// A hash of `raw` for the shared-strings table (eight bytes at a time; not stored anywhere).
    static func hash(_ raw: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var position = 0
        if let base = raw.baseAddress {
            while raw.count - position >= 8 {
                hash =
                    (hash ^ UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
                hash ^= hash >> 29
                position += 8
            }
        }
        while position < raw.count {
            hash = (hash ^ UInt64(raw[position])) &* 0x100_0000_01b3
            position += 1
        }
        return hash ^ (hash >> 32)
    }

    /// A string that many orders repeat (product, delivery and pay-system names, property values): one shared `String`
    /// per distinct spelling instead of a heap string per order.
    ///
    /// Equal values either way.
    private mutating func sharedString() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let end = Self.quoteOrBackslash(in: bytes, from: index + 1)
        let count = end - index - 1
        // Escapes, short strings (stored inline, no allocation) and long ones take the ordinary road.
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), count > 15, count <= 256 else { return string() }
        let raw = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
        if shared.isEmpty { shared = [String?](repeating: nil, count: 8192) }
        let hash = Self.hash(raw)
        let mask = shared.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<8 {
            guard var existing = shared[slot] else {
                guard let text = Self.validString(raw) else { return nil }
                if sharedCount < shared.count / 2 {
                    shared[slot] = text
                    sharedCount += 1
                }
                index = end + 1
                return text
            }
            let same = existing.withUTF8 { utf8 in
                utf8.count == raw.count && memcmp(utf8.baseAddress!, raw.baseAddress!, raw.count) == 0
            }
            if same {
                index = end + 1
                return existing
            }
            slot = (slot + 1) & mask
        }
        guard let text = Self.validString(raw) else { return nil }
        index = end + 1
        return text
    }

    private mutating func int() -> Int? {
        let negative = consume(UInt8(ascii: "-"))
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            guard index - start < 18 else { return literal(from: negative ? start - 1 : start)?.int }
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        guard index > start, index == start + 1 || bytes[start] != 0x30,
            index == bytes.count
                || (bytes[index] != UInt8(ascii: ".") && bytes[index] != UInt8(ascii: "e")
                    && bytes[index] != UInt8(ascii: "E"))
        else { return literal(from: negative ? start - 1 : start)?.int }
        return negative ? -value : value
    }

    private mutating func bool() -> Bool? {
        if bytes.count - index >= 4, bytes[index] == UInt8(ascii: "t"), bytes[index + 1] == UInt8(ascii: "r"),
            bytes[index + 2] == UInt8(ascii: "u"), bytes[index + 3] == UInt8(ascii: "e")
        {
            index += 4
            return true
        }
        if bytes.count - index >= 5, bytes[index] == UInt8(ascii: "f"), bytes[index + 1] == UInt8(ascii: "a"),
            bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "s"),
            bytes[index + 4] == UInt8(ascii: "e")
        {
            index += 5
            return false
        }
        return nil
    }

    /// An amount (money, quantity): the JSON number at the index (``SaleJSON/JSONNumber/extent(in:from:)``) read by
    /// the one amount parser, ``SaleMoney/Amount/init(parsing:)``, in place; nil when it is not JSON number syntax or
    /// not an amount (more than four decimal places, beyond `decimal(18,4)`).
    private mutating func amount() -> Amount? {
        guard index < bytes.count, case .end(let end) = JSONNumber.extent(in: bytes, from: index) else { return nil }
        defer { index = end }
        return try? Amount(parsing: UnsafeBufferPointer(rebasing: bytes[index..<end]))
    }

    /// The number literal starting at `start` (the index moves past it), checked as JSON; nil when invalid.
    private mutating func literal(from start: Int) -> JSONNumber? {
        index = start
        while index < bytes.count, "-+.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
        let span = UnsafeBufferPointer(rebasing: bytes[start..<index])
        guard case .number(let number)? = try? JSONParser(maxDepth: 1).parse(span) else { return nil }
        return number
    }

    /// Dates as the writer spells them (`2025-10-20T05:00:00.123Z`, any milliseconds) directly from the file's bytes
    /// (``SaleJSON/JSONDates/exactDate(_:)``, no string), any other spelling through ``SaleJSON/JSONDates/date(_:)``,
    /// as the general road reads them.
    private mutating func date() -> Date? {
        if bytes.count - index >= 26, bytes[index] == 0x22, bytes[index + 25] == 0x22,
            let date = JSONDates.exactDate(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(index + 25)]))
        {
            index += 26
            return date
        }
        guard let text = string() else { return nil }
        return JSONDates.date(text)
    }

    private mutating func optionalNull() -> Bool {
        guard bytes.count - index >= 4, bytes[index] == UInt8(ascii: "n") else { return false }
        index += 4
        return bytes[index - 3] == UInt8(ascii: "u") && bytes[index - 2] == UInt8(ascii: "l")
            && bytes[index - 1] == UInt8(ascii: "l")
    }

    private mutating func fields() -> [String: String]? {
        var result: [String: String] = [:]
        guard consume(UInt8(ascii: "{")) else { return nil }
        if consume(UInt8(ascii: "}")) { return result }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")), let value = string() else { return nil }
            result[key] = value
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}")) ? result : nil
    }

    // MARK: Types

    private mutating func lastIds() -> [IdKind: Int]? {
        var result: [IdKind: Int] = [:]
        guard consume(UInt8(ascii: "{")) else { return nil }
        if consume(UInt8(ascii: "}")) { return result }
        repeat {
            guard let name = string(), let kind = IdKind(rawValue: name), consume(UInt8(ascii: ":")),
                let value = int()
            else { return nil }
            result[kind] = value
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}")) ? result : nil
    }

    private mutating func idempotency() -> IdempotencyRecord? {
        var fingerprint: IdempotencyFingerprint?
        var key: String?
        var orderId: Int?
        let ok = object(IdempotencyRecordField.schema.keys) { reader, member in
            switch IdempotencyRecordField.schema.field(member) {
            case .fingerprint:
                fingerprint = reader.fingerprint()
                return fingerprint != nil
            case .key:
                key = reader.string()
                return key != nil
            case .orderId:
                orderId = reader.int()
                return orderId != nil
            }
        }
        guard ok, let fingerprint, let key, let orderId else { return nil }
        return IdempotencyRecord(key: key, orderId: orderId, fingerprint: fingerprint)
    }

    /// A fingerprint: `"sha256:` + 64 lower-case hex digits + `"` straight from the bytes into the raw digest (no
    /// 71-byte string to allocate and parse again), any other string as ``BitrixSale/IdempotencyFingerprint/init(_:)``
    /// reads it (which gives the same value for the digest spelling).
    private mutating func fingerprint() -> IdempotencyFingerprint? {
        if bytes.count - index >= 73, bytes[index] == UInt8(ascii: "\""), bytes[index + 72] == UInt8(ascii: "\""),
            memcmp(bytes.baseAddress! + index + 1, "sha256:", 7) == 0,
            let words = Self.hexWords(UnsafeBufferPointer(rebasing: bytes[(index + 8)..<(index + 72)]))
        {
            index += 73
            return IdempotencyFingerprint(sha256: words)
        }
        return string().map { IdempotencyFingerprint($0) }
    }

    /// 64 lower-case hex digits as four big-endian 64-bit words, or nil when any byte is not one.
    static func hexWords(_ digits: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64)? {
        guard digits.count == 64 else { return nil }
        func word(_ start: Int) -> UInt64? {
            var value: UInt64 = 0
            for position in start..<(start + 16) {
                let byte = digits[position]
                let nibble: UInt8
                if byte &- 0x30 < 10 {
                    nibble = byte &- 0x30
                } else if byte &- 0x61 < 6 {
                    nibble = byte &- 0x57
                } else {
                    return nil
                }
                value = value << 4 | UInt64(nibble)
            }
            return value
        }
        guard let a = word(0), let b = word(16), let c = word(32), let d = word(48) else { return nil }
        return (a, b, c, d)
    }

    private mutating func user() -> UserAccount? {
        var id: Int?
        var name: String?
        var phone: String?
        var login: String?
        var email: String?
        let ok = object(UserAccountField.schema.keys) { reader, member in
            switch UserAccountField.schema.field(member) {
            case .email:
                email = reader.string()
                return email != nil
            case .id:
                id = reader.int()
                return id != nil
            case .login:
                login = reader.string()
                return login != nil
            case .name:
                name = reader.string()
                return name != nil
            case .phone:
                phone = reader.string()
                return phone != nil
            }
        }
        guard ok, let id, let name, let phone else { return nil }
        return UserAccount(id: id, phone: phone, name: name, login: login, email: email)
    }

    private mutating func product() -> Product? {
        var id: Int?
        var name: String?
        var price: Amount?
        var currency: String?
        var active: Bool?
        var images: [String]?
        var owner: String?
        var properties: [String: String]?
        var valid = true
        let ok = object(ProductField.schema.keys) { reader, member in
            switch ProductField.schema.field(member) {
            case .active:
                active = reader.bool()
                return active != nil
            case .currency:
                currency = reader.string()
                return currency != nil
            case .id:
                id = reader.int()
                return id != nil
            case .imagesUrls:
                images = reader.array { $0.string() }
                return images != nil
            case .name:
                name = reader.string()
                return name != nil
            case .owner:
                if reader.optionalNull() { return true }
                owner = reader.string()
                valid = owner != nil
                return valid
            case .price:
                price = reader.amount()
                return price != nil
            case .properties:
                properties = reader.fields()
                return properties != nil
            }
        }
        guard ok, valid, let id, let name, let price, let currency else { return nil }
        return Product(
            id: id,
            name: name,
            price: price,
            currency: currency,
            active: active ?? true,
            imagesUrls: images ?? [],
            owner: owner,
            properties: properties ?? [:]
        )
    }

    private mutating func propertyValue() -> PropertyValue? {
        var code: String = ""
        var id: Int?
        var propertyId: Int = 0
        var value: String?
        let ok = object(PropertyValueField.schema.keys) { reader, member in
            switch PropertyValueField.schema.field(member) {
            // Codes come from the site's few properties (`RAILWAY_ORDER_ID` is 16 bytes: a heap string per order).
            case .code: return reader.sharedString().map { code = $0 } != nil
            case .id:
                id = reader.int()
                return id != nil
            case .name: return reader.string() != nil  // `name`, written before it was derived from the site: ignored
            case .propertyId: return reader.int().map { propertyId = $0 } != nil
            case .value:
                value = reader.sharedString()
                return value != nil
            }
        }
        guard ok else { return nil }
        return PropertyValue(restoring: propertyId, code: code, value: value, id: id)
    }

    private mutating func shipmentItem() -> ShipmentItem? {
        var basketCode: Int = 0
        var id: Int?
        var quantity: Amount = 0
        let ok = object(ShipmentItemField.schema.keys) { reader, member in
            switch ShipmentItemField.schema.field(member) {
            case .basketCode: return reader.int().map { basketCode = $0 } != nil
            case .id:
                id = reader.int()
                return id != nil
            case .quantity: return reader.amount().map { quantity = $0 } != nil
            }
        }
        guard ok else { return nil }
        return ShipmentItem(restoring: basketCode, quantity: quantity, id: id)
    }

    private mutating func payment() -> Payment? {
        var accountNumber: String?
        var code: Int = 0
        var currency: String?
        var datePaid: Date?
        var id: Int?
        var isReturn: Bool = false
        var otherFields: [String: String] = [:]
        var paid: Bool = false
        var paySystemId: Int = 0
        var paySystemName: String?
        var sum: Amount = 0
        var sumChangedByHand: Bool = false
        var xmlId: String = ""
        let ok = object(PaymentField.schema.keys) { reader, member in
            switch PaymentField.schema.field(member) {
            case .accountNumber:
                accountNumber = reader.string()
                return accountNumber != nil
            case .code: return reader.int().map { code = $0 } != nil
            case .currency:
                currency = reader.string()
                return currency != nil
            case .datePaid:
                datePaid = reader.date()
                return datePaid != nil
            case .id:
                id = reader.int()
                return id != nil
            case .isReturn: return reader.bool().map { isReturn = $0 } != nil
            case .otherFields: return reader.fields().map { otherFields = $0 } != nil
            case .paid: return reader.bool().map { paid = $0 } != nil
            case .paySystemId: return reader.int().map { paySystemId = $0 } != nil
            case .paySystemName:
                paySystemName = reader.sharedString()
                return paySystemName != nil
            case .sum: return reader.amount().map { sum = $0 } != nil
            case .sumChangedByHand: return reader.bool().map { sumChangedByHand = $0 } != nil
            case .xmlId: return reader.string().map { xmlId = $0 } != nil
            }
        }
        guard ok else { return nil }
        return Payment(
            code: code,
            id: id,
            paySystemId: paySystemId,
            paySystemName: paySystemName,
            sum: sum,
            sumChangedByHand: sumChangedByHand,
            paid: paid,
            datePaid: datePaid,
            currency: currency,
            isReturn: isReturn,
            accountNumber: accountNumber,
            xmlId: xmlId,
            otherFields: otherFields
        )
    }

    private mutating func basketItemProperty() -> BasketItemProperty? {
        var code = ""
        var name = ""
        var sort = 0
        var value = ""
        let ok = object(BasketItemPropertyField.schema.keys) { reader, member in
            switch BasketItemPropertyField.schema.field(member) {
            case .code: return reader.string().map { code = $0 } != nil
            case .name: return reader.string().map { name = $0 } != nil
            case .sort: return reader.int().map { sort = $0 } != nil
            case .value: return reader.string().map { value = $0 } != nil
            }
        }
        guard ok else { return nil }
        return BasketItemProperty(name: name, code: code, value: value, sort: sort)
    }

    private mutating func basketItem() -> BasketItem? {
        var basePrice: Amount = 0
        var canBuy: Bool = false
        var code: Int = 0
        var currency: String?
        var customPrice: Bool = false
        var delay: Bool = false
        var discountPrice: Amount = 0
        var id: Int?
        var moduleId: String = ""
        var name: String = ""
        var otherFields: [String: String] = [:]
        var price: Amount = 0
        var priceSetByHand: Bool = false
        var productId: Int = 0
        var productProviderClass: String?
        var properties: [BasketItemProperty]?
        var quantity: Amount = 0
        var sort: Int = 0
        var xmlId: String = ""
        let ok = object(BasketItemField.schema.keys) { reader, member in
            switch BasketItemField.schema.field(member) {
            case .basePrice: return reader.amount().map { basePrice = $0 } != nil
            case .canBuy: return reader.bool().map { canBuy = $0 } != nil
            case .code: return reader.int().map { code = $0 } != nil
            case .currency:
                currency = reader.string()
                return currency != nil
            case .customPrice: return reader.bool().map { customPrice = $0 } != nil
            case .delay: return reader.bool().map { delay = $0 } != nil
            case .discountPrice: return reader.amount().map { discountPrice = $0 } != nil
            case .id:
                id = reader.int()
                return id != nil
            case .moduleId: return reader.sharedString().map { moduleId = $0 } != nil
            case .name: return reader.sharedString().map { name = $0 } != nil
            case .otherFields: return reader.fields().map { otherFields = $0 } != nil
            case .price: return reader.amount().map { price = $0 } != nil
            case .priceSetByHand: return reader.bool().map { priceSetByHand = $0 } != nil
            case .productId: return reader.int().map { productId = $0 } != nil
            case .productProviderClass:
                productProviderClass = reader.sharedString()
                return productProviderClass != nil
            case .properties:
                properties = reader.array { $0.basketItemProperty() }
                return properties != nil
            case .quantity: return reader.amount().map { quantity = $0 } != nil
            case .sort: return reader.int().map { sort = $0 } != nil
            case .xmlId: return reader.string().map { xmlId = $0 } != nil
            }
        }
        guard ok else { return nil }
        return BasketItem(
            code: code,
            id: id,
            moduleId: moduleId,
            productId: productId,
            name: name,
            quantity: quantity,
            price: price,
            basePrice: basePrice,
            discountPrice: discountPrice,
            customPrice: customPrice,
            currency: currency,
            canBuy: canBuy,
            delay: delay,
            productProviderClass: productProviderClass,
            sort: sort,
            xmlId: xmlId,
            otherFields: otherFields,
            priceSetByHand: priceSetByHand,
            properties: properties
        )
    }

    private mutating func shipment() -> Shipment? {
        var accountNumber: String?
        var allowDelivery: Bool = false
        var basePriceDelivery: Amount = 0
        var canceled: Bool = false
        var code: Int = 0
        var customPriceDelivery: Bool = false
        var deducted: Bool = false
        var deliveryId: Int = 0
        var deliveryName: String = ""
        var discountPrice: Amount = 0
        var id: Int?
        var items: [ShipmentItem] = []
        var marked: Bool = false
        var otherFields: [String: String] = [:]
        var priceDelivery: Amount = 0
        var priceSetByHand: Bool = false
        var reasonMarked: String?
        var statusId: String = ""
        var xmlId: String = ""
        let ok = object(ShipmentField.schema.keys) { reader, member in
            switch ShipmentField.schema.field(member) {
            case .accountNumber:
                accountNumber = reader.string()
                return accountNumber != nil
            case .allowDelivery: return reader.bool().map { allowDelivery = $0 } != nil
            case .basePriceDelivery: return reader.amount().map { basePriceDelivery = $0 } != nil
            case .canceled: return reader.bool().map { canceled = $0 } != nil
            case .code: return reader.int().map { code = $0 } != nil
            case .customPriceDelivery: return reader.bool().map { customPriceDelivery = $0 } != nil
            case .deducted: return reader.bool().map { deducted = $0 } != nil
            case .deliveryId: return reader.int().map { deliveryId = $0 } != nil
            case .deliveryName: return reader.sharedString().map { deliveryName = $0 } != nil
            case .discountPrice: return reader.amount().map { discountPrice = $0 } != nil
            case .id:
                id = reader.int()
                return id != nil
            case .items: return reader.array { $0.shipmentItem() }.map { items = $0 } != nil
            case .marked: return reader.bool().map { marked = $0 } != nil
            case .otherFields: return reader.fields().map { otherFields = $0 } != nil
            case .priceDelivery: return reader.amount().map { priceDelivery = $0 } != nil
            case .priceSetByHand: return reader.bool().map { priceSetByHand = $0 } != nil
            case .reasonMarked:
                reasonMarked = reader.string()
                return reasonMarked != nil
            case .statusId: return reader.string().map { statusId = $0 } != nil
            case .xmlId: return reader.string().map { xmlId = $0 } != nil
            }
        }
        guard ok else { return nil }
        return Shipment(
            code: code,
            id: id,
            deliveryId: deliveryId,
            deliveryName: deliveryName,
            statusId: statusId,
            basePriceDelivery: basePriceDelivery,
            priceDelivery: priceDelivery,
            discountPrice: discountPrice,
            customPriceDelivery: customPriceDelivery,
            allowDelivery: allowDelivery,
            deducted: deducted,
            canceled: canceled,
            marked: marked,
            reasonMarked: reasonMarked,
            accountNumber: accountNumber,
            xmlId: xmlId,
            items: items,
            otherFields: otherFields,
            priceSetByHand: priceSetByHand
        )
    }

    private mutating func order() -> OrderData? {
        var accountNumber: String?
        var basket: [BasketItem] = []
        var canceled: Bool = false
        var comments: String?
        var currency: String?
        var dateCanceled: Date?
        var dateInsert: Date?
        var dateStatus: Date?
        var dateUpdate: Date?
        var id: Int?
        var manualPrice: Amount?
        var marked: Bool = false
        var nextCode: Int = 0
        var otherFields: [String: String] = [:]
        var payments: [Payment] = []
        var personTypeId: Int?
        var properties: [PropertyValue]?
        var reasonMarked: String?
        var shipments: [Shipment] = []
        var siteId: String = ""
        var statusId: String = ""
        var systemShipmentAccountNumber: String?
        var systemShipmentId: Int?
        var userDescription: String?
        var userIdText: String?
        var version: Int = 0
        var xmlId: String = ""
        let ok = object(OrderField.schema.keys) { reader, member in
            switch OrderField.schema.field(member) {
            case .accountNumber:
                accountNumber = reader.string()
                return accountNumber != nil
            case .basket: return reader.array { $0.basketItem() }.map { basket = $0 } != nil
            case .canceled: return reader.bool().map { canceled = $0 } != nil
            case .comments:
                comments = reader.string()
                return comments != nil
            case .currency:
                currency = reader.string()
                return currency != nil
            case .dateCanceled:
                dateCanceled = reader.date()
                return dateCanceled != nil
            case .dateInsert:
                dateInsert = reader.date()
                return dateInsert != nil
            case .dateStatus:
                dateStatus = reader.date()
                return dateStatus != nil
            case .dateUpdate:
                dateUpdate = reader.date()
                return dateUpdate != nil
            case .id:
                id = reader.int()
                return id != nil
            case .manualPrice:
                manualPrice = reader.amount()
                return manualPrice != nil
            case .marked: return reader.bool().map { marked = $0 } != nil
            case .nextCode: return reader.int().map { nextCode = $0 } != nil
            case .otherFields: return reader.fields().map { otherFields = $0 } != nil
            case .payments: return reader.array { $0.payment() }.map { payments = $0 } != nil
            case .personTypeId:
                personTypeId = reader.int()
                return personTypeId != nil
            case .properties:
                properties = reader.array { $0.propertyValue() }
                return properties != nil
            case .reasonMarked:
                reasonMarked = reader.string()
                return reasonMarked != nil
            case .shipments: return reader.array { $0.shipment() }.map { shipments = $0 } != nil
            case .siteId: return reader.string().map { siteId = $0 } != nil
            case .statusId: return reader.string().map { statusId = $0 } != nil
            case .systemShipmentAccountNumber:
                systemShipmentAccountNumber = reader.string()
                return systemShipmentAccountNumber != nil
            case .systemShipmentId:
                systemShipmentId = reader.int()
                return systemShipmentId != nil
            case .userDescription:
                userDescription = reader.sharedString()  // often one text repeated (a form's default comment)
                return userDescription != nil
            case .userIdText:
                userIdText = reader.string()
                return userIdText != nil
            case .version: return reader.int().map { version = $0 } != nil
            case .xmlId: return reader.string().map { xmlId = $0 } != nil
            }
        }
        guard ok else { return nil }
        return OrderData(
            id: id,
            siteId: siteId,
            userIdText: userIdText,
            currency: currency,
            personTypeId: personTypeId,
            statusId: statusId,
            canceled: canceled,
            marked: marked,
            reasonMarked: reasonMarked,
            accountNumber: accountNumber,
            xmlId: xmlId,
            dateInsert: dateInsert,
            dateUpdate: dateUpdate,
            dateStatus: dateStatus,
            dateCanceled: dateCanceled,
            userDescription: userDescription,
            comments: comments,
            manualPrice: manualPrice,
            otherFields: otherFields,
            basket: basket,
            shipments: shipments,
            payments: payments,
            properties: properties,
            systemShipmentId: systemShipmentId,
            systemShipmentAccountNumber: systemShipmentAccountNumber,
            version: version,
            nextCode: nextCode
        )
    }
}

/// The member names of one type in sorted order; lookups start where the last match was, so members in sorted
/// order (the canonical layout) are found with one or two comparisons.
struct KeyTable: Sendable {
    /// Every key's bytes, one after the other (one buffer: no array per key to retain on each lookup).
    private let flat: [UInt8]
    /// Key `i` is `flat[starts[i] ..< starts[i + 1]]`.
    private let starts: [Int]
    /// The key with a given signature (length, first and last byte; see ``signature(_:_:_:)``): 0 when no key has
    /// it, `i + 1` for key `i` when only it has it, -1 when several do (then the keys are searched in turn).
    private let bySignature: [Int16]

    init(_ names: [String]) {
        var flat: [UInt8] = []
        var starts = [0]
        var bySignature = [Int16](repeating: 0, count: 1024)
        for (index, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            flat += bytes
            starts.append(flat.count)
            let slot = Self.signature(bytes.count, bytes.first ?? 0, bytes.last ?? 0)
            bySignature[slot] = bySignature[slot] == 0 ? Int16(index + 1) : -1
        }
        self.flat = flat
        self.starts = starts
        self.bySignature = bySignature
    }

    /// How many keys the table holds.
    var count: Int { starts.count - 1 }

    private static func signature(_ count: Int, _ first: UInt8, _ last: UInt8) -> Int {
        (count &* 37 &+ Int(first) &* 11 &+ Int(last)) & 1023
    }

    /// The index of `key`, or nil when it is none of the table's keys: straight from its signature when that names
    /// one key, else trying `hint` first and then the keys after it (wrapping round).
    func find(_ key: UnsafeBufferPointer<UInt8>, hint: inout Int) -> Int? {
        let count = self.count
        guard count > 0 else { return nil }
        return flat.withUnsafeBufferPointer { flat in
            starts.withUnsafeBufferPointer { starts in
                func matches(_ candidate: Int) -> Bool {
                    let start = starts[candidate]
                    let length = starts[candidate + 1] - start
                    return length == key.count
                        && (length == 0 || memcmp(flat.baseAddress! + start, key.baseAddress!, length) == 0)
                }
                if !key.isEmpty {
                    let known = bySignature[Self.signature(key.count, key[0], key[key.count - 1])]
                    if known == 0 { return nil }
                    if known > 0 {
                        guard matches(Int(known) - 1) else { return nil }
                        hint = Int(known)
                        return Int(known) - 1
                    }
                }
                var candidate = hint < count ? hint : 0
                for _ in 0..<count {
                    if matches(candidate) {
                        hint = candidate + 1
                        return candidate
                    }
                    candidate = candidate + 1 == count ? 0 : candidate + 1
                }
                return nil
            }
        }
    }

    static let payload = KeyTable(["idempotency", "lastIds", "orders", "products", "users"])
    static let record = KeyTable(["deletedOrderIds", "idempotencyRecords", "lastIds", "orders", "products", "users"])
}

/// Syntax of a scalar skipped as an unknown member's value.
enum JSONParserCheck {
    static func isScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let value = try? JSONParser(maxDepth: 1).parse(bytes) else { return false }
        switch value {
        case .array, .object: return false
        default: return true
        }
    }
}
