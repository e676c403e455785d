import BitrixSale
import Foundation
import SaleJSON

/// Reads a snapshot file written in the canonical layout straight into a ``BitrixSale/StoreState``, without
/// building a ``SaleJSON/JSONValue``.
///
/// It only takes the common road: the exact header layout ``FastStateWriter`` writes, canonical string escapes,
/// plain integer literals, known member types. On anything else it returns nil and the caller reads the file
/// the general way (``SnapshotFormat/decode(_:path:maxDepth:)`` then ``StateCodec``), which accepts or names the
/// problem exactly as before; so this path never accepts what the general one refuses.
struct FastStateReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The sequence and state of a snapshot file, or nil to take the general road.
    static func snapshot(_ file: [UInt8]) -> (sequence: Int, state: StoreState)? {
        let head = Array("{\n  \"format\": \"\(SnapshotFormat.format)\",\n  \"version\": 1,\n  \"sequence\": ".utf8)
        let tail = Array("\n}\n".utf8)
        guard file.count > head.count + tail.count, file.starts(with: head), file.suffix(3).elementsEqual(tail) else {
            return nil
        }
        var position = head.count
        var sequenceText = ""
        while position < file.count, file[position] >= 0x30, file[position] <= 0x39 {
            sequenceText.append(Character(Unicode.Scalar(file[position])))
            position += 1
        }
        guard let sequence = Int(sequenceText), String(sequence) == sequenceText else { return nil }
        let middle = Array(",\n  \"crc32\": \"".utf8)
        guard file[position...].starts(with: middle) else { return nil }
        position += middle.count
        guard position + 8 <= file.count else { return nil }
        let stored = String(decoding: file[position..<position + 8], as: UTF8.self)
        position += 8
        let payloadKey = Array("\",\n  \"payload\": ".utf8)
        guard file[position...].starts(with: payloadKey) else { return nil }
        position += payloadKey.count
        guard let compact = minify(file[position..<(file.count - tail.count)]) else { return nil }
        var crc = CRC32()
        crc.update(Array("{\"format\":\"\(SnapshotFormat.format)\",\"version\":1,\"sequence\":\(sequenceText),\"payload\":".utf8))
        crc.update(compact)
        crc.update(CollectionOfOne(UInt8(ascii: "}")))
        guard crc.hex == stored else { return nil }
        let state = compact.withUnsafeBufferPointer { buffer -> StoreState? in
            var reader = FastStateReader(buffer)
            guard let state = reader.readPayload(), reader.index == buffer.count else { return nil }
            return state
        }
        return state.map { (sequence, $0) }
    }

    /// The bytes without whitespace outside strings: the compact JSON the checksum covers, provided every string
    /// escape is one ``SaleJSON/JSONWriter`` writes (else nil: the general road re-writes strings).
    static func minify(_ pretty: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(pretty.count)
        let ok = pretty.withUnsafeBufferPointer { bytes -> Bool in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let begin = index
                    index += 1
                    while true {
                        guard index < bytes.count else { return false }
                        let inner = bytes[index]
                        if inner == UInt8(ascii: "\"") { break }
                        if inner < 0x20 { return false }
                        if inner == UInt8(ascii: "\\") {
                            guard index + 1 < bytes.count else { return false }
                            switch bytes[index + 1] {
                            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"),
                                UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "f"):
                                index += 2
                            case UInt8(ascii: "u"):
                                // Only the `\u00XX` JSONWriter writes: a control character without a short escape.
                                guard index + 5 < bytes.count, bytes[index + 2] == 0x30, bytes[index + 3] == 0x30,
                                    let value = Self.hexByte(bytes[index + 4], bytes[index + 5]), value < 0x20,
                                    ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(value)
                                else { return false }
                                index += 6
                            default:
                                return false  // `\/` and the like: let the general road decide
                            }
                            continue
                        }
                        index += 1
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[begin...index]))
                } else if byte != 0x20, byte != 0x0A, byte != 0x09, byte != 0x0D {
                    out.append(byte)
                }
                index += 1
            }
            return true
        }
        return ok ? out : nil
    }

    /// The byte of two lower-case hex digits (`JSONWriter`'s spelling), or nil.
    static func hexByte(_ high: UInt8, _ low: UInt8) -> UInt8? {
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        guard let high = digit(high), let low = digit(low) else { return nil }
        return high << 4 | low
    }

    // MARK: Structure

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads an object, calling `member` with each key's index in `keys` (nil for an unknown key, whose value
    /// is skipped). Returns false when the text is not as expected or `member` refuses.
    private mutating func object(_ keys: KeyTable, _ member: (inout FastStateReader, Int) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        var hint = 0
        repeat {
            guard consume(UInt8(ascii: "\"")) else { return false }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { return false }
                index += 1
            }
            guard index < bytes.count else { return false }
            let found = keys.find(UnsafeBufferPointer(rebasing: bytes[start..<index]), hint: &hint)
            index += 1
            guard consume(UInt8(ascii: ":")) else { return false }
            if let found {
                guard member(&self, found) else { return false }
            } else {
                guard skipValue(depth: 0) else { return false }
            }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    private mutating func array<Element>(_ element: (inout FastStateReader) -> Element?) -> [Element]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var elements: [Element] = []
        if consume(UInt8(ascii: "]")) { return elements }
        repeat {
            guard let value = element(&self) else { return nil }
            elements.append(value)
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]")) ? elements : nil
    }

    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < 100, index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"):
            guard consume(UInt8(ascii: "{")) else { return false }
            if consume(UInt8(ascii: "}")) { return true }
            repeat {
                guard string() != nil, consume(UInt8(ascii: ":")), skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            guard consume(UInt8(ascii: "[")) else { return false }
            if consume(UInt8(ascii: "]")) { return true }
            repeat {
                guard skipValue(depth: depth + 1) else { return false }
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        default:
            // A literal or number: up to the next structural byte (the general parser checks the syntax).
            let start = index
            while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[index]) {
                index += 1
            }
            return index > start && JSONParserCheck.isScalar(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        }
    }

    // MARK: Values

    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var escaped = false
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") {
                escaped = true
                index += 1
            }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        guard escaped else { return String(validating: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        var position = 0
        while position < raw.count {
            var byte = raw[position]
            if byte == UInt8(ascii: "\\") {
                position += 1
                switch raw[position] {
                case UInt8(ascii: "n"): byte = 0x0A
                case UInt8(ascii: "r"): byte = 0x0D
                case UInt8(ascii: "t"): byte = 0x09
                case UInt8(ascii: "b"): byte = 0x08
                case UInt8(ascii: "f"): byte = 0x0C
                case UInt8(ascii: "u"):
                    guard position + 4 < raw.count, let value = Self.hexByte(raw[position + 3], raw[position + 4])
                    else { return nil }
                    byte = value
                    position += 4
                case let other: byte = other  // \" and \\ (the minifier let nothing else through)
                }
            }
            unescaped.append(byte)
            position += 1
        }
        return String(validating: unescaped, as: UTF8.self)
    }

    private mutating func int() -> Int? {
        let negative = consume(UInt8(ascii: "-"))
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            guard index - start < 18 else { return literal(from: negative ? start - 1 : start)?.int }
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        guard index > start, index == start + 1 || bytes[start] != 0x30,
            index == bytes.count || !".eE".utf8.contains(bytes[index])
        else { return literal(from: negative ? start - 1 : start)?.int }
        return negative ? -value : value
    }

    private mutating func bool() -> Bool? {
        if bytes.count - index >= 4, bytes[index] == UInt8(ascii: "t"), bytes[index + 1] == UInt8(ascii: "r"),
            bytes[index + 2] == UInt8(ascii: "u"), bytes[index + 3] == UInt8(ascii: "e")
        {
            index += 4
            return true
        }
        if bytes.count - index >= 5, bytes[index] == UInt8(ascii: "f"), bytes[index + 1] == UInt8(ascii: "a"),
            bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "s"),
            bytes[index + 4] == UInt8(ascii: "e")
        {
            index += 5
            return false
        }
        return nil
    }

    /// A number literal: `-?digits(.digits)?` with at most 18 significant digits directly, any other through
    /// ``SaleJSON/JSONNumber`` exactly as the general road reads it.
    private mutating func decimal() -> Decimal? {
        let start = index
        let negative = consume(UInt8(ascii: "-"))
        var significand: UInt64 = 0
        var digits = 0
        var fraction = 0
        var simple = true
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            if digits < 18 { significand = significand * 10 + UInt64(bytes[index] - 0x30) } else { simple = false }
            digits += 1
            index += 1
        }
        let sawPoint = consume(UInt8(ascii: "."))
        if sawPoint {
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if digits < 18 { significand = significand * 10 + UInt64(bytes[index] - 0x30) } else { simple = false }
                digits += 1
                fraction += 1
                index += 1
            }
        }
        let leadingZero = digits > 1 && bytes[negative ? start + 1 : start] == 0x30 && fraction != digits - 1
        if simple, digits > 0, !leadingZero, index == bytes.count || ![UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[index]),
            !(sawPoint && fraction == 0)
        {
            return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(significand))
        }
        return literal(from: start)?.decimal
    }

    /// The number literal starting at `start` (the index moves past it), checked as JSON; nil when invalid.
    private mutating func literal(from start: Int) -> JSONNumber? {
        index = start
        while index < bytes.count, "-+.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
        let span = UnsafeBufferPointer(rebasing: bytes[start..<index])
        guard case .number(let number)? = try? JSONParser(maxDepth: 1).parse(span) else { return nil }
        return number
    }

    /// Whole-second dates (`….000Z`) directly; others through Foundation, as the general road parses them.
    private mutating func date() -> Date? {
        guard let text = string() else { return nil }
        let utf8 = Array(text.utf8)
        if utf8.count == 24, utf8[4] == 0x2D, utf8[7] == 0x2D, utf8[10] == 0x54, utf8[13] == 0x3A, utf8[16] == 0x3A,
            utf8[19] == 0x2E, utf8[20] == 0x30, utf8[21] == 0x30, utf8[22] == 0x30, utf8[23] == 0x5A
        {
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for byte in utf8[from..<from + count] {
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            if let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2), year >= 1970, (1...12).contains(month),
                (1...28).contains(day), hour < 24, minute < 60, second < 60
            {
                let days = Self.days(year: year, month: month, day: day)
                return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
            }
        }
        return JSONDates.date(text)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private mutating func optionalNull() -> Bool {
        guard bytes.count - index >= 4, bytes[index] == UInt8(ascii: "n") else { return false }
        index += 4
        return bytes[index - 3] == UInt8(ascii: "u") && bytes[index - 2] == UInt8(ascii: "l")
            && bytes[index - 1] == UInt8(ascii: "l")
    }

    private mutating func fields() -> [String: String]? {
        var result: [String: String] = [:]
        guard consume(UInt8(ascii: "{")) else { return nil }
        if consume(UInt8(ascii: "}")) { return result }
        repeat {
            guard let key = string(), consume(UInt8(ascii: ":")), let value = string() else { return nil }
            result[key] = value
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}")) ? result : nil
    }

    // MARK: Types

    private mutating func readPayload() -> StoreState? {
        var transaction = StoreTransaction()
        var lastIds: [IdKind: Int]?
        var seen = 0
        let ok = object(KeyTable.payload) { reader, key in
            seen |= 1 << key
            switch key {
            case 0: return reader.array { $0.idempotency() }.map { transaction.idempotencyRecords = $0 } != nil
            case 1:
                lastIds = reader.lastIds()
                return lastIds != nil
            case 2: return reader.array { $0.order() }.map { transaction.orders = $0 } != nil
            case 3: return reader.array { $0.product() }.map { transaction.products = $0 } != nil
            default: return reader.array { $0.user() }.map { transaction.users = $0 } != nil
            }
        }
        guard ok, seen == 0b11111, let lastIds else { return nil }
        transaction.lastIds = lastIds
        var state = StoreState()
        state.apply(transaction)
        return state
    }

    private mutating func lastIds() -> [IdKind: Int]? {
        var result: [IdKind: Int] = [:]
        guard consume(UInt8(ascii: "{")) else { return nil }
        if consume(UInt8(ascii: "}")) { return result }
        repeat {
            guard let name = string(), let kind = IdKind(rawValue: name), consume(UInt8(ascii: ":")),
                let value = int()
            else { return nil }
            result[kind] = value
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}")) ? result : nil
    }

    private mutating func idempotency() -> IdempotencyRecord? {
        var fingerprint: String?, key: String?, orderId: Int?
        let ok = object(KeyTable.idempotency) { reader, member in
            switch member {
            case 0: fingerprint = reader.string(); return fingerprint != nil
            case 1: key = reader.string(); return key != nil
            default: orderId = reader.int(); return orderId != nil
            }
        }
        guard ok, let fingerprint, let key, let orderId else { return nil }
        return IdempotencyRecord(key: key, orderId: orderId, fingerprint: fingerprint)
    }

    private mutating func user() -> UserAccount? {
        var id: Int?, name: String?, phone: String?
        let ok = object(KeyTable.user) { reader, member in
            switch member {
            case 0: id = reader.int(); return id != nil
            case 1: name = reader.string(); return name != nil
            default: phone = reader.string(); return phone != nil
            }
        }
        guard ok, let id, let name, let phone else { return nil }
        return UserAccount(id: id, phone: phone, name: name)
    }

    private mutating func product() -> Product? {
        var id: Int?, name: String?, price: Decimal?, currency: String?, active: Bool?, images: [String]?
        var owner: String?, properties: [String: String]?
        var valid = true
        let ok = object(KeyTable.product) { reader, member in
            switch member {
            case 0: active = reader.bool(); return active != nil
            case 1: currency = reader.string(); return currency != nil
            case 2: id = reader.int(); return id != nil
            case 3: images = reader.array { $0.string() }; return images != nil
            case 4: name = reader.string(); return name != nil
            case 5:
                if reader.optionalNull() { return true }
                owner = reader.string()
                valid = owner != nil
                return valid
            case 6: price = reader.decimal(); return price != nil
            default: properties = reader.fields(); return properties != nil
            }
        }
        guard ok, valid, let id, let name, let price, let currency else { return nil }
        return Product(
            id: id, name: name, price: price, currency: currency, active: active ?? true, imagesUrls: images ?? [],
            owner: owner, properties: properties ?? [:]
        )
    }

    private mutating func propertyValue() -> PropertyValue? {
        var code: String?, id: Int?, name: String?, propertyId: Int?, value: String?
        let ok = object(KeyTable.propertyValue) { reader, member in
            switch member {
            case 0: code = reader.string(); return code != nil
            case 1: id = reader.int(); return id != nil
            case 2: name = reader.string(); return name != nil
            case 3: propertyId = reader.int(); return propertyId != nil
            default: value = reader.string(); return value != nil
            }
        }
        guard ok, let code, let name, let propertyId else { return nil }
        return PropertyValue(restoring: propertyId, code: code, name: name, value: value, id: id)
    }

    private mutating func shipmentItem() -> ShipmentItem? {
        var basketCode: Int?, id: Int?, quantity: Decimal?
        let ok = object(KeyTable.shipmentItem) { reader, member in
            switch member {
            case 0: basketCode = reader.int(); return basketCode != nil
            case 1: id = reader.int(); return id != nil
            default: quantity = reader.decimal(); return quantity != nil
            }
        }
        guard ok, let basketCode, let quantity else { return nil }
        return ShipmentItem(restoring: basketCode, quantity: quantity, id: id)
    }

    private mutating func payment() -> Payment? {
        var accountNumber: String?, code: Int?, currency: String?, datePaid: Date?, id: Int?, isReturn: Bool?
        var otherFields: [String: String]?, paid: Bool?, paySystemId: Int?, paySystemName: String?, sum: Decimal?
        var sumChangedByHand: Bool?, xmlId: String?
        let ok = object(KeyTable.payment) { reader, member in
            switch member {
            case 0: accountNumber = reader.string(); return accountNumber != nil
            case 1: code = reader.int(); return code != nil
            case 2: currency = reader.string(); return currency != nil
            case 3: datePaid = reader.date(); return datePaid != nil
            case 4: id = reader.int(); return id != nil
            case 5: isReturn = reader.bool(); return isReturn != nil
            case 6: otherFields = reader.fields(); return otherFields != nil
            case 7: paid = reader.bool(); return paid != nil
            case 8: paySystemId = reader.int(); return paySystemId != nil
            case 9: paySystemName = reader.string(); return paySystemName != nil
            case 10: sum = reader.decimal(); return sum != nil
            case 11: sumChangedByHand = reader.bool(); return sumChangedByHand != nil
            default: xmlId = reader.string(); return xmlId != nil
            }
        }
        guard ok, let code, let isReturn, let otherFields, let paid, let paySystemId, let sum, let sumChangedByHand,
            let xmlId
        else { return nil }
        return Payment(
            code: code, id: id, paySystemId: paySystemId, paySystemName: paySystemName, sum: sum,
            sumChangedByHand: sumChangedByHand, paid: paid, datePaid: datePaid, currency: currency,
            isReturn: isReturn, accountNumber: accountNumber, xmlId: xmlId, otherFields: otherFields
        )
    }

    private mutating func basketItem() -> BasketItem? {
        var basePrice: Decimal?, canBuy: Bool?, code: Int?, currency: String?, customPrice: Bool?, delay: Bool?
        var discountPrice: Decimal?, id: Int?, moduleId: String?, name: String?, otherFields: [String: String]?
        var price: Decimal?, priceSetByHand: Bool?, productId: Int?, productProviderClass: String?
        var quantity: Decimal?, sort: Int?, xmlId: String?
        let ok = object(KeyTable.basketItem) { reader, member in
            switch member {
            case 0: basePrice = reader.decimal(); return basePrice != nil
            case 1: canBuy = reader.bool(); return canBuy != nil
            case 2: code = reader.int(); return code != nil
            case 3: currency = reader.string(); return currency != nil
            case 4: customPrice = reader.bool(); return customPrice != nil
            case 5: delay = reader.bool(); return delay != nil
            case 6: discountPrice = reader.decimal(); return discountPrice != nil
            case 7: id = reader.int(); return id != nil
            case 8: moduleId = reader.string(); return moduleId != nil
            case 9: name = reader.string(); return name != nil
            case 10: otherFields = reader.fields(); return otherFields != nil
            case 11: price = reader.decimal(); return price != nil
            case 12: priceSetByHand = reader.bool(); return priceSetByHand != nil
            case 13: productId = reader.int(); return productId != nil
            case 14: productProviderClass = reader.string(); return productProviderClass != nil
            case 15: quantity = reader.decimal(); return quantity != nil
            case 16: sort = reader.int(); return sort != nil
            default: xmlId = reader.string(); return xmlId != nil
            }
        }
        guard ok, let basePrice, let canBuy, let code, let customPrice, let delay, let discountPrice, let moduleId,
            let name, let otherFields, let price, let priceSetByHand, let productId, let quantity, let sort, let xmlId
        else { return nil }
        return BasketItem(
            code: code, id: id, moduleId: moduleId, productId: productId, name: name, quantity: quantity, price: price,
            basePrice: basePrice, discountPrice: discountPrice, customPrice: customPrice, currency: currency,
            canBuy: canBuy, delay: delay, productProviderClass: productProviderClass, sort: sort, xmlId: xmlId,
            otherFields: otherFields, priceSetByHand: priceSetByHand
        )
    }

    private mutating func shipment() -> Shipment? {
        var accountNumber: String?, allowDelivery: Bool?, basePriceDelivery: Decimal?, canceled: Bool?, code: Int?
        var customPriceDelivery: Bool?, deducted: Bool?, deliveryId: Int?, deliveryName: String?
        var discountPrice: Decimal?, id: Int?, items: [ShipmentItem]?, marked: Bool?, otherFields: [String: String]?
        var priceDelivery: Decimal?, priceSetByHand: Bool?, reasonMarked: String?, statusId: String?, xmlId: String?
        let ok = object(KeyTable.shipment) { reader, member in
            switch member {
            case 0: accountNumber = reader.string(); return accountNumber != nil
            case 1: allowDelivery = reader.bool(); return allowDelivery != nil
            case 2: basePriceDelivery = reader.decimal(); return basePriceDelivery != nil
            case 3: canceled = reader.bool(); return canceled != nil
            case 4: code = reader.int(); return code != nil
            case 5: customPriceDelivery = reader.bool(); return customPriceDelivery != nil
            case 6: deducted = reader.bool(); return deducted != nil
            case 7: deliveryId = reader.int(); return deliveryId != nil
            case 8: deliveryName = reader.string(); return deliveryName != nil
            case 9: discountPrice = reader.decimal(); return discountPrice != nil
            case 10: id = reader.int(); return id != nil
            case 11: items = reader.array { $0.shipmentItem() }; return items != nil
            case 12: marked = reader.bool(); return marked != nil
            case 13: otherFields = reader.fields(); return otherFields != nil
            case 14: priceDelivery = reader.decimal(); return priceDelivery != nil
            case 15: priceSetByHand = reader.bool(); return priceSetByHand != nil
            case 16: reasonMarked = reader.string(); return reasonMarked != nil
            case 17: statusId = reader.string(); return statusId != nil
            default: xmlId = reader.string(); return xmlId != nil
            }
        }
        guard ok, let allowDelivery, let basePriceDelivery, let canceled, let code, let customPriceDelivery,
            let deducted, let deliveryId, let deliveryName, let discountPrice, let items, let marked, let otherFields,
            let priceDelivery, let priceSetByHand, let statusId, let xmlId
        else { return nil }
        return Shipment(
            code: code, id: id, deliveryId: deliveryId, deliveryName: deliveryName, statusId: statusId,
            basePriceDelivery: basePriceDelivery, priceDelivery: priceDelivery, discountPrice: discountPrice,
            customPriceDelivery: customPriceDelivery, allowDelivery: allowDelivery, deducted: deducted,
            canceled: canceled, marked: marked, reasonMarked: reasonMarked, accountNumber: accountNumber, xmlId: xmlId,
            items: items, otherFields: otherFields, priceSetByHand: priceSetByHand
        )
    }

    private mutating func order() -> OrderData? {
        var accountNumber: String?, basket: [BasketItem]?, canceled: Bool?, comments: String?, currency: String?
        var dateCanceled: Date?, dateInsert: Date?, dateStatus: Date?, dateUpdate: Date?, id: Int?
        var manualPrice: Decimal?, marked: Bool?, nextCode: Int?, otherFields: [String: String]?
        var payments: [Payment]?, personTypeId: Int?, properties: [PropertyValue]?, reasonMarked: String?
        var shipments: [Shipment]?, siteId: String?, statusId: String?, systemShipmentAccountNumber: String?
        var systemShipmentId: Int?, userDescription: String?, userIdText: String?, version: Int?, xmlId: String?
        let ok = object(KeyTable.order) { reader, member in
            switch member {
            case 0: accountNumber = reader.string(); return accountNumber != nil
            case 1: basket = reader.array { $0.basketItem() }; return basket != nil
            case 2: canceled = reader.bool(); return canceled != nil
            case 3: comments = reader.string(); return comments != nil
            case 4: currency = reader.string(); return currency != nil
            case 5: dateCanceled = reader.date(); return dateCanceled != nil
            case 6: dateInsert = reader.date(); return dateInsert != nil
            case 7: dateStatus = reader.date(); return dateStatus != nil
            case 8: dateUpdate = reader.date(); return dateUpdate != nil
            case 9: id = reader.int(); return id != nil
            case 10: manualPrice = reader.decimal(); return manualPrice != nil
            case 11: marked = reader.bool(); return marked != nil
            case 12: nextCode = reader.int(); return nextCode != nil
            case 13: otherFields = reader.fields(); return otherFields != nil
            case 14: payments = reader.array { $0.payment() }; return payments != nil
            case 15: personTypeId = reader.int(); return personTypeId != nil
            case 16: properties = reader.array { $0.propertyValue() }; return properties != nil
            case 17: reasonMarked = reader.string(); return reasonMarked != nil
            case 18: shipments = reader.array { $0.shipment() }; return shipments != nil
            case 19: siteId = reader.string(); return siteId != nil
            case 20: statusId = reader.string(); return statusId != nil
            case 21: systemShipmentAccountNumber = reader.string(); return systemShipmentAccountNumber != nil
            case 22: systemShipmentId = reader.int(); return systemShipmentId != nil
            case 23: userDescription = reader.string(); return userDescription != nil
            case 24: userIdText = reader.string(); return userIdText != nil
            case 25: version = reader.int(); return version != nil
            default: xmlId = reader.string(); return xmlId != nil
            }
        }
        guard ok, let basket, let canceled, let marked, let nextCode, let otherFields, let payments, let shipments,
            let siteId, let statusId, let version, let xmlId
        else { return nil }
        return OrderData(
            id: id, siteId: siteId, userIdText: userIdText, currency: currency, personTypeId: personTypeId,
            statusId: statusId, canceled: canceled, marked: marked, reasonMarked: reasonMarked,
            accountNumber: accountNumber, xmlId: xmlId, dateInsert: dateInsert, dateUpdate: dateUpdate,
            dateStatus: dateStatus, dateCanceled: dateCanceled, userDescription: userDescription, comments: comments,
            manualPrice: manualPrice, otherFields: otherFields, basket: basket, shipments: shipments,
            payments: payments, properties: properties, systemShipmentId: systemShipmentId,
            systemShipmentAccountNumber: systemShipmentAccountNumber, version: version, nextCode: nextCode
        )
    }
}

/// The member names of one type in sorted order; lookups start where the last match was, so members in sorted
/// order (the canonical layout) are found with one or two comparisons.
struct KeyTable: Sendable {
    let keys: [[UInt8]]

    init(_ names: [String]) { keys = names.map { Array($0.utf8) } }

    func find(_ key: UnsafeBufferPointer<UInt8>, hint: inout Int) -> Int? {
        for offset in 0..<keys.count {
            let candidate = (hint + offset) % keys.count
            if keys[candidate].elementsEqual(key) {
                hint = candidate + 1
                return candidate
            }
        }
        return nil
    }

    static let payload = KeyTable(["idempotency", "lastIds", "orders", "products", "users"])
    static let idempotency = KeyTable(["fingerprint", "key", "orderId"])
    static let user = KeyTable(["id", "name", "phone"])
    static let product = KeyTable(["active", "currency", "id", "imagesUrls", "name", "owner", "price", "properties"])
    static let propertyValue = KeyTable(["code", "id", "name", "propertyId", "value"])
    static let shipmentItem = KeyTable(["basketCode", "id", "quantity"])
    static let payment = KeyTable([
        "accountNumber", "code", "currency", "datePaid", "id", "isReturn", "otherFields", "paid", "paySystemId",
        "paySystemName", "sum", "sumChangedByHand", "xmlId",
    ])
    static let basketItem = KeyTable([
        "basePrice", "canBuy", "code", "currency", "customPrice", "delay", "discountPrice", "id", "moduleId", "name",
        "otherFields", "price", "priceSetByHand", "productId", "productProviderClass", "quantity", "sort", "xmlId",
    ])
    static let shipment = KeyTable([
        "accountNumber", "allowDelivery", "basePriceDelivery", "canceled", "code", "customPriceDelivery", "deducted",
        "deliveryId", "deliveryName", "discountPrice", "id", "items", "marked", "otherFields", "priceDelivery",
        "priceSetByHand", "reasonMarked", "statusId", "xmlId",
    ])
    static let order = KeyTable([
        "accountNumber", "basket", "canceled", "comments", "currency", "dateCanceled", "dateInsert", "dateStatus",
        "dateUpdate", "id", "manualPrice", "marked", "nextCode", "otherFields", "payments", "personTypeId",
        "properties", "reasonMarked", "shipments", "siteId", "statusId", "systemShipmentAccountNumber",
        "systemShipmentId", "userDescription", "userIdText", "version", "xmlId",
    ])
}

/// Syntax of a scalar skipped as an unknown member's value.
enum JSONParserCheck {
    static func isScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let value = try? JSONParser(maxDepth: 1).parse(bytes) else { return false }
        switch value {
        case .array, .object: return false
        default: return true
        }
    }
}
