/// Ids by a string their records hold (an order's account number, a customer account's phone), without keeping the
/// strings: an open-addressing table of 64-bit slots, each the key's 32-bit hash and the id, the key itself read back
/// from the record (through the `key` closure every operation takes) to confirm a match.
///
/// At 100,000 entries: 8 bytes per slot, at most half full (≈ 21 bytes per entry), against ≈ 63 bytes for a
/// `[String: Int]` grown by doubling. Ids outside `0 ..< 2^32 - 1` (only an imported state could hold them) are kept
/// in a dictionary beside the slots.
///
/// The caller keeps it in step with its records: an entry is removed while its record still holds the key (before
/// the record changes or goes), so the key read back always matches. It behaves as the dictionary it replaces: setting
/// a key another id holds moves the key to the new id, removing a key removes it whoever holds it.
///
/// Equality and hashing see the set of ids (what each id's key is lies in the records, which the owning state compares
/// as well), not the slots' order.
struct KeyIndex: Sendable, Hashable {
    /// 0 is empty; otherwise the key's hash in the high 32 bits and the id + 1 in the low 32 bits.
    private var slots: [UInt64] = []
    /// Keys whose ids do not fit a slot.
    private var outliers: [String: Int] = [:]
    /// How many keys the slots hold.
    private var slotCount = 0

    /// An empty index.
    init() {}

    /// How many keys the index holds.
    var count: Int { slotCount + outliers.count }

    /// The id holding `text`, or nil.
    func id(for text: String, key: (Int) -> String?) -> Int? {
        if !outliers.isEmpty, let id = outliers[text] { return id }
        return slot(for: text, key: key).map { Self.id(slots[$0]) }
    }

    /// Binds `text` to `id` (moving it from any other id).
    mutating func set(_ text: String, id: Int, key: (Int) -> String?) {
        guard id >= 0, id < Int(UInt32.max) else {
            remove(text, key: key)
            outliers[text] = id
            return
        }
        if !outliers.isEmpty { outliers[text] = nil }
        let hash = Self.hash(text)
        let packed = UInt64(hash) << 32 | UInt64(id + 1)
        if let found = slot(for: text, key: key) {
            slots[found] = packed
            return
        }
        if (slotCount + 1) * 2 > slots.count { resize(toHold: slotCount + 1) }
        insert(packed)
        slotCount += 1
    }

    /// Unbinds `text` (while the record holding it still does).
    mutating func remove(_ text: String, key: (Int) -> String?) {
        if !outliers.isEmpty, outliers.removeValue(forKey: text) != nil { return }
        guard let found = slot(for: text, key: key) else { return }
        removeSlot(found)
        slotCount -= 1
    }

    /// Room for `minimumCapacity` keys without growing.
    mutating func reserveCapacity(_ minimumCapacity: Int) {
        if minimumCapacity * 2 > slots.count { resize(toHold: minimumCapacity) }
    }

    /// Every (id) the index holds, in no particular order.
    var ids: [Int] {
        var ids = slots.compactMap { $0 == 0 ? nil : Self.id($0) }
        ids += outliers.values
        return ids
    }

    /// Equal when both hold the same ids.
    static func == (left: KeyIndex, right: KeyIndex) -> Bool {
        left.count == right.count && left.outliers == right.outliers && left.ids.sorted() == right.ids.sorted()
    }

    /// Hashes the ids whatever their order.
    func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        var sum = 0
        for id in ids { sum &+= id.hashValue }
        hasher.combine(sum)
    }

    // MARK: Slots

    private static func hash(_ text: String) -> UInt32 {
        let full = text.hashValue
        return UInt32(truncatingIfNeeded: full ^ (full >> 32))
    }

    private static func id(_ slot: UInt64) -> Int { Int(slot & 0xFFFF_FFFF) - 1 }

    private var mask: Int { slots.count - 1 }

    private func home(_ slot: UInt64) -> Int { Int(slot >> 32) & mask }

    /// The slot holding `text`, or nil.
    private func slot(for text: String, key: (Int) -> String?) -> Int? {
        guard !slots.isEmpty else { return nil }
        let hash = UInt64(Self.hash(text))
        var position = Int(hash) & mask
        while slots[position] != 0 {
            if slots[position] >> 32 == hash, key(Self.id(slots[position])) == text { return position }
            position = (position + 1) & mask
        }
        return nil
    }

    private mutating func insert(_ packed: UInt64) { LinearProbing.insert(packed, home: home(packed), into: &slots) }

    /// Empties `slot` and moves later members of its probe run back (``LinearProbing/remove(at:from:home:)``).
    private mutating func removeSlot(_ slot: Int) {
        let mask = mask
        LinearProbing.remove(at: slot, from: &slots) { Int($0 >> 32) & mask }
    }

    /// Rebuilds the slots with at least twice `count` of them.
    private mutating func resize(toHold count: Int) {
        let size = LinearProbing.size(toHold: count)
        guard size > slots.count else { return }
        let old = slots
        slots = [UInt64](repeating: 0, count: size)
        for packed in old where packed != 0 { insert(packed) }
    }
}
