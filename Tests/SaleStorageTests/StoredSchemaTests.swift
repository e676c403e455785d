import BitrixSale
import Foundation
import Testing

@testable import SaleStorage

/// The stored types' schemas (`Sources/SaleStorage/Schema`) against the types they describe and the format document
/// they generate.
@Suite struct StoredSchemaTests {
    /// The stored-property names of `value`'s type.
    static func storedProperties(of value: Any) -> Set<String> {
        Set(Mirror(reflecting: value).children.compactMap(\.label))
    }

    /// The members a schema writes or reads into the type (not the `ignored` ones an older build wrote).
    static func members<Field: StoredField>(_: Field.Type) -> Set<String> {
        Set(Field.allCases.filter { $0.presence != .ignored }.map(\.jsonKey))
    }

    /// One value of every stored type, taken from a varied state.
    static func samples() throws -> [(name: String, value: Any, members: Set<String>)] {
        let state = FastStateCodecTests.variedState(seed: 3, orders: 60, wholeSecondDates: false)
        let orders = state.orderIds.compactMap { state.orders[$0] }
        let order = try #require(orders.first)
        let item = try #require(orders.flatMap(\.basket).first)
        let shipment = try #require(orders.flatMap(\.shipments).first)
        let shipmentItem = try #require(orders.flatMap(\.shipments).flatMap(\.items).first)
        let payment = try #require(orders.flatMap(\.payments).first)
        let propertyValue = try #require(orders.compactMap(\.properties).flatMap { $0 }.first)
        let user = try #require(state.users.values.first)
        let product = try #require(state.products.values.first)
        let record = try #require(state.idempotency.values.first)
        let property = BasketItemProperty(name: "Размер", code: "SIZE", value: "L", sort: 200)
        return [
            ("OrderData", order, members(OrderField.self)),
            ("BasketItem", item, members(BasketItemField.self)),
            ("BasketItemProperty", property, members(BasketItemPropertyField.self)),
            ("Shipment", shipment, members(ShipmentField.self)),
            ("ShipmentItem", shipmentItem, members(ShipmentItemField.self)),
            ("Payment", payment, members(PaymentField.self)),
            ("PropertyValue", propertyValue, members(PropertyValueField.self)),
            ("UserAccount", user, members(UserAccountField.self)),
            ("Product", product, members(ProductField.self)),
            ("IdempotencyRecord", record, members(IdempotencyRecordField.self)),
        ]
    }

    /// A stored property added to a model type without a schema member (or a member left after its property went)
    /// fails here, naming it.
    @Test func everyStoredPropertyHasExactlyOneSchemaMember() throws {
        for sample in try Self.samples() {
            let properties = Self.storedProperties(of: sample.value)
            #expect(
                properties.subtracting(sample.members).sorted() == [],
                "\(sample.name): stored properties missing from its schema"
            )
            #expect(
                sample.members.subtracting(properties).sorted() == [],
                "\(sample.name): schema members that are not stored properties"
            )
        }
    }

    /// The writer's canonical order is the schema's declaration order: it must be the keys' UTF-8 order.
    @Test func membersAreDeclaredInSortedKeyOrder() {
        func check<Field: StoredField>(_: Field.Type) {
            let keys = Field.schema.fields.map(\.jsonKey)
            let sorted = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(keys == sorted, "\(Field.typeName)")
            #expect(Set(keys).count == keys.count, "\(Field.typeName): duplicate keys")
            #expect(Field.schema.keyBytes.map { String(decoding: $0, as: UTF8.self) } == keys.map { "\"\($0)\":" })
        }
        check(OrderField.self)
        check(BasketItemField.self)
        check(BasketItemPropertyField.self)
        check(ShipmentField.self)
        check(ShipmentItemField.self)
        check(PaymentField.self)
        check(PropertyValueField.self)
        check(UserAccountField.self)
        check(ProductField.self)
        check(IdempotencyRecordField.self)
    }

    /// The reference `Codable` path's defaults come from the schema: an order's defaulted members, and its parts'.
    @Test func theReferenceShapeFollowsTheSchema() {
        #expect(
            Set(StoredShape.order.defaults.keys)
                == Set(OrderField.allCases.filter { $0.presence == .defaulted }.map(\.jsonKey))
        )
        #expect(Set(StoredShape.order.children.keys) == ["basket", "payments", "properties", "shipments"])
        #expect(StoredShape.order.defaults["nextCode"] == .int(0))
        #expect(StoredShape.order.defaults["otherFields"] == [:])
        #expect(StoredShape.order.children["shipments"].map { Set($0.children.keys) } == ["items"])
        #expect(StoredShape.order.children["properties"]?.defaults == ["code": "", "propertyId": .int(0)])
    }

    static let storageDocument = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/STORAGE.md")

    /// `docs/STORAGE.md`'s member tables are the schemas', regenerated here: on a difference the message holds the
    /// text to paste between the markers.
    @Test func theFormatDocumentShowsTheSchemas() throws {
        let document = try String(contentsOf: Self.storageDocument, encoding: .utf8)
        let begin = "<!-- stored-schema:begin (generated from Sources/SaleStorage/Schema; StoredSchemaTests) -->\n"
        let end = "\n<!-- stored-schema:end -->"
        let start = try #require(document.range(of: begin), "docs/STORAGE.md: no \(begin)")
        let stop = try #require(document.range(of: end, range: start.upperBound..<document.endIndex))
        let shown = String(document[start.upperBound..<stop.lowerBound])
        let generated = StoredSchemaDocument.text
        #expect(shown == generated, "docs/STORAGE.md's member tables differ from the schemas; expected:\n\(generated)")
    }
}
