import BitrixSale
import Foundation
import SaleJSON
import SaleREST
import Testing

@Suite struct OrderMethodTests {
    private let docsFields =
        #"{"fields":{"lid":"s1","personTypeId":1,"currency":"KZT","userId":1,"price":100,"discountValue":10,"#
        + #""statusId":"N","dateInsert":"2024-03-01T14:00:00","comments":"","recurringId":"1","lockedBy":"1","#
        + #""affiliateId":1,"companyId":1,"responsibleId":1}}"#

    @Test func orderAddAnswersTheDocsExampleShape() throws {
        let harness = try Harness()
        let answer = try harness.call("sale.order.add", docsFields)
        #expect(answer.status == 200, "\(answer.text)")
        let order = try #require(answer.result?["order"])
        let example = try #require(DocsExamples.orderAdd["result"]?["order"])
        #expect(shapeDifferences(order, example) == [])
        #expect(keysAreSorted(order))
        #expect(order["id"] == 1 && order["accountNumber"] == "1" && order["userId"] == 1)
        #expect(order["price"] == 100 && order["currency"] == "KZT" && order["lockedBy"] == "1")
        // Input without an offset is read in the site zone.
        #expect(order["dateInsert"] == "2024-03-01T14:00:00+05:00")
        #expect(order["dateUpdate"] == "2025-10-20T10:00:00+05:00")
        #expect(answer.json.keys == ["result", "time"])
    }

    @Test func aRequiredFieldMissingAfterTheWhitelistIsError0() throws {
        let harness = try Harness()
        let answer = try harness.call(
            "sale.order.add",
            #"{"fields":{"LID":"s1","PERSON_TYPE_ID":1,"currency":"KZT","userId":1}}"#
        )
        #expect(answer.status == 400)
        #expect(answer.text == #"{"error":0,"error_description":"Required fields: personTypeId, lid"}"#)
        #expect(answer.diagnosticCodes == ["EMU_REST_FIELD_DROPPED", "EMU_REST_FIELD_DROPPED"])
        let noFields = try harness.call("sale.order.add", #"{"FIELDS":{"lid":"s1"}}"#)
        #expect(noFields.text == #"{"error":100,"error_description":"Could not find value for parameter {fields}"}"#)
        // In the cloud the order is the caller's when userId is left out.
        let cloud = try Harness.cloud()
        let added = try cloud.call("sale.order.add", #"{"fields":{"lid":"s1","personTypeId":1,"currency":"KZT"}}"#)
        #expect(added.result?["order"]?["userId"] == 1)
    }

    @Test func unknownAndUpperCaseFieldsAreDroppedSilentlyWithADiagnosticEach() throws {
        let harness = try Harness()
        let answer = try harness.call(
            "sale.order.add",
            #"{"fields":{"lid":"s1","personTypeId":1,"currency":"KZT","userId":1,"USER_DESCRIPTION":"lost","#
                + #""userEmail":"a@b.c","UF_CRM_1":"x","comments":"kept"}}"#
        )
        #expect(answer.status == 200)
        let order = try #require(answer.result?["order"])
        #expect(order["userDescription"] == "" && order["comments"] == "kept")
        #expect(order["userEmail"] == nil && order["UF_CRM_1"] == nil)
        #expect(
            answer.restDiagnostics == ["EMU_REST_FIELD_DROPPED", "EMU_REST_FIELD_DROPPED", "EMU_REST_FIELD_DROPPED"]
        )
        // The engine's own diagnostics of the save come along in the header; the body has none of them.
        #expect(answer.diagnosticCodes.contains("EMU_REQUIRED_PROPERTY_EMPTY"))
        #expect(!answer.text.contains("EMU_"))
    }

    @Test func orderAddIgnoresNestedItemsAndCreatesNoShipmentOrPayment() throws {
        let harness = try Harness()
        let answer = try harness.call(
            "sale.order.add",
            #"{"fields":{"lid":"s1","personTypeId":1,"currency":"KZT","userId":1,"#
                + #""basketItems":[{"productId":5,"quantity":1,"price":15000}],"#
                + #""propertyValues":[{"orderPropsId":1,"value":"Иван"}],"payments":[{"paySystemId":3}]}}"#
        )
        #expect(answer.status == 200)
        #expect(answer.result?["order"]?["price"] == 0)
        let stored = try #require(try harness.engine.load(id: 1))
        #expect(stored.data.basket.isEmpty && stored.data.shipments.isEmpty && stored.data.payments.isEmpty)
        let got = try harness.call("sale.order.get", #"{"id":1}"#)
        #expect(got.result?["order"]?["basketItems"] == nil && got.result?["order"]?["payments"] == nil)
        #expect(got.result?["order"]?["clients"] == [] && got.result?["order"]?["requisiteLink"] == [])
        #expect(answer.diagnosticCodes.filter { $0 == "EMU_REST_FIELD_DROPPED" }.count == 3)
    }

    @Test func updateIgnoresImmutableFieldsAndAnswersVersionAndTax() throws {
        let harness = try Harness()
        let id = try harness.addOrder()
        harness.clock.advance(by: 60)
        let answer = try harness.call(
            "sale.order.update",
            #"{"id":\#(id),"fields":{"currency":"USD","userId":5,"statusId":"AP","comments":"updated"}}"#
        )
        #expect(answer.status == 200, "\(answer.text)")
        let order = try #require(answer.result?["order"])
        #expect(order["currency"] == "KZT" && order["userId"] == 1 && order["statusId"] == "AP")
        #expect(order["version"] == 1 && order["taxValue"] == 0 && order["dateLock"] == .null)
        #expect(order["dateUpdate"] == "2025-10-20T10:01:00+05:00")
        #expect(answer.restDiagnostics == ["EMU_REST_FIELD_DROPPED", "EMU_REST_FIELD_DROPPED"])
    }

    @Test func notFoundErrorsUseTheSaleCodes() throws {
        let harness = try Harness()
        for method in ["sale.order.get", "sale.order.update", "sale.order.delete"] {
            let answer = try harness.call(method, #"{"id":404,"fields":{"comments":"x"}}"#)
            #expect(answer.status == 400)
            #expect(answer.text == #"{"error":200540400001,"error_description":"order is not exists"}"#, "\(method)")
        }
        let noId = try harness.call("sale.order.get", "{}")
        #expect(noId.text == #"{"error":100,"error_description":"Could not find value for parameter {id}"}"#)
    }

    @Test func deleteRemovesTheOrderAndIsRefusedForAPaidOne() throws {
        let harness = try Harness()
        let id = try harness.addOrder()
        let deleted = try harness.call("sale.order.delete", #"{"id":\#(id)}"#)
        #expect(deleted.text.hasPrefix(#"{"result":true,"time":"#))
        #expect(try harness.engine.load(id: id) == nil)
        let paidId = try harness.addOrder()
        let payment = try harness.call(
            "sale.payment.add",
            #"{"fields":{"orderId":\#(paidId),"paySystemId":3,"sum":0,"paid":"Y"}}"#
        )
        #expect(payment.status == 200, "\(payment.text)")
        let refused = try harness.call("sale.order.delete", #"{"id":\#(paidId)}"#)
        #expect(refused.status == 400)
        #expect(refused.error == "SALE_ORDER_CANCEL_PAYMENT_EXIST_ACTIVE")
        #expect(try harness.engine.load(id: paidId) != nil)
    }

    @Test func getFieldsDescribesEveryFieldSorted() throws {
        let harness = try Harness()
        let answer = try harness.call("sale.order.getFields")
        let fields = try #require(answer.result?["order"])
        #expect(keysAreSorted(fields))
        #expect(
            fields["personTypeId"]
                == ["isImmutable": true, "isReadOnly": false, "isRequired": true, "type": "integer"]
        )
        #expect(fields["price"]?["type"] == "double" && fields["dateInsert"]?["type"] == "datetime")
        #expect(fields["id"]?["isReadOnly"] == true && fields["statusId"]?["type"] == "char")
        #expect(fields.keys.count == 43)
    }

    @Test func tryAddBuildsWithoutSaving() throws {
        let harness = try Harness()
        let answer = try harness.call(
            "sale.order.tryadd",
            #"{"fields":{"lid":"s1","personTypeId":1,"currency":"KZT","userId":1}}"#
        )
        #expect(answer.status == 200)
        #expect(answer.result?["order"]?["id"] == .null)
        #expect(harness.engine.list(OrderQuery()).total == 0)
    }
}
