import BitrixSale
import BitrixSaleTesting
import Foundation
import Testing

/// The order builder: the right way by default, each mistake one modifier away and reported as Bitrix's would be.
@Suite struct OrderBuilderTests {
    @Test func theDefaultOrderSavesCleanInStrictMode() throws {
        let engine = try TestEngine.make(strict: true)
        let (order, result) = try OrderBuilder().save(on: engine)
        #expect(expectClean(result))
        #expect(order.id == 1)
        #expect(order.accountNumber == "1")
        #expect(order.price == 16500)
        #expect(order.basket?.items.map(\.name) == ["Букет из 15 роз"])
        #expect(order.systemShipmentItems.isEmpty)
        #expect(order.data.payments.map(\.sum) == [16500])
        #expect(order.data.dateInsert == TestEngine.defaultNow)
        let stored = order.data.properties?.first { $0.code == "DELIVERY_DATE" }?.value
        #expect(stored == "21.10.2025")
    }

    @Test func idsStepAsAsked() throws {
        let engine = try TestEngine.make(idStep: 10)
        let first = try OrderBuilder().save(on: engine).0
        let second = try OrderBuilder().save(on: engine).0
        #expect(first.id == 10)
        #expect(second.id == 20)
    }

    @Test func aPriceWithoutCustomPriceIsReplacedByTheCatalogs() throws {
        let engine = try TestEngine.make()
        let (order, result) = try OrderBuilder().withoutCustomPrice().save(on: engine)
        #expect(expect(result, hasWarning: .customPriceReplaced))
        #expect(order.basket?.items.first?.price == 15000)
    }

    @Test func itemsLeftInTheSystemShipmentAreReported() throws {
        let engine = try TestEngine.make()
        let (order, result) = try OrderBuilder().leavingItemsInSystemShipment().save(on: engine)
        #expect(expect(result, hasWarning: .itemsInSystemShipment))
        #expect(order.systemShipmentItems.count == 1)
    }

    @Test func noPaymentIsReportedButNeverEscalated() throws {
        let engine = try TestEngine.make(strict: true)
        let (order, result) = try OrderBuilder().withoutPayment().save(on: engine)
        #expect(expectSuccess(result))
        #expect(expect(result, hasWarning: .noPayment))
        #expect(order.data.payments.isEmpty)
    }

    @Test func aPhoneAsUserIdNamesNoCustomer() throws {
        let engine = try TestEngine.make()
        let (order, result) = try OrderBuilder().withPhoneAsUserId().save(on: engine)
        #expect(expect(result, hasWarning: .userNotFound))
        #expect(order.data.userId == 77_015_211_545)
    }

    @Test func anISODateInADatePropertyFailsItsFormatCheck() throws {
        let engine = try TestEngine.make()
        let (order, result) = try OrderBuilder().withISODate().save(on: engine)
        #expect(expect(result, hasWarning: .property(id: 5)))
        #expect(order.data.properties?.first { $0.code == "DELIVERY_DATE" }?.value == "2025-10-21")
    }

    @Test func aPaymentMadeBeforeTheBasketDoesNotFollowThePrice() throws {
        let engine = try TestEngine.make()
        let (_, result) = try OrderBuilder().withPaymentBeforeBasket().save(on: engine)
        #expect(expect(result, hasWarning: .paymentSumMismatch))
    }

    @Test func linesWithoutAProviderAreNeverPriced() throws {
        let engine = try TestEngine.make()
        let (_, result) = try OrderBuilder().withoutProviderClass().save(on: engine)
        #expect(result.warnings.contains { $0.message == "Product currency is missing" }, "\(result.warnings)")
    }

    @Test func linesOnANewOrderWithoutABasketAreAPHPFatalError() throws {
        let engine = try TestEngine.make()
        #expect {
            _ = try OrderBuilder().withoutBasket().build(on: engine)
        } throws: { error in
            guard case SaleException.fatal(let fatal) = error else { return false }
            return fatal.description.contains("createItem")
        }
    }

    @Test func theCheckoutCanBeChanged() throws {
        let engine = try TestEngine.make()
        let builder = OrderBuilder()
            .with {
                $0.lines = [Checkout.Line(productId: 1, quantity: 3), Checkout.Line(productId: 7)]
                $0.deliveryId = 2
                $0.deliveryPrice = nil
            }
        let (order, result) = try builder.save(on: engine, strict: true)
        #expect(expectClean(result))
        #expect(order.price == 4100)  // 3 × 1,200 + 500, pickup free
        #expect(order.deliveryId == 2)
    }
}
