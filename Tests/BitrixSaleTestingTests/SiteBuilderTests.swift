import BitrixSale
import BitrixSaleTesting
import Foundation
import Testing

@Suite struct SiteBuilderTests {
    @Test func anExtraPropertyIsStoredAndShownByTheAPIShape() throws {
        let site = try SiteBuilder().property("GIFT_NOTE", name: "Текст открытки").build()
        #expect(site.orderProperties.last?.id == 26)
        let engine = try TestEngine.make(site: site, strict: true)
        let builder = OrderBuilder().with { $0.properties["GIFT_NOTE"] = "С днём рождения" }
        let (order, result) = try builder.save(on: engine)
        #expect(expectClean(result))
        #expect(engine.json(order).contains(#""GIFT_NOTE":"С днём рождения""#))
    }

    @Test func aPersonTypeADeliveryServiceAndAPaySystemCanBeAdded() throws {
        let site = try SiteBuilder()
            .personType(id: 3, name: "ИП")
            .property("IIN", required: true, personTypeId: 3)
            .deliveryService(id: 4, name: "Экспресс", price: 4000)
            .paySystem(id: 4, code: "halyk", name: "Halyk")
            .build()
        let engine = try TestEngine.make(site: site)
        let builder = OrderBuilder()
            .with {
                $0.personTypeId = 3
                $0.deliveryId = 4
                $0.deliveryPrice = nil
                $0.paySystemId = 4
                $0.properties = ["IIN": "990101300123"]
                $0.deliveryDate = nil
                $0.phone = ""
            }
        let (order, result) = try builder.save(on: engine)
        #expect(expectSuccess(result))
        #expect(order.price == 18000)  // 14,000 + the express 4,000
        #expect(order.paySystemId == 4)
    }

    @Test func anInvalidSiteIsRefusedNamingTheProblem() {
        #expect {
            _ = try SiteBuilder().property("X", personTypeId: 9).build()
        } throws: { error in
            "\(error)".contains("orderProperties[15].personTypeId")
        }
    }
}
