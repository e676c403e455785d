import BitrixSale
import Foundation
import SaleJSON
import SaleREST
import Testing

@Suite struct BatchTests {
    @Test func referencesCarryResultsIntoLaterCommands() throws {
        let harness = try Harness()
        let answer = try harness.call(
            "batch",
            #"{"halt":0,"cmd":{"o":"sale.order.add?fields[lid]=s1&fields[personTypeId]=1&fields[currency]=KZT&fields[userId]=1","#
                + #""b":"sale.basketitem.add?fields[orderId]=$result[o][order][id]&fields[productId]=5&fields[currency]=KZT&fields[quantity]=1&fields[price]=100","#
                + #""g":"sale.order.get?id=$result[o][order][id]"}}"#
        )
        #expect(answer.status == 200)
        let result = try #require(answer.result)
        #expect(result.keys == ["result", "result_error", "result_total", "result_next", "result_time"])
        #expect(result["result"]?["b"]?["basketItem"]?["orderId"] == 1)
        #expect(result["result"]?["g"]?["order"]?["price"] == 100)
        #expect(result["result_error"] == [] && result["result_next"] == [])
        #expect(result["result_total"] == ["b": 1])
        #expect(result["result_time"]?.keys == ["o", "b", "g"])
        #expect(result["result_time"]?["o"]?["date_start"] == "2025-10-20T10:00:00+05:00")
    }

    @Test func haltStopsAtTheFirstErrorAndErrorsAreReportedPerCommand() throws {
        let harness = try Harness()
        let commands = #"{"a":"sale.order.get?id=404","b":"sale.status.list","c":"sale.nothing"}"#
        let halted = try harness.call("batch", #"{"halt":1,"cmd":\#(commands)}"#)
        #expect(halted.status == 200)
        #expect(
            halted.result?["result_error"]
                == ["a": ["error": .int(200_540_400_001), "error_description": "order is not exists"]]
        )
        #expect(halted.result?["result"] == [])
        let all = try harness.call("batch", #"{"halt":0,"cmd":\#(commands)}"#)
        #expect(all.result?["result"]?.keys == ["b"])
        #expect(all.result?["result_error"]?.keys == ["a", "c"])
        #expect(all.result?["result_error"]?["c"]?["error"] == "ERROR_METHOD_NOT_FOUND")
        #expect(all.result?["result_total"] == ["b": 7])
    }

    @Test func fiftyCommandsRunAndTheFiftyFirstIsRefused() throws {
        let harness = try Harness()
        let commands = (0..<51).map { #""c\#($0)":"sale.status.list?select[]=id""# }.joined(separator: ",")
        let answer = try harness.call("batch", #"{"cmd":{\#(commands)}}"#)
        #expect(answer.status == 200)
        #expect(answer.result?["result"]?.keys.count == 50)
        #expect(
            answer.result?["result_error"]
                == ["c50": ["error": "ERROR_BATCH_LENGTH_EXCEEDED", "error_description": "Max batch length exceeded"]]
        )
    }

    @Test func aPercentEncodedReferenceIsDecodedBeforeItIsResolved() throws {
        let harness = try Harness()
        for _ in 0..<60 { _ = try harness.addOrder() }
        let answer = try harness.call(
            "batch",
            #"{"halt":0,"cmd":{"c0":"sale.order.list?select[]=id&start=-1","#
                + #""c1":"sale.order.list?select[]=id&start=-1&filter[%3Eid]=%24result%5Bc0%5D%5Borders%5D%5B49%5D%5Bid%5D"}}"#
        )
        let second = answer.result?["result"]?["c1"]?["orders"]?.arrayValue?.compactMap { $0["id"]?.int }
        #expect(second == Array(51...60))
        #expect(answer.result?["result_total"] == [] && answer.result?["result_next"] == [])
    }

    @Test func aReferenceIntoAShortPageStopsAtTheDeepestKeyFound() throws {
        let harness = try Harness()
        for _ in 0..<3 { _ = try harness.addOrder() }
        // Page c0 has 3 rows, so [49] does not exist: the reference stops at the list itself, which inside a longer
        // text is replaced as PHP's str_replace replaces an array: "Array".
        let answer = try harness.call(
            "batch",
            #"{"cmd":{"c0":"sale.order.list?select[]=id","#
                + #""c1":"sale.order.get?id=$result[c0][orders][2][id]","#
                + #""c2":"sale.order.update?id=1&fields[comments]=after $result[c0][orders][49][id]"}}"#
        )
        #expect(answer.result?["result_error"] == [])
        #expect(answer.result?["result"]?["c1"]?["order"]?["id"] == 3)
        #expect(answer.result?["result"]?["c2"]?["order"]?["comments"] == "after Array")
    }

    @Test func aCommandListAnswersArraysAndABatchCannotNest() throws {
        let harness = try Harness()
        let answer = try harness.form("batch", "cmd[]=sale.status.list&cmd[]=batch%3Fcmd%5B%5D%3Dsale.status.list")
        #expect(answer.status == 200)
        #expect(answer.result?["result"]?.arrayValue?.count == 1)
        #expect(answer.text.contains(#""result_total":[7]"#))
        #expect(answer.text.contains(#""result_error":{"1":{"error":"ERROR_BATCH_METHOD_NOT_ALLOWED""#))
    }

    @Test func aCommandOutsideTheScopesFailsWithAnEmptyDescription() throws {
        let harness = try Harness()
        let answer = try harness.send(
            "POST",
            "/rest/batch?auth=" + oauthToken,
            body: #"{"cmd":{"p":"sale.paysystem.list"}}"#,
            contentType: "application/json"
        )
        #expect(answer.result?["result_error"] == ["p": ["error": "insufficient_scope", "error_description": ""]])
    }
}
