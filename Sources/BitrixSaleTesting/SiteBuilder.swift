import BitrixSale
import Foundation
import SaleMoney

/// Builds a ``SiteConfiguration`` for a test from the built-in default site (or another): extra order properties,
/// person types, delivery services, pay systems, products and customers, each one call.
///
/// ```swift
/// let site = try SiteBuilder()
///     .property("GIFT_NOTE", name: "Текст открытки")
///     .deliveryService(id: 4, name: "Экспресс", price: 4000)
///     .build()
/// let engine = try TestEngine.make(site: site)
/// ```
public struct SiteBuilder: Sendable {
    /// The site as built so far.
    public var site: SiteConfiguration

    /// A builder starting from `base` (the built-in default site unless given).
    public init(_ base: SiteConfiguration = .defaultSite) { site = base }

    /// Adds an order property of `personTypeId` (id: one above the highest so far, unless given).
    public func property(
        _ code: String,
        name: String? = nil,
        type: PropertyType = .string,
        required: Bool = false,
        personTypeId: Int = 1,
        id: Int? = nil,
        pattern: String? = nil,
        options: [String] = []
    ) -> SiteBuilder {
        var copy = self
        let id = id ?? (site.orderProperties.map(\.id).max() ?? 0) + 1
        copy.site.orderProperties.append(
            OrderPropertyDefinition(
                id: id,
                personTypeId: personTypeId,
                code: code,
                name: name ?? code,
                type: type,
                required: required,
                pattern: pattern,
                options: options,
                sort: 1000 + id
            )
        )
        return copy
    }

    /// Adds a person type.
    public func personType(id: Int, name: String) -> SiteBuilder {
        var copy = self
        copy.site.personTypes.append(PersonType(id: id, name: name))
        return copy
    }

    /// Adds a delivery service.
    public func deliveryService(id: Int, name: String, price: Amount = 0, isEmptyDelivery: Bool = false)
        -> SiteBuilder
    {
        var copy = self
        copy.site.deliveryServices.append(
            DeliveryService(id: id, name: name, isEmptyDelivery: isEmptyDelivery, price: price)
        )
        return copy
    }

    /// Adds a pay system.
    public func paySystem(id: Int, code: String, name: String) -> SiteBuilder {
        var copy = self
        copy.site.paySystems.append(PaySystem(id: id, code: code, name: name))
        return copy
    }

    /// Adds a catalog product.
    public func product(id: Int, name: String, price: Amount) -> SiteBuilder {
        var copy = self
        copy.site.products.append(Product(id: id, name: name, price: price, currency: site.currency))
        return copy
    }

    /// Adds a customer account.
    public func user(id: Int, phone: String, name: String) -> SiteBuilder {
        var copy = self
        copy.site.users.append(UserAccount(id: id, phone: phone, name: name))
        return copy
    }

    /// The same builder with the site changed by `edit` (for anything without its own call).
    public func with(_ edit: (inout SiteConfiguration) -> Void) -> SiteBuilder {
        var copy = self
        edit(&copy.site)
        return copy
    }

    /// The site, checked.
    ///
    /// - Throws: ``SiteConfigurationError`` naming every problem (a duplicate id, a property of an unknown person
    ///   type …).
    public func build() throws(SiteConfigurationError) -> SiteConfiguration {
        try site.validate()
        return site
    }
}
