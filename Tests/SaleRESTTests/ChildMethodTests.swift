import BitrixSale
import Foundation
import SaleJSON
import SaleREST
import Testing

@Suite struct BasketItemMethodTests {
    @Test func addWithPriceTurnsOnCustomPriceAndAnswersTheDocsShapeWithAStrayTotal() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let answer = try harness.call(
            "sale.basketitem.add",
            #"{"fields":{"orderId":\#(order),"productId":5,"currency":"KZT","quantity":2,"price":14000,"#
                + #""basePrice":14000,"customPrice":"N"}}"#
        )
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.json.keys == ["result", "total", "time"])
        #expect(answer["total"] == 1)
        let item = try #require(answer.result?["basketItem"])
        #expect(shapeDifferences(item, try #require(DocsExamples.basketItemAdd["result"]?["basketItem"])) == [])
        #expect(keysAreSorted(item))
        #expect(item["customPrice"] == "Y" && item["price"] == 14000 && item["quantity"] == 2)
        #expect(item["name"] == "Букет из 15 роз", "\(item)")
        #expect(item["orderId"] == .int(order) && item["id"] == 1)
        #expect(answer.restDiagnostics == ["EMU_REST_FIELD_DROPPED"])  // customPrice is read-only
        let stored = try #require(try harness.engine.load(id: order))
        #expect(stored.data.basket.first?.customPrice == true && stored.price == 28000)
    }

    @Test func withoutPriceACatalogProductTakesTheCatalogPrice() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let answer = try harness.call(
            "sale.basketitem.add",
            #"{"fields":{"orderId":\#(order),"productId":4,"currency":"KZT","quantity":1}}"#
        )
        let item = try #require(answer.result?["basketItem"])
        #expect(item["customPrice"] == "N" && item["price"] == .number(JSONNumber(literal: "12500.5")))
    }

    @Test func theItemCurrencyMustBeTheOrders() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let answer = try harness.call(
            "sale.basketitem.add",
            #"{"fields":{"orderId":\#(order),"productId":5,"currency":"USD","quantity":1,"price":1}}"#
        )
        #expect(answer.status == 400)
        #expect(
            answer.text == #"{"error":200140400011,"error_description":"Currency must be the currency of the order"}"#
        )
        let missingOrder = try harness.call(
            "sale.basketitem.add",
            #"{"fields":{"orderId":77,"productId":5,"currency":"KZT","quantity":1}}"#
        )
        #expect(missingOrder.text == #"{"error":200140400009,"error_description":"Order not found"}"#)
        let required = try harness.call("sale.basketitem.add", #"{"fields":{"orderId":\#(order),"productId":5}}"#)
        #expect(required.text == #"{"error":0,"error_description":"Required fields: currency, quantity"}"#)
    }

    @Test func updateGetListAndDelete() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let added = try harness.call(
            "sale.basketitem.add",
            #"{"fields":{"orderId":\#(order),"productId":5,"currency":"KZT","quantity":1,"price":15000}}"#
        )
        let id = try #require(added.result?["basketItem"]?["id"]?.int)
        let updated = try harness.call("sale.basketitem.update", #"{"id":\#(id),"fields":{"quantity":3,"orderId":99}}"#)
        #expect(updated.result?["basketItem"]?["quantity"] == 3 && updated["total"] == 1)
        #expect(updated.result?["basketItem"]?["orderId"] == .int(order))
        #expect(try harness.call("sale.basketitem.get", #"{"id":\#(id)}"#).result?["basketItem"]?["quantity"] == 3)
        let list = try harness.call("sale.basketitem.list", #"{"filter":{"orderId":\#(order)}}"#)
        #expect(list.result?["basketItems"]?.arrayValue?.count == 1 && list["total"] == 1)
        #expect(try harness.call("sale.basketitem.delete", #"{"id":\#(id)}"#).result == true)
        let gone = try harness.call("sale.basketitem.get", #"{"id":\#(id)}"#)
        #expect(gone.text == #"{"error":200140400001,"error_description":"basket item is not exists"}"#)
    }
}

@Suite struct ShipmentMethodTests {
    /// An order with one basket line of product 5 (custom price 15000, quantity 2); its id and the line's id.
    private func orderWithLine(_ harness: Harness) throws -> (order: Int, basket: Int) {
        let order = try harness.addOrder()
        let item = try harness.call(
            "sale.basketitem.add",
            #"{"fields":{"orderId":\#(order),"productId":5,"currency":"KZT","quantity":2,"price":15000}}"#
        )
        return (order, try #require(item.result?["basketItem"]?["id"]?.int))
    }

    @Test func shipmentAddAnswersTheDocsShapeAndTakesTheBasePriceAsThePrice() throws {
        let harness = try Harness()
        let (order, _) = try orderWithLine(harness)
        let answer = try harness.call(
            "sale.shipment.add",
            #"{"fields":{"orderId":\#(order),"allowDelivery":"N","deducted":"N","deliveryId":1,"#
                + #""basePriceDelivery":999.99,"trackingNumber":"TN-1","xmlId":"myXmlId"}}"#
        )
        #expect(answer.status == 200, "\(answer.text)")
        let shipment = try #require(answer.result?["shipment"])
        #expect(shapeDifferences(shipment, DocsExamples.shipment) == [])
        #expect(shipment["priceDelivery"] == .number(JSONNumber(literal: "999.99")))
        #expect(shipment["customPriceDelivery"] == "Y" && shipment["shipmentItems"] == [])
        #expect(shipment["accountNumber"] == "1/2" && answer.text.contains(#""accountNumber":"1\/2""#))
        #expect(shipment["trackingNumber"] == "TN-1" && shipment["deliveryName"] == "Курьерская доставка")
        let required = try harness.call("sale.shipment.add", #"{"fields":{"orderId":\#(order),"deliveryId":1}}"#)
        #expect(required.text == #"{"error":0,"error_description":"Required fields: allowDelivery, deducted"}"#)
        let wrong = try harness.call(
            "sale.shipment.add",
            #"{"fields":{"orderId":\#(order),"allowDelivery":"N","deducted":"N","deliveryId":99}}"#
        )
        #expect(wrong.error == "SALE_SHIPMENT_WRONG_DELIVERY_SERVICE")
    }

    @Test func shipmentItemAddMovesQuantityAndRefusesASecondRowForThePair() throws {
        let harness = try Harness()
        let (order, basket) = try orderWithLine(harness)
        let shipment = try #require(
            try harness
                .call(
                    "sale.shipment.add",
                    #"{"fields":{"orderId":\#(order),"allowDelivery":"N","deducted":"N","deliveryId":1}}"#
                )
                .result?["shipment"]?["id"]?
                .int
        )
        let answer = try harness.call(
            "sale.shipmentitem.add",
            #"{"fields":{"orderDeliveryId":\#(shipment),"basketId":\#(basket),"quantity":2}}"#
        )
        #expect(answer.status == 200, "\(answer.text)")
        let item = try #require(answer.result?["shipmentItem"])
        #expect(shapeDifferences(item, try #require(DocsExamples.shipmentItemAdd["result"]?["shipmentItem"])) == [])
        #expect(item["basketId"] == .int(basket) && item["orderDeliveryId"] == .int(shipment) && item["quantity"] == 2)
        let duplicate = try harness.call(
            "sale.shipmentitem.add",
            #"{"fields":{"orderDeliveryId":\#(shipment),"basketId":\#(basket),"quantity":1}}"#
        )
        #expect(
            duplicate.text
                == #"{"error":201250000001,"error_description":"Duplicate entry for key [basketId, orderDeliveryId]"}"#
        )
        let noShipment = try harness.call(
            "sale.shipmentitem.add",
            #"{"fields":{"orderDeliveryId":999,"basketId":\#(basket),"quantity":1}}"#
        )
        #expect(noShipment.text == #"{"error":201240400002,"error_description":"shipment not exists"}"#)
        let stored = try #require(try harness.engine.load(id: order))
        #expect(stored.systemShipmentItems.isEmpty)
        let listed = try harness.call("sale.shipmentitem.list", #"{"filter":{"orderDeliveryId":\#(shipment)}}"#)
        #expect(listed.result?["shipmentItems"]?.arrayValue?.count == 1)
        let got = try harness.call("sale.shipment.get", #"{"id":\#(shipment)}"#)
        #expect(got.result?["shipment"]?["shipmentItems"]?.arrayValue?.count == 1)
    }

    @Test func updateListAndDeleteShipments() throws {
        let harness = try Harness()
        let (order, _) = try orderWithLine(harness)
        let id = try #require(
            try harness
                .call(
                    "sale.shipment.add",
                    #"{"fields":{"orderId":\#(order),"allowDelivery":"N","deducted":"N","deliveryId":2}}"#
                )
                .result?["shipment"]?["id"]?
                .int
        )
        let updated = try harness.call(
            "sale.shipment.update",
            #"{"id":\#(id),"fields":{"statusId":"DF","comments":"c"}}"#
        )
        #expect(updated.result?["shipment"]?["statusId"] == "DF" && updated.result?["shipment"]?["comments"] == "c")
        #expect(try harness.call("sale.shipment.list", "{}").result?["shipments"]?.arrayValue?.count == 1)
        #expect(try harness.call("sale.shipment.delete", #"{"id":\#(id)}"#).result == true)
        let gone = try harness.call("sale.shipment.get", #"{"id":\#(id)}"#)
        #expect(gone.text == #"{"error":201140400001,"error_description":"shipment is not exists"}"#)
    }
}

@Suite struct PaymentMethodTests {
    @Test func paymentAddAnswersTheDocsShapeWithThePaySystemAndTheAccountNumber() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let answer = try harness.call(
            "sale.payment.add",
            #"{"fields":{"orderId":\#(order),"paySystemId":3,"sum":100,"currency":"USD","comments":"c"}}"#
        )
        #expect(answer.status == 200, "\(answer.text)")
        let payment = try #require(answer.result?["payment"])
        #expect(shapeDifferences(payment, try #require(DocsExamples.paymentAdd["result"]?["payment"])) == [])
        #expect(payment["paySystemName"] == "Kaspi.kz" && payment["currency"] == "KZT" && payment["sum"] == 100)
        #expect(payment["accountNumber"] == "1/1" && payment["paid"] == "N" && payment["priceCod"] == "0")
        #expect(answer.restDiagnostics == ["EMU_REST_FIELD_DROPPED"])  // currency is read-only
        let required = try harness.call("sale.payment.add", #"{"fields":{"orderId":\#(order)}}"#)
        #expect(required.text == #"{"error":0,"error_description":"Required fields: paySystemId"}"#)
        let unknown = try harness.call("sale.payment.add", #"{"fields":{"orderId":\#(order),"paySystemId":99}}"#)
        #expect(unknown.error == "SALE_PAYMENT_WRONG_PAYMENT_SERVICE")
        #expect(try harness.engine.load(id: order)?.data.payments.count == 1)
    }

    @Test func updateGetListDeleteAndThePaidRefusal() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let id = try #require(
            try harness.call("sale.payment.add", #"{"fields":{"orderId":\#(order),"paySystemId":1}}"#)
                .result?["payment"]?["id"]?
                .int
        )
        #expect(try harness.call("sale.payment.get", #"{"id":\#(id)}"#).result?["payment"]?["paySystemIsCash"] == "Y")
        let paid = try harness.call("sale.payment.update", #"{"id":\#(id),"fields":{"paid":"Y"}}"#)
        #expect(paid.result?["payment"]?["paid"] == "Y")
        #expect(paid.result?["payment"]?["datePaid"] == "2025-10-20T10:00:00+05:00")
        let refused = try harness.call("sale.payment.delete", #"{"id":\#(id)}"#)
        #expect(refused.error == "SALE_PAYMENT_DELETE_EXIST_PAID")
        #expect(try harness.call("sale.payment.list", "{}").result?["payments"]?.arrayValue?.count == 1)
        let missing = try harness.call("sale.payment.get", #"{"id":404}"#)
        #expect(missing.text == #"{"error":200640400001,"error_description":"payment is not exists"}"#)
    }
}

@Suite struct PropertyValueMethodTests {
    @Test func modifyReplacesTheWholeSetDeletingWhatItWasNotGiven() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        let first = try harness.call(
            "sale.propertyvalue.modify",
            #"{"fields":{"order":{"id":\#(order),"propertyValues":["#
                + #"{"orderPropsId":1,"value":"Иван Иванов"},{"orderPropsId":3,"value":"+77015211545"},"#
                + #"{"orderPropsId":4,"value":"ул. Абая 150"}]}}}"#
        )
        #expect(first.status == 200, "\(first.text)")
        let values = try #require(first.result?["propertyValues"]?.arrayValue)
        #expect(values.map { $0["code"] } == ["FIO", "PHONE", "ADDRESS"])
        #expect(shapeDifferences(values[0], DocsExamples.propertyValue) == [])
        #expect(values[0]["value"] == "Иван Иванов" && values[0]["name"] == "Ф.И.О." && values[0]["orderPropsId"] == 1)
        // A second modify with only the phone deletes the name and the address.
        let second = try harness.call(
            "sale.propertyvalue.modify",
            #"{"fields":{"order":{"id":\#(order),"propertyValues":[{"orderPropsId":3,"value":"+77010000000"}]}}}"#
        )
        #expect(second.result?["propertyValues"]?.arrayValue?.map { $0["code"] } == ["PHONE"])
        #expect(second.restDiagnostics == ["EMU_REST_PROPERTY_REMOVED", "EMU_REST_PROPERTY_REMOVED"])
        let stored = try #require(try harness.engine.load(id: order))
        #expect(
            stored.data.propertyValue(code: "FIO") == nil && stored.data.propertyValue(code: "PHONE") == "+77010000000"
        )
        let list = try harness.call("sale.propertyvalue.list", #"{"filter":{"orderId":\#(order)}}"#)
        #expect(list.result?["propertyValues"]?.arrayValue?.first?["orderId"] == .int(order))
    }

    @Test func modifyNamesWhatIsMissing() throws {
        let harness = try Harness()
        let order = try harness.addOrder()
        #expect(
            try harness.call("sale.propertyvalue.modify", "{}").text
                == #"{"error":100,"error_description":"Could not find value for parameter {fields}"}"#
        )
        #expect(
            try harness.call("sale.propertyvalue.modify", #"{"fields":{"order":{}}}"#).text
                == #"{"error":0,"error_description":"Required fields: [order][id], [order][propertyValues][]"}"#
        )
        #expect(
            try harness
                .call(
                    "sale.propertyvalue.modify",
                    #"{"fields":{"order":{"id":\#(order),"propertyValues":[{"value":"x"}]}}}"#
                )
                .text == #"{"error":0,"error_description":"Required fields: [propertyValues][0] - orderPropsId."}"#
        )
        #expect(
            try harness
                .call(
                    "sale.propertyvalue.modify",
                    #"{"fields":{"order":{"id":999,"propertyValues":[{"orderPropsId":1,"value":"x"}]}}}"#
                )
                .error == "200540400001"
        )
    }
}
