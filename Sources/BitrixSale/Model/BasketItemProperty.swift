/// A basket line's property (`Bitrix\Sale\BasketPropertyItem`, table `b_sale_basket_props`): a size, a colour, a
/// gift note — `NAME`, `CODE`, `VALUE`, `SORT`.
public struct BasketItemProperty: Sendable, Hashable, Codable {
    /// `NAME`.
    public var name: String
    /// `CODE` (may be empty; the NAME then identifies the property).
    public var code: String
    /// `VALUE`.
    public var value: String
    /// `SORT`.
    public var sort: Int

    /// Makes a property.
    public init(name: String, code: String = "", value: String, sort: Int = 100) {
        self.name = name
        self.code = code
        self.value = value
        self.sort = sort
    }

    /// What `bringingPropertyValue` compares: the CODE, or the NAME when there is no code.
    var key: String { code.isEmpty ? name : code }

    /// The catalog's own properties, which `setProperty` never deletes.
    static let keptCodes: Set<String> = ["CATALOG.XML_ID", "PRODUCT.XML_ID"]

    /// `$item->getPropertyCollection()->setProperty($values)` (K21 `basketpropertiesbase.php` redefine): a given
    /// property updates the one with its code (or name) or is added; one not given is deleted, except the catalog's
    /// XML ids.
    static func redefine(_ current: [BasketItemProperty], with values: [BasketItemProperty]) -> [BasketItemProperty] {
        var result = current.filter { existing in
            keptCodes.contains(existing.code) || values.contains { $0.key == existing.key }
        }
        for value in values {
            if let index = result.firstIndex(where: { $0.key == value.key }) {
                result[index] = value
            } else {
                result.append(value)
            }
        }
        return result
    }

    /// The value of the property with this code (or name), or nil.
    public static func value(of key: String, in properties: [BasketItemProperty]?) -> String? {
        properties?.first { $0.key == key }?.value
    }

    /// `isPropertyAlreadyExists($values)` (K21 `basketpropertiesbase.php`): the same codes with the same values, no
    /// more and no fewer.
    static func sameSet(_ current: [BasketItemProperty], _ values: [BasketItemProperty]) -> Bool {
        guard !current.isEmpty else { return false }
        let wanted = Dictionary(values.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        let have = Dictionary(current.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        return wanted == have
    }
}

extension BasketItem {
    /// `setProperty($values)` on this line; no properties left is stored as none.
    mutating func redefineProperties(_ values: [BasketItemProperty]) {
        let result = BasketItemProperty.redefine(properties ?? [], with: values)
        properties = result.isEmpty ? nil : result
    }

    /// `getExistsItem` over a list of lines.
    static func existing(in items: [BasketItem], moduleId: String, productId: Int, properties: [BasketItemProperty])
        -> BasketItem?
    {
        items.first { item in
            guard item.moduleId == moduleId, item.productId == productId else { return false }
            return properties.isEmpty
                ? (item.properties ?? []).isEmpty : BasketItemProperty.sameSet(item.properties ?? [], properties)
        }
    }
}
