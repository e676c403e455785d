import Foundation
import Synchronization
import Testing

@testable import BitrixSale

/// `$order->save()` (docs/BITRIX-SEMANTICS.md §1.3, §1.7, §6, §10.2, §10.12, §10.14, §9.1, §9.7, §9.14).
@Suite struct SaleTransactionTests {
    // docs/BITRIX-SEMANTICS.md §10.2, §1.3, §9.1: no usable USER_ID: BX_EMPTY_REQUIRED, no id, nothing stored.
    @Test(arguments: [FieldValue?.none, .int(0), .string("abc"), .int(-3)])
    func savingWithoutUserIdFailsWithBxEmptyRequired(userId: FieldValue?) throws {
        let engine = try Fixture.engine()
        var order = engine.orderWithBasket(userId: userId)
        try Fixture.customLine(&order, price: 100, quantity: 1)
        let result = engine.save(&order)
        #expect(!result.isSuccess)
        #expect(result.id == nil)
        let error = try #require(result.errors.first { $0.code == "BX_EMPTY_REQUIRED" })
        #expect(error.message == "The field USER_ID is required.")
        #expect(error.messageRu == "Не заполнено обязательное поле \"USER_ID\"")
        #expect(order.isNew)
        #expect(engine.list(OrderQuery()).total == 0)
    }

    // docs/BITRIX-SEMANTICS.md §10.2, §1.3: CURRENCY is required too (an order row without one, as loaded).
    @Test func savingWithoutCurrencyFailsWithBxEmptyRequired() throws {
        let engine = try Fixture.engine()
        let data = OrderData(siteId: "s1", userIdText: "1", currency: nil, xmlId: "bx_test")
        var order = Order(data: data, context: engine.context)
        let result = engine.save(&order)
        #expect(result.errors.map(\.message) == ["The field CURRENCY is required."])
        #expect(result.errors.first?.messageRu == "Не заполнено обязательное поле \"CURRENCY\"")
        #expect(order.id == nil)
    }

    // docs/BITRIX-SEMANTICS.md §9.1: a non-numeric but positive-intval user id is kept raw and saves; the int column
    // gives back 1 on load (findings B03b).
    @Test func aRawUserIdWithAPositiveIntvalIsKeptAsGivenAndLoadsAsTheInteger() throws {
        let engine = try Fixture.engine()
        var order = engine.orderWithBasket(userId: "1abc")
        let result = engine.save(&order)
        #expect(result.isSuccess)
        #expect(order.userIdText == "1abc")
        #expect(try engine.load(id: try #require(result.id))?.userIdText == "1")
        #expect(order.userId == 1)
    }

    // docs/BITRIX-SEMANTICS.md §10.12, §6.2, §9.14: verify problems only warn; the order is saved MARKED.
    @Test func verifyProblemsBecomeWarningsAndMarkTheOrder() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = try complete.order.setPaymentField(complete.payment, "PAY_SYSTEM_ID", 0)
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.id != nil)
        #expect(result.warningCodes.contains("SALE_PAYMENT_PAYMENT_SERVICE_EMPTY"))
        let id = try #require(result.id)
        let stored = try #require(try engine.load(id: id))
        #expect(stored.marked)
        #expect(stored.reasonMarked == "Payment system is not specified")
    }

    // docs/BITRIX-SEMANTICS.md §6.1 step 3: a before-save handler vetoes; nothing is stored, no id.
    @Test func aBeforeSaveHookVetoesTheSave() throws {
        let engine = try Fixture.engine()
        engine.onBeforeSave { order in
            order.comments == "stop"
                ? SaleError(code: "SALE_EVENT_ON_BEFORE_ORDER_SAVED_ERROR", message: "stopped by handler") : nil
        }
        var order = try Fixture.complete(on: engine).order
        _ = try order.setField("COMMENTS", "stop")
        let result = engine.save(&order)
        #expect(result.errorCodes == ["SALE_EVENT_ON_BEFORE_ORDER_SAVED_ERROR"])
        #expect(order.isNew)
        #expect(engine.list(OrderQuery()).total == 0)
        _ = try order.setField("COMMENTS", "go")
        #expect(engine.save(&order).isSuccess)
    }

    // docs/BITRIX-SEMANTICS.md §6.1 step 11: after-save handlers see the saved order and whether it was new.
    @Test func afterSaveHooksSeeTheSavedOrderAndWhetherItWasNew() throws {
        let engine = try Fixture.engine()
        let seen = Recorder()
        engine.onSaved { order, isNew in seen.append("\(order.id ?? 0):\(isNew)") }
        var order = try Fixture.complete(on: engine).order
        _ = engine.save(&order)
        _ = try order.setField("COMMENTS", "второе сохранение")
        _ = engine.save(&order)
        #expect(seen.values == ["1:true", "1:false"])
    }

    // docs/BITRIX-SEMANTICS.md §10.14, §1.7: ids from the generator; ACCOUNT_NUMBER = id; children <n>/<k>, the
    // system shipment taking one number.
    @Test func idsComeFromTheGeneratorAndNumbersFollowTheOrderNumber() throws {
        let engine = try Fixture.engine(ids: .stepping(by: 10))
        var complete = try Fixture.complete(on: engine)
        _ = try complete.order.setField("ACCOUNT_NUMBER", "PRESET-1")  // overwritten after insert
        let result = engine.save(&complete.order)
        let order = complete.order
        #expect(result.id == 10)
        #expect(order.id == 10)
        #expect(order.accountNumber == "10")
        #expect(order.systemShipmentAccountNumber == "10/1")
        #expect(order.shipments.map(\.accountNumber) == ["10/2"])
        #expect(order.payments.map(\.accountNumber) == ["10/1"])
        #expect(order.shipments.map(\.id) == [20])  // the system shipment took 10
        #expect(order.data.basket.map(\.id) == [10])
        var next = try Fixture.complete(on: engine).order
        #expect(engine.save(&next).id == 20)
    }

    // docs/BITRIX-SEMANTICS.md §1.7: a taken number gets `<id>-1`.
    @Test func aClashingAccountNumberGetsASuffix() throws {
        let engine = try Fixture.engine()
        var first = try Fixture.complete(on: engine).order
        _ = engine.save(&first)
        _ = try first.setField("ACCOUNT_NUMBER", "2")
        try #require(engine.save(&first).isSuccess)
        var second = try Fixture.complete(on: engine).order
        _ = engine.save(&second)
        #expect(second.id == 2)
        #expect(second.accountNumber == "2-1")
        #expect(second.payments.first?.accountNumber == "2-1/1")
        #expect(try engine.load(accountNumber: "2-1")?.id == 2)
    }

    // docs/BITRIX-SEMANTICS.md §1.7: later shipments and payments continue each collection's numbering.
    @Test func aShipmentAddedLaterContinuesTheNumbering() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        _ = engine.save(&complete.order)
        complete.order.createShipment(deliveryId: 2)
        _ = try complete.order.setPaymentField(complete.payment, "SUM", 1)
        complete.order.createPayment(paySystemId: 2)
        _ = engine.save(&complete.order)
        #expect(complete.order.shipments.map(\.accountNumber) == ["1/2", "1/3"])
        #expect(complete.order.payments.map(\.accountNumber) == ["1/1", "1/2"])
    }

    // docs/BITRIX-SEMANTICS.md §6.1 steps 6, 10: DATE_INSERT / DATE_UPDATE from the clock; a preset DATE_INSERT stays.
    @Test func datesComeFromTheInjectedClock() throws {
        let clock = ManualClock(Fixture.now)
        let engine = try Fixture.engine(clock: clock.saleClock)
        var order = try Fixture.complete(on: engine).order
        _ = engine.save(&order)
        #expect(order.dateInsert == Fixture.now)
        #expect(order.dateUpdate == Fixture.now)
        clock.advance(by: 3600)
        _ = try order.setField("COMMENTS", "позже")
        _ = engine.save(&order)
        #expect(order.dateInsert == Fixture.now)
        #expect(order.dateUpdate == Fixture.now.addingTimeInterval(3600))
        #expect(order.version == 1)

        let preset = Date(timeIntervalSince1970: 1_700_000_000)
        var backdated = try Fixture.complete(on: engine).order
        _ = try backdated.setField("DATE_INSERT", .date(preset))
        _ = engine.save(&backdated)
        #expect(backdated.dateInsert == preset)
        #expect(backdated.dateUpdate == Fixture.now.addingTimeInterval(3600))
    }

    // docs/BITRIX-SEMANTICS.md §9.7 (analogue: no setBasket, the basket is always attached): an order with an empty
    // basket saves with price 0 instead of a PHP error after the insert.
    @Test func anOrderWithAnEmptyBasketSavesWithPriceZero() throws {
        let engine = try Fixture.engine()
        var order = engine.orderWithBasket(userId: 1)
        let result = engine.save(&order)
        #expect(result.isSuccess)
        #expect(order.price == 0)
        #expect(try engine.load(id: try #require(result.id))?.data.basket.isEmpty == true)
    }

    // docs/BITRIX-SEMANTICS.md §9.14: a successful save can still carry warnings; they are the way to find
    // degradations.
    @Test func aSuccessfulSaveCanCarryWarnings() throws {
        let engine = try Fixture.engine()
        var order = engine.orderWithBasket(userId: 1)
        try Fixture.customLine(&order, price: 100, quantity: 1)
        let result = engine.save(&order)
        #expect(result.isSuccess)
        #expect(result.hasWarnings)
        #expect(result.warningMessages.count == result.warnings.count)
    }

    // A complete order is the baseline of the diagnostics tests: it must save with no warning at all.
    @Test func theCompleteFixtureSavesWithoutWarnings() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(result.warnings.isEmpty)
        #expect(complete.order.price == 17500)
        #expect(complete.order.payments.first?.sum == 17500)
    }
}

/// A thread-safe list of strings for hooks.
final class Recorder: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ value: String) { storage.withLock { $0.append(value) } }
    var values: [String] { storage.withLock { $0 } }
}
