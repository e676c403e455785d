import BitrixSale
import Foundation
import SaleJSON
import SaleMoney
import Synchronization

/// Writes state payloads and journal records straight to bytes, without building a ``SaleJSON/JSONValue``: the
/// same bytes as ``StateCodec`` + ``SnapshotFormat`` (canonical: every object's keys sorted by their UTF-8 bytes,
/// optional members left out when nil), at a few hundred MB/s instead of 15–20.
///
/// Each `write…` function walks its type's schema (``StoredField``: the keys in sorted order, precomputed as bytes,
/// and when each is left out) and switches over the member; `FastStateCodecTests` proves the output byte-for-byte
/// equal to the `Codable` path.
struct FastStateWriter {
    var out: [UInt8] = []
    /// Elements per batch of ``laidOutArrayInParallel(_:_:_:)`` (8,192 orders: about 20 MB).
    private var parallelBatchSize = 8_192
    /// Set while streaming a snapshot: where full pieces go.
    private var pieces: Pieces?

    init(capacity: Int = 4096) { out.reserveCapacity(capacity) }

    // MARK: Documents

    /// A snapshot file of `state` covering `sequence`, in the layout of
    /// ``SnapshotFormat/layout(sequence:crc32:payload:)`` (header and payload members on their own lines, one compact
    /// line per order, user, product, idempotency record).
    ///
    /// The checksum is computed while writing, over the bytes without the layout's whitespace.
    ///
    /// Orders are encoded on every core in batches of `parallelBatchSize` (the bytes do not depend on it).
    static func snapshotFile(of state: StoreState, sequence: Int, parallelBatchSize: Int = 8_192) -> [UInt8] {
        var file: [UInt8] = []
        let checksum = streamSnapshotFile(
            of: state,
            sequence: sequence,
            parallelBatchSize: parallelBatchSize,
            pieceBytes: .max
        ) { piece in
            if file.isEmpty { swap(&file, &piece) } else { file += piece }
        }
        file.replaceSubrange(checksum.offset..<checksum.offset + checksum.hex.count, with: checksum.hex)
        return file
    }

    /// The snapshot file of ``snapshotFile(of:sequence:parallelBatchSize:)`` handed to `sink` in pieces of about
    /// `pieceBytes` (in order; the sink may take the piece's storage), so that a file can be written while it is
    /// encoded without holding it whole. The header's checksum is known only at the end: the pieces carry
    /// `00000000` in its place, and the result says where it is and what to write there.
    static func streamSnapshotFile(
        of state: StoreState,
        sequence: Int,
        parallelBatchSize: Int = 8_192,
        pieceBytes: Int,
        sink: @escaping (inout [UInt8]) -> Void
    ) -> (offset: Int, hex: [UInt8]) {
        let whole = state.orders.count * 2400 + state.idempotency.count * 160 + 4096
        var writer = FastStateWriter(capacity: min(whole, pieceBytes == .max ? whole : pieceBytes + (4 << 20)))
        writer.parallelBatchSize = parallelBatchSize
        writer.out += Array(
            "{\n  \"format\": \"\(SnapshotFormat.format)\",\n  \"version\": \(SnapshotFormat.version),\n".utf8
        )
        writer.out += Array("  \"sequence\": \(sequence),\n  \"crc32\": \"".utf8)
        let crcOffset = writer.out.count
        writer.out += Array("00000000\",\n  \"payload\": ".utf8)
        var crc = CRC32()
        crc.update(Array("{\"format\":\"\(SnapshotFormat.format)\",\"version\":\(SnapshotFormat.version),".utf8))
        crc.update(Array("\"sequence\":\(sequence),\"payload\":".utf8))
        var layout = Layout(crc: crc, mark: writer.out.count)
        writer.pieces = Pieces(bytes: pieceBytes, sink: sink)
        writer.writeLaidOutPayload(state, &layout)
        layout.flush(writer.out)
        layout.crc.update(CollectionOfOne(UInt8(ascii: "}")))
        writer.out += Array("\n}\n".utf8)
        sink(&writer.out)
        return (crcOffset, Array(layout.crc.hex.utf8))
    }

    /// Where a streamed snapshot's pieces go (``streamSnapshotFile(of:sequence:parallelBatchSize:pieceBytes:sink:)``).
    private struct Pieces {
        /// The size from which the bytes written so far are handed over.
        var bytes: Int
        var sink: (inout [UInt8]) -> Void
    }

    /// Hands the bytes written so far to the sink once they reach a piece's size (after checksumming them): called
    /// between elements, so a piece never splits one.
    @inline(__always)
    private mutating func handOverPiece(_ layout: inout Layout) {
        guard let pieces, out.count >= pieces.bytes else { return }
        layout.flush(out)
        var piece = out
        out = []
        out.reserveCapacity(pieces.bytes + (4 << 20))
        pieces.sink(&piece)
        layout.mark = 0
    }

    /// A journal record (compact, canonical) for `transaction`.
    static func record(of transaction: StoreTransaction) -> [UInt8] {
        var writer = FastStateWriter()
        writer.writeRecord(transaction)
        return writer.out
    }

    /// The checksum of the written bytes outside the layout's whitespace.
    struct Layout {
        var crc: CRC32
        /// Where the bytes not yet checksummed start.
        var mark: Int

        /// Checksums the bytes written since the mark.
        mutating func flush(_ out: [UInt8]) {
            out.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[mark..<out.count])) }
            mark = out.count
        }
    }

    /// Appends layout whitespace, which the checksum leaves out.
    private mutating func space(_ text: StaticString, _ layout: inout Layout) {
        layout.flush(out)
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        layout.mark = out.count
    }

    // MARK: Payload and record

    private mutating func writeLaidOutPayload(_ state: StoreState, _ layout: inout Layout) {
        out.append(UInt8(ascii: "{"))
        space("\n    ", &layout)
        out += Array("\"idempotency\":".utf8)
        space(" ", &layout)
        laidOutArray(state.idempotency.values.sorted { $0.key < $1.key }, &layout) { $0.write($1) }
        out.append(UInt8(ascii: ","))
        space("\n    ", &layout)
        out += Array("\"lastIds\":".utf8)
        space(" ", &layout)
        writeLastIds(state.lastIds)
        out.append(UInt8(ascii: ","))
        space("\n    ", &layout)
        out += Array("\"orders\":".utf8)
        space(" ", &layout)
        laidOutArrayInParallel(state.orderIds, &layout) { writer, id in
            if let order = state.orders[id] { writer.write(order) }
        }
        out.append(UInt8(ascii: ","))
        space("\n    ", &layout)
        out += Array("\"products\":".utf8)
        space(" ", &layout)
        laidOutArray(state.products.values.sorted { $0.id < $1.id }, &layout) { $0.write($1) }
        out.append(UInt8(ascii: ","))
        space("\n    ", &layout)
        out += Array("\"users\":".utf8)
        space(" ", &layout)
        laidOutArray(state.users.values.sorted { $0.id < $1.id }, &layout) { $0.write($1) }
        space("\n  ", &layout)
        out.append(UInt8(ascii: "}"))
    }

    /// `[]`, or `[` then each element compact on its own line, then `]` on its own line.
    private mutating func laidOutArray<Element>(
        _ elements: [Element],
        _ layout: inout Layout,
        _ body: (inout FastStateWriter, Element) -> Void
    ) {
        out.append(UInt8(ascii: "["))
        guard !elements.isEmpty else {
            out.append(UInt8(ascii: "]"))
            return
        }
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            space("\n      ", &layout)
            body(&self, element)
            handOverPiece(&layout)
        }
        space("\n    ", &layout)
        out.append(UInt8(ascii: "]"))
    }

    /// ``laidOutArray(_:_:_:)`` with the elements encoded on every core: rounds of one batch per core, each batch
    /// into its own buffer, then appended in order with the layout and the checksum on this thread. The bytes are
    /// those of ``laidOutArray(_:_:_:)`` (`FastStateCodecTests`); at most one round of batches is held beside the
    /// output.
    private mutating func laidOutArrayInParallel<Element: Sendable>(
        _ elements: [Element],
        _ layout: inout Layout,
        _ body: @escaping @Sendable (inout FastStateWriter, Element) -> Void
    ) {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        let batchSize = max(parallelBatchSize, 1)
        guard workers > 1, elements.count >= 2 * batchSize else {
            laidOutArray(elements, &layout, body)
            return
        }
        out.append(UInt8(ascii: "["))
        var start = 0
        while start < elements.count {
            let roundEnd = min(start + workers * batchSize, elements.count)
            let batches = stride(from: start, to: roundEnd, by: batchSize).map { $0..<min($0 + batchSize, roundEnd) }
            let encoded = Mutex([EncodedBatch?](repeating: nil, count: batches.count))
            DispatchQueue.concurrentPerform(iterations: batches.count) { index in
                var writer = FastStateWriter(capacity: batches[index].count * 2400)
                var ends: [Int] = []
                ends.reserveCapacity(batches[index].count)
                for element in elements[batches[index]] {
                    body(&writer, element)
                    ends.append(writer.out.count)
                }
                let batch = EncodedBatch(bytes: writer.out, ends: ends)
                encoded.withLock { $0[index] = batch }
            }
            for batch in encoded.withLock({ $0 }) {
                guard let batch else { continue }
                var previous = 0
                for end in batch.ends {
                    if start > 0 || previous > 0 { out.append(UInt8(ascii: ",")) }
                    space("\n      ", &layout)
                    batch.bytes.withUnsafeBufferPointer { out.append(contentsOf: $0[previous..<end]) }
                    previous = end
                }
                start += batch.ends.count
                handOverPiece(&layout)
            }
        }
        space("\n    ", &layout)
        out.append(UInt8(ascii: "]"))
    }

    /// One batch's bytes and where each element ends in them.
    private struct EncodedBatch: Sendable {
        var bytes: [UInt8]
        var ends: [Int]
    }

    mutating func writeRecord(_ transaction: StoreTransaction) {
        open()
        if !transaction.deletedOrderIds.isEmpty {
            key("deletedOrderIds")
            array(transaction.deletedOrderIds) { $0.write($1) }
        }
        if !transaction.idempotencyRecords.isEmpty {
            key("idempotencyRecords")
            array(transaction.idempotencyRecords) { $0.write($1) }
        }
        if !transaction.lastIds.isEmpty {
            key("lastIds")
            writeLastIds(transaction.lastIds)
        }
        if !transaction.orders.isEmpty {
            key("orders")
            array(transaction.orders) { $0.write($1) }
        }
        if !transaction.products.isEmpty {
            key("products")
            array(transaction.products) { $0.write($1) }
        }
        if !transaction.users.isEmpty {
            key("users")
            array(transaction.users) { $0.write($1) }
        }
        close()
    }

    mutating func writeLastIds(_ lastIds: [IdKind: Int]) {
        open()
        for (kind, value) in lastIds.sorted(by: { $0.key.rawValue.utf8.lexicographicallyPrecedes($1.key.rawValue.utf8) }
        ) {
            key(kind.rawValue)
            write(value)
        }
        close()
    }

    // MARK: Types (members from each type's schema, in its order)

    mutating func write(_ order: OrderData) {
        open()
        for field in OrderField.schema.fields {
            switch field {
            case .accountNumber: put(field, order.accountNumber)
            case .basket: put(field, order.basket) { $0.write($1) }
            case .canceled: put(field, order.canceled)
            case .comments: put(field, order.comments)
            case .currency: put(field, order.currency)
            case .dateCanceled: put(field, order.dateCanceled)
            case .dateInsert: put(field, order.dateInsert)
            case .dateStatus: put(field, order.dateStatus)
            case .dateUpdate: put(field, order.dateUpdate)
            case .id: put(field, order.id)
            case .manualPrice: put(field, order.manualPrice)
            case .marked: put(field, order.marked)
            case .nextCode: put(field, order.nextCode)
            case .otherFields: put(field, order.otherFields)
            case .payments: put(field, order.payments) { $0.write($1) }
            case .personTypeId: put(field, order.personTypeId)
            case .properties: put(field, order.properties) { $0.write($1) }
            case .reasonMarked: put(field, order.reasonMarked)
            case .shipments: put(field, order.shipments) { $0.write($1) }
            case .siteId: put(field, order.siteId)
            case .statusId: put(field, order.statusId)
            case .systemShipmentAccountNumber: put(field, order.systemShipmentAccountNumber)
            case .systemShipmentId: put(field, order.systemShipmentId)
            case .userDescription: put(field, order.userDescription)
            case .userIdText: put(field, order.userIdText)
            case .version: put(field, order.version)
            case .xmlId: put(field, order.xmlId)
            }
        }
        close()
    }

    mutating func write(_ item: BasketItem) {
        open()
        for field in BasketItemField.schema.fields {
            switch field {
            case .basePrice: put(field, item.basePrice)
            case .canBuy: put(field, item.canBuy)
            case .code: put(field, item.code)
            case .currency: put(field, item.currency)
            case .customPrice: put(field, item.customPrice)
            case .delay: put(field, item.delay)
            case .discountPrice: put(field, item.discountPrice)
            case .id: put(field, item.id)
            case .moduleId: put(field, item.moduleId)
            case .name: put(field, item.name)
            case .otherFields: put(field, item.otherFields)
            case .price: put(field, item.price)
            case .priceSetByHand: put(field, item.priceSetByHand)
            case .productId: put(field, item.productId)
            case .productProviderClass: put(field, item.productProviderClass)
            case .properties: put(field, item.properties) { $0.write($1) }
            case .quantity: put(field, item.quantity)
            case .sort: put(field, item.sort)
            case .xmlId: put(field, item.xmlId)
            }
        }
        close()
    }

    mutating func write(_ property: BasketItemProperty) {
        open()
        for field in BasketItemPropertyField.schema.fields {
            switch field {
            case .code: put(field, property.code)
            case .name: put(field, property.name)
            case .sort: put(field, property.sort)
            case .value: put(field, property.value)
            }
        }
        close()
    }

    mutating func write(_ shipment: Shipment) {
        open()
        for field in ShipmentField.schema.fields {
            switch field {
            case .accountNumber: put(field, shipment.accountNumber)
            case .allowDelivery: put(field, shipment.allowDelivery)
            case .basePriceDelivery: put(field, shipment.basePriceDelivery)
            case .canceled: put(field, shipment.canceled)
            case .code: put(field, shipment.code)
            case .customPriceDelivery: put(field, shipment.customPriceDelivery)
            case .deducted: put(field, shipment.deducted)
            case .deliveryId: put(field, shipment.deliveryId)
            case .deliveryName: put(field, shipment.deliveryName)
            case .discountPrice: put(field, shipment.discountPrice)
            case .id: put(field, shipment.id)
            case .items: put(field, shipment.items) { $0.write($1) }
            case .marked: put(field, shipment.marked)
            case .otherFields: put(field, shipment.otherFields)
            case .priceDelivery: put(field, shipment.priceDelivery)
            case .priceSetByHand: put(field, shipment.priceSetByHand)
            case .reasonMarked: put(field, shipment.reasonMarked)
            case .statusId: put(field, shipment.statusId)
            case .xmlId: put(field, shipment.xmlId)
            }
        }
        close()
    }

    mutating func write(_ item: ShipmentItem) {
        open()
        for field in ShipmentItemField.schema.fields {
            switch field {
            case .basketCode: put(field, item.basketCode)
            case .id: put(field, item.id)
            case .quantity: put(field, item.quantity)
            }
        }
        close()
    }

    mutating func write(_ payment: Payment) {
        open()
        for field in PaymentField.schema.fields {
            switch field {
            case .accountNumber: put(field, payment.accountNumber)
            case .code: put(field, payment.code)
            case .currency: put(field, payment.currency)
            case .datePaid: put(field, payment.datePaid)
            case .id: put(field, payment.id)
            case .isReturn: put(field, payment.isReturn)
            case .otherFields: put(field, payment.otherFields)
            case .paid: put(field, payment.paid)
            case .paySystemId: put(field, payment.paySystemId)
            case .paySystemName: put(field, payment.paySystemName)
            case .sum: put(field, payment.sum)
            case .sumChangedByHand: put(field, payment.sumChangedByHand)
            case .xmlId: put(field, payment.xmlId)
            }
        }
        close()
    }

    mutating func write(_ value: PropertyValue) {
        open()
        for field in PropertyValueField.schema.fields {
            switch field {
            case .code: put(field, value.code)
            case .id: put(field, value.id)
            case .name: break  // never written (`StoredPresence.ignored`)
            case .propertyId: put(field, value.propertyId)
            case .value: put(field, value.value)
            }
        }
        close()
    }

    mutating func write(_ record: IdempotencyRecord) {
        open()
        for field in IdempotencyRecordField.schema.fields {
            switch field {
            case .fingerprint: put(field, record.fingerprint.text)
            case .key: put(field, record.key)
            case .orderId: put(field, record.orderId)
            }
        }
        close()
    }

    mutating func write(_ user: UserAccount) {
        open()
        for field in UserAccountField.schema.fields {
            switch field {
            case .email: put(field, user.email)
            case .id: put(field, user.id)
            case .login: put(field, user.login)
            case .name: put(field, user.name)
            case .phone: put(field, user.phone)
            }
        }
        close()
    }

    mutating func write(_ product: Product) {
        open()
        for field in ProductField.schema.fields {
            switch field {
            case .active: put(field, product.active)
            case .currency: put(field, product.currency)
            case .id: put(field, product.id)
            case .imagesUrls: put(field, product.imagesUrls) { $0.write($1) }
            case .name: put(field, product.name)
            case .owner: put(field, product.owner)
            case .price: put(field, product.price)
            case .properties: put(field, product.properties)
            }
        }
        close()
    }

    // MARK: Members

    private mutating func open() { out.append(UInt8(ascii: "{")) }
    private mutating func close() { out.append(UInt8(ascii: "}")) }

    /// `"name":`, after a comma unless it is the object's first member.
    private mutating func key(_ name: String) {
        if out.last != UInt8(ascii: "{") { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: name.utf8)
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    /// The member's precomputed `"name":` (with a comma unless it is the object's first member).
    @inline(__always) private mutating func key<Field: StoredField>(_ field: Field) {
        let schema = Field.schema
        if out.last != UInt8(ascii: "{") {
            out.append(contentsOf: schema.commaKeyBytes[field.rawValue])
        } else {
            out.append(contentsOf: schema.keyBytes[field.rawValue])
        }
    }

    /// Whether a non-optional value is written: not when its presence is `defaulted` and it holds the default.
    @inline(__always) private func writes<Field: StoredField>(_ field: Field, isDefault: Bool) -> Bool {
        switch field.presence {
        case .defaulted: !isDefault
        case .ignored: false
        case .optional, .optionalNonEmpty, .always: true
        }
    }

    private mutating func array<Element>(_ elements: [Element], _ body: (inout FastStateWriter, Element) -> Void) {
        out.append(UInt8(ascii: "["))
        for element in elements {
            if out.last != UInt8(ascii: "[") { out.append(UInt8(ascii: ",")) }
            body(&self, element)
        }
        out.append(UInt8(ascii: "]"))
    }

    private mutating func put<Field: StoredField>(_ field: Field, _ value: String) {
        guard writes(field, isDefault: value.isEmpty) else { return }
        key(field)
        write(value)
    }
    private mutating func put<Field: StoredField>(_ field: Field, _ value: Int) {
        guard writes(field, isDefault: value == 0) else { return }
        key(field)
        write(value)
    }
    private mutating func put<Field: StoredField>(_ field: Field, _ value: Bool) {
        guard writes(field, isDefault: !value) else { return }
        key(field)
        write(value)
    }
    private mutating func put<Field: StoredField>(_ field: Field, _ value: Amount) {
        guard writes(field, isDefault: value.isZero) else { return }
        key(field)
        write(value)
    }
    private mutating func put<Field: StoredField>(_ field: Field, _ value: [String: String]) {
        guard writes(field, isDefault: value.isEmpty) else { return }
        key(field)
        open()
        for (name, text) in value.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            key(name)
            write(text)
        }
        close()
    }
    private mutating func put<Field: StoredField, Element>(
        _ field: Field,
        _ elements: [Element],
        _ body: (inout FastStateWriter, Element) -> Void
    ) {
        guard writes(field, isDefault: elements.isEmpty) else { return }
        key(field)
        array(elements, body)
    }
    private mutating func put<Field: StoredField, Element>(
        _ field: Field,
        _ elements: [Element]?,
        _ body: (inout FastStateWriter, Element) -> Void
    ) {
        guard let elements, field.presence != .optionalNonEmpty || !elements.isEmpty else { return }
        key(field)
        array(elements, body)
    }
    private mutating func put<Field: StoredField>(_ field: Field, _ value: String?) {
        if let value { put(field, value) }
    }
    private mutating func put<Field: StoredField>(_ field: Field, _ value: Int?) {
        if let value { put(field, value) }
    }
    private mutating func put<Field: StoredField>(_ field: Field, _ value: Amount?) {
        if let value { put(field, value) }
    }
    private mutating func put<Field: StoredField>(_ field: Field, _ value: Date?) {
        guard let value, field.presence != .ignored else { return }
        key(field)
        write(value)
    }

    // MARK: Values

    mutating func write(_ value: Bool) { out.append(contentsOf: value ? Self.trueBytes : Self.falseBytes) }
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    mutating func write(_ value: Int) {
        if value < 0 {
            guard value != Int.min else {
                out.append(contentsOf: String(value).utf8)
                return
            }
            out.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 20 digits, reversed, one byte each
        var count = 0
        repeat {
            let digit = UInt64(magnitude % 10)
            magnitude /= 10
            withUnsafeMutableBytes(of: &digits) { $0[count] = UInt8(digit) }
            count += 1
        } while magnitude > 0
        withUnsafeBytes(of: digits) { bytes in
            for index in (0..<count).reversed() { out.append(UInt8(ascii: "0") + bytes[index]) }
        }
    }

    mutating func write(_ value: Amount) { value.write(into: &out) }

    /// `2025-10-20T05:00:00.123Z`, written in place to the nearest millisecond exactly as
    /// ``SaleJSON/JSONDates/text(_:)`` spells it (1970 … 9999; anything else by that function).
    mutating func write(_ date: Date) {
        let millis = (date.timeIntervalSince1970 * 1000).rounded()
        guard millis >= 0, millis < 253_402_300_800_000 else {  // 1970 … 9999
            write(JSONDates.text(date))
            return
        }
        let whole = Int(millis)
        let total = whole / 1000
        let (year, month, day) = ZoneOffsets.civil(fromDays: total / 86_400)
        let time = total % 86_400
        out.append(UInt8(ascii: "\""))
        pad(year, 4)
        out.append(UInt8(ascii: "-"))
        pad(month, 2)
        out.append(UInt8(ascii: "-"))
        pad(day, 2)
        out.append(UInt8(ascii: "T"))
        pad(time / 3600, 2)
        out.append(UInt8(ascii: ":"))
        pad(time / 60 % 60, 2)
        out.append(UInt8(ascii: ":"))
        pad(time % 60, 2)
        out.append(UInt8(ascii: "."))
        pad(whole % 1000, 3)
        out.append(UInt8(ascii: "Z"))
        out.append(UInt8(ascii: "\""))
    }

    private mutating func pad(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// A JSON string literal, escaped as ``SaleJSON/JSONWriter`` escapes it.
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            var plain = true
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                plain = false
                break
            }
            if plain {
                out.append(contentsOf: bytes)
                out.append(UInt8(ascii: "\""))
            } else {
                out.removeLast()
                JSONWriter.writeString(String(decoding: bytes, as: UTF8.self), into: &out)
            }
        }
    }
}
