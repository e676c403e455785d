import Foundation
import Testing

@testable import BitrixSale

/// `Order::getList` / `Order::loadByFilter` with the ORM's filter syntax (K21 `orderbase.php` getList /
/// loadByFilter, `internals/order.php` with its PROPERTY reference).
@Suite struct OrderQueryTests {
    /// Three saved orders: RAILWAY_ORDER_ID 101 (status N), 102 (status P, comment "позвонить"), 103 (canceled).
    func engineWithThreeOrders() throws -> SaleEngine {
        let engine = try Fixture.engine()
        for (railway, edit) in [
            ("101", { (_: inout Order) throws -> Void in }),
            (
                "102",
                { (order: inout Order) throws -> Void in
                    _ = try order.setField("STATUS_ID", "P")
                    _ = try order.setField("USER_DESCRIPTION", "Позвонить заранее")
                }
            ),
            ("103", { (order: inout Order) throws -> Void in _ = try order.setField("CANCELED", "Y") }),
        ] {
            var complete = try Fixture.complete(on: engine)
            _ = complete.order.setPropertyValue(railway, code: "RAILWAY_ORDER_ID")
            try edit(&complete.order)
            try #require(engine.save(&complete.order).isSuccess)
        }
        return engine
    }

    // How PHP finds an order by its Railway id: the PROPERTY reference, code and value on one property row.
    @Test func anOrderIsFoundByPropertyCodeAndValue() throws {
        let engine = try engineWithThreeOrders()
        let found = try engine.loadByFilter(
            OrderListParameters(filter: ["=PROPERTY.CODE": "RAILWAY_ORDER_ID", "=PROPERTY.VALUE": "102"])
        )
        #expect(found.map(\.id) == [2])
        #expect(try engine.loadByFilter(OrderListParameters(filter: ["=PROPERTY.VALUE": "999"])).isEmpty)
    }

    // The ORM joins the property rows: a value alone matches every row that has it, once per row.
    @Test func aPropertyValueWithoutItsCodeMatchesEveryRowThatHasIt() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = complete.order.setPropertyValue("Мария Петрова", code: "RECIPIENT_NAME")  // FIO is "Мария Петрова" too
        try #require(engine.save(&complete.order).isSuccess)
        let rows = try engine.getList(
            OrderListParameters(select: ["ID"], filter: ["=PROPERTY.VALUE": "Мария Петрова"])
        )
        #expect(rows.map { $0["ID"] } == [.int(1), .int(1)])
    }

    @Test func theOrmOperatorsFilterOrderFields() throws {
        let engine = try engineWithThreeOrders()
        func ids(_ filter: KeyValuePairs<String, OrderFilterValue>) throws -> [Int?] {
            try engine.loadByFilter(OrderListParameters(filter: filter)).map(\.id)
        }
        #expect(try ids(["=STATUS_ID": "P"]) == [2])
        #expect(try ids(["STATUS_ID": "P"]) == [2])
        #expect(try ids(["!STATUS_ID": "P"]) == [1, 3])
        #expect(try ids(["@ID": [1, 3]]) == [1, 3])
        #expect(try ids(["!@ID": [1, 3]]) == [2])
        #expect(try ids([">=ID": 2]) == [2, 3])
        #expect(try ids(["<ID": 2]) == [1])
        #expect(try ids(["!=CANCELED": "Y"]) == [1, 2])
        #expect(try ids(["%USER_DESCRIPTION": "позвонить"]) == [2])
        #expect(
            try ids([">=DATE_INSERT": "2000-01-01T00:00:00Z", "<DATE_INSERT": "2100-01-01T00:00:00Z"]) == [1, 2, 3]
        )
    }

    @Test func selectOrderLimitAndOffsetShapeTheRows() throws {
        let engine = try engineWithThreeOrders()
        let rows = try engine.getList(
            OrderListParameters(select: ["ID", "STATUS_ID", "PRICE"], order: ["ID": "DESC"], limit: 2, offset: 1)
        )
        #expect(rows.map { $0["ID"] } == [.int(2), .int(1)])
        #expect(rows.first?.keys.sorted() == ["ID", "PRICE", "STATUS_ID"])
        #expect(rows.first?["STATUS_ID"] == .string("P"))
        #expect(rows.first?["PRICE"]?.decimalValue == 17500)
    }

    @Test func anUnknownFieldOrDirectionIsRefusedNamingIt() throws {
        let engine = try engineWithThreeOrders()
        #expect(throws: SaleException.argumentOutOfRange("Unknown field definition `FOO` in filter")) {
            try engine.getList(OrderListParameters(filter: ["=FOO": 1]))
        }
        #expect(throws: SaleException.argumentOutOfRange("Unknown field definition `PROPERTY.NAME` in filter")) {
            try engine.getList(OrderListParameters(filter: ["=PROPERTY.NAME": "x"]))
        }
        #expect(throws: SaleException.argumentOutOfRange("order direction of `ID` must be ASC or DESC, got \"UP\"")) {
            try engine.getList(OrderListParameters(order: ["ID": "UP"]))
        }
    }
}
