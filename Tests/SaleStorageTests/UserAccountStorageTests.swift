import BitrixSale
import Foundation
import Testing

@testable import SaleStorage

/// A customer's LOGIN and EMAIL (issue 9: user resolution) survive both stores, through the journal and a snapshot.
@Suite struct UserAccountStorageTests {
    @Test(arguments: StoreBatteryTests.subjects)
    func loginAndEmailSurviveAReopenAndASnapshot(_ subject: StoreBatteryTests.Subject) throws {
        let (store, reopen) = try subject.make()
        let engine = try SaleEngine(store: store, clock: .fixed(StoreBatteryTests.now))
        let added = try engine.transaction { transaction in
            transaction.addUser(phone: "+77015211545", name: "Иван", login: "ivan", email: "ivan@example.kz").user
        }
        let user = try #require(added)
        #expect(user.login == "ivan")
        let reopened = try reopen()
        #expect(reopened.user(id: user.id) == user)
        let again = try SaleEngine(store: reopened, clock: .fixed(StoreBatteryTests.now))
        #expect(again.user(login: "IVAN") == user)
        #expect(again.user(email: "ivan@example.kz") == user)
        if let durable = reopened as? DurableOrderStore {
            let text = String(decoding: try durable.exportSnapshot(), as: UTF8.self)
            #expect(text.contains(#""email":"ivan@example.kz","id":\#(user.id),"login":"ivan","name":"Иван""#))
        }
    }
}

/// Basket line properties survive both stores.
@Suite struct BasketItemPropertyStorageTests {
    @Test(arguments: StoreBatteryTests.subjects)
    func basketLinePropertiesSurviveAReopen(_ subject: StoreBatteryTests.Subject) throws {
        let (store, reopen) = try subject.make()
        let engine = try SaleEngine(store: store, clock: .fixed(StoreBatteryTests.now))
        var basket = engine.createBasket()
        let line = basket.createItem(moduleId: "catalog", productId: 5)
        _ = try basket.setItemFields(
            line,
            ["PRODUCT_PROVIDER_CLASS": .string(BasketItem.catalogProviderClass), "QUANTITY": 1]
        )
        let property = BasketItemProperty(name: "Размер", code: "SIZE", value: "L", sort: 200)
        try basket.setItemProperties(line, [property])
        var order = engine.createOrder(userId: 1)
        _ = try order.setBasket(basket)
        let id = try #require(engine.save(&order).id)
        let reopened = try reopen()
        #expect(reopened.order(id: id)?.basket.first?.properties == [property])
        #expect(reopened.order(id: id) == order.data)
    }
}
