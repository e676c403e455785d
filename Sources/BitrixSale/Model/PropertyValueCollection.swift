import Foundation

/// A read view of an order's property values (`Bitrix\Sale\PropertyValueCollection`), with Bitrix's lookups.
public struct PropertyValueCollection: Sendable {
    /// The values, in property SORT order.
    public let values: [PropertyValue]
    let context: SaleContext

    /// `getItemByOrderPropertyCode($code)`: the first value with this code, or nil when the order's person type has
    /// no such property (docs/BITRIX-SEMANTICS.md §5.3).
    public func item(code: String) -> PropertyValue? { values.first { $0.code == code } }

    /// `getItemByOrderPropertyId($id)`.
    public func item(propertyId: Int) -> PropertyValue? { values.first { $0.propertyId == propertyId } }

    /// `getAddress()`: the first value whose property is IS_ADDRESS.
    public var address: PropertyValue? { first { $0.isAddress } }

    /// `getPayerName()`: IS_PAYER.
    public var payerName: PropertyValue? { first { $0.isPayer } }

    /// `getPhone()`: IS_PHONE.
    public var phone: PropertyValue? { first { $0.isPhone } }

    /// `getUserEmail()`: IS_EMAIL.
    public var userEmail: PropertyValue? { first { $0.isEmail } }

    /// `NAME` of a value: its site definition's name (nil when the site has no such property).
    public func name(of value: PropertyValue) -> String? { value.name(in: context) }

    /// The definition behind a value.
    public func definition(of value: PropertyValue) -> OrderPropertyDefinition? {
        context.property(id: value.propertyId)
    }

    private func first(_ flag: (OrderPropertyDefinition) -> Bool) -> PropertyValue? {
        values.first { value in context.property(id: value.propertyId).map(flag) ?? false }
    }
}

extension Order {
    /// `getPropertyCollection()` (docs/BITRIX-SEMANTICS.md §5.2): loaded once, on first access, for the order's person
    /// type (all person types when none is set), new values starting at their DEFAULT_VALUE.
    ///
    /// A later person-type change does not reload it.
    public mutating func propertyCollection() -> PropertyValueCollection {
        if data.properties == nil {
            let definitions =
                data.personTypeId.map { context.propertiesByPersonType[$0] ?? [] } ?? context.allProperties
            data.properties = definitions.filter(\.active)
                .map { definition in
                    PropertyValue(
                        propertyId: definition.id,
                        code: definition.code,
                        value: (definition.defaultValue?.isEmpty ?? true) ? nil : definition.defaultValue,
                        id: nil
                    )
                }
        }
        return PropertyValueCollection(values: data.properties ?? [], context: context)
    }

    /// The property values as they are now, without loading the collection.
    public var properties: PropertyValueCollection {
        PropertyValueCollection(values: data.properties ?? [], context: context)
    }

    /// `getItemByOrderPropertyCode($code)->setValue($value)`, null-checked as careful code does
    /// (docs/BITRIX-SEMANTICS.md §9.8).
    ///
    /// When the code does not exist for the order's person type, nothing is set (as in Bitrix, where the lookup
    /// returns null) and the diagnostic `EMU_PROPERTY_CODE_UNKNOWN` is recorded for the next save.
    public mutating func setPropertyValue(_ value: String?, code: String) -> SaleResult {
        _ = propertyCollection()
        // `item(code:)` read straight from the loaded values: no collection copy outlives the edit below.
        guard let property = data.properties?.first(where: { $0.code == code }) else {
            let diagnostic = Diagnostic.unknownPropertyCode(code, personTypeId: data.personTypeId)
            note(diagnostic)
            var result = SaleResult()
            result.addWarning(diagnostic)
            return result
        }
        return setPropertyValue(value, propertyId: property.propertyId)
    }

    /// `getItemByOrderPropertyId($id)->setValue($value)`; an unknown id is an `ObjectNotFound` result error.
    public mutating func setPropertyValue(_ value: String?, propertyId: Int) -> SaleResult {
        _ = propertyCollection()
        guard let index = data.properties?.firstIndex(where: { $0.propertyId == propertyId }) else {
            return .failure(
                SaleError(
                    code: .propertyNotFound,
                    message: "Property \(propertyId) is not in the order's collection",
                    field: "properties[\(propertyId)]"
                )
            )
        }
        var text = value
        if let definition = context.property(id: propertyId), definition.isEmail {
            text = text?.trimmingCharacters(in: .whitespaces)
        }
        data.properties?[index].value = (text?.isEmpty ?? true) ? nil : text
        return SaleResult()
    }

    /// `setValuesFromPost(['PROPERTIES' => [id => value]])`: sets each known id, silently ignores the others
    /// (docs/BITRIX-SEMANTICS.md §5.3, §9.9); the ignored ids are recorded as diagnostics.
    public mutating func setValuesFromPost(_ values: [Int: String]) -> SaleResult {
        var result = SaleResult()
        _ = propertyCollection()
        for (id, value) in values.sorted(by: { $0.key < $1.key }) {
            if properties.item(propertyId: id) == nil {
                let diagnostic = SaleError(
                    code: .propertyIdUnknown,
                    message:
                        "Property id \(id) is not in the order's collection; setValuesFromPost ignores it silently",
                    field: "properties[\(id)]"
                )
                note(diagnostic)
                result.addWarning(diagnostic)
                continue
            }
            result.merge(setPropertyValue(value, propertyId: id))
        }
        return result
    }
}
