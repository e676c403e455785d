/// Idempotency records by key, compact: the records in one dense array (each holds its key) and an open-addressing
/// index of 32-bit positions into it, instead of a dictionary that stores every key twice (as the key and inside the
/// record) in 2–2.6 buckets per record.
///
/// At 100,000 records: ≈ 64 bytes per record plus 4 bytes per index slot, against ≈ 210 bytes per record for
/// `[String: IdempotencyRecord]`. The index is probed linearly and kept at most half full; a removal moves the last
/// record into the hole and shifts the probe run back (no tombstones), so lookups stay short whatever the history.
///
/// Equality and hashing see only the set of records: their order in the array (which removals change) does not count.
public struct IdempotencyTable: Sendable, Hashable {
    /// The records, in no particular order.
    private var records: [IdempotencyRecord] = []
    /// Index slots: 0 is empty, `n` is `records[n - 1]`; the count is a power of two (or zero).
    private var slots: [Int32] = []

    /// An empty table.
    public init() {}

    /// How many records the table holds.
    public var count: Int { records.count }
    /// Whether the table holds no record.
    public var isEmpty: Bool { records.isEmpty }
    /// The keys, in no particular order (O(n)).
    public var keys: [String] { records.map(\.key) }
    /// The records, in no particular order.
    public var values: [IdempotencyRecord] { records }

    /// The record bound to `key`, or nil.
    public subscript(key: String) -> IdempotencyRecord? {
        guard let position = position(of: key) else { return nil }
        return records[position]
    }

    /// Binds `record` under its own key; returns the record it replaced, if any.
    @discardableResult
    public mutating func updateValue(_ record: IdempotencyRecord) -> IdempotencyRecord? {
        if let position = position(of: record.key) {
            let old = records[position]
            records[position] = record
            return old
        }
        if (records.count + 1) * 2 > slots.count { resize(toHold: records.count + 1) }
        records.append(record)
        insertSlot(Int32(records.count), hash: record.key.hashValue)
        return nil
    }

    /// Removes the record bound to `key`; returns it, or nil when there was none.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> IdempotencyRecord? {
        guard let found = slot(of: key) else { return nil }
        let position = Int(slots[found]) - 1
        removeSlot(found)
        let removed = records[position]
        let last = records.count - 1
        if position != last {
            // The last record fills the hole; its slot now points there.
            let moved = records[last]
            records[position] = moved
            if let movedSlot = slot(of: moved.key) { slots[movedSlot] = Int32(position + 1) }
        }
        records.removeLast()
        return removed
    }

    /// Room for `minimumCapacity` records without growing.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        records.reserveCapacity(minimumCapacity)
        if minimumCapacity * 2 > slots.count { resize(toHold: minimumCapacity) }
    }

    /// Equal when both hold the same records.
    public static func == (left: IdempotencyTable, right: IdempotencyTable) -> Bool {
        left.count == right.count && left.records.allSatisfy { right[$0.key] == $0 }
    }

    /// Hashes the records whatever their order (a sum of their hashes).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        var sum = 0
        for record in records { sum &+= record.hashValue }
        hasher.combine(sum)
    }

    // MARK: Index

    private var mask: Int { slots.count - 1 }

    /// The index slot holding `key`'s position, or nil.
    private func slot(of key: String) -> Int? {
        guard !slots.isEmpty else { return nil }
        var slot = key.hashValue & mask
        while slots[slot] != 0 {
            if records[Int(slots[slot]) - 1].key == key { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The position in ``records`` of `key`'s record, or nil.
    private func position(of key: String) -> Int? { slot(of: key).map { Int(slots[$0]) - 1 } }

    /// Puts `value` in the first empty slot of the probe run that starts at `hash`.
    private mutating func insertSlot(_ value: Int32, hash: Int) {
        LinearProbing.insert(value, home: hash, into: &slots)
    }

    /// Empties `slot` and moves later members of its probe run back (``LinearProbing/remove(at:from:home:)``).
    private mutating func removeSlot(_ slot: Int) {
        let records = records
        LinearProbing.remove(at: slot, from: &slots) { records[Int($0) - 1].key.hashValue }
    }

    /// Rebuilds the index with at least twice `count` slots.
    private mutating func resize(toHold count: Int) {
        let size = LinearProbing.size(toHold: count)
        guard size > slots.count else { return }
        slots = [Int32](repeating: 0, count: size)
        for (position, record) in records.enumerated() {
            insertSlot(Int32(position + 1), hash: record.key.hashValue)
        }
    }
}
