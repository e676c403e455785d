import Testing

@testable import BitrixSale

/// `Sale\Result` semantics (docs/BITRIX-SEMANTICS.md §6.3, §10.15).
@Suite struct SaleResultTests {
    // docs/BITRIX-SEMANTICS.md §10.15: addErrors([]) still marks failure.
    @Test func addErrorsWithAnEmptyListStillMarksFailure() {
        var result = SaleResult()
        #expect(result.isSuccess)
        result.addErrors([])
        #expect(!result.isSuccess)
        var merged = SaleResult()
        merged.merge(result)
        #expect(!merged.isSuccess)
    }

    @Test func warningsDoNotFlipSuccessAndMessagesFollowTheirLists() {
        var result = SaleResult()
        result.addWarning(SaleError(code: "BX_ERROR", message: "w"))
        #expect(result.isSuccess)
        #expect(result.hasWarnings)
        #expect(result.warningMessages == ["w"])
        result.addError(SaleError(code: "0", message: "e"))
        #expect(!result.isSuccess)
        #expect(result.errorMessages == ["e"])
    }

    @Test func anErrorDescribesItselfWithItsCode() {
        let error = SaleError(code: "SALE_X", message: "m")
        #expect(error.description == "[SALE_X] m")
        #expect(!error.isDiagnostic)
        #expect(SaleError(code: "EMU_X", message: "m").isDiagnostic)
    }

    // docs/BITRIX-SEMANTICS.md §10.15, §7.1: the default site has N/F order statuses and DN/DF delivery statuses.
    @Test(arguments: [("N", Status.Kind.order), ("F", .order), ("DN", .delivery), ("DF", .delivery)])
    func theDefaultSiteHasTheStatusesBitrixInstalls(id: String, kind: Status.Kind) {
        #expect(Fixture.context.status(id: id)?.type == kind)
    }
}
