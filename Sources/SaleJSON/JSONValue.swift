/// A JSON value that keeps every digit of its numbers and the order of its object members.
///
/// Numbers are kept as their literal text (``JSONNumber``), so money never passes through a binary float;
/// objects keep their members in source order (a list of pairs), so a writer can reproduce them or sort them.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, exact.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, its members in source order (duplicates kept as written; lookups take the last).
    case object([(key: String, value: JSONValue)])

    /// Makes an object from members in the given order.
    public static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(members.map { (key: $0.key, value: $0.value) })
    }

    /// Makes an integer number.
    public static func int(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// The member named `key` of an object (the last one if repeated), or nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        // Byte equality on the contiguous UTF-8 (not `==`, which compares canonical equivalence, nor the generic
        // `elementsEqual`, which walks the views element by element).
        for index in members.indices.reversed() where JSONValue.sameBytes(members[index].key, key) {
            return members[index].value
        }
        return nil
    }

    /// The members of an object, or nil for any other value.
    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array, or nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The string, or nil.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number, or nil.
    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The boolean, or nil.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Whether two strings have the same UTF-8 bytes.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let fast = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                for index in 0..<left.count where left[index] != right[index] { return false }
                return true
            }
        }
        if let fast, let result = fast { return result }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// The JSON type name: `null`, `boolean`, `number`, `string`, `array` or `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Equality as parsed JSON: numbers by value, strings by code points, objects by their member sets (order ignored,
    /// last duplicate wins).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return JSONValue.sameBytes(a, b)
        case (.array(let a), .array(let b)): return a == b
        case (.object, .object):
            let a = lhs.deduplicatedMembers
            let b = rhs.deduplicatedMembers
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key], other == value else { return false }
            }
            return true
        default: return false
        }
    }

    /// Hashes consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(flag)
        case .number(let number): hasher.combine(number)
        case .string(let text): hasher.combine(text)
        case .array(let elements): hasher.combine(elements)
        case .object:
            // Order-independent: combine a commutative sum of the members' hashes.
            var sum = 0
            for (key, value) in deduplicatedMembers {
                var inner = Hasher()
                inner.combine(key)
                inner.combine(value)
                sum &+= inner.finalize()
            }
            hasher.combine(sum)
        }
    }

    /// The members, last duplicate winning, keyed by the key's UTF-8 bytes: JSON compares strings by code points,
    /// where Swift's `String ==` would merge canonically equivalent keys such as "\u{E9}" and "e\u{301}".
    private var deduplicatedMembers: [[UInt8]: JSONValue] {
        guard case .object(let members) = self else { return [:] }
        var result: [[UInt8]: JSONValue] = [:]
        for (key, value) in members { result[Array(key.utf8)] = value }
        return result
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer number.
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object, members in the written order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}
