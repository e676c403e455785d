import Foundation
import SaleMoney

/// Encodes `Encodable` values into ``JSONValue`` without going through text or `Double`.
///
/// `Decimal` becomes an exact number, `Date` an ISO 8601 string with fractional seconds in UTC
/// (`2025-10-20T05:00:00.000Z`), object keys keep the order in which the type encodes them, and dictionaries with
/// `String` or `Int` keys become objects (their keys sorted) and sets become arrays sorted by their JSON text, so the
/// output does not depend on hash seeds.
public struct JSONValueEncoder: Sendable {
    /// Makes an encoder.
    public init() {}

    /// Encodes a value.
    public func encode(_ value: some Encodable) throws -> JSONValue {
        try ValueBox.encode(value, codingPath: [])
    }
}

/// Decodes `Decodable` values from ``JSONValue``; errors are `DecodingError`s whose coding path names the value.
public struct JSONValueDecoder: Sendable {
    /// Makes a decoder.
    public init() {}

    /// Decodes a value of type `T`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try DecodingBox.decode(type, from: value, codingPath: [])
    }
}

/// Writes a coding path as a JSON path: `$.orders[3].basket[0].price`.
public func jsonPath(_ codingPath: [any CodingKey]) -> String {
    var text = "$"
    for key in codingPath {
        if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
            text += "[\(index)]"
        } else {
            text += ".\(key.stringValue)"
        }
    }
    return text
}

let iso8601: Date.ISO8601FormatStyle = .iso8601.year().month().day().time(includingFractionalSeconds: true)
    .timeZone(separator: .omitted)

/// `date` to the nearest millisecond in ISO 8601, UTC (the format style truncates: it turned `.999` into `.998`).
func iso8601Text(_ date: Date) -> String {
    let millis = (date.timeIntervalSince1970 * 1000).rounded()
    let seconds = (millis / 1000).rounded(.down)
    let fraction = String(Int(millis - seconds * 1000))
    let whole = Date(timeIntervalSince1970: seconds).formatted(iso8601)  // whole seconds: ends in ".000Z"
    return whole.dropLast(4) + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
}

struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
    init?(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }
    init?(intValue: Int) { self.init(intValue) }
}

// MARK: Encoding

/// A collection that encodes as an object whose member order means nothing (a `Dictionary`).
protocol UnorderedKeyedCollection {
    /// Whether the keys are `Int`s (written as decimal strings), to be sorted by value.
    static var keysAreIntegers: Bool { get }
}

extension Dictionary: UnorderedKeyedCollection {
    static var keysAreIntegers: Bool { Key.self == Int.self }
}

/// A collection that encodes as an array whose element order means nothing (a `Set`): its iteration order depends
/// on the per-instance hash seed, so the encoder sorts the elements by their JSON text.
protocol UnorderedCollection {}

extension Set: UnorderedCollection {}

/// A node under construction: a reference so nested containers can fill it after they are handed out.
final class ValueBox {
    enum Content {
        case value(JSONValue)
        case object([(key: String, value: ValueBox)])
        case array([ValueBox])
        case empty
    }

    var content: Content = .empty

    static func encode(_ value: some Encodable, codingPath: [any CodingKey]) throws -> JSONValue {
        if let special = special(value) { return special }
        // Scalars without their own overload here would encode through a single-value container back into this
        // generic path forever.
        if let integer = value as? any BinaryInteger { return .number(JSONNumber(literal: "\(integer)")) }
        if let float = value as? Float {
            guard float.isFinite else {
                let context = EncodingError.Context(codingPath: codingPath, debugDescription: "JSON has no \(float)")
                throw EncodingError.invalidValue(float, context)
            }
            return .number(JSONNumber(literal: "\(float)"))
        }
        let box = ValueBox()
        try value.encode(to: BoxEncoder(box: box, codingPath: codingPath))
        // A dictionary encodes its members in hash order, which changes from run to run: sort them.
        if let dictionary = value as? any UnorderedKeyedCollection, case .object(let members) = box.content {
            if type(of: dictionary).keysAreIntegers {
                box.content = .object(members.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) })
            } else {
                box.content = .object(members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
            }
        }
        if value is any UnorderedCollection, case .array(let elements) = box.content {
            let writer = JSONWriter(sortedKeys: true)
            let sorted = elements.map { (text: writer.bytes($0.result), box: $0) }
                .sorted { $0.text.lexicographicallyPrecedes($1.text) }
            box.content = .array(sorted.map(\.box))
        }
        return box.result
    }

    static func special(_ value: Any) -> JSONValue? {
        switch value {
        case let decimal as Decimal: .number(JSONNumber(decimal))
        case let amount as Amount: .number(JSONNumber(amount))
        case let date as Date: .string(iso8601Text(date))
        case let url as URL: .string(url.absoluteString)
        default: nil
        }
    }

    var result: JSONValue {
        switch content {
        case .value(let value): value
        case .object(let members): .object(members.map { (key: $0.key, value: $0.value.result) })
        case .array(let elements): .array(elements.map(\.result))
        case .empty: .object([])
        }
    }
}

struct BoxEncoder: Encoder {
    let box: ValueBox
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = box.content {} else { box.content = .object([]) }
        return KeyedEncodingContainer(KeyedBoxContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = box.content {} else { box.content = .array([]) }
        return UnkeyedBoxContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleBoxContainer(box: box, codingPath: codingPath)
    }
}

struct KeyedBoxContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ValueBox
    var codingPath: [any CodingKey]

    private func put(_ key: Key, _ child: ValueBox) {
        guard case .object(var members) = box.content else { return }
        members.removeAll { $0.key == key.stringValue }
        members.append((key: key.stringValue, value: child))
        box.content = .object(members)
    }

    private func put(_ key: Key, _ value: JSONValue) {
        let child = ValueBox()
        child.content = .value(value)
        put(key, child)
    }

    mutating func encodeNil(forKey key: Key) throws { put(key, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(key, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(key, try number(value, codingPath + [key])) }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        put(key, try number(Double(value), codingPath + [key]))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .number(JSONNumber(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(key, .number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(key, .number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(key, .number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(key, .number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        put(key, .number(JSONNumber(literal: String(value))))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(key, .number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(key, .number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(key, .number(JSONNumber(Int(value)))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        put(key, .number(JSONNumber(literal: String(value))))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(key, try ValueBox.encode(value, codingPath: codingPath + [key]))
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { put(key, .string(value)) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { put(key, .number(JSONNumber(value))) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { put(key, .bool(value)) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = ValueBox()
        child.content = .object([])
        put(key, child)
        return KeyedEncodingContainer(KeyedBoxContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = ValueBox()
        child.content = .array([])
        put(key, child)
        return UnkeyedBoxContainer(box: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = ValueBox()
        put(key, child)
        return BoxEncoder(box: child, codingPath: codingPath + [key])
    }
}

struct UnkeyedBoxContainer: UnkeyedEncodingContainer {
    let box: ValueBox
    var codingPath: [any CodingKey]
    var count: Int {
        if case .array(let elements) = box.content { return elements.count }
        return 0
    }

    private func append(_ child: ValueBox) {
        guard case .array(var elements) = box.content else { return }
        elements.append(child)
        box.content = .array(elements)
    }

    private func append(_ value: JSONValue) {
        let child = ValueBox()
        child.content = .value(value)
        append(child)
    }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Int) throws { append(.number(JSONNumber(value))) }
    mutating func encode(_ value: Double) throws { append(try number(value, codingPath + [IndexKey(count)])) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try ValueBox.encode(value, codingPath: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = ValueBox()
        child.content = .object([])
        let path = codingPath + [IndexKey(count)]
        append(child)
        return KeyedEncodingContainer(KeyedBoxContainer<NestedKey>(box: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = ValueBox()
        child.content = .array([])
        let path = codingPath + [IndexKey(count)]
        append(child)
        return UnkeyedBoxContainer(box: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let child = ValueBox()
        let path = codingPath + [IndexKey(count)]
        append(child)
        return BoxEncoder(box: child, codingPath: path)
    }
}

struct SingleBoxContainer: SingleValueEncodingContainer {
    let box: ValueBox
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { box.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { box.content = .value(.string(value)) }
    mutating func encode(_ value: Int) throws { box.content = .value(.number(JSONNumber(value))) }
    mutating func encode(_ value: Double) throws { box.content = .value(try number(value, codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        box.content = .value(try ValueBox.encode(value, codingPath: codingPath))
    }
}

private func number(_ value: Double, _ path: [any CodingKey]) throws -> JSONValue {
    guard value.isFinite else {
        throw EncodingError.invalidValue(value, .init(codingPath: path, debugDescription: "JSON has no \(value)"))
    }
    return .number(JSONNumber(literal: "\(value)"))
}
