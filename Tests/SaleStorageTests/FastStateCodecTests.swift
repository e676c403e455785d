import BitrixSale
import Foundation
import SaleJSON
import SaleMoney
import TestSupport
import Testing

@testable import SaleStorage

/// The purpose-built snapshot and journal codec against the `Codable` path it replaces: the same bytes when
/// encoding, the same states when decoding, and the general road for everything outside the canonical layout.
@Suite struct FastStateCodecTests {
    /// A state with every member kind, optional members both present and absent, awkward strings (quotes,
    /// backslashes, control characters, `/`, Cyrillic), negative and fractional money, and dates in and out of
    /// whole seconds.
    static func variedState(seed: UInt64, orders: Int, wholeSecondDates: Bool) -> StoreState {
        var random = SeededGenerator(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        func chance() -> Bool { random.next() % 2 == 0 }
        let texts = [
            "Иван Иванов", "д. 23/2", "say \"hi\"", "back\\slash", "line\nbreak\ttab", "bell\u{07}\u{01}", "", "x",
            "emoji 🌹", "a very long text that is longer than fifteen bytes",
        ]
        func text() -> String { pick(texts) }
        func money() -> Amount {
            pick([0, 15000, 12500.5, -0.01, 0.0001, 123456789012.34, 0.3333, .max, .min])
        }
        func date() -> Date {
            let seconds = Double(random.next() % 4_000_000_000)
            return Date(
                timeIntervalSince1970: wholeSecondDates ? seconds : seconds + Double(random.next() % 1000) / 1000
            )
        }
        func fields() -> [String: String] {
            var result: [String: String] = [:]
            for _ in 0..<(random.next() % 4) { result[pick(["B", "a", "UPDATED_1C", "Я", "zz"])] = text() }
            return result
        }
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { chance() ? value() : nil }
        var transaction = StoreTransaction()
        for id in 1...orders {
            let basket = (0..<Int(random.next() % 3))
                .map { code in
                    BasketItem(
                        code: code + 1,
                        id: maybe(id * 10 + code),
                        moduleId: pick(["catalog", ""]),
                        productId: code + 5,
                        name: text(),
                        quantity: pick([1, 2.5]),
                        price: money(),
                        basePrice: money(),
                        discountPrice: money(),
                        customPrice: chance(),
                        currency: maybe("KZT"),
                        canBuy: chance(),
                        delay: chance(),
                        productProviderClass: maybe(text()),
                        sort: 100 * code,
                        xmlId: "bx_\(id)_\(code)",
                        otherFields: fields(),
                        priceSetByHand: chance()
                    )
                }
            let shipments = (0..<Int(random.next() % 2))
                .map { code in
                    Shipment(
                        code: 10 + code,
                        id: maybe(id),
                        deliveryId: 1,
                        deliveryName: text(),
                        statusId: "DN",
                        basePriceDelivery: money(),
                        priceDelivery: money(),
                        discountPrice: money(),
                        customPriceDelivery: chance(),
                        allowDelivery: chance(),
                        deducted: chance(),
                        canceled: chance(),
                        marked: chance(),
                        reasonMarked: maybe(text()),
                        accountNumber: maybe("\(id)/2"),
                        xmlId: "bx_s\(id)",
                        items: basket.map { ShipmentItem(restoring: $0.code, quantity: $0.quantity, id: maybe(id)) },
                        otherFields: fields(),
                        priceSetByHand: chance()
                    )
                }
            let payments = (0..<Int(random.next() % 2))
                .map { code in
                    Payment(
                        code: 20 + code,
                        id: maybe(id),
                        paySystemId: 3,
                        paySystemName: maybe(text()),
                        sum: money(),
                        sumChangedByHand: chance(),
                        paid: chance(),
                        datePaid: maybe(date()),
                        currency: maybe("KZT"),
                        isReturn: chance(),
                        accountNumber: maybe("\(id)/1"),
                        xmlId: "bx_p\(id)",
                        otherFields: fields()
                    )
                }
            let properties: [PropertyValue]? = maybe(
                (1...3).map { PropertyValue(restoring: $0, code: "P\($0)", value: maybe(text()), id: maybe($0)) }
            )
            transaction.orders.append(
                OrderData(
                    id: id,
                    siteId: "s1",
                    userIdText: maybe("5abc"),
                    currency: maybe("KZT"),
                    personTypeId: maybe(1),
                    statusId: pick(["N", "AP", "CO"]),
                    canceled: chance(),
                    marked: chance(),
                    reasonMarked: maybe(text()),
                    accountNumber: maybe("\(id)"),
                    xmlId: "bx_\(id)",
                    dateInsert: maybe(date()),
                    dateUpdate: maybe(date()),
                    dateStatus: maybe(date()),
                    dateCanceled: maybe(date()),
                    userDescription: maybe(text()),
                    comments: maybe(text()),
                    manualPrice: maybe(money()),
                    otherFields: fields(),
                    basket: basket,
                    shipments: shipments,
                    payments: payments,
                    properties: properties,
                    systemShipmentId: maybe(id),
                    systemShipmentAccountNumber: maybe("\(id)/1"),
                    version: Int(random.next() % 3),
                    nextCode: Int(random.next() % 30)
                )
            )
            transaction.idempotencyRecords.append(
                IdempotencyRecord(
                    key: "railway:\(id)",
                    orderId: id,
                    fingerprint: "{\"railway_order_id\":\(id),\"n\":\"\(text())\"}"
                )
            )
            transaction.users.append(UserAccount(id: id + 100, phone: "+7701\(id)", name: text()))
        }
        transaction.products = [
            Product(id: 900, name: "Роза", price: money(), currency: "KZT"),
            Product(
                id: 901,
                name: text(),
                price: money(),
                currency: "KZT",
                active: false,
                imagesUrls: ["a/b.png", text()],
                owner: "shop",
                properties: ["color": "red", "Size": text()]
            ),
        ]
        transaction.lastIds = [.order: orders, .user: orders + 100, .product: 901, .shipmentItem: 7]
        var state = StoreState()
        state.apply(transaction)
        return state
    }

    /// The file the `Codable` path writes.
    static func codableFile(_ state: StoreState, sequence: Int) throws -> [UInt8] {
        try SnapshotFormat.encode(sequence: sequence, payload: StateCodec.payload(of: state), maxDepth: 128)
    }

    @Test(arguments: [(1, true), (2, false), (3, true), (4, false)])
    func snapshotBytesEqualTheCodablePath(seed: UInt64, wholeSeconds: Bool) throws {
        let state = Self.variedState(seed: seed, orders: 60, wholeSecondDates: wholeSeconds)
        let fast = FastStateWriter.snapshotFile(of: state, sequence: Int(seed) * 7)
        let codable = try Self.codableFile(state, sequence: Int(seed) * 7)
        #expect(fast == codable)
        if fast != codable, let index = fast.indices.first(where: { $0 >= codable.count || fast[$0] != codable[$0] }) {
            Issue.record(
                "first difference at byte \(index): \(String(decoding: fast[max(0, index - 80)..<min(fast.count, index + 80)], as: UTF8.self))"
            )
        }
    }

    @Test func eachOrderIsOneLineWithoutDefaultMembers() throws {
        let state = Self.variedState(seed: 11, orders: 40, wholeSecondDates: true)
        let text = String(decoding: FastStateWriter.snapshotFile(of: state, sequence: 0), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let orderLines = lines.filter { $0.hasPrefix("      {\"") && $0.contains("\"siteId\"") }
        #expect(orderLines.count == state.orders.count)
        for line in orderLines {
            let value = try JSONParser(maxDepth: 64).parse(Array(String(line.dropFirst(6)).trimmingSuffix(",").utf8))
            #expect(value.objectMembers != nil)
            for defaulted in [":false", ":{}", "\"version\":0,", "\"canceled\":false", "\"otherFields\":{}"] {
                #expect(!line.contains(defaulted), "\(defaulted) in \(line.prefix(80))")
            }
        }
        #expect(
            lines.count == state.orders.count + state.users.count + state.idempotency.count + state.products.count + 18
        )
    }

    @Test func validStringAcceptsExactlyValidUTF8() {
        let cases: [[UInt8]] = [
            [], Array("plain".utf8), Array("Подтверждён флористом".utf8), [0xE0, 0x80, 0x80], [0xFF], [0xD0],
            Array("ok".utf8) + [0xC0, 0xAF], [0xEF, 0xBF, 0xBD],
        ]
        for bytes in cases {
            let fast = bytes.withUnsafeBufferPointer { FastStateReader.validString($0) }
            #expect(fast == String(validating: bytes, as: UTF8.self), "\(bytes)")
        }
    }

    @Test func stateBuiltOrderByOrderEqualsOneTransaction() {
        let state = Self.variedState(seed: 11, orders: 40, wholeSecondDates: true)
        var transaction = StoreTransaction()
        transaction.orders = state.orders.values.sorted { $0.id! > $1.id! }
        var applied = StoreState()
        applied.apply(transaction)
        var built = StoreState()
        built.reserveOrders(transaction.orders.count)
        for order in transaction.orders { built.put(order) }
        #expect(built == applied)
    }

    @Test func emptyStateBytesEqualTheCodablePath() throws {
        #expect(
            FastStateWriter.snapshotFile(of: StoreState(), sequence: 0)
                == (try Self.codableFile(StoreState(), sequence: 0))
        )
    }

    /// Orders encoded in parallel batches give the same bytes, whatever the batch size (one order, a few, uneven).
    @Test(arguments: [1, 3, 7, 29])
    func parallelBatchesWriteTheSameSnapshot(batchSize: Int) throws {
        let state = Self.variedState(seed: 12, orders: 60, wholeSecondDates: false)
        let expected = try Self.codableFile(state, sequence: 4)
        #expect(FastStateWriter.snapshotFile(of: state, sequence: 4, parallelBatchSize: batchSize) == expected)
    }

    @Test(arguments: [(5, true), (6, false)])
    func snapshotDecodesToTheSameStateBothWays(seed: UInt64, wholeSeconds: Bool) throws {
        let state = Self.variedState(seed: seed, orders: 60, wholeSecondDates: wholeSeconds)
        let file = try Self.codableFile(state, sequence: 3)
        let decoded = FastStateReader.snapshot(file)
        #expect(decoded != nil, "the fast reader refused a canonical file")
        let fast = try #require(decoded)
        let general = try StateCodec.state(from: SnapshotFormat.decode(file, path: "s", maxDepth: 128).payload)
        #expect(fast.sequence == 3)
        #expect(fast.state == general)
        if wholeSeconds { #expect(fast.state == state) }
    }

    @Test func journalRecordsEqualTheCodableRecordsAsJSONAndCanonicalBytes() throws {
        let state = Self.variedState(seed: 7, orders: 10, wholeSecondDates: true)
        var transaction = StoreTransaction()
        transaction.orders = Array(state.orders.values)
        transaction.deletedOrderIds = [3, 1]
        transaction.users = Array(state.users.values)
        transaction.products = Array(state.products.values)
        transaction.idempotencyRecords = Array(state.idempotency.values)
        transaction.lastIds = state.lastIds
        for candidate in [
            transaction, StoreTransaction(),
            {
                var only = StoreTransaction()
                only.deletedOrderIds = [9]
                return only
            }(),
        ] {
            let fast = FastStateWriter.record(of: candidate)
            let codable = try StateCodec.record(of: candidate)
            #expect(try JSONParser(maxDepth: 128).parse(fast) == codable)
            #expect(fast == JSONWriter().bytes(SnapshotFormat.canonical(codable)))
            #expect(try StateCodec.transaction(from: JSONParser(maxDepth: 128).parse(fast)) == candidate)
        }
    }

    @Test func filesOutsideTheCanonicalLayoutTakeTheGeneralRoad() throws {
        let state = Self.variedState(seed: 8, orders: 5, wholeSecondDates: true)
        let file = try Self.codableFile(state, sequence: 0)
        // Reindented (compact): the same JSON, another layout.
        let compact = JSONWriter().bytes(try JSONParser(maxDepth: 200).parse(file))
        #expect(FastStateReader.snapshot(compact) == nil)
        #expect(try DurableOrderStore.readSnapshot(compact, path: "s", maxDepth: 128).value.get() == state)
        // `\/` is valid JSON the general road re-writes as `/` for the checksum.
        let text = String(decoding: file, as: UTF8.self)
        let escaped = Array(text.replacingOccurrences(of: "д. 23/2", with: "д. 23\\/2").utf8)
        if escaped != file {
            #expect(FastStateReader.snapshot(escaped) == nil)
            #expect(try DurableOrderStore.readSnapshot(escaped, path: "s", maxDepth: 128).value.get() == state)
        }
        // A flipped value: both roads refuse it, the general one names it. The file is written in compact lines
        // (`"statusId":"N"`, no space), so the first order's status is found that way, and the check must run.
        let tampered = try Self.flippingFirstStatus(of: file)
        #expect(tampered != file)
        #expect(FastStateReader.snapshot(tampered) == nil)
        #expect(throws: StorageError.self) {
            try DurableOrderStore.readSnapshot(tampered, path: "s", maxDepth: 128)
        }
        #expect(try DurableOrderStore.readSnapshot(file, path: "s", maxDepth: 128).value.get() == state)
    }

    /// `file` with the value of its first `"statusId":"…"` member replaced by `X`; fails when the file has no such
    /// member in the compact layout.
    static func flippingFirstStatus(of file: [UInt8]) throws -> [UInt8] {
        let marker = Array(#""statusId":""#.utf8)
        let found = try #require(file.firstRange(of: marker), "the snapshot has no compact \"statusId\" member")
        let valueEnd = try #require(file[found.upperBound...].firstIndex(of: UInt8(ascii: "\"")))
        #expect(!file[found.upperBound..<valueEnd].elementsEqual("X".utf8))
        var tampered = file
        tampered.replaceSubrange(found.upperBound..<valueEnd, with: Array("X".utf8))
        return tampered
    }

    @Test func aStoreReopensFromAFastSnapshotAndJournal() throws {
        try withTemporaryFolder { folder in
            let store = try DurableOrderStore.open(folder: folder, options: .init(create: true))
            let source = Self.variedState(seed: 10, orders: 20, wholeSecondDates: true)
            var first = StoreTransaction()
            first.orders = source.orderIds.prefix(10).compactMap { source.orders[$0] }
            first.users = Array(source.users.values)
            try store.commit(first)
            try store.compact()
            var second = StoreTransaction()
            second.orders = source.orderIds.dropFirst(10).compactMap { source.orders[$0] }
            second.deletedOrderIds = [2]
            try store.commit(second)
            let before = store.snapshot
            store.close()
            let reopened = try DurableOrderStore.open(folder: folder)
            defer { reopened.close() }
            #expect(reopened.snapshot == before)
            #expect(before.orders.count == 19)
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

extension FastStateCodecTests {
    /// Amounts are `decimal(18,4)`: a stored number with more than four places (or beyond the range) is not read as
    /// something else — both roads refuse the file, and the error names it.
    @Test(arguments: ["1.00001", "1e20"])
    func aStoredAmountThatIsNotDecimal184IsAnErrorNamingTheFile(literal: String) throws {
        let state = Self.variedState(seed: 11, orders: 5, wholeSecondDates: true)
        let text = String(decoding: JSONWriter().bytes(try StateCodec.payload(of: state)), as: UTF8.self)
        let range = try #require(text.range(of: #""quantity":"#), "the payload has no quantity")
        let end = try #require(text[range.upperBound...].firstIndex { $0 == "," || $0 == "}" })
        let changed = text.replacingCharacters(in: range.upperBound..<end, with: literal)
        let payload = try JSONParser().parse(Array(changed.utf8))
        let file = try SnapshotFormat.encode(sequence: 1, payload: payload, maxDepth: 128)
        #expect(FastStateReader.snapshot(file) == nil)
        #expect {
            try SnapshotFile.state(from: file, path: "/state/snapshot.json")
        } throws: { error in
            let description = "\(error)"
            return description.contains("/state/snapshot.json") && description.contains("decimal(18,4)")
        }
    }
}

extension FastStateCodecTests {
    /// A snapshot written while it is encoded, in pieces, is the file ``SnapshotFile/bytes(of:)`` gives.
    @Test(arguments: [1, 4_096, 1 << 30])
    func aStreamedSnapshotIsTheSameFile(pieceBytes: Int) throws {
        let state = Self.variedState(seed: 13, orders: 60, wholeSecondDates: false)
        let disk = InMemoryFileSystem()
        try disk.makeDirectories("/snap")
        let size = try SnapshotFile.write(
            state,
            folder: "/snap",
            name: "snapshot.json",
            on: disk,
            pieceBytes: pieceBytes
        )
        let expected = SnapshotFile.bytes(of: state)
        #expect(size == expected.count)
        #expect(disk.contents("/snap/snapshot.json") == expected, "the streamed file differs")
        if pieceBytes < 4_096 { #expect(disk.calls(.write) > 100, "the pieces were not written one by one") }
        #expect(disk.contents("/snap/snapshot.json.tmp") == nil)
        #expect(try SnapshotFile.state(from: try #require(disk.contents("/snap/snapshot.json")), path: "s") == state)
    }

    /// A write that fails half-way leaves the previous file as it was and no temporary file, and says why.
    @Test func aStreamedSnapshotThatFailsLeavesThePreviousFile() throws {
        let state = Self.variedState(seed: 14, orders: 60, wholeSecondDates: true)
        let disk = InMemoryFileSystem()
        try disk.makeDirectories("/snap")
        disk.setContents("/snap/snapshot.json", Array("previous".utf8))
        disk.inject(.init(.write, path: "snapshot.json.tmp", after: 2, code: ENOSPC))
        #expect {
            try SnapshotFile.write(state, folder: "/snap", name: "snapshot.json", on: disk, pieceBytes: 1_024)
        } throws: { error in
            "\(error)".contains("snapshot.json.tmp") && "\(error)".contains("No space left on device")
        }
        #expect(disk.contents("/snap/snapshot.json") == Array("previous".utf8), "the previous file changed")
        #expect(disk.contents("/snap/snapshot.json.tmp") == nil)
        #expect(disk.calls(.write) == 3)
    }
}

extension FastStateCodecTests {
    /// Orders read on two cores (the threshold lowered to a few bytes) give the state and checksum sequential
    /// reading gives; a damaged order in either part sends the file to the general road.
    @Test(arguments: [(15, true), (16, false)])
    func ordersReadOnTwoCoresGiveTheSameState(seed: UInt64, wholeSeconds: Bool) throws {
        let state = Self.variedState(seed: seed, orders: 60, wholeSecondDates: wholeSeconds)
        let file = FastStateWriter.snapshotFile(of: state, sequence: 5)
        let sequential = try #require(FastStateReader.snapshot(file))
        let parallel = try #require(FastStateReader.snapshot(file, parallelOrderBytes: 16))
        #expect(parallel.sequence == 5)
        #expect(parallel.state == sequential.state)
        if wholeSeconds { #expect(parallel.state == state) }
        // A flipped status near the end (the second part) or at the start (the first) fails both ways.
        for marker in [#""statusId":"N""#, #""statusId":"#] {
            guard let range = file.lastRange(of: Array(marker.utf8)) else { continue }
            var tampered = file
            tampered[range.upperBound - 1] = UInt8(ascii: "X")
            #expect(FastStateReader.snapshot(tampered, parallelOrderBytes: 16) == nil)
        }
        // No orders, many users: the empty orders array is read as such, not split inside the users.
        var usersOnly = StoreState()
        var transaction = StoreTransaction()
        transaction.users = (1...200).map { UserAccount(id: $0, phone: "+7701000\($0)", name: "Покупатель \($0)") }
        usersOnly.apply(transaction)
        let usersFile = FastStateWriter.snapshotFile(of: usersOnly, sequence: 1)
        #expect(FastStateReader.snapshot(usersFile, parallelOrderBytes: 16)?.state == usersOnly)
        var early = file
        let first = try #require(file.firstRange(of: Array(#""statusId":""#.utf8)))
        early[first.upperBound] = UInt8(ascii: "#")
        #expect(FastStateReader.snapshot(early, parallelOrderBytes: 16) == nil)
    }
}
