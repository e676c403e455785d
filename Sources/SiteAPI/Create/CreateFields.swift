import SaleJSON

/// The fields of a create-order body as ``CreateOrderValidator`` reads them: each top-level value (nil when absent)
/// and the `items` lines.
///
/// Two sources fill it: a parsed `JSONValue` tree (``init(tree:)``, every body) and ``CreateBodyDecoder`` (straight
/// from the bytes, the bodies it accepts). The values are JSON leaves (`null`, a string, a number), so one validator
/// applies the same rules and writes the same messages for both.
struct CreateFields {
    /// The `items` member: the value as parsed, or lines already known to be objects.
    enum Items {
        /// The member as parsed (nil when absent): any JSON value, checked by the validator.
        case value(JSONValue?)
        /// An array whose every element is an object (``CreateBodyDecoder``'s result).
        case lines([Line])
    }

    /// The members of one `items` object that the validator reads.
    struct Line {
        var productId: JSONValue?
        var quantity: JSONValue?
        var price: JSONValue?

        /// The members of an object (the last of repeated keys, as `JSONValue`'s subscript reads them).
        init(object: JSONValue) {
            productId = object["product_id"]
            quantity = object["quantity"]
            price = object["price"]
        }

        init(productId: JSONValue?, quantity: JSONValue?, price: JSONValue?) {
            self.productId = productId
            self.quantity = quantity
            self.price = price
        }
    }

    var railwayOrderId: JSONValue?
    var customerName: JSONValue?
    var customerPhone: JSONValue?
    var deliveryAddress: JSONValue?
    var deliveryDate: JSONValue?
    var deliveryTime: JSONValue?
    var recipientName: JSONValue?
    var recipientPhone: JSONValue?
    var items: Items = .value(nil)
    var deliveryPrice: JSONValue?
    var totalAmount: JSONValue?
    var paymentMethod: JSONValue?
    var notes: JSONValue?
    var deliveryId: JSONValue?

    init() {}

    /// The fields of a parsed body (member lookups: the last of repeated keys wins).
    init(tree body: JSONValue) {
        railwayOrderId = body["railway_order_id"]
        customerName = body["customer_name"]
        customerPhone = body["customer_phone"]
        deliveryAddress = body["delivery_address"]
        deliveryDate = body["delivery_date"]
        deliveryTime = body["delivery_time"]
        recipientName = body["recipient_name"]
        recipientPhone = body["recipient_phone"]
        items = .value(body["items"])
        deliveryPrice = body["delivery_price"]
        totalAmount = body["total_amount"]
        paymentMethod = body["payment_method"]
        notes = body["notes"]
        deliveryId = body["delivery_id"]
    }
}
