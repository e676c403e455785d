/// Linear probing over a power-of-two array of integer slots whose zero value means empty: the insert, the
/// backward-shift removal (no tombstones) and the table size that ``IdempotencyTable`` and ``KeyIndex`` share.
enum LinearProbing {
    /// Puts `value` in the first empty slot of the probe run that starts at `home`.
    static func insert<Slot: FixedWidthInteger>(_ value: Slot, home: Int, into slots: inout [Slot]) {
        let mask = slots.count - 1
        var slot = home & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = value
    }

    /// Empties `slot` and moves later members of its probe run back, so no lookup stops early at the hole; `home`
    /// gives a member's home slot.
    static func remove<Slot: FixedWidthInteger>(at slot: Int, from slots: inout [Slot], home: (Slot) -> Int) {
        let mask = slots.count - 1
        var hole = slot
        var next = (slot + 1) & mask
        while slots[next] != 0 {
            let start = home(slots[next]) & mask
            // The member at `next` may move to the hole when its home is not in the cyclic range (hole, next].
            if (hole - start) & mask < (next - start) & mask {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = 0
    }

    /// The slot count for `count` members: a power of two, at least 16, at least twice `count` (at most half full).
    static func size(toHold count: Int) -> Int {
        var size = 16
        while size < count * 2 { size *= 2 }
        return size
    }
}
