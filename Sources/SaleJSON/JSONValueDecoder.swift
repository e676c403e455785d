import Foundation
import SaleMoney

// MARK: Decoding (see JSONValueDecoder)

struct DecodingBox: Decoder {
    let value: JSONValue
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
        if T.self == Decimal.self {
            guard case .number(let number) = value, let decimal = number.decimal else {
                throw mismatch(type, value, codingPath)
            }
            return decimal as! T
        }
        if T.self == Amount.self {
            guard case .number(let number) = value, let amount = number.amount else {
                throw DecodingError.typeMismatch(
                    type,
                    .init(
                        codingPath: codingPath,
                        debugDescription:
                            "expected a number with at most 4 decimal places within decimal(18,4), found \(describe(value))"
                    )
                )
            }
            return amount as! T
        }
        if T.self == Date.self {
            guard case .string(let text) = value, let date = JSONDates.date(text) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: codingPath,
                        debugDescription: "expected an ISO 8601 date, found \(describe(value))"
                    )
                )
            }
            return date as! T
        }
        return try T(from: DecodingBox(value: value, codingPath: codingPath))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: Any].self, value, codingPath) }
        var dictionary: [String: JSONValue] = [:]
        for (key, member) in members { dictionary[key] = member }
        return KeyedDecodingContainer(KeyedValueContainer<Key>(members: dictionary, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([Any].self, value, codingPath) }
        return UnkeyedValueContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: value, codingPath: codingPath)
    }
}

func describe(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): "\(flag)"
    case .number(let number): "the number \(number.literal)"
    case .string(let text): "a string \"\(text.prefix(40))\""
    case .array: "an array"
    case .object: "an object"
    }
}

func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    DecodingError.typeMismatch(type, .init(codingPath: path, debugDescription: "found \(describe(value))"))
}

func integer<T: FixedWidthInteger>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T {
    guard case .number(let number) = value else { throw mismatch(type, value, path) }
    // Straight from the literal first: UInt64 and UInt values above Int.max do not pass through Int.
    if let direct = T(number.literal) { return direct }
    guard let int = number.int, let result = T(exactly: int) else {
        throw mismatch(type, value, path)
    }
    return result
}

func scalar<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T {
    switch type {
    case is Bool.Type:
        guard case .bool(let flag) = value else { throw mismatch(type, value, path) }
        return flag as! T
    case is String.Type:
        guard case .string(let text) = value else { throw mismatch(type, value, path) }
        return text as! T
    case is Int.Type: return try integer(Int.self, value, path) as! T
    case is Int64.Type: return try integer(Int64.self, value, path) as! T
    case is Int32.Type: return try integer(Int32.self, value, path) as! T
    case is UInt64.Type: return try integer(UInt64.self, value, path) as! T
    case is UInt.Type: return try integer(UInt.self, value, path) as! T
    case is Int16.Type: return try integer(Int16.self, value, path) as! T
    case is Int8.Type: return try integer(Int8.self, value, path) as! T
    case is UInt32.Type: return try integer(UInt32.self, value, path) as! T
    case is UInt16.Type: return try integer(UInt16.self, value, path) as! T
    case is UInt8.Type: return try integer(UInt8.self, value, path) as! T
    case is Float.Type:
        guard case .number(let number) = value else { throw mismatch(type, value, path) }
        return (Float(number.literal) ?? Float(number.double)) as! T
    case is Double.Type:
        guard case .number(let number) = value else { throw mismatch(type, value, path) }
        return number.double as! T
    default:
        return try DecodingBox.decode(type, from: value, codingPath: path)
    }
}

struct KeyedValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    var codingPath: [any CodingKey]
    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key,
                .init(codingPath: codingPath, debugDescription: "required key is missing")
            )
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { members[key.stringValue]?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = try member(key)
        if value.isNull, !(T.self is any ExpressibleByNilLiteral.Type) {
            throw DecodingError.valueNotFound(
                type,
                .init(codingPath: codingPath + [key], debugDescription: "found null")
            )
        }
        return try scalar(type, value, codingPath + [key])
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = members[key.stringValue], !value.isNull else { return nil }
        return try scalar(type, value, codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try DecodingBox(value: member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try DecodingBox(value: member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        DecodingBox(value: members["super"] ?? .null, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        DecodingBox(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

struct UnkeyedValueContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    var codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "the array ended")
            )
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next(type)
        return try scalar(type, value, path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, path) = try next([String: Any].self)
        return try DecodingBox(value: value, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next([Any].self)
        return try DecodingBox(value: value, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next(Any.self)
        return DecodingBox(value: value, codingPath: path)
    }
}

struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { value.isNull }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if value.isNull {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "found null"))
        }
        return try scalar(type, value, codingPath)
    }
}
