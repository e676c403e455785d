import SaleJSON

/// The example bodies of the official docs (`bitrix24/b24restdocs`, `api-reference/sale/…`, "Response Handling"),
/// as published; tests compare shapes against them with ids and dates substituted.
enum DocsExamples {
    static func parse(_ text: String) -> JSONValue { (try? JSONParser().parse(text)) ?? .null }

    /// `sale-order-add.md`.
    static let orderAdd = parse(
        #"""
        {"result":{"order":{"accountNumber":"455","additionalInfo":"","affiliateId":1,"canceled":"Y","clients":[],
        "comments":"","companyId":1,"currency":"USD","dateCanceled":"2024-04-12T13:50:21+02:00",
        "dateInsert":"2024-03-01T13:00:00+02:00","dateMarked":"2024-04-12T13:50:21+02:00",
        "dateStatus":"2024-04-12T13:50:21+02:00","dateUpdate":"2024-04-12T13:50:21+02:00","deducted":"N",
        "discountValue":10,"empCanceledId":1,"empMarkedId":1,"empStatusId":1,"externalOrder":"N","id":299,"id1c":"",
        "lid":"s1","lockedBy":"1","marked":"Y","orderTopic":"","payed":"N","personTypeId":1,"personTypeXmlId":"",
        "price":100,"reasonCanceled":"","reasonMarked":"","recountFlag":"N","recurringId":"1","requisiteLink":[],
        "responsibleId":1,"statusId":"N","statusXmlId":"","updated1c":"N","userDescription":"","userId":1,
        "version1c":"","xmlId":""}},
        "time":{"start":1712922620.724857,"finish":1712922623.393783,"duration":2.6689260005950928,
        "processing":2.210068941116333,"date_start":"2024-04-12T14:50:20+02:00","date_finish":"2024-04-12T14:50:23+02:00"}}
        """#
    )

    /// `sale-basket-item-add.md`.
    static let basketItemAdd = parse(
        #"""
        {"result":{"basketItem":{"basePrice":1000,"canBuy":"Y","catalogXmlId":"FUTURE-QUICKBOOKS-CATALOG",
        "currency":"USD","customPrice":"N","dateInsert":"2024-04-23T15:59:37+02:00",
        "dateUpdate":"2024-04-23T15:59:37+02:00","dimensions":"a:3:{s:5:\"WIDTH\";N;s:6:\"HEIGHT\";N;s:6:\"LENGTH\";N;}",
        "discountPrice":100,"id":6790,"measureCode":"163","measureName":"g","name":"Product","orderId":5147,
        "price":900,"productId":1245,"productXmlId":"1245","properties":[],"quantity":1,"reservations":[],"sort":100,
        "vatIncluded":"N","vatRate":null,"weight":0,"xmlId":"bx_6627bec8c4fdc"}},"total":1,
        "time":{"start":1713880776.108755,"finish":1713880777.704221,"duration":1.595465898513794,
        "processing":0.973701000213623,"date_start":"2024-04-23T15:59:36+02:00","date_finish":"2024-04-23T15:59:37+02:00",
        "operating":0}}
        """#
    )

    /// `sale-shipment-item-add.md`.
    static let shipmentItemAdd = parse(
        #"""
        {"result":{"shipmentItem":{"basketId":2716,"dateInsert":"2024-04-11T09:10:34+02:00","id":7,
        "orderDeliveryId":2431,"quantity":3,"reservedQuantity":0,"xmlId":"myXmlId"}},
        "time":{"start":1712819431.708122,"finish":1712819435.985352,"duration":4.2772300243377686,
        "processing":4.085968971252441,"date_start":"2024-04-11T10:10:31+02:00","date_finish":"2024-04-11T10:10:35+02:00"}}
        """#
    )

    /// `sale-payment-add.md`.
    static let paymentAdd = parse(
        #"""
        {"result":{"payment":{"accountNumber":"356\/1","comments":"","companyId":1,"currency":"USD",
        "dateBill":"2024-04-10T09:00:00+02:00","dateMarked":"2024-04-16T16:32:49+02:00",
        "datePaid":"2024-04-10T09:00:00+02:00","datePayBefore":"2024-04-10T09:00:00+02:00",
        "dateResponsibleId":"2024-04-16T16:32:49+02:00","empMarkedId":1,"empPaidId":1,"empResponsibleId":1,
        "empReturnId":1,"externalPayment":"N","id":144,"id1c":"","isReturn":"N","marked":"N","orderId":200,"paid":"Y",
        "payReturnComment":"","payReturnDate":"2024-04-10T09:00:00+02:00","payReturnNum":"","paySystemId":1,
        "paySystemIsCash":"N","paySystemName":"Bank Transfer (Company)","paySystemXmlId":"",
        "payVoucherDate":"2024-04-10T09:00:00+02:00","payVoucherNum":"","priceCod":"100","psCurrency":"USD",
        "psInvoiceId":1,"psResponseDate":"2024-04-10T09:00:00+02:00","psStatus":"Y","psStatusCode":"",
        "psStatusDescription":"","psStatusMessage":"","psSum":100,"reasonMarked":"","responsibleId":1,"sum":100,
        "updated1c":"N","version1c":"","xmlId":""}},
        "time":{"start":1713277968.822151,"finish":1713277972.577136,"duration":3.7549850940704346,
        "processing":3.3574018478393555,"date_start":"2024-04-16T17:32:48+02:00","date_finish":"2024-04-16T17:32:52+02:00"}}
        """#
    )

    /// One shipment of `sale-order-get.md` (the docs' `sale.shipment.add` answer has the same fields and
    /// `shipmentItems: []`).
    static let shipment = parse(
        #"""
        {"accountNumber":"392\/2","allowDelivery":"N","basePriceDelivery":500,"canceled":"N","comments":"",
        "companyId":0,"currency":"USD","customPriceDelivery":"N","dateAllowDelivery":null,"dateCanceled":null,
        "dateDeducted":null,"dateInsert":"2024-02-28T17:36:41+02:00","dateMarked":null,"dateResponsibleId":null,
        "deducted":"N","deliveryDocDate":null,"deliveryDocNum":"","deliveryId":1,"deliveryName":"Courier Delivery",
        "deliveryXmlId":"","discountPrice":0,"empAllowDeliveryId":null,"empCanceledId":null,"empDeductedId":null,
        "empMarkedId":null,"empResponsibleId":null,"externalDelivery":"N","id":338,"id1c":"","marked":"N",
        "orderId":236,"priceDelivery":500,"reasonMarked":"","reasonUndoDeducted":"","responsibleId":null,
        "shipmentItems":[],"statusId":"DN","statusXmlId":"","system":"N","trackingDescription":"",
        "trackingLastCheck":"","trackingNumber":"","trackingStatus":"","updated1c":"N","version1c":"",
        "xmlId":"bx_65df5309939b8"}
        """#
    )

    /// One property value of `sale-property-value-modify.md`.
    static let propertyValue = parse(
        #"""
        {"code":"FIO","id":13163,"name":"Full Name","orderPropsId":20,"orderPropsXmlId":null,"value":"John Smith"}
        """#
    )
}
