import BitrixSale
import SaleJSON

/// The `sale.*` entity methods: parameters read and internalised here, the domain edited in ``SaleEditor``.
enum SaleMethods {
    private static func method(_ name: String, _ run: @escaping RESTMethod.Body) -> RESTMethod {
        RESTMethod(name: name, scope: "sale", run: run)
    }

    private static func wrap(_ key: String, _ value: JSONValue, total: Int? = nil) -> RESTOutput {
        RESTOutput(result: .object([(key: key, value: value)]), total: total)
    }

    /// `getFields`: `{"<field>": {"isImmutable", "isReadOnly", "isRequired", "type"}}`, keys sorted.
    static func fieldsInfo(_ catalog: FieldCatalog, wrapper: String, notRequired: Set<String> = []) -> RESTOutput {
        let members: [(key: String, value: JSONValue)] = catalog.fields.map { field in
            (
                key: field.name,
                value: .object([
                    (key: "isImmutable", value: .bool(field.isImmutable)),
                    (key: "isReadOnly", value: .bool(field.isReadOnly)),
                    (key: "isRequired", value: .bool(field.isRequired && !notRequired.contains(field.upper))),
                    (key: "type", value: .string(field.type.rawValue)),
                ])
            )
        }
        return wrap(wrapper, SaleEditor.sorted(members))
    }

    /// In the cloud `userId` is not required (the order is the caller's); the on-premise code requires it.
    private static func orderNotRequired(_ call: RESTCall) -> Set<String> {
        call.profile == .cloud ? ["USER_ID"] : []
    }

    // MARK: Orders

    static let orders: [RESTMethod] = [
        method("sale.order.add") { _, call, parameters throws(RESTError) in
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(
                raw,
                catalog: .order,
                entity: "order",
                mode: .add,
                call: call,
                notRequired: orderNotRequired(call)
            )
            let editor = SaleEditor(call: call)
            return wrap("order", editor.orderRow(try editor.addOrder(fields), shape: .added))
        },
        method("sale.order.tryadd") { _, call, parameters throws(RESTError) in
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(
                raw,
                catalog: .order,
                entity: "order",
                mode: .add,
                call: call,
                notRequired: orderNotRequired(call)
            )
            let editor = SaleEditor(call: call)
            return wrap("order", editor.orderRow(try editor.buildOrder(fields), shape: .added))
        },
        method("sale.order.update") { _, call, parameters throws(RESTError) in
            let id = try Arguments.id(parameters)
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(raw, catalog: .order, entity: "order", mode: .update, call: call)
            let editor = SaleEditor(call: call)
            return wrap("order", editor.orderRow(try editor.updateOrder(id: id, fields), shape: .updated))
        },
        method("sale.order.get") { _, call, parameters throws(RESTError) in
            let id = try Arguments.id(parameters)
            let editor = SaleEditor(call: call)
            guard let order = editor.order(id: id) else { throw SaleEditor.orderNotFound }
            return wrap("order", editor.orderRow(order, shape: .full))
        },
        method("sale.order.list") { _, call, parameters throws(RESTError) in
            let query = ListQuery(parameters, catalog: .order, call: call)
            let editor = SaleEditor(call: call)
            if let storePage = query.storePage {
                let (rows, total) = editor.orderPage(storePage)
                return query.output(page: rows, total: total, offset: storePage.offset, wrapper: "orders")
            }
            return query.page(editor.allOrderRows(), wrapper: "orders", time: call.time)
        },
        method("sale.order.delete") { _, call, parameters throws(RESTError) in
            try SaleEditor(call: call).deleteOrder(id: try Arguments.id(parameters))
            return RESTOutput(result: .bool(true))
        },
        method("sale.order.getfields") { _, call, _ throws(RESTError) in
            fieldsInfo(.order, wrapper: "order", notRequired: orderNotRequired(call))
        },
    ]

    // MARK: Basket items

    static let basketItems: [RESTMethod] = [
        method("sale.basketitem.add") { _, call, parameters throws(RESTError) in
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(
                raw,
                catalog: .basketItem,
                entity: "basketItem",
                mode: .add,
                call: call
            )
            let editor = SaleEditor(call: call)
            let (order, code) = try editor.addBasketItem(fields)
            return wrap("basketItem", editor.basketItemRow(order, code: code), total: 1)
        },
        method("sale.basketitem.update") { _, call, parameters throws(RESTError) in
            let id = try Arguments.id(parameters)
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(
                raw,
                catalog: .basketItem,
                entity: "basketItem",
                mode: .update,
                call: call
            )
            let editor = SaleEditor(call: call)
            let (order, code) = try editor.updateBasketItem(id: id, fields)
            return wrap("basketItem", editor.basketItemRow(order, code: code), total: 1)
        },
        method("sale.basketitem.get") { _, call, parameters throws(RESTError) in
            let editor = SaleEditor(call: call)
            guard let (order, code) = editor.locate(basketItemId: try Arguments.id(parameters)) else {
                throw SaleEditor.basketItemNotFound
            }
            return wrap("basketItem", editor.basketItemRow(order, code: code))
        },
        method("sale.basketitem.list") { _, call, parameters throws(RESTError) in
            let query = ListQuery(parameters, catalog: .basketItem, call: call)
            return query.page(SaleEditor(call: call).allBasketItemRows(), wrapper: "basketItems", time: call.time)
        },
        method("sale.basketitem.delete") { _, call, parameters throws(RESTError) in
            try SaleEditor(call: call).deleteBasketItem(id: try Arguments.id(parameters))
            return RESTOutput(result: .bool(true))
        },
        method("sale.basketitem.getfields") { _, _, _ throws(RESTError) in
            fieldsInfo(.basketItem, wrapper: "basketItem")
        },
    ]

    // MARK: Shipments

    static let shipments: [RESTMethod] = [
        method("sale.shipment.add") { _, call, parameters throws(RESTError) in
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(raw, catalog: .shipment, entity: "shipment", mode: .add, call: call)
            let editor = SaleEditor(call: call)
            let (order, code) = try editor.addShipment(fields)
            return wrap("shipment", editor.shipmentRow(order, code: code))
        },
        method("sale.shipment.update") { _, call, parameters throws(RESTError) in
            let id = try Arguments.id(parameters)
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(
                raw,
                catalog: .shipment,
                entity: "shipment",
                mode: .update,
                call: call
            )
            let editor = SaleEditor(call: call)
            let (order, code) = try editor.updateShipment(id: id, fields)
            return wrap("shipment", editor.shipmentRow(order, code: code))
        },
        method("sale.shipment.get") { _, call, parameters throws(RESTError) in
            let editor = SaleEditor(call: call)
            guard let (order, code) = editor.locate(shipmentId: try Arguments.id(parameters)) else {
                throw SaleEditor.shipmentNotFound
            }
            return wrap("shipment", editor.shipmentRow(order, code: code))
        },
        method("sale.shipment.list") { _, call, parameters throws(RESTError) in
            let query = ListQuery(parameters, catalog: .shipment, call: call)
            return query.page(SaleEditor(call: call).allShipmentRows(), wrapper: "shipments", time: call.time)
        },
        method("sale.shipment.delete") { _, call, parameters throws(RESTError) in
            try SaleEditor(call: call).deleteShipment(id: try Arguments.id(parameters))
            return RESTOutput(result: .bool(true))
        },
        method("sale.shipment.getfields") { _, _, _ throws(RESTError) in fieldsInfo(.shipment, wrapper: "shipment") },
    ]

    // MARK: Shipment items

    static let shipmentItems: [RESTMethod] = [
        method("sale.shipmentitem.add") { _, call, parameters throws(RESTError) in
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(
                raw,
                catalog: .shipmentItem,
                entity: "shipmentItem",
                mode: .add,
                call: call
            )
            let editor = SaleEditor(call: call)
            let (order, shipment, basket) = try editor.addShipmentItem(fields)
            return wrap("shipmentItem", editor.shipmentItemRow(order, shipment: shipment, basket: basket))
        },
        method("sale.shipmentitem.update") { _, call, parameters throws(RESTError) in
            let id = try Arguments.id(parameters)
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(
                raw,
                catalog: .shipmentItem,
                entity: "shipmentItem",
                mode: .update,
                call: call
            )
            let editor = SaleEditor(call: call)
            let (order, shipment, basket) = try editor.updateShipmentItem(id: id, fields)
            return wrap("shipmentItem", editor.shipmentItemRow(order, shipment: shipment, basket: basket))
        },
        method("sale.shipmentitem.get") { _, call, parameters throws(RESTError) in
            let editor = SaleEditor(call: call)
            guard let (order, shipment, basket) = editor.locate(shipmentItemId: try Arguments.id(parameters)) else {
                throw SaleEditor.shipmentItemNotFound
            }
            return wrap("shipmentItem", editor.shipmentItemRow(order, shipment: shipment, basket: basket))
        },
        method("sale.shipmentitem.list") { _, call, parameters throws(RESTError) in
            let query = ListQuery(parameters, catalog: .shipmentItem, call: call)
            return query.page(SaleEditor(call: call).allShipmentItemRows(), wrapper: "shipmentItems", time: call.time)
        },
        method("sale.shipmentitem.delete") { _, call, parameters throws(RESTError) in
            try SaleEditor(call: call).deleteShipmentItem(id: try Arguments.id(parameters))
            return RESTOutput(result: .bool(true))
        },
        method("sale.shipmentitem.getfields") { _, _, _ throws(RESTError) in
            fieldsInfo(.shipmentItem, wrapper: "shipmentItem")
        },
    ]

    // MARK: Payments

    static let payments: [RESTMethod] = [
        method("sale.payment.add") { _, call, parameters throws(RESTError) in
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(raw, catalog: .payment, entity: "payment", mode: .add, call: call)
            let editor = SaleEditor(call: call)
            let (order, code) = try editor.addPayment(fields)
            return wrap("payment", editor.paymentRow(order, code: code))
        },
        method("sale.payment.update") { _, call, parameters throws(RESTError) in
            let id = try Arguments.id(parameters)
            let raw = try Arguments.fields(parameters)
            let fields = try FieldInput.internalize(
                raw,
                catalog: .payment,
                entity: "payment",
                mode: .update,
                call: call
            )
            let editor = SaleEditor(call: call)
            let (order, code) = try editor.updatePayment(id: id, fields)
            return wrap("payment", editor.paymentRow(order, code: code))
        },
        method("sale.payment.get") { _, call, parameters throws(RESTError) in
            let editor = SaleEditor(call: call)
            guard let (order, code) = editor.locate(paymentId: try Arguments.id(parameters)) else {
                throw SaleEditor.paymentNotFound
            }
            return wrap("payment", editor.paymentRow(order, code: code))
        },
        method("sale.payment.list") { _, call, parameters throws(RESTError) in
            let query = ListQuery(parameters, catalog: .payment, call: call)
            return query.page(SaleEditor(call: call).allPaymentRows(), wrapper: "payments", time: call.time)
        },
        method("sale.payment.delete") { _, call, parameters throws(RESTError) in
            try SaleEditor(call: call).deletePayment(id: try Arguments.id(parameters))
            return RESTOutput(result: .bool(true))
        },
        method("sale.payment.getfields") { _, _, _ throws(RESTError) in fieldsInfo(.payment, wrapper: "payment") },
    ]

    // MARK: Property values

    static let propertyValues: [RESTMethod] = [
        method("sale.propertyvalue.modify") { _, call, parameters throws(RESTError) in
            let raw = try Arguments.fields(parameters)
            let order = raw["order"]
            var missing: [String] = []
            if order?["id"]?.phpString == nil || order?["id"]?.isNull == true { missing.append("[order][id]") }
            let items = order?["propertyValues"]?.phpMembers
            if items == nil { missing.append("[order][propertyValues][]") }
            guard missing.isEmpty, let items, let orderId = order?["id"]?.phpString else {
                throw .requiredFields(missing)
            }
            var inputs: [SaleEditor.PropertyInput] = []
            var problems: [String] = []
            for (key, item) in items {
                var absent: [String] = []
                for (name, _) in item.phpMembers ?? []
                where !["orderPropsId", "value", "id", "name", "code"].contains(name) {
                    call.note(FieldInput.dropped("propertyValue", name, "is not a field of propertyValue"))
                }
                let value = item["value"]
                if value == nil || value?.isNull == true { absent.append("value") }
                let propertyId = item["orderPropsId"]?.phpString
                if propertyId == nil || propertyId == "" { absent.append("orderPropsId") }
                if !absent.isEmpty {
                    problems.append("[propertyValues][\(key)] - " + absent.joined(separator: ", ") + ".")
                    continue
                }
                inputs.append(
                    SaleEditor.PropertyInput(
                        propertyId: FieldValue.string(propertyId ?? "").intval,
                        value: propertyText(value ?? .null, call: call)
                    )
                )
            }
            if !problems.isEmpty { throw .sale(0, "Required fields: " + problems.joined(separator: " ")) }
            let editor = SaleEditor(call: call)
            let saved = try editor.modifyPropertyValues(orderId: FieldValue.string(orderId).intval, inputs)
            return wrap("propertyValues", .array(editor.propertyValueRows(saved, withOrderId: false)))
        },
        method("sale.propertyvalue.list") { _, call, parameters throws(RESTError) in
            let query = ListQuery(parameters, catalog: .propertyValue, call: call)
            return query.page(
                SaleEditor(call: call).allPropertyValueListRows(),
                wrapper: "propertyValues",
                time: call.time
            )
        },
        method("sale.propertyvalue.get") { _, call, parameters throws(RESTError) in
            let id = try Arguments.id(parameters)
            guard let row = SaleEditor(call: call).allPropertyValueRows().first(where: { $0["id"] == .int(id) }) else {
                throw .sale(201_040_400_001, "property value is not exists")
            }
            return wrap("propertyValue", row)
        },
        method("sale.propertyvalue.getfields") { _, _, _ throws(RESTError) in
            fieldsInfo(.propertyValue, wrapper: "propertyValue")
        },
    ]

    /// A property value as the text the domain stores: a scalar as is; `{"remove": "Y"}` removes; an array of
    /// values (a multiple property) joined with commas; a file (`fileData`) is not emulated and removes.
    static func propertyText(_ value: JSONValue, call: RESTCall) -> String? {
        if let text = value.phpString { return text }
        if value["remove"]?.phpString == "Y" { return nil }
        if value["fileData"] != nil {
            call.note(
                "EMU_REST_FILE_NOT_EMULATED",
                "File property values are not emulated; the value is left empty",
                field: "fields.order.propertyValues"
            )
            return nil
        }
        let parts = (value.phpMembers ?? []).compactMap { $0.value.phpString }
        call.note(
            "EMU_REST_MULTIPLE_VALUE",
            "A multiple value is stored as its items joined with commas",
            field: "fields.order.propertyValues"
        )
        return parts.joined(separator: ",")
    }
}
