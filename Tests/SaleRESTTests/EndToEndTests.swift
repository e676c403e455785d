import BitrixSale
import Foundation
import SaleHTTP
import SaleJSON
import SaleREST
import Testing

@Suite struct EndToEndTests {
    @Test func anOrderBuiltThroughRESTIsReadBackThroughAPIv2() throws {
        let harness = try Harness()
        let order = try harness.addOrder(#","userDescription":"Позвонить за 10 минут""#)
        let basket = try #require(
            try harness
                .call(
                    "sale.basketitem.add",
                    #"{"fields":{"orderId":\#(order),"productId":5,"currency":"KZT","quantity":1,"price":15000,"basePrice":15000}}"#
                )
                .result?["basketItem"]?["id"]?
                .int
        )
        let shipment = try #require(
            try harness
                .call(
                    "sale.shipment.add",
                    #"{"fields":{"orderId":\#(order),"allowDelivery":"N","deducted":"N","deliveryId":1,"basePriceDelivery":2500}}"#
                )
                .result?["shipment"]?["id"]?
                .int
        )
        #expect(
            try harness
                .call(
                    "sale.shipmentitem.add",
                    #"{"fields":{"orderDeliveryId":\#(shipment),"basketId":\#(basket),"quantity":1}}"#
                )
                .status == 200
        )
        #expect(
            try harness.call("sale.payment.add", #"{"fields":{"orderId":\#(order),"paySystemId":3,"sum":17500}}"#)
                .status == 200
        )
        let properties = try harness.call(
            "sale.propertyvalue.modify",
            #"{"fields":{"order":{"id":\#(order),"propertyValues":[{"orderPropsId":1,"value":"Иван Иванов"},"#
                + #"{"orderPropsId":3,"value":"+77015211545"},{"orderPropsId":4,"value":"ул. Абая 150"}]}}}"#
        )
        #expect(properties.status == 200)
        // The engine finds nothing to report about this order: prices custom, items shipped out of the system
        // shipment, the payment covering the price.
        #expect(!properties.diagnosticCodes.contains("EMU_ITEMS_IN_SYSTEM_SHIPMENT"))
        #expect(!properties.diagnosticCodes.contains("EMU_PAYMENT_SUM_MISMATCH"))

        let detail = try harness.apiGet("/api/v2/orders/\(order)")
        #expect(detail["success"] == true)
        let data = try #require(detail["data"])
        #expect(data["price"] == 17500 && data["basket_price"] == 15000 && data["price_delivery"] == 2500)
        #expect(data["properties"] == ["FIO": "Иван Иванов", "PHONE": "+77015211545", "ADDRESS": "ул. Абая 150"])
        #expect(data["basket"]?.arrayValue?.first?["custom_price"] == true)
        #expect(data["shipments"]?.arrayValue?.first?["items"] == [["basket_id": .int(basket), "quantity": 1]])
        #expect(data["payments"]?.arrayValue?.first?["pay_system_code"] == "kaspi")
        #expect(data["user_description"] == "Позвонить за 10 минут")
        let list = try harness.apiGet("/api/v2/orders")
        #expect(list["data"]?.arrayValue?.first?["id"] == .int(order))

        // And sale.order.get answers the whole order with its collections.
        let got = try #require(try harness.call("sale.order.get", #"{"id":\#(order)}"#).result?["order"])
        #expect(keysAreSorted(got))
        #expect(got["price"] == 17500 && got["payed"] == "N")
        #expect(got["basketItems"]?.arrayValue?.first?["id"] == .string(String(basket)))
        #expect(got["shipments"]?.arrayValue?.first?["shipmentItems"]?.arrayValue?.count == 1)
        #expect(got["propertyValues"]?.arrayValue?.count == 3 && got["payments"]?.arrayValue?.count == 1)
    }

    @Test func anOrderCreatedThroughAPIv2IsReadBackThroughREST() throws {
        let harness = try Harness()
        let payload = #"""
            {"railway_order_id": 999, "customer_name": "Иван Иванов", "customer_phone": "+77015211545",
             "delivery_address": "ул. Абая 150, кв 25", "delivery_date": "2025-10-21", "delivery_time": "14:00-16:00",
             "recipient_name": "Мария Петрова", "recipient_phone": "+77778889900",
             "items": [{"product_id": 5, "quantity": 1, "price": 15000}], "total_amount": 17500,
             "payment_method": "kaspi", "notes": "Позвонить за 10 минут"}
            """#
        let created = harness.api.handle(
            APIRequest(
                method: "POST",
                target: "/api/v2/orders/create?access_token=dev-token-NOT-A-SECRET",
                headers: [HeaderField("Content-Type", "application/json")],
                body: Array(payload.utf8)
            )
        )
        #expect(created.status == 200)
        let answer = try harness.call("sale.order.get", #"{"id":1}"#)
        let order = try #require(answer.result?["order"])
        #expect(order["price"] == 17500 && order["userId"] == 2 && order["userDescription"] == "Позвонить за 10 минут")
        let basket = try #require(order["basketItems"]?.arrayValue?.first)
        #expect(basket["productId"] == 5 && basket["customPrice"] == "Y" && basket["name"] == "Букет из 15 роз")
        let shipment = try #require(order["shipments"]?.arrayValue?.first)
        #expect(shipment["priceDelivery"] == 2500 && shipment["shipmentItems"]?.arrayValue?.count == 1)
        #expect(order["payments"]?.arrayValue?.first?["paySystemName"] == "Kaspi.kz")
        let codes = order["propertyValues"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes.contains("RAILWAY_ORDER_ID") && codes.contains("FIO"))
        let listed = try harness.call("sale.order.list", #"{"filter":{"userId":2}}"#)
        #expect(listed["total"] == 1)
    }

    @Test func equalRequestsOnEqualStatesGiveByteIdenticalAnswers() throws {
        func run() throws -> [[UInt8]] {
            let harness = try Harness()
            let id = try harness.addOrder()
            return try [
                harness.call(
                    "sale.basketitem.add",
                    #"{"fields":{"orderId":\#(id),"productId":1,"currency":"KZT","quantity":3}}"#
                ),
                harness.call("sale.order.get", #"{"id":\#(id)}"#),
                harness.call("batch", #"{"cmd":{"a":"sale.order.list","b":"sale.basketitem.list"}}"#),
            ]
            .map(\.response.body)
        }
        #expect(try run() == run())
    }

    @Test func concurrentCallsOnOneOrderLoseNoChange() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let rest = harness.rest
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            let body =
                #"{"fields":{"orderId":\#(order),"productId":\#(index % 7 + 1),"currency":"KZT","quantity":1,"price":10}}"#
            _ = rest.handle(
                APIRequest(
                    method: "POST",
                    target: webhook + "sale.basketitem.add",
                    headers: [HeaderField("Content-Type", "application/json")],
                    body: Array(body.utf8)
                )
            )
        }
        let stored = try #require(try harness.engine.load(id: order))
        #expect(stored.data.basket.count == 200)
        #expect(Set(stored.data.basket.compactMap(\.id)).count == 200)
    }
}
