import Foundation
import SaleMoney
import Testing

@testable import BitrixSale

/// Payments, PAYED and SUM_PAID (docs/BITRIX-SEMANTICS.md §4, §10.10, §9.11, §9.12, §9.15).
@Suite struct OrderPaymentsTests {
    // docs/BITRIX-SEMANTICS.md §10.10, §4.1: SUM 0, PAID N, the order currency; a service fills the name.
    @Test func aNewPaymentHasSumZeroPaidNAndTheOrderCurrency() throws {
        var order = Fixture.newOrder(currency: "USD")
        let code = order.createPayment(paySystemId: 3)
        let payment = try #require(order.payment(code))
        #expect(payment.sum == 0)
        #expect(!payment.paid)
        #expect(payment.currency == "USD")
        #expect(payment.paySystemName == "Kaspi.kz")
        #expect(!payment.isReturn)
    }

    // docs/BITRIX-SEMANTICS.md §10.10, §4.3: a lone editable payment's SUM tracks PRICE.
    // Findings B26 (K21 `paymentcollection.php` isAllowAutoEdit needs !isChanged('SUM'); `payment.php` create()
    // sets SUM through setFieldsNoDemand, `internals/fields.php` marks it changed): under sale 21 a payment created
    // before the lines stays at 0; only a saved payment, reloaded, follows the price.
    @Test func aNewPaymentNeverFollowsThePriceUnderSale21ButASavedOneDoes() throws {
        let engine = try Fixture.engine()
        var order = engine.orderWithBasket(userId: 1)
        let code = order.createPayment(paySystemId: 1)
        let line = try Fixture.customLine(&order, price: 1000, quantity: 1)
        #expect(order.payment(code)?.sum == 0)
        _ = try order.setBasketItemField(line, "QUANTITY", 3)
        #expect(order.payment(code)?.sum == 0)
        let saved = engine.save(&order)
        #expect(saved.warningCodes.contains("EMU_PAYMENT_SUM_MISMATCH"))
        let id = try #require(saved.id)
        var loaded = try #require(try engine.load(id: id))
        _ = try loaded.setBasketItemField(line, "QUANTITY", 2)
        #expect(loaded.payments[0].sum == 2000)
        _ = try loaded.setField("PRICE", 2500)
        #expect(loaded.payments[0].sum == 2500)
    }

    // Findings B26 (R22 `paymentcollection.php` getItemForAutoEdit: follows when SUM === the previous price):
    // under sale 22.800 the new payment at 0 follows the first price and keeps following while it equals the price.
    @Test func underSale22APaymentEqualToThePreviousPriceFollows() throws {
        var site = SiteConfiguration.defaultSite
        site.saleVersion = .v22_800
        var order = Order.create(siteId: "s1", userId: 1, context: SaleContext(site: site, clock: .fixed(Fixture.now)))
        _ = try order.appendBasket(Basket.create(siteId: "s1", context: order.context))
        let code = order.createPayment(paySystemId: 1)
        let line = try Fixture.customLine(&order, price: 1000, quantity: 1)
        #expect(order.payment(code)?.sum == 1000)
        _ = try order.setBasketItemField(line, "QUANTITY", 3)
        #expect(order.payment(code)?.sum == 3000)
        _ = try order.setPaymentField(code, "SUM", 400)
        _ = try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(order.payment(code)?.sum == 400)
    }

    // docs/BITRIX-SEMANTICS.md §4.3, §9.12: a SUM set by hand, a second payment, or a paid payment stop the tracking.
    @Test func theSumStopsTrackingOnceSetByHandOrWithASecondPayment() throws {
        var order = Fixture.newOrder()
        let code = order.createPayment(paySystemId: 1)
        let line = try Fixture.customLine(&order, price: 1000, quantity: 1)
        _ = try order.setPaymentField(code, "SUM", 400)
        _ = try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(order.payment(code)?.sum == 400)

        var two = Fixture.newOrder()
        let first = two.createPayment(paySystemId: 1)
        two.createPayment(paySystemId: 2)
        try Fixture.customLine(&two, price: 1000, quantity: 1)
        #expect(two.payment(first)?.sum == 0)
    }

    @Test func aPaySystemThatDoesNotAllowEditingKeepsTheSum() throws {
        var site = SiteConfiguration.defaultSite
        site.paySystems[0].allowEditPayment = false
        site.saleVersion = .v22_800  // under 21.400 no new payment follows anyway
        var order = Order.create(siteId: "s1", userId: 1, context: SaleContext(site: site, clock: .fixed(Fixture.now)))
        _ = try order.appendBasket(Basket.create(siteId: "s1", context: order.context))
        let code = order.createPayment(paySystemId: 1)
        try Fixture.customLine(&order, price: 1000, quantity: 1)
        #expect(order.payment(code)?.sum == 0)
    }

    // docs/BITRIX-SEMANTICS.md §4.4: PAYED = Y iff some payment is paid and round(PRICE) ≤ round(paid sum).
    @Test(arguments: [
        (["1000"], [true], true, "1000"), (["600", "400"], [true, false], false, "600"),
        (["600", "400"], [true, true], true, "1000"), (["1500"], [true], true, "1000"),
        (["1000"], [false], false, "0"),
    ])
    func payedAndSumPaidFollowThePaidPayments(sums: [String], paid: [Bool], payed: Bool, sumPaid: String) throws {
        var order = Fixture.newOrder()
        try Fixture.customLine(&order, price: 1000, quantity: 1)
        for (sum, isPaid) in zip(sums, paid) {
            let code = order.createPayment(paySystemId: 2)
            _ = try order.setPaymentField(code, "SUM", .amount(dec(sum)))
            if isPaid { _ = try order.setPaymentField(code, "PAID", "Y") }
        }
        #expect(order.isPaid == payed)
        #expect(order.field("PAYED") == .bool(payed))
        #expect(order.sumPaid == dec(sumPaid))  // capped at PRICE
    }

    // docs/BITRIX-SEMANTICS.md §4.4: a price change re-syncs PAYED.
    @Test func raisingThePriceAboveThePaidSumClearsPayed() throws {
        var order = Fixture.newOrder()
        let line = try Fixture.customLine(&order, price: 1000, quantity: 1)
        let code = order.createPayment(paySystemId: 2)
        _ = try order.setPaymentField(code, "SUM", 1000)
        _ = try order.setPaymentField(code, "PAID", "Y")
        #expect(order.isPaid)
        _ = try order.setBasketItemField(line, "QUANTITY", 2)
        #expect(!order.isPaid)
        #expect(order.sumPaid == 1000)
    }

    // docs/BITRIX-SEMANTICS.md §4.2: a paid payment's SUM cannot change; a paid payment cannot be deleted.
    @Test func aPaidPaymentKeepsItsSumAndCannotBeDeleted() throws {
        var order = Fixture.newOrder()
        let code = order.createPayment(paySystemId: 2)
        try order.setPaymentFields(code, 100, paid: true)
        #expect(try order.setPaymentField(code, "SUM", 50).errorCodes == ["SALE_PAYMENT_NOT_ALLOWED_CHANGE_SUM"])
        #expect(try order.deletePayment(code).errorCodes == ["SALE_PAYMENT_DELETE_EXIST_PAID"])
        #expect(order.payment(code)?.sum == 100)
    }

    // docs/BITRIX-SEMANTICS.md §4.2: an unknown PAY_SYSTEM_ID is refused at setField.
    @Test func anUnknownPaySystemIdIsRefused() throws {
        var order = Fixture.newOrder()
        let code = order.createPayment()
        #expect(
            try order.setPaymentField(code, "PAY_SYSTEM_ID", 99).errorCodes == ["SALE_PAYMENT_WRONG_PAYMENT_SERVICE"]
        )
    }

    // docs/BITRIX-SEMANTICS.md §7.3: a canceled order cannot be paid; a paid order cannot be canceled.
    @Test func aCanceledOrderCannotBePaidAndAPaidOrderCannotBeCanceled() throws {
        var canceled = Fixture.newOrder()
        let code = canceled.createPayment(paySystemId: 2)
        _ = try canceled.setField("CANCELED", "Y")
        #expect(try canceled.setPaymentField(code, "PAID", "Y").errorCodes == ["SALE_ORDER_PAID_ORDER_CANCELED"])

        var paid = Fixture.newOrder()
        let payment = paid.createPayment(paySystemId: 2)
        _ = try paid.setPaymentField(payment, "PAID", "Y")
        #expect(try paid.setField("CANCELED", "Y").errorCodes == ["SALE_ORDER_CANCEL_PAYMENT_EXIST_ACTIVE"])
        #expect(!paid.canceled)
    }

    // docs/BITRIX-SEMANTICS.md §9.11, §4.1: PAY_SYSTEM_ID by setField leaves PAY_SYSTEM_NAME empty; the payment row
    // fails (BX_EMPTY_REQUIRED) as a warning only, and the order saves without it.
    @Test func aPaymentWhosePaySystemWasSetByIdIsDroppedWithAWarning() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = try complete.order.deletePayment(complete.payment)
        let code = complete.order.createPayment()
        _ = try complete.order.setPaymentField(code, "PAY_SYSTEM_ID", 1)
        _ = try complete.order.setPaymentField(code, "SUM", .amount(complete.order.price))
        #expect(complete.order.payment(code)?.paySystemName == nil)
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes.isSuperset(of: ["BX_EMPTY_REQUIRED", "EMU_PAYMENT_NOT_SAVED"]))
        #expect(result.warnings.contains { $0.message == "The field PAY_SYSTEM_NAME is required." })
        #expect(complete.order.payments.isEmpty)
    }

    // docs/BITRIX-SEMANTICS.md §9.12: two payments that do not add up to the price are accepted and reported.
    @Test func paymentsThatDoNotAddUpAreAcceptedAndReported() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        let second = complete.order.createPayment(paySystemId: 2)
        _ = try complete.order.setPaymentField(second, "SUM", 100)
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warningCodes == ["EMU_PAYMENT_SUM_MISMATCH"])
        #expect(complete.order.payments.count == 2)
    }

    // docs/BITRIX-SEMANTICS.md §9.15 (analogue): PAID = Y needs no logged-in $USER here; DATE_PAID comes from the
    // clock.
    @Test func markingAPaymentPaidNeedsNoUserAndStampsTheClock() throws {
        var order = Fixture.newOrder()
        let code = order.createPayment(paySystemId: 2)
        #expect(try order.setPaymentField(code, "PAID", "Y").isSuccess)
        #expect(order.payment(code)?.datePaid == Fixture.now)
        _ = try order.setPaymentField(code, "PAID", "N")
        #expect(order.payment(code)?.datePaid == nil)
    }
}

extension Order {
    /// SUM then PAID, as `setFields` orders them when paying (docs/BITRIX-SEMANTICS.md §4.2).
    fileprivate mutating func setPaymentFields(_ code: Int, _ sum: Amount, paid: Bool) throws {
        _ = try setPaymentField(code, "SUM", .amount(sum))
        _ = try setPaymentField(code, "PAID", .bool(paid))
    }
}

/// `Order.totals` against the separate derived figures.
@Suite struct OrderTotalsTests {
    // `Order.totals` computes each figure once; it must agree with the separate properties, hand-set PRICE included.
    @Test func totalsAgreeWithTheSeparateFigures() throws {
        var order = Fixture.newOrder()
        let code = order.createPayment(paySystemId: 1)
        _ = try Fixture.customLine(&order, price: 1000.5, quantity: 3)
        Self.expectTotalsAgree(order)
        _ = try order.setPaymentField(code, "PAID", true)
        Self.expectTotalsAgree(order)
        _ = try order.setField("PRICE", 2500)
        Self.expectTotalsAgree(order)
    }

    private static func expectTotalsAgree(_ order: Order) {
        let totals = order.totals
        #expect(totals.basketPrice == order.basketPrice)
        #expect(totals.deliveryPrice == order.deliveryPrice)
        #expect(totals.price == order.price)
        #expect(totals.sumPaid == order.sumPaid)
        #expect(totals.isPaid == order.isPaid)
    }
}
