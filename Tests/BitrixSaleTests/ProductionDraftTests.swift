import Foundation
import Testing

@testable import BitrixSale

/// Replays the production PHP draft of `POST /api/v2/orders/create` (seed-order-endpoints-findings.md) call by call
/// (findings B38; Bitrix: K21/R22 `orderbase.php` getBasket/loadBasket).
///
/// The first test shows where production dies; the second fixes the draft's bugs one at a time and shows which
/// diagnostic each fix removes, ending with a strict save that succeeds.
@Suite struct ProductionDraftTests {
    static let now = Date(timeIntervalSince1970: 1_760_940_000)

    @Test func theDraftDiesAtItsFirstBasketCallAsPHPWould() throws {
        let engine = try SaleEngine(clock: .fixed(Self.now))
        // $order = Order::create(SITE_ID, $payload['customer_phone']);
        var order = engine.createOrder(userId: "+77015211545")
        // $order->setPersonTypeId(1);
        _ = order.setPersonTypeId(1)
        // $basket = $order->getBasket();  — null: loadBasket() returns null while the ID is 0
        #expect(order.basket == nil)
        // $basketItem = $basket->createItem('catalog', $item['product_id']);  — PHP Fatal error, HTTP 500
        #expect(throws: SaleException.fatal(.callOnNull("createItem"))) {
            try order.createBasketItem(moduleId: "catalog", productId: 5)
        }
        let fatal = PHPFatalError.callOnNull("createItem")
        #expect(fatal.description == "PHP Fatal error:  Uncaught Error: Call to a member function createItem() on null")
        // Nothing after that line runs in production: the endpoint answers 500 and stores nothing.
    }

    /// K21 `orderbase.php` save(): `add()` sets the ID before `saveEntities()` calls `getBasket()`, which then loads an
    /// empty basket; so an order that never got a basket is stored with no lines (what REST `sale.order.add` relies
    /// on), and the emulator says so.
    @Test func aNewOrderSavedWithoutABasketIsStoredWithNoLinesAndADiagnostic() throws {
        let engine = try SaleEngine(clock: .fixed(Self.now))
        var order = engine.createOrder(userId: 1)
        _ = order.setPersonTypeId(1)
        let result = engine.save(&order)
        #expect(result.isSuccess)
        #expect(result.warnings.map(\.code).contains("EMU_ORDER_WITHOUT_BASKET"))
        let id = try #require(order.id)
        let stored = try #require(try engine.load(id: id))
        #expect(stored.basket?.items.isEmpty == true)
        #expect(stored.price == 0)
        var strictOrder = engine.createOrder(userId: 1)
        _ = strictOrder.setPersonTypeId(1)
        let refused = engine.save(&strictOrder, strict: true)
        #expect(refused.errors.map(\.code).contains("EMU_ORDER_WITHOUT_BASKET"))
        #expect(strictOrder.isNew)
    }

    /// The draft's bugs, in the order the replay fixes them.
    enum Fix: CaseIterable, Hashable {
        /// `getBasket()` on a new order → `Basket::create` + `setBasket`.
        case basket
        /// A phone passed as USER_ID → the user found or created by phone.
        case user
        /// No provider and no currency: the line is saved without CURRENCY → the catalog provider and a custom price.
        case provider
        /// An empty shipment → every line moved into it.
        case shipmentItems
        /// `2025-10-21` in a DATE property → the site's `DD.MM.YYYY`.
        case dateFormat
        /// FIO and PHONE never set → set.
        case requiredProperties
        /// No payment → one for the order price.
        case payment
    }

    /// The diagnostic (code, or field for Bitrix's code-0 errors) each fix removes.
    static let removes: [Fix: String] = [
        .user: "EMU_USER_NOT_FOUND",
        .provider: "basket[n1].CURRENCY",
        .shipmentItems: "EMU_ITEMS_IN_SYSTEM_SHIPMENT",
        .dateFormat: "PROPERTIES[5]",
        .requiredProperties: "EMU_REQUIRED_PROPERTY_EMPTY",
        .payment: "EMU_NO_PAYMENT",
    ]

    /// The draft with `fixes` applied, saved (strictly when asked) on a fresh engine.
    func replay(_ fixes: Set<Fix>, strict: Bool = false) throws -> (result: SaleResult, order: Order) {
        let engine = try SaleEngine(clock: .fixed(Self.now))
        return try engine.transaction { transaction in
            let userId: FieldValue =
                fixes.contains(.user)
                ? .int(transaction.findOrCreateUser(phone: "+77015211545", name: "Иван Иванов").user.id)
                : "+77015211545"
            var order = engine.createOrder(userId: userId)
            _ = order.setPersonTypeId(1)
            var basket = engine.createBasket()
            let line = basket.createItem(moduleId: "catalog", productId: 5)
            if fixes.contains(.provider) {
                _ = try basket.setItemFields(
                    line,
                    [
                        "PRODUCT_PROVIDER_CLASS": .string(BasketItem.catalogProviderClass), "CUSTOM_PRICE": "Y",
                        "PRICE": 14000, "BASE_PRICE": 14000, "QUANTITY": 1,
                    ]
                )
            } else {
                _ = try basket.setItemField(line, "QUANTITY", 1)
                _ = try basket.setItemField(line, "PRICE", 14000)
            }
            if fixes.contains(.basket) { _ = try order.setBasket(basket) }
            let shipment = order.createShipment()
            _ = try order.setShipmentField(shipment, "DELIVERY_ID", 1)
            if fixes.contains(.shipmentItems) {
                _ = try order.setShipmentItemQuantity(shipment: shipment, basketItem: line, quantity: 1)
            }
            let address = try #require(order.propertyCollection().address)
            _ = order.setPropertyValue("ул. Абая 150, кв 25", propertyId: address.propertyId)
            _ = order.setPropertyValue(fixes.contains(.dateFormat) ? "21.10.2025" : "2025-10-21", code: "DELIVERY_DATE")
            _ = order.setPropertyValue("14:00-16:00", code: "DELIVERY_TIME")
            _ = order.setPropertyValue("Мария Петрова", code: "RECIPIENT_NAME")
            _ = order.setPropertyValue("999", code: "RAILWAY_ORDER_ID")
            if fixes.contains(.requiredProperties) {
                _ = order.setPropertyValue("Иван Иванов", code: "FIO")
                _ = order.setPropertyValue("+77015211545", code: "PHONE")
            }
            if fixes.contains(.payment) {
                let payment = order.createPayment(paySystemId: 3)
                _ = try order.setPaymentField(payment, "SUM", .amount(order.price))
            }
            let result = transaction.save(&order, strict: strict)
            if !result.isSuccess { transaction.rollback() }
            return (result, order)
        }
    }

    static func keys(_ problems: [SaleError]) -> Set<String> {
        Set(problems.map { $0.code == "0" ? ($0.field ?? "0") : $0.code })
    }

    @Test func eachFixRemovesItsDiagnosticAndTheLastSavesStrictly() throws {
        // Without setBasket the lines never reach the order: Bitrix saves it with none, and the emulator says so.
        let bare = try replay([]).result
        #expect(Self.keys(bare.warnings + bare.errors).contains("EMU_ORDER_WITHOUT_BASKET"), "\(bare)")
        #expect(!Self.keys(try replay([.basket]).result.warnings).contains("EMU_ORDER_WITHOUT_BASKET"))
        var applied: Set<Fix> = [.basket]
        var remaining = Self.keys(try replay(applied).result.warnings)
        #expect(remaining == Set(Self.removes.values), "\(remaining)")
        for fix in Fix.allCases where fix != .basket {
            applied.insert(fix)
            let (result, _) = try replay(applied)
            #expect(result.isSuccess, "\(result.errors)")
            let now = Self.keys(result.warnings)
            let removed = try #require(Self.removes[fix])
            #expect(remaining.subtracting(now) == [removed], "fix \(fix) removed \(remaining.subtracting(now))")
            #expect(now.isSubset(of: remaining), "fix \(fix) added \(now.subtracting(remaining))")
            remaining = now
        }
        #expect(remaining.isEmpty)
        let (strict, order) = try replay(applied, strict: true)
        #expect(strict.isSuccess, "\(strict.errors)")
        #expect(strict.warnings.isEmpty)
        #expect(order.id == 1)
        #expect(order.price == 16500)  // 14000 custom + 2500 courier (recalculated when the line moved in)
        #expect(order.systemShipmentItems.isEmpty)
        #expect(!order.marked)
    }

    @Test func theHalfFixedDraftSavesMarkedWithoutACurrency() throws {
        // Basket fixed only: the line has no provider, so PRICE stays 14000 but NAME and CURRENCY stay empty (B11);
        // Bitrix's verify() reports the currency and marks the order, and the DATE property is an input error (B30).
        let (result, order) = try replay([.basket])
        #expect(result.isSuccess)
        #expect(order.data.basket[0].price == 14000)
        #expect(order.data.basket[0].name.isEmpty)
        #expect(order.data.basket[0].currency == nil)
        #expect(order.marked)
        #expect(!result.warningCodes.contains("EMU_PRICE_NOT_CUSTOM"))  // no provider, nothing will replace it (B14s)
    }
}
