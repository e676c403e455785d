import Testing

@testable import BitrixSale

/// The dense id table behaves as a dictionary keyed by id: holes after removals, ids outside the dense range,
/// ascending iteration, equality by content only.
@Suite struct IdTableTests {
    @Test func randomSetsAndRemovalsMatchADictionary() {
        var numbers = SortedIdListTests.Numbers(state: 13)
        var table = IdTable<String>()
        var reference: [Int: String] = [:]
        let chunk = IdTable<String>.chunkSize
        // Ids across several chunks, a few outside the dense range (negative, beyond the limit).
        let outliers = [-5, -1, IdTable<String>.denseLimit, IdTable<String>.denseLimit + 7, Int.max]
        for step in 0..<(chunk * 20) {
            let id =
                step % 50 == 0 ? outliers[numbers.next(below: outliers.count)] : numbers.next(below: chunk * 5)
            if numbers.next(below: 3) == 0 {
                #expect(table.removeValue(forKey: id) == reference.removeValue(forKey: id), "remove \(id)")
            } else {
                let value = "v\(step)"
                #expect(table.updateValue(value, forKey: id) == reference.updateValue(value, forKey: id), "set \(id)")
            }
            #expect(table.count == reference.count)
        }
        for id in Array(reference.keys) + [0, 1, chunk * 5, chunk * 100, -2, IdTable<String>.denseLimit - 1] {
            #expect(table[id] == reference[id], "get \(id)")
        }
        #expect(table.keys == reference.keys.sorted())
        #expect(table.values == reference.keys.sorted().compactMap { reference[$0] })
        #expect(Array(table.map(\.key)) == reference.keys.sorted())
    }

    @Test func removalsLeaveHolesAndReleaseEmptiedChunks() {
        var table = IdTable<Int>()
        let chunk = IdTable<Int>.chunkSize
        for id in 1...(chunk * 3) { table[id] = id * 10 }
        // Holes in the middle of a chunk: neighbours stay, the hole reads nil.
        table[5] = nil
        table[chunk + 1] = nil
        #expect(table[5] == nil)
        #expect(table[4] == 40)
        #expect(table[6] == 60)
        #expect(table.count == chunk * 3 - 2)
        // Emptying the whole second chunk releases it; the ids around it are unaffected.
        for id in chunk..<(chunk * 2) { table.removeValue(forKey: id) }
        #expect(table.chunks[1].slots.isEmpty)
        #expect(table[chunk - 1] == (chunk - 1) * 10)
        #expect(table[chunk * 2] == chunk * 20)
        #expect(table.keys == Array(1..<5) + Array(6..<chunk) + Array((chunk * 2)...(chunk * 3)))
        // Emptying the table entirely leaves no chunk.
        for id in table.keys { table[id] = nil }
        #expect(table.isEmpty)
        #expect(table.chunks.isEmpty)
        #expect(table.keys.isEmpty)
        // Setting an id again fills its hole.
        table[chunk * 2 + 3] = 1
        #expect(table.keys == [chunk * 2 + 3])
        #expect(table[chunk * 2 + 3] == 1)
    }

    @Test func equalityAndHashingSeeOnlyTheContent() {
        let chunk = IdTable<String>.chunkSize
        var grown = IdTable<String>()
        for id in 1...(chunk * 2) { grown[id] = "o\(id)" }
        for id in (chunk / 2)...(chunk * 2) { grown[id] = nil }  // a released chunk, a half-empty one
        grown[-3] = "minus"
        var direct = IdTable<String>()
        direct.reserveCapacity(chunk * 8)
        direct[-3] = "minus"
        for id in (1..<(chunk / 2)).reversed() { direct[id] = "o\(id)" }  // another history, same content
        #expect(grown == direct)
        #expect(grown.hashValue == direct.hashValue)
        direct[7] = "changed"
        #expect(grown != direct)
        direct[7] = "o7"
        direct[chunk * 3] = "extra"
        #expect(grown != direct)
        direct[chunk * 3] = nil
        #expect(grown == direct)
        #expect(IdTable<String>() == IdTable<String>())
    }
}

/// The compact idempotency table behaves as a dictionary keyed by the record's key, through binds, rebinds and
/// removals (which move records and shift probe runs), and compares by content.
@Suite struct IdempotencyTableTests {
    @Test func randomBindsAndRemovalsMatchADictionary() {
        var numbers = SortedIdListTests.Numbers(state: 99)
        var table = IdempotencyTable()
        var reference: [String: IdempotencyRecord] = [:]
        for step in 0..<20_000 {
            let key = "railway:\(numbers.next(below: 3_000))"
            if numbers.next(below: 3) == 0 {
                #expect(table.removeValue(forKey: key) == reference.removeValue(forKey: key), "remove \(key)")
            } else {
                let record = IdempotencyRecord(key: key, orderId: step, fingerprint: "f\(step % 7)")
                #expect(table.updateValue(record) == reference.updateValue(record, forKey: key), "bind \(key)")
            }
            #expect(table.count == reference.count)
        }
        for number in 0..<3_100 {
            let key = "railway:\(number)"
            #expect(table[key] == reference[key], "\(key)")
        }
        #expect(table.keys.sorted() == reference.keys.sorted())
        #expect(Set(table.values.map(\.key)) == Set(reference.keys))
        // Removing everything leaves an empty table, equal to a new one.
        for key in reference.keys { table.removeValue(forKey: key) }
        #expect(table.isEmpty)
        #expect(table == IdempotencyTable())
        #expect(table["railway:1"] == nil)
    }

    @Test func equalityAndHashingIgnoreTheOrderOfBinding() {
        let records = (0..<200).map { IdempotencyRecord(key: "k\($0)", orderId: $0, fingerprint: "f") }
        var forward = IdempotencyTable()
        for record in records { forward.updateValue(record) }
        var backward = IdempotencyTable()
        backward.reserveCapacity(1_000)
        for record in records.reversed() { backward.updateValue(record) }
        backward.updateValue(IdempotencyRecord(key: "extra", orderId: 1, fingerprint: "f"))
        #expect(forward != backward)
        backward.removeValue(forKey: "extra")
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        backward.updateValue(IdempotencyRecord(key: "k5", orderId: 6, fingerprint: "f"))
        #expect(forward != backward)
    }
}

/// The key index behaves as the `[String: Int]` it replaces when kept in step with its records (a key unbound while
/// its record still holds it): random binds, rebinds, conflicting claims and removals, ids that do not fit a slot.
@Suite struct KeyIndexTests {
    @Test func randomChangesMatchADictionary() {
        var numbers = SortedIdListTests.Numbers(state: 5)
        var records: [Int: String] = [:]  // id → its key, as the orders table holds account numbers
        var index = KeyIndex()
        var reference: [String: Int] = [:]
        let ids = Array(0..<400) + [-7, Int(UInt32.max), Int(UInt32.max) + 5, Int.max]
        for _ in 0..<12_000 {
            let id = ids[numbers.next(below: ids.count)]
            let key = "n\(numbers.next(below: 300))"  // keys collide: two records may claim one
            let lookup = { (id: Int) in records[id] }
            if let old = records[id] {  // the record changes or goes: its key leaves first (as StoreState does)
                index.remove(old, key: lookup)
                reference[old] = nil
            }
            if numbers.next(below: 4) == 0 {
                records[id] = nil
            } else {
                records[id] = key
                index.set(key, id: id) { records[$0] }
                reference[key] = id
            }
            #expect(index.count == reference.count)
        }
        for number in 0..<310 {
            let key = "n\(number)"
            #expect(index.id(for: key) { records[$0] } == reference[key], "\(key)")
        }
        #expect(index.ids.sorted() == reference.values.sorted())
    }

    @Test func equalityIsBySetOfIds() {
        let keys = (0..<100).map { "k\($0)" }
        var forward = KeyIndex()
        for (id, key) in keys.enumerated() { forward.set(key, id: id) { keys[$0] } }
        var backward = KeyIndex()
        backward.reserveCapacity(1_000)
        for (id, key) in keys.enumerated().reversed() { backward.set(key, id: id) { keys[$0] } }
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        backward.remove("k3") { keys[$0] }
        #expect(forward != backward)
        #expect(backward.id(for: "k3") { keys[$0] } == nil)
        #expect(backward.id(for: "k4") { keys[$0] } == 4)
    }
}
