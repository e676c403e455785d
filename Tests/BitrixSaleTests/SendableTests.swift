import Testing

import BitrixSale

/// Every public type is `Sendable`: this file does not compile otherwise.
@Suite struct SendableTests {
    private static func requireSendable<T: Sendable>(_: T.Type) -> String { "\(T.self)" }

    @Test func everyPublicTypeIsSendable() {
        let names = [
            Self.requireSendable(Order.self), Self.requireSendable(OrderData.self),
            Self.requireSendable(BasketItem.self), Self.requireSendable(Shipment.self),
            Self.requireSendable(ShipmentItem.self), Self.requireSendable(Payment.self),
            Self.requireSendable(PropertyValue.self), Self.requireSendable(PropertyValueCollection.self),
            Self.requireSendable(FieldValue.self), Self.requireSendable(Money.self),
            Self.requireSendable(SaleError.self), Self.requireSendable(SaleResult.self),
            Self.requireSendable(SaleException.self), Self.requireSendable(Diagnostic.self),
            Self.requireSendable(SaleEngine.self), Self.requireSendable(SaleTransaction.self),
            Self.requireSendable(SaleContext.self), Self.requireSendable(SaleClock.self),
            Self.requireSendable(ManualClock.self), Self.requireSendable(IdKind.self),
            Self.requireSendable(IdGenerator.self), Self.requireSendable((any OrderStore).self),
            Self.requireSendable(StoreTransaction.self), Self.requireSendable(IdempotencyRecord.self),
            Self.requireSendable(OrderQuery.self), Self.requireSendable(OrderQuery.Sort.self),
            Self.requireSendable(OrderPage.self), Self.requireSendable(StoreState.self),
            Self.requireSendable(InMemoryOrderStore.self), Self.requireSendable(SiteConfigurationError.self),
            Self.requireSendable(SiteConfigurationError.Problem.self), Self.requireSendable(SiteConfiguration.self),
            Self.requireSendable(Product.self), Self.requireSendable(PersonType.self),
            Self.requireSendable(PropertyType.self), Self.requireSendable(OrderPropertyDefinition.self),
            Self.requireSendable(DeliveryService.self), Self.requireSendable(PaySystem.self),
            Self.requireSendable(Status.self), Self.requireSendable(Status.Kind.self),
            Self.requireSendable(UserAccount.self),
        ]
        #expect(Set(names).count == names.count)
    }
}
