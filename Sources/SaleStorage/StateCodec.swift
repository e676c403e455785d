import BitrixSale
import Foundation
import SaleJSON

/// The JSON shapes of the state folder's payloads: the snapshot payload (a whole ``StoreState``) and a journal
/// record (one ``StoreTransaction``). Documented in `docs/STORAGE.md`.
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
        return try JSONValueEncoder().encode(snapshot)
    }

    /// A snapshot payload as a state; errors name the JSON path.
    public static func state(from payload: JSONValue) throws(StateCodecError) -> StoreState {
        let snapshot: Snapshot
        do {
            snapshot = try JSONValueDecoder().decode(Snapshot.self, from: payload)
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
        return try JSONValueEncoder().encode(record)
    }

    /// A journal record as a transaction.
    public static func transaction(from value: JSONValue) throws(StateCodecError) -> StoreTransaction {
        let record: Record
        do {
            record = try JSONValueDecoder().decode(Record.self, from: value)
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
                    message: "unknown id kind (expected one of \(IdKind.allCases.map(\.rawValue).joined(separator: ", ")))"
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
