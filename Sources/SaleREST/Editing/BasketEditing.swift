import BitrixSale
import Foundation

/// `sale.basketitem.*` as `sale/lib/controller/basketitem.php` and `BasketBuilderRest` do it.
extension SaleEditor {
    static let basketItemNotFound = RESTError.sale(200_140_400_001, "basket item is not exists")

    /// Fields `setFields` never receives (`array_intersect_key` with the item's available fields, or set already).
    private static let basketSkipped: Set<String> = ["ORDER_ID", "PRODUCT_ID", "MODULE"]

    /// `sale.basketitem.add`: a new line (never merged), `price` turning on `CUSTOM_PRICE`, the currency checked
    /// against the order's; returns the saved order and the line's code.
    func addBasketItem(_ fields: InternalFields) throws(RESTError) -> (order: Order, code: Int) {
        try atomically { transaction throws(RESTError) in
            let orderId = fields["ORDER_ID"]?.intval ?? 0
            guard orderId > 0 else { throw .sale(200_140_400_008, "Required fields: fields[ORDER_ID]") }
            guard var order = order(id: orderId) else { throw .sale(200_140_400_009, "Order not found") }
            if order.data.currency != fields["CURRENCY"]?.text {
                throw .sale(200_140_400_011, "Currency must be the currency of the order")
            }
            let productId = fields["PRODUCT_ID"]?.intval ?? 0
            // A product of the site's catalog is a catalog line (its name and price come from the catalog unless
            // `price` is sent); any other product is a custom line filled from the fields.
            let module = fields["MODULE"]?.text ?? (engine.product(id: productId) != nil ? "catalog" : "")
            let code: Int
            do throws(SaleException) {
                code = try order.createBasketItem(moduleId: module, productId: productId)
            } catch {
                throw Self.error(error)
            }
            try setBasketFields(&order, code: code, fields, catalogLine: module == "catalog")
            try save(&order, in: &transaction)
            return (order, code)
        }
    }

    /// `sale.basketitem.update`.
    func updateBasketItem(id: Int, _ fields: InternalFields) throws(RESTError) -> (order: Order, code: Int) {
        try atomically { transaction throws(RESTError) in
            guard case (var order, let code)? = locate(basketItemId: id) else { throw Self.basketItemNotFound }
            try setBasketFields(&order, code: code, fields)
            try save(&order, in: &transaction)
            return (order, code)
        }
    }

    /// `sale.basketitem.delete`.
    func deleteBasketItem(id: Int) throws(RESTError) {
        try atomically { transaction throws(RESTError) in
            guard case (var order, let code)? = locate(basketItemId: id) else { throw Self.basketItemNotFound }
            let result: SaleResult
            do throws(SaleException) {
                result = try order.deleteBasketItem(code)
            } catch {
                throw Self.error(error)
            }
            try check(result)
            try save(&order, in: &transaction)
        }
    }

    /// `setFields` of the builder: `CUSTOM_PRICE = Y` when `PRICE` is given; `CURRENCY` and `CUSTOM_PRICE` first.
    ///
    /// A catalog line (`MODULE = catalog`) gets the catalog's provider, as `BasketBuilder::setItemsFieldsByFormData`
    /// collects it into `catalogProductsIds` and fills it from `CatalogProvider` (K21
    /// `sale/lib/helpers/order/builder/basketbuilder.php`): its name and non-custom price come from the catalog.
    private func setBasketFields(_ order: inout Order, code: Int, _ fields: InternalFields, catalogLine: Bool = false)
        throws(RESTError)
    {
        var values = fields.values.filter { !Self.basketSkipped.contains($0.name) }
        if fields.has("PRICE") { values.insert((name: "CUSTOM_PRICE", value: .string("Y")), at: 0) }
        if catalogLine, !fields.has("PRODUCT_PROVIDER_CLASS") {
            values.append((name: "PRODUCT_PROVIDER_CLASS", value: .string(BasketItem.catalogProviderClass)))
        }
        // The builder sets the catalog's product data (NAME among it) on a catalog line, custom price or not.
        if catalogLine, !fields.has("NAME"), let product = engine.product(id: fields["PRODUCT_ID"]?.intval ?? 0) {
            values.append((name: "NAME", value: .string(product.name)))
        }
        let first = ["CURRENCY", "CUSTOM_PRICE", "PRODUCT_PROVIDER_CLASS"]
        let ordered =
            first.compactMap { name in values.first { $0.name == name } } + values.filter { !first.contains($0.name) }
        for (name, value) in ordered where BasketItem.settableFields.contains(name) {
            let result: SaleResult
            do throws(SaleException) {
                result = try order.setBasketItemField(code, name, value)
            } catch {
                throw Self.error(error)
            }
            try check(result)
        }
    }
}
