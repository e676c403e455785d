import Foundation
import Testing

@testable import BitrixSale

/// Resolving the buyer as PHP does it (findings "missing" 3): USER_ID must be a `b_user` id (A18 `USER_ID int not
/// null`), found by login, phone or e-mail or added with `CUser::Add` (main module), or the anonymous buyer of
/// `CSaleUser::GetAnonymousUserID()`; `Fuser::getIdByUserId` for the basket.
@Suite struct UserResolutionTests {
    @Test func aUserIsFoundByLoginPhoneOrEmailAfterCUserAdd() throws {
        let engine = try Fixture.engine()
        let user = try engine.transaction { transaction in
            let (user, result) = transaction.addUser(
                phone: "+77015211545",
                name: "Иван",
                login: "ivan",
                email: "ivan@example.kz"
            )
            #expect(result.isSuccess)
            #expect(transaction.user(login: "ivan") == user)  // visible inside the transaction already
            return try #require(user)
        }
        #expect(user.id == 2)  // above the site's user 1
        #expect(engine.user(login: "Ivan") == user)
        #expect(engine.user(phone: "+77015211545") == user)
        #expect(engine.user(email: "IVAN@example.kz") == user)
        #expect(engine.user(login: "nobody") == nil)
        #expect(engine.fuserId(userId: user.id) == user.id)
    }

    @Test func cUserAddRefusesAShortOrTakenLoginATakenPhoneAndABadEmail() throws {
        let engine = try Fixture.engine()
        try engine.transaction { transaction in
            _ = transaction.addUser(phone: "+77015211545", name: "Иван", login: "ivan")
            let (none, refused) = transaction.addUser(phone: "+77015211545", name: "Пётр", login: "iv", email: "no")
            #expect(none == nil)
            #expect(refused.errors.map(\.field) == ["LOGIN", "PERSONAL_PHONE", "EMAIL"])
            #expect(refused.errors[0].message == "Login must be at least 3 characters, got \"iv\"")
            let (_, taken) = transaction.addUser(phone: "+77770000000", name: "Пётр", login: "IVAN")
            #expect(taken.errors.map(\.message) == ["A user with login \"IVAN\" already exists"])
        }
    }

    @Test func theAnonymousBuyerIsCreatedOnceAndTakesOrders() throws {
        let engine = try Fixture.engine()
        let first = try engine.transaction { transaction in transaction.anonymousUser() }
        let second = try engine.transaction { transaction in transaction.anonymousUser() }
        #expect(first == second)
        #expect(first.login == SaleTransaction.anonymousLogin)
        var complete = try Fixture.complete(on: engine, userId: .int(first.id))
        let result = engine.save(&complete.order)
        #expect(result.isSuccess)
        #expect(!result.warningCodes.contains("EMU_USER_NOT_FOUND"))
    }

    // Findings B02b: a phone where a user id belongs is reported; the resolved id is not.
    @Test func aPhoneAsUserIdIsReportedAndTheResolvedIdIsNot() throws {
        let engine = try Fixture.engine()
        var byPhone = try Fixture.complete(on: engine, userId: "+77015211545")
        #expect(engine.save(&byPhone.order).warningCodes == ["EMU_USER_NOT_FOUND"])
        let resolved = try engine.transaction { transaction in
            transaction.findOrCreateUser(phone: "+77015211545", name: "Иван").user
        }
        var byId = try Fixture.complete(on: engine, userId: .int(resolved.id))
        #expect(engine.save(&byId.order).warnings.isEmpty)
    }
}

/// The other fields create-order code reaches for (findings "missing" 9): XML_ID and EXTERNAL_ORDER, COMMENTS
/// (the manager's, `text`) against USER_DESCRIPTION (the buyer's, `varchar(2000)`; A18 install.sql, K21
/// `internals/order.php`).
@Suite struct OrderTextFieldTests {
    @Test func aLongBuyersCommentLoadsCutTo2000CharactersAndCommentsAreKeptWhole() throws {
        let engine = try Fixture.engine()
        var complete = try Fixture.complete(on: engine)
        let long = String(repeating: "я", count: 2100)
        _ = try complete.order.setField("USER_DESCRIPTION", .string(long))
        _ = try complete.order.setField("COMMENTS", .string(long))
        _ = try complete.order.setField("XML_ID", "railway-999")
        _ = try complete.order.setField("EXTERNAL_ORDER", "Y")
        let result = engine.save(&complete.order)
        #expect(result.warningCodes == ["EMU_VALUE_TRUNCATED"])
        let id = try #require(result.id)
        let loaded = try #require(try engine.load(id: id))
        #expect(loaded.userDescription?.count == 2000)
        #expect(loaded.comments == long)
        #expect(loaded.xmlId == "railway-999")
        #expect(loaded.field("EXTERNAL_ORDER") == .string("Y"))
    }
}
