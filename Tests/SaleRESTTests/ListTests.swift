import BitrixSale
import Foundation
import SaleJSON
import SaleREST
import Testing

@Suite struct ListTests {
    /// A harness with `count` orders; every third is in status AP, comments `order <n>`.
    private func harness(orders count: Int) throws -> Harness {
        let harness = try Harness()
        for index in 1...count {
            let status = index % 3 == 0 ? "AP" : "N"
            _ = try harness.addOrder(#","statusId":"\#(status)","comments":"order \#(index)""#)
        }
        return harness
    }

    private func ids(_ answer: Answer) -> [Int] {
        answer.result?["orders"]?.arrayValue?.compactMap { $0["id"]?.int } ?? []
    }

    @Test func pagesOf50AcrossThreePagesWithNextAndTotal() throws {
        let harness = try harness(orders: 120)
        let first = try harness.call("sale.order.list", #"{"select":["id"]}"#)
        #expect(first.json.keys == ["result", "next", "total", "time"])
        #expect(ids(first) == Array(1...50) && first["next"] == 50 && first["total"] == 120)
        let second = try harness.call("sale.order.list", #"{"select":["id"],"start":50}"#)
        #expect(ids(second) == Array(51...100) && second["next"] == 100 && second["total"] == 120)
        let third = try harness.call("sale.order.list", #"{"select":["id"],"start":100}"#)
        #expect(ids(third) == Array(101...120) && third["next"] == nil && third["total"] == 120)
        // start is rounded down to a page boundary.
        #expect(ids(try harness.call("sale.order.list", #"{"select":["id"],"start":30}"#)) == Array(1...50))
        let beyond = try harness.call("sale.order.list", #"{"start":500}"#)
        #expect(ids(beyond) == [] && beyond["total"] == 120 && beyond["next"] == nil)
    }

    @Test func startMinusOneOmitsNextAndTotal() throws {
        let harness = try harness(orders: 60)
        let answer = try harness.call("sale.order.list", #"{"select":["id"],"start":-1}"#)
        #expect(answer.json.keys == ["result", "time"])
        #expect(ids(answer) == Array(1...50))
        // The recommended full scan: >id of the last row, start=-1.
        let rest = try harness.call("sale.order.list", #"{"select":["id"],"filter":{">id":50},"start":-1}"#)
        #expect(ids(rest) == Array(51...60))
    }

    @Test func everyFilterPrefix() throws {
        let harness = try harness(orders: 12)
        func filtered(_ filter: String) throws -> [Int] {
            ids(try harness.call("sale.order.list", #"{"select":["id"],"filter":\#(filter)}"#))
        }
        #expect(try filtered(#"{">id":10}"#) == [11, 12])
        #expect(try filtered(#"{">=id":10}"#) == [10, 11, 12])
        #expect(try filtered(#"{"<id":3}"#) == [1, 2])
        #expect(try filtered(#"{"<=id":2}"#) == [1, 2])
        #expect(try filtered(#"{"@id":[2,4,99]}"#) == [2, 4])
        #expect(try filtered(#"{"!@id":[1,2,3,4,5,6,7,8,9,10]}"#) == [11, 12])
        #expect(try filtered(#"{"statusId":"AP"}"#) == [3, 6, 9, 12])
        #expect(try filtered(#"{"=statusId":"AP"}"#) == [3, 6, 9, 12])
        #expect(try filtered(#"{"!statusId":"N"}"#) == [3, 6, 9, 12])
        #expect(try filtered(#"{"!=statusId":"N"}"#) == [3, 6, 9, 12])
        #expect(try filtered(#"{"%comments":"ORDER 1"}"#) == [1, 10, 11, 12])
        #expect(try filtered(#"{"!%comments":"order 1"}"#) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(try filtered(#"{"=%comments":"order 1%"}"#) == [1, 10, 11, 12])
        #expect(try filtered(#"{"%=comments":"%2"}"#) == [2, 12])
        #expect(try filtered(#"{"!=%comments":"order 1%"}"#) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(try filtered(#"{"!%=comments":"%2"}"#) == [1, 3, 4, 5, 6, 7, 8, 9, 10, 11])
        #expect(
            try filtered(#"{">dateInsert":"2025-10-20T09:59:00+05:00","<dateInsert":"2025-10-20T10:00:01"}"#).count
                == 12
        )
    }

    @Test func unknownAndUpperCaseFilterKeysAreDroppedSoTheListIsUnfiltered() throws {
        let harness = try harness(orders: 4)
        let answer = try harness.call("sale.order.list", #"{"select":["id","NAME"],"filter":{"ID":2,"UF_X":1}}"#)
        #expect(ids(answer) == [1, 2, 3, 4])
        #expect(
            answer.restDiagnostics == ["EMU_REST_SELECT_DROPPED", "EMU_REST_FILTER_DROPPED", "EMU_REST_FILTER_DROPPED"]
        )
    }

    @Test func orderAndSelect() throws {
        let harness = try harness(orders: 6)
        let answer = try harness.call(
            "sale.order.list",
            #"{"select":["statusId","id"],"order":{"statusId":"DESC","id":"asc"},"filter":{"<=id":6}}"#
        )
        #expect(ids(answer) == [1, 2, 4, 5, 3, 6])
        #expect(answer.result?["orders"]?.arrayValue?.last == ["id": 6, "statusId": "AP"])
        let all = try harness.call("sale.order.list", #"{"select":["*"],"order":{"id":"desc"}}"#)
        #expect(ids(all) == [6, 5, 4, 3, 2, 1])
        #expect(all.result?["orders"]?.arrayValue?.first?.keys.count == 43)
    }

    @Test func theStoresOwnPagingAnswersExactlyAsTheGeneralPath() throws {
        let harness = try harness(orders: 130)
        for (filter, order) in [
            (#"{}"#, #"{}"#), (#"{"statusId":"AP"}"#, #"{"id":"desc"}"#), (#"{"@statusId":["AP","N"]}"#, #"{}"#),
            (#"{"userId":1,"statusId":"N"}"#, #"{"id":"DESC"}"#), (#"{"userId":2}"#, #"{}"#),
        ] {
            for start in [0, 50, 100, -1] {
                let fast = try harness.call(
                    "sale.order.list",
                    #"{"filter":\#(filter),"order":\#(order),"start":\#(start)}"#
                )
                // `>=id: 0` matches every order but forces the general path.
                let general = try harness.call(
                    "sale.order.list",
                    #"{"filter":\#(filter.dropLast())\#(filter == "{}" ? "" : ",")">=id":0},"order":\#(order),"start":\#(start)}"#
                )
                #expect(fast.status == 200 && general.status == 200)
                #expect(fast.response.body == general.response.body, "\(filter) \(order) \(start)")
            }
        }
    }
}
