import BitrixSale
import BitrixSaleTesting
import Foundation
import Testing

/// The helpers record a readable issue when the expectation fails, and none when it holds.
@Suite struct SaleExpectationsTests {
    static func warned() throws -> SaleResult {
        let engine = try TestEngine.make()
        return try OrderBuilder().withoutPayment().save(on: engine).1
    }

    @Test func aMissingWarningIsRecordedWithWhatCameInstead() throws {
        let result = try Self.warned()
        withKnownIssue {
            #expect(!expect(result, hasWarning: .priceNotCustom))
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            return text.contains("EMU_PRICE_NOT_CUSTOM") && text.contains("[EMU_NO_PAYMENT]")
        }
    }

    @Test func aWarningWhereNoneWasExpectedIsRecorded() throws {
        let result = try Self.warned()
        withKnownIssue {
            #expect(!expectClean(result))
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().contains("EMU_NO_PAYMENT")
        }
        withKnownIssue {
            #expect(!expect(result, lacks: .noPayment))
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().contains("EMU_NO_PAYMENT")
        }
    }

    @Test func aMissingErrorIsRecorded() throws {
        let result = try Self.warned()
        withKnownIssue {
            #expect(!expect(result, hasError: .noPayment))
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().contains("expected an error EMU_NO_PAYMENT, got success")
        }
    }

    @Test func typedCodesKeepTheirWireText() {
        #expect(SaleErrorCode.priceNotCustom.rawValue == "EMU_PRICE_NOT_CUSTOM")
        #expect(
            SaleErrorCode.shipmentItemLessAvailableQuantity.rawValue == "SALE_SHIPMENT_ITEM_LESS_AVAILABLE_QUANTITY"
        )
        #expect(SaleErrorCode.property(id: 5).rawValue == "PROPERTIES[5]")
        #expect(Diagnostic.noPayment(orderPrice: "1").code == SaleErrorCode.noPayment.rawValue)
    }
}
