import BitrixSale
import Foundation
import SaleJSON
import SaleREST
import Testing

@Suite struct ReferenceMethodTests {
    @Test func statusesPersonTypesAndPropertiesAreWrappedPagedLists() throws {
        let harness = try Harness()
        let statuses = try harness.call("sale.status.list", #"{"filter":{"type":"D"}}"#)
        #expect(
            statuses.result?["statuses"] == [
                ["color": nil, "id": "DF", "notify": "Y", "sort": 400, "type": "D", "xmlId": ""],
                ["color": nil, "id": "DN", "notify": "Y", "sort": 300, "type": "D", "xmlId": ""],
            ]
        )
        #expect(statuses["total"] == 2)
        let personTypes = try harness.call("sale.persontype.list")
        #expect(
            personTypes.result?["personTypes"]?.arrayValue?.first
                == ["active": "Y", "code": "", "id": 1, "name": "Физическое лицо", "sort": "100", "xmlId": ""]
        )
        let properties = try harness.call("sale.property.list", #"{"filter":{"personTypeId":1,"isPhone":"Y"}}"#)
        let phone = try #require(properties.result?["properties"]?.arrayValue?.first)
        #expect(properties["total"] == 1 && phone["code"] == "PHONE" && phone["required"] == "Y")
        #expect(keysAreSorted(phone) && phone["settings"] == [])
        #expect(phone.keys.count == 28)
    }

    @Test func deliveryAndPaySystemListsArePlainUpperCaseArrays() throws {
        let harness = try Harness()
        let deliveries = try harness.call("sale.delivery.getlist", #"{"FILTER":{"ID":2},"SELECT":["ID","NAME"]}"#)
        #expect(deliveries.json.keys == ["result", "time"])
        #expect(deliveries.result == [["ID": "2", "NAME": "Самовывоз"]])
        let lower = try harness.call("sale.delivery.getlist", #"{"order":{"ID":"DESC"}}"#)
        #expect(lower.result?.arrayValue?.map { $0["ID"] } == ["3", "2", "1"])
        let paySystems = try harness.call("sale.paysystem.list", #"{"filter":{"IS_CASH":"Y"}}"#)
        #expect(paySystems.result?.arrayValue?.map { $0["NAME"] } == ["Наличные курьеру"])
    }
}

@Suite struct MoreTransportTests {
    @Test func aMultipartFormBodyIsReadAsPHPReadsIt() throws {
        let harness = try Harness()
        let boundary = "XyZ"
        let body = [
            "--XyZ", #"Content-Disposition: form-data; name="fields[lid]""#, "", "s1",
            "--XyZ", #"Content-Disposition: form-data; name="fields[personTypeId]""#, "", "1",
            "--XyZ", #"Content-Disposition: form-data; name="fields[currency]""#, "", "KZT",
            "--XyZ", #"Content-Disposition: form-data; name="fields[userId]""#, "", "1",
            "--XyZ", #"Content-Disposition: form-data; name="fields[comments]""#, "", "две\r\nстроки",
            "--XyZ--", "",
        ]
        .joined(separator: "\r\n")
        let answer = try harness.send(
            "POST",
            webhook + "sale.order.add",
            body: body,
            contentType: "multipart/form-data; boundary=\(boundary)"
        )
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.result?["order"]?["comments"] == "две\r\nстроки")
    }

    @Test func batchReferencesReachTotalNextAndError() throws {
        let harness = try Harness()
        for _ in 0..<3 { _ = try harness.addOrder() }
        let answer = try harness.call(
            "batch",
            #"{"cmd":{"a":"sale.order.list?select[]=id","b":"sale.order.get?id=$total[a]","#
                + #""c":"sale.order.get?id=77","d":"sale.order.update?id=1&fields[comments]=$error[c][error]"}}"#
        )
        #expect(answer.result?["result"]?["b"]?["order"]?["id"] == 3)
        #expect(answer.result?["result"]?["d"]?["order"]?["comments"] == "200540400001")
    }
}

@Suite struct ShipmentItemMethodTests {
    @Test func updateGetDeleteAndGetFields() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let basket = try #require(
            try harness
                .call(
                    "sale.basketitem.add",
                    #"{"fields":{"orderId":\#(order),"productId":5,"currency":"KZT","quantity":3,"price":100}}"#
                )
                .result?["basketItem"]?["id"]?
                .int
        )
        let shipment = try #require(
            try harness
                .call(
                    "sale.shipment.add",
                    #"{"fields":{"orderId":\#(order),"allowDelivery":"N","deducted":"N","deliveryId":2}}"#
                )
                .result?["shipment"]?["id"]?
                .int
        )
        let id = try #require(
            try harness
                .call(
                    "sale.shipmentitem.add",
                    #"{"fields":{"orderDeliveryId":\#(shipment),"basketId":\#(basket),"quantity":1}}"#
                )
                .result?["shipmentItem"]?["id"]?
                .int
        )
        let updated = try harness.call(
            "sale.shipmentitem.update",
            #"{"id":\#(id),"fields":{"quantity":3,"basketId":1}}"#
        )
        #expect(updated.result?["shipmentItem"]?["quantity"] == 3)
        #expect(updated.restDiagnostics == ["EMU_REST_FIELD_DROPPED"])  // basketId is immutable
        let tooMuch = try harness.call("sale.shipmentitem.update", #"{"id":\#(id),"fields":{"quantity":4}}"#)
        #expect(tooMuch.error == "SALE_SHIPMENT_ITEM_LESS_AVAILABLE_QUANTITY")
        #expect(try harness.call("sale.shipmentitem.get", #"{"id":\#(id)}"#).result?["shipmentItem"]?["id"] == .int(id))
        #expect(try harness.call("sale.shipmentitem.delete", #"{"id":\#(id)}"#).result == true)
        let stored = try #require(try harness.engine.load(id: order))
        #expect(stored.systemShipmentItems.first?.quantity == 3)
        let gone = try harness.call("sale.shipmentitem.get", #"{"id":\#(id)}"#)
        #expect(gone.text == #"{"error":201240400001,"error_description":"shipment item is not exists"}"#)
        let fields = try harness.call("sale.shipmentitem.getFields").result?["shipmentItem"]
        #expect(
            fields?.keys == [
                "basketId", "dateInsert", "id", "orderDeliveryId", "quantity", "reservedQuantity", "xmlId",
            ]
        )
        #expect(
            fields?["basketId"] == ["isImmutable": true, "isReadOnly": false, "isRequired": true, "type": "integer"]
        )
    }

    @Test func aShippedShipmentRefusesTheOrderDelete() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let shipped = try harness.call(
            "sale.shipment.add",
            #"{"fields":{"orderId":\#(order),"allowDelivery":"Y","deducted":"Y","deliveryId":2}}"#
        )
        #expect(shipped.result?["shipment"]?["deducted"] == "Y")
        let refused = try harness.call("sale.order.delete", #"{"id":\#(order)}"#)
        #expect(refused.error == "SALE_ORDER_CANCEL_SHIPMENT_EXIST_SHIPPED")
        #expect(
            try harness.call("sale.propertyvalue.getFields").result?["propertyValue"]?["value"]?["isRequired"] == true
        )
    }
}
