import Testing

@testable import BitrixSale

/// The chunked id list behaves as a sorted array of distinct ids across many chunks, splits and emptied chunks.
@Suite struct SortedIdListTests {
    /// A fixed sequence of pseudo-random numbers (a 64-bit LCG), so the test is the same on every run.
    struct Numbers {
        var state: UInt64
        mutating func next(below bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func randomInsertsAndRemovesKeepTheSortedDistinctIds() {
        var numbers = Numbers(state: 7)
        var list = SortedIdList()
        var reference = Set<Int>()
        let capacity = SortedIdList.chunkCapacity
        for id in 1...(capacity * 4) {  // ascending appends, as new orders come
            list.insert(id)
            reference.insert(id)
        }
        for step in 0..<(capacity * 12) {
            let id = numbers.next(below: capacity * 6) + 1
            if step % 3 == 0 {
                list.insert(id)  // into the middle: chunks split
                reference.insert(id)
            } else {
                #expect(list.remove(id) == (reference.remove(id) != nil), "remove \(id) at step \(step)")
            }
        }
        for id in (capacity + 1)...(capacity * 3) {  // a whole range: chunks empty and are dropped
            list.remove(id)
            reference.remove(id)
        }
        let sorted = reference.sorted()
        #expect(Array(list) == sorted)
        #expect(list.count == sorted.count)
        #expect(Array(list.reversed()) == Array(sorted.reversed()))
        #expect(list.first == sorted.first && list.last == sorted.last)
        for probe in [0, 1, capacity, capacity * 2, capacity * 5, capacity * 7] {
            #expect(list.contains(probe) == reference.contains(probe), "contains \(probe)")
        }
        for (offset, limit) in [(0, 10), (capacity - 3, 7), (sorted.count - 2, 10), (sorted.count, 1), (5, 0)] {
            #expect(
                list.page(offset: offset, limit: limit, descending: false)
                    == Array(sorted.dropFirst(offset).prefix(limit))
            )
            #expect(
                list.page(offset: offset, limit: limit, descending: true)
                    == Array(sorted.reversed().dropFirst(offset).prefix(limit))
            )
        }
    }

    /// Equal ids make equal lists (and equal hashes) whatever chunk boundaries their histories left.
    @Test func equalityAndHashingSeeOnlyTheIds() {
        let capacity = SortedIdList.chunkCapacity
        var grown = SortedIdList()
        for id in stride(from: capacity * 3, through: 1, by: -1) { grown.insert(id) }  // descending: many splits
        for id in stride(from: 2, through: capacity * 3, by: 2) { grown.remove(id) }
        let direct = SortedIdList(stride(from: 1, through: capacity * 3, by: 2))
        #expect(grown == direct)
        #expect(grown.hashValue == direct.hashValue)
        var other = direct
        other.remove(1)
        #expect(other != direct)
        let literal: SortedIdList = [5, 3, 3, 9]
        #expect(Array(literal) == [3, 5, 9])
    }
}
