/// Values by integer id, stored densely: fixed-size chunks of slots indexed by the id itself, so a lookup is two
/// array reads and n values take about n slots, not the 2–2.6 × n buckets (each with its key) of a dictionary
/// that grew by doubling.
///
/// Made for ids handed out in ascending order from 1 (orders, customer accounts): a removed id leaves a hole (an
/// empty slot); a chunk whose slots are all holes is released. Ids outside `0 ..< denseLimit` (negative ones, or
/// ones far beyond any id handed out, which an imported state may hold) are kept in a dictionary beside the chunks,
/// so every id works.
///
/// Equality and hashing see only the (id, value) pairs: chunk layout and history do not count, so equal states stay
/// equal. Iteration is in ascending id order.
public struct IdTable<Value: Sendable & Hashable>: Sendable, Hashable, Sequence {
    /// Ids per chunk, as a shift: a chunk holds `1 << chunkShift` slots.
    @usableFromInline static var chunkShift: Int { 10 }
    /// Slots per chunk.
    public static var chunkSize: Int { 1 << chunkShift }
    /// Ids from 0 below this are kept in chunks (at most 16,384 of them); any other id in the dictionary beside.
    public static var denseLimit: Int { 1 << 24 }

    /// A run of ``chunkSize`` slots, or none at all (`slots` empty) while none of its ids is present.
    @usableFromInline struct Chunk: Sendable {
        @usableFromInline var slots: [Value?]
        @usableFromInline var count: Int
        @usableFromInline init(slots: [Value?], count: Int) {
            self.slots = slots
            self.count = count
        }
    }

    /// Chunk `k` holds ids `k << chunkShift ..< (k + 1) << chunkShift`; the last one is never empty.
    @usableFromInline var chunks: [Chunk] = []
    /// The values whose ids are outside `0 ..< denseLimit`.
    @usableFromInline var outliers: [Int: Value] = [:]
    /// How many values the table holds.
    public private(set) var count = 0

    /// An empty table.
    public init() {}

    /// Whether the table holds no value.
    public var isEmpty: Bool { count == 0 }

    /// The value for `id`, or nil; setting nil removes it.
    @inlinable
    public subscript(id: Int) -> Value? {
        get {
            guard id >= 0, id < Self.denseLimit else { return outliers[id] }
            let chunk = id >> Self.chunkShift
            guard chunk < chunks.count, !chunks[chunk].slots.isEmpty else { return nil }
            return chunks[chunk].slots[id & (Self.chunkSize - 1)]
        }
        set {
            if let newValue { updateValue(newValue, forKey: id) } else { removeValue(forKey: id) }
        }
    }

    /// Sets the value for `id`; returns the value it replaced, if any.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey id: Int) -> Value? {
        guard id >= 0, id < Self.denseLimit else {
            let old = outliers.updateValue(value, forKey: id)
            if old == nil { count += 1 }
            return old
        }
        let chunk = id >> Self.chunkShift
        if chunk >= chunks.count {
            chunks.append(contentsOf: repeatElement(Chunk(slots: [], count: 0), count: chunk + 1 - chunks.count))
        }
        if chunks[chunk].slots.isEmpty { chunks[chunk].slots = Array(repeating: nil, count: Self.chunkSize) }
        var old: Value? = value
        swap(&old, &chunks[chunk].slots[id & (Self.chunkSize - 1)])
        if old == nil {
            chunks[chunk].count += 1
            count += 1
        }
        return old
    }

    /// Removes the value for `id`; returns it, or nil when there was none.
    @discardableResult
    public mutating func removeValue(forKey id: Int) -> Value? {
        guard id >= 0, id < Self.denseLimit else {
            let old = outliers.removeValue(forKey: id)
            if old != nil { count -= 1 }
            return old
        }
        let chunk = id >> Self.chunkShift
        guard chunk < chunks.count, !chunks[chunk].slots.isEmpty else { return nil }
        var old: Value?
        swap(&old, &chunks[chunk].slots[id & (Self.chunkSize - 1)])
        guard old != nil else { return nil }
        count -= 1
        chunks[chunk].count -= 1
        if chunks[chunk].count == 0 { chunks[chunk].slots = [] }
        while let last = chunks.last, last.slots.isEmpty { chunks.removeLast() }
        return old
    }

    /// Room in the chunk table for ids up to `minimumCapacity` (the chunks themselves are always allocated at their
    /// full, fixed size: nothing grows by doubling).
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        let ids = Swift.min(Swift.max(minimumCapacity, 0), Self.denseLimit)
        chunks.reserveCapacity((ids >> Self.chunkShift) + 1)
    }

    /// The ids, ascending (O(n)).
    public var keys: [Int] { map(\.key) }
    /// The values in ascending id order (O(n)).
    public var values: [Value] { map(\.value) }

    /// Walks the (id, value) pairs in ascending id order.
    public func makeIterator() -> Iterator { Iterator(self) }

    /// The iterator: outliers below 0, then the chunks, then outliers from ``denseLimit`` on.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let table: IdTable
        @usableFromInline let below: [Int]
        @usableFromInline let above: [Int]
        @usableFromInline var belowIndex = 0
        @usableFromInline var aboveIndex = 0
        /// The next id to look at in the chunks.
        @usableFromInline var id = 0

        @usableFromInline init(_ table: IdTable) {
            self.table = table
            let outlierIds = table.outliers.keys.sorted()
            below = outlierIds.filter { $0 < 0 }
            above = outlierIds.filter { $0 >= 0 }
        }

        /// The next (id, value) pair.
        @inlinable
        public mutating func next() -> (key: Int, value: Value)? {
            while belowIndex < below.count {
                let key = below[belowIndex]
                belowIndex += 1
                if let value = table.outliers[key] { return (key, value) }
            }
            let end = table.chunks.count << IdTable.chunkShift
            while id < end {
                let chunk = id >> IdTable.chunkShift
                guard !table.chunks[chunk].slots.isEmpty else {
                    id = (chunk + 1) << IdTable.chunkShift
                    continue
                }
                let key = id
                id += 1
                if let value = table.chunks[chunk].slots[key & (IdTable.chunkSize - 1)] { return (key, value) }
            }
            while aboveIndex < above.count {
                let key = above[aboveIndex]
                aboveIndex += 1
                if let value = table.outliers[key] { return (key, value) }
            }
            return nil
        }
    }

    /// Equal when both hold the same values under the same ids.
    public static func == (left: IdTable, right: IdTable) -> Bool {
        left.count == right.count && left.elementsEqual(right) { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashes the (id, value) pairs in ascending id order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for (id, value) in self {
            hasher.combine(id)
            hasher.combine(value)
        }
    }
}
