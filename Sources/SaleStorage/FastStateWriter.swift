import BitrixSale
import Foundation
import SaleJSON

/// Writes state payloads and journal records straight to bytes, without building a ``SaleJSON/JSONValue``: the
/// same bytes as ``StateCodec`` + ``SnapshotFormat`` (canonical: every object's keys sorted by their UTF-8 bytes,
/// optional members left out when nil), at a few hundred MB/s instead of 15–20.
///
/// Each `write…` function lists its type's members in sorted key order; `StateCodecEquivalenceTests` proves the
/// output byte-for-byte equal to the `Codable` path.
struct FastStateWriter {
    var out: [UInt8] = []

    init(capacity: Int = 4096) { out.reserveCapacity(capacity) }

    // MARK: Documents

    /// A snapshot file of `state` covering `sequence`, in the layout of
    /// ``SnapshotFormat/layout(sequence:crc32:payload:)`` (header and payload members on their own lines, one compact
    /// line per order, user, product, idempotency record).
    ///
    /// The checksum is computed while writing, over the bytes without the layout's whitespace.
    static func snapshotFile(of state: StoreState, sequence: Int) -> [UInt8] {
        var writer = FastStateWriter(capacity: state.orders.count * 2400 + state.idempotency.count * 160 + 4096)
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
        writer.writeLaidOutPayload(state, &layout)
        layout.flush(writer.out)
        layout.crc.update(CollectionOfOne(UInt8(ascii: "}")))
        let hex = Array(layout.crc.hex.utf8)
        writer.out.replaceSubrange(crcOffset..<crcOffset + 8, with: hex)
        writer.out += Array("\n}\n".utf8)
        return writer.out
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
        laidOutArray(state.orderIds, &layout) { writer, id in if let order = state.orders[id] { writer.write(order) } }
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
        }
        space("\n    ", &layout)
        out.append(UInt8(ascii: "]"))
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

    // MARK: Types (members in sorted key order)

    mutating func write(_ order: OrderData) {
        open()
        optional("accountNumber", order.accountNumber)
        storedArray("basket", order.basket) { $0.write($1) }
        stored("canceled", order.canceled)
        optional("comments", order.comments)
        optional("currency", order.currency)
        optional("dateCanceled", order.dateCanceled)
        optional("dateInsert", order.dateInsert)
        optional("dateStatus", order.dateStatus)
        optional("dateUpdate", order.dateUpdate)
        optional("id", order.id)
        optional("manualPrice", order.manualPrice)
        stored("marked", order.marked)
        stored("nextCode", order.nextCode)
        stored("otherFields", order.otherFields)
        storedArray("payments", order.payments) { $0.write($1) }
        optional("personTypeId", order.personTypeId)
        if let properties = order.properties {
            key("properties")  // optional: nil is left out, an empty collection is written
            array(properties) { $0.write($1) }
        }
        optional("reasonMarked", order.reasonMarked)
        storedArray("shipments", order.shipments) { $0.write($1) }
        stored("siteId", order.siteId)
        stored("statusId", order.statusId)
        optional("systemShipmentAccountNumber", order.systemShipmentAccountNumber)
        optional("systemShipmentId", order.systemShipmentId)
        optional("userDescription", order.userDescription)
        optional("userIdText", order.userIdText)
        stored("version", order.version)
        stored("xmlId", order.xmlId)
        close()
    }

    mutating func write(_ item: BasketItem) {
        open()
        stored("basePrice", item.basePrice)
        stored("canBuy", item.canBuy)
        stored("code", item.code)
        optional("currency", item.currency)
        stored("customPrice", item.customPrice)
        stored("delay", item.delay)
        stored("discountPrice", item.discountPrice)
        optional("id", item.id)
        stored("moduleId", item.moduleId)
        stored("name", item.name)
        stored("otherFields", item.otherFields)
        stored("price", item.price)
        stored("priceSetByHand", item.priceSetByHand)
        stored("productId", item.productId)
        optional("productProviderClass", item.productProviderClass)
        if let properties = item.properties {
            storedArray("properties", properties) { writer, property in writer.write(property) }
        }
        stored("quantity", item.quantity)
        stored("sort", item.sort)
        stored("xmlId", item.xmlId)
        close()
    }

    mutating func write(_ property: BasketItemProperty) {
        open()
        member("code", property.code)
        member("name", property.name)
        member("sort", property.sort)
        member("value", property.value)
        close()
    }

    mutating func write(_ shipment: Shipment) {
        open()
        optional("accountNumber", shipment.accountNumber)
        stored("allowDelivery", shipment.allowDelivery)
        stored("basePriceDelivery", shipment.basePriceDelivery)
        stored("canceled", shipment.canceled)
        stored("code", shipment.code)
        stored("customPriceDelivery", shipment.customPriceDelivery)
        stored("deducted", shipment.deducted)
        stored("deliveryId", shipment.deliveryId)
        stored("deliveryName", shipment.deliveryName)
        stored("discountPrice", shipment.discountPrice)
        optional("id", shipment.id)
        storedArray("items", shipment.items) { writer, item in
            writer.open()
            writer.stored("basketCode", item.basketCode)
            writer.optional("id", item.id)
            writer.stored("quantity", item.quantity)
            writer.close()
        }
        stored("marked", shipment.marked)
        stored("otherFields", shipment.otherFields)
        stored("priceDelivery", shipment.priceDelivery)
        stored("priceSetByHand", shipment.priceSetByHand)
        optional("reasonMarked", shipment.reasonMarked)
        stored("statusId", shipment.statusId)
        stored("xmlId", shipment.xmlId)
        close()
    }

    mutating func write(_ payment: Payment) {
        open()
        optional("accountNumber", payment.accountNumber)
        stored("code", payment.code)
        optional("currency", payment.currency)
        optional("datePaid", payment.datePaid)
        optional("id", payment.id)
        stored("isReturn", payment.isReturn)
        stored("otherFields", payment.otherFields)
        stored("paid", payment.paid)
        stored("paySystemId", payment.paySystemId)
        optional("paySystemName", payment.paySystemName)
        stored("sum", payment.sum)
        stored("sumChangedByHand", payment.sumChangedByHand)
        stored("xmlId", payment.xmlId)
        close()
    }

    mutating func write(_ value: PropertyValue) {
        open()
        stored("code", value.code)
        optional("id", value.id)
        stored("propertyId", value.propertyId)
        optional("value", value.value)
        close()
    }

    mutating func write(_ record: IdempotencyRecord) {
        open()
        member("fingerprint", record.fingerprint.text)
        member("key", record.key)
        member("orderId", record.orderId)
        close()
    }

    mutating func write(_ user: UserAccount) {
        open()
        optional("email", user.email)
        member("id", user.id)
        optional("login", user.login)
        member("name", user.name)
        member("phone", user.phone)
        close()
    }

    mutating func write(_ product: Product) {
        open()
        member("active", product.active)
        member("currency", product.currency)
        member("id", product.id)
        key("imagesUrls")
        array(product.imagesUrls) { $0.write($1) }
        member("name", product.name)
        optional("owner", product.owner)
        member("price", product.price)
        member("properties", product.properties)
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

    private mutating func array<Element>(_ elements: [Element], _ body: (inout FastStateWriter, Element) -> Void) {
        out.append(UInt8(ascii: "["))
        for element in elements {
            if out.last != UInt8(ascii: "[") { out.append(UInt8(ascii: ",")) }
            body(&self, element)
        }
        out.append(UInt8(ascii: "]"))
    }

    private mutating func member(_ name: String, _ value: String) {
        key(name)
        write(value)
    }
    private mutating func member(_ name: String, _ value: Int) {
        key(name)
        write(value)
    }
    private mutating func member(_ name: String, _ value: Bool) {
        key(name)
        write(value)
    }
    private mutating func member(_ name: String, _ value: Decimal) {
        key(name)
        write(value)
    }
    private mutating func member(_ name: String, _ value: [String: String]) {
        key(name)
        open()
        for (field, text) in value.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            key(field)
            write(text)
        }
        close()
    }
    /// Members of an order and its parts: left out at their default (`false`, `0`, `""`, `[]`, `{}`), like
    /// ``StoredShape``.
    private mutating func stored(_ name: String, _ value: String) { if !value.isEmpty { member(name, value) } }
    private mutating func stored(_ name: String, _ value: Int) { if value != 0 { member(name, value) } }
    private mutating func stored(_ name: String, _ value: Bool) { if value { member(name, value) } }
    private mutating func stored(_ name: String, _ value: Decimal) {
        if !value.isZero, !value.isNaN { member(name, value) }  // both are written `0`
    }
    private mutating func stored(_ name: String, _ value: [String: String]) {
        if !value.isEmpty { member(name, value) }
    }
    private mutating func storedArray<Element>(
        _ name: String,
        _ elements: [Element],
        _ body: (inout FastStateWriter, Element) -> Void
    ) {
        guard !elements.isEmpty else { return }
        key(name)
        array(elements, body)
    }

    private mutating func optional(_ name: String, _ value: String?) { if let value { member(name, value) } }
    private mutating func optional(_ name: String, _ value: Int?) { if let value { member(name, value) } }
    private mutating func optional(_ name: String, _ value: Decimal?) { if let value { member(name, value) } }
    private mutating func optional(_ name: String, _ value: Date?) {
        if let value {
            key(name)
            write(value)
        }
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

    mutating func write(_ value: Decimal) {
        if !DecimalText.append(value, to: &out) { out.append(contentsOf: JSONNumber(value).literal.utf8) }
    }

    /// `2025-10-20T05:00:00.000Z`: whole seconds written directly, anything else by Foundation's formatter
    /// (the one ``SaleJSON/JSONValueEncoder`` uses).
    mutating func write(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        if seconds.rounded(.down) == seconds, seconds >= 0, seconds < 253_402_300_800 {  // 1970 … 9999
            let total = Int(seconds)
            let (year, month, day) = Self.civil(days: total / 86_400)
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
            out.append(contentsOf: Self.wholeSecondTail)
        } else {
            write(JSONDates.text(date))
        }
    }

    private static let wholeSecondTail = Array(".000Z\"".utf8)
    static let iso8601: Date.ISO8601FormatStyle = .iso8601.year().month().day().time(includingFractionalSeconds: true)
        .timeZone(separator: .omitted)

    private mutating func pad(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// Year, month, day of a day count since 1970-01-01 (proleptic Gregorian; Howard Hinnant's `civil_from_days`).
    static func civil(days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
