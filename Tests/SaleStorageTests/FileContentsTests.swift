import BitrixSale
import Foundation
import Testing

@testable import SaleStorage

/// A whole file for one read pass (mapped by the real file system) and the snapshot reader working on it in place.
@Suite struct FileContentsTests {
    @Test func mappedContentsEqualTheFileAndMissingOrEmptyFilesAreHandled() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("contents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let system = POSIXFileSystem()
        var seed: UInt64 = 5
        let bytes = (0..<100_003)
            .map { _ -> UInt8 in
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: seed >> 33)
            }
        let path = folder.appendingPathComponent("file").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let contents = try #require(try system.contents(of: path))
        #expect(contents.count == bytes.count)
        #expect(contents.withBytes { Array($0) } == bytes)
        let empty = folder.appendingPathComponent("empty").path
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(try system.contents(of: empty)?.withBytes { $0.count } == 0)
        #expect(try system.contents(of: folder.appendingPathComponent("missing").path) == nil)
        // The in-memory file system (tests' stand-in) copies instead: the same bytes.
        #expect(try InMemoryFileSystem().contents(of: "/nothing") == nil)
    }

    @Test func aSnapshotReadFromItsFileEqualsTheStateWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = FastStateCodecTests.variedState(seed: 9, orders: 50, wholeSecondDates: true)
        let path = folder.appendingPathComponent("snapshot.json").path
        try SnapshotFile.write(state, to: path)
        #expect(try SnapshotFile.read(from: path) == state)
    }

    @Test func fingerprintsAreReadFromTheirHexDigitsExactlyAsFromTheirText() throws {
        let digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)
        let texts = [digest, digest.uppercased(), "sha256:" + String(repeating: "0", count: 63) + "g", "f", ""]
        for text in texts {
            let record = Array(
                #"{"idempotencyRecords":[{"fingerprint":"\#(text)","key":"k","orderId":1}]}"#.utf8
            )
            var strings = FastStateReader.SharedStrings()
            let read = try #require(FastStateReader.record(record[...], strings: &strings))
            #expect(read.idempotencyRecords.first?.fingerprint == IdempotencyFingerprint(text), "\(text)")
            #expect(read.idempotencyRecords.first?.fingerprint.text == text)
        }
        let digits =
            Array("0123456789abcdef".utf8) + Array("fedcba9876543210".utf8) + [UInt8](repeating: 0x30, count: 31)
            + [0x31]
        let words = digits.withUnsafeBufferPointer { FastStateReader.hexWords($0) }
        #expect(words?.0 == 0x0123_4567_89AB_CDEF)
        #expect(words?.1 == 0xFEDC_BA98_7654_3210)
        #expect(words?.3 == 1)
    }

    @Test func loadedArraysAreAllocatedAtTheirLength() throws {
        // Orders of varied lengths: each array either matches the last one's length (reserved up front) or is copied
        // into an exact allocation; either way no array keeps the room of a doubling (malloc may round up by less
        // than one element).
        let state = FastStateCodecTests.variedState(seed: 3, orders: 80, wholeSecondDates: true)
        let loaded = try #require(FastStateReader.snapshot(SnapshotFile.bytes(of: state))?.state)
        #expect(loaded == state)
        var checked = 0
        func check<Element>(_ array: [Element], _ what: String) {
            #expect(array.capacity - array.count <= 1, "\(what): \(array.count) in room for \(array.capacity)")
            checked += 1
        }
        for order in loaded.orders.values {
            check(order.basket, "basket")
            check(order.shipments, "shipments")
            check(order.payments, "payments")
            if let properties = order.properties { check(properties, "properties") }
            for shipment in order.shipments { check(shipment.items, "shipment items") }
        }
        #expect(checked > 300)
    }

    @Test func theWordAtATimeScanFindsTheFirstQuoteOrBackslash() {
        var seed: UInt64 = 17
        let alphabet: [UInt8] = [0x22, 0x5C, 0x41, 0x7A, 0x00, 0xFF, 0xD0, 0x9F, 0x21, 0x23, 0x5B, 0x5D]
        for trial in 0..<2_000 {
            let length = trial % 70
            let bytes = (0..<length)
                .map { _ -> UInt8 in
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    // Mostly bytes other than the two, so the match falls in every lane of a word.
                    let pick = Int(seed >> 33) % 40
                    return pick < alphabet.count ? alphabet[pick] : UInt8(truncatingIfNeeded: 0x30 + pick)
                }
            for start in [0, 1, 7, length / 2] where start <= length {
                var expected = start
                while expected < length, bytes[expected] != 0x22, bytes[expected] != 0x5C { expected += 1 }
                let found = bytes.withUnsafeBufferPointer { FastStateReader.quoteOrBackslash(in: $0, from: start) }
                #expect(found == expected, "\(bytes) from \(start)")
            }
        }
    }

    @Test func keyTablesFindEveryKeyAndNothingElse() {
        // "axb" and "ayb" share a signature (length, first and last byte): they are searched in turn.
        let names = ["", "a", "axb", "ayb", "basePrice", "basket", "currency", "id", "zz"]
        let table = KeyTable(names)
        for (index, name) in names.enumerated() {
            for start in [0, 3, 8] {
                var hint = start
                let found = Array(name.utf8).withUnsafeBufferPointer { table.find($0, hint: &hint) }
                #expect(found == index, "\(name) from \(start)")
            }
        }
        for unknown in ["azb", "b", "ids", "basketx", "Basket", "aa", "currencz"] {
            var hint = 0
            #expect(Array(unknown.utf8).withUnsafeBufferPointer { table.find($0, hint: &hint) } == nil, "\(unknown)")
        }
        for field in OrderField.allCases {
            var hint = 0
            let found = Array(field.jsonKey.utf8)
                .withUnsafeBufferPointer { OrderField.schema.keys.find($0, hint: &hint) }
            #expect(found == field.rawValue, "\(field.jsonKey)")
        }
    }
}
