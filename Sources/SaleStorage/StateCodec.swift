import BitrixSale
import Foundation
import SaleJSON

/// The JSON shapes of the state folder's payloads: the snapshot payload (a whole ``StoreState``) and a journal record
/// (one ``StoreTransaction``).
///
/// Documented in `docs/STORAGE.md`.
///
/// Snapshot payload:
///
///     {"orders": [OrderData…] (by id), "users": [UserAccount…] (by id), "products": [Product…] (by id),
///      "idempotency": [IdempotencyRecord…] (by key), "lastIds": {"order": 5, "shipment": 12, …}}
///
/// Journal record: `{"orders": […], "deletedOrderIds": […], "users": […], "products": […],
/// "idempotencyRecords": […], "lastIds": {…}}`, empty members left out.
public enum StateCodec {
    struct Snapshot: Codable {
        var orders: [OrderData]
        var users: [UserAccount]
        var products: [Product]
        var idempotency: [IdempotencyRecord]
        var lastIds: [String: Int]
    }

    struct Record: Codable {
        var orders: [OrderData]?
        var deletedOrderIds: [Int]?
        var users: [UserAccount]?
        var products: [Product]?
        var idempotencyRecords: [IdempotencyRecord]?
        var lastIds: [String: Int]?
    }

    /// A state as a snapshot payload.
    public static func payload(of state: StoreState) throws -> JSONValue {
        let snapshot = Snapshot(
            orders: state.orderIds.compactMap { state.orders[$0] },
            users: state.users.values.sorted { $0.id < $1.id },
            products: state.products.values.sorted { $0.id < $1.id },
            idempotency: state.idempotency.values.sorted { $0.key < $1.key },
            lastIds: Dictionary(uniqueKeysWithValues: state.lastIds.map { ($0.key.rawValue, $0.value) })
        )
        return StoredShape.payload.strip(try JSONValueEncoder().encode(snapshot))
    }

    /// A snapshot payload as a state; errors name the JSON path.
    public static func state(from payload: JSONValue) throws(StateCodecError) -> StoreState {
        let snapshot: Snapshot
        do {
            snapshot = try JSONValueDecoder().decode(Snapshot.self, from: StoredShape.payload.fill(payload))
        } catch {
            throw StateCodecError(error)
        }
        var transaction = StoreTransaction()
        transaction.orders = snapshot.orders
        transaction.users = snapshot.users
        transaction.products = snapshot.products
        transaction.idempotencyRecords = snapshot.idempotency
        transaction.lastIds = try lastIds(snapshot.lastIds, path: "$.lastIds")
        var state = StoreState()
        state.apply(transaction)
        return state
    }

    /// A transaction as a journal record.
    public static func record(of transaction: StoreTransaction) throws -> JSONValue {
        let record = Record(
            orders: transaction.orders.isEmpty ? nil : transaction.orders,
            deletedOrderIds: transaction.deletedOrderIds.isEmpty ? nil : transaction.deletedOrderIds,
            users: transaction.users.isEmpty ? nil : transaction.users,
            products: transaction.products.isEmpty ? nil : transaction.products,
            idempotencyRecords: transaction.idempotencyRecords.isEmpty ? nil : transaction.idempotencyRecords,
            lastIds: transaction.lastIds.isEmpty
                ? nil : Dictionary(uniqueKeysWithValues: transaction.lastIds.map { ($0.key.rawValue, $0.value) })
        )
        return StoredShape.record.strip(try JSONValueEncoder().encode(record))
    }

    /// A journal record as a transaction.
    public static func transaction(from value: JSONValue) throws(StateCodecError) -> StoreTransaction {
        let record: Record
        do {
            record = try JSONValueDecoder().decode(Record.self, from: StoredShape.record.fill(value))
        } catch {
            throw StateCodecError(error)
        }
        var transaction = StoreTransaction()
        transaction.orders = record.orders ?? []
        transaction.deletedOrderIds = record.deletedOrderIds ?? []
        transaction.users = record.users ?? []
        transaction.products = record.products ?? []
        transaction.idempotencyRecords = record.idempotencyRecords ?? []
        transaction.lastIds = try lastIds(record.lastIds ?? [:], path: "$.lastIds")
        return transaction
    }

    private static func lastIds(_ raw: [String: Int], path: String) throws(StateCodecError) -> [IdKind: Int] {
        var result: [IdKind: Int] = [:]
        for (name, value) in raw {
            guard let kind = IdKind(rawValue: name) else {
                throw StateCodecError(
                    path: "\(path).\(name)",
                    message:
                        "unknown id kind (expected one of \(IdKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            result[kind] = value
        }
        return result
    }
}

/// A payload that is valid JSON but not a valid state: where and what was expected.
public struct StateCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON path inside the payload or record.
    public var path: String
    /// What was wrong.
    public var message: String

    init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    init(_ error: any Error) {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            self.init(path: jsonPath(context.codingPath), message: "expected \(type), \(context.debugDescription)")
        case DecodingError.valueNotFound(let type, let context):
            self.init(path: jsonPath(context.codingPath), message: "expected \(type), \(context.debugDescription)")
        case DecodingError.keyNotFound(let key, let context):
            self.init(path: jsonPath(context.codingPath + [key]), message: "required key is missing")
        case DecodingError.dataCorrupted(let context):
            self.init(path: jsonPath(context.codingPath), message: context.debugDescription)
        default:
            self.init(path: "$", message: "\(error)")
        }
    }

    /// `$.orders[3].basket: expected …`.
    public var description: String { "\(path): \(message)" }
}

/// Which members of an order and its parts may be left out: a non-optional member whose value is `false`, `0`, `""`,
/// `[]` or `{}` is not written, and a missing one reads as that value (`docs/STORAGE.md`, "Defaults").
///
/// Optional members keep their own rule (nil is left out, anything else, zero included, is written).
///
/// Built from the stored types' schemas (``StoredField``), which ``FastStateWriter`` and ``FastStateReader`` follow
/// too; this is the reference the `Codable` path applies to the ``SaleJSON/JSONValue`` it encodes and decodes.
struct StoredShape: Sendable {
    /// The members that are left out at their default, with the default read for a missing one.
    let defaults: [String: JSONValue]
    /// Members holding arrays of objects (or one object) of another shape.
    let children: [String: StoredShape]

    init(_ defaults: [String: JSONValue], children: [String: StoredShape] = [:]) {
        self.defaults = defaults
        self.children = children
    }

    /// `value` without the members that hold their default.
    func strip(_ value: JSONValue) -> JSONValue { transform(value, strip: true) }

    /// `value` with every missing member set to its default.
    func fill(_ value: JSONValue) -> JSONValue { transform(value, strip: false) }

    private func transform(_ value: JSONValue, strip: Bool) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map { transform($0, strip: strip) })
        case .object(var members):
            members = members.compactMap { member in
                if strip, defaults[member.key] != nil, Self.isDefault(member.value) { return nil }
                if let child = children[member.key] {
                    return (key: member.key, value: child.transform(member.value, strip: strip))
                }
                return member
            }
            if !strip {
                let present = Set(members.map(\.key))
                for (key, value) in defaults.sorted(by: { $0.key < $1.key }) where !present.contains(key) {
                    members.append((key: key, value: value))
                }
            }
            return .object(members)
        default:
            return value
        }
    }

    /// `false`, a number written `0`, `""`, `[]` or `{}`.
    static func isDefault(_ value: JSONValue) -> Bool {
        switch value {
        case .bool(let flag): !flag
        case .number(let number): number.literal == "0"
        case .string(let text): text.isEmpty
        case .array(let elements): elements.isEmpty
        case .object(let members): members.isEmpty
        case .null: false
        }
    }

    /// The shape a schema declares: its ``StoredPresence/defaulted`` members with the value a missing one reads as,
    /// and its arrays of objects whose type has a shape.
    init<Field: StoredField>(_: Field.Type) { self.init(fields: Field.self, known: Self.shapes) }

    /// The shapes of an order's parts by type name, children before their parents.
    private static let shapes: [String: StoredShape] = {
        var shapes: [String: StoredShape] = [:]
        func add<Field: StoredField>(_ type: Field.Type) {
            shapes[Field.typeName] = StoredShape(fields: type, known: shapes)
        }
        add(PropertyValueField.self)
        add(ShipmentItemField.self)
        add(PaymentField.self)
        add(BasketItemPropertyField.self)
        add(BasketItemField.self)
        add(ShipmentField.self)
        return shapes
    }()

    private init<Field: StoredField>(fields _: Field.Type, known: [String: StoredShape]) {
        var defaults: [String: JSONValue] = [:]
        var children: [String: StoredShape] = [:]
        for field in Field.allCases {
            if field.presence == .defaulted { defaults[field.jsonKey] = field.kind.defaultValue }
            if case .objects(let type) = field.kind, let child = known[type] { children[field.jsonKey] = child }
        }
        self.init(defaults, children: children)
    }

    static let order = StoredShape(OrderField.self)
    /// The snapshot payload: only `orders` is shaped.
    static let payload = StoredShape([:], children: ["orders": order])
    /// A journal record: only `orders` is shaped.
    static let record = StoredShape([:], children: ["orders": order])
}
