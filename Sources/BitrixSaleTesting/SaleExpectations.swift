import BitrixSale
import Testing

// Swift Testing helpers for sale results: each records one readable issue at the caller's line (the result's
// errors and warnings with their codes and messages) and returns whether the expectation held.

/// Expects `result` to be a success; the issue lists every error.
@discardableResult
public func expectSuccess(_ result: SaleResult, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    guard !result.isSuccess else { return true }
    record("expected success, got \(describe(result))", sourceLocation)
    return false
}

/// Expects `result` to be a success with no warning at all; the issue lists every error and warning.
@discardableResult
public func expectClean(_ result: SaleResult, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    guard !result.isSuccess || result.hasWarnings else { return true }
    record("expected success without warnings, got \(describe(result))", sourceLocation)
    return false
}

/// Expects `result` to carry a warning with `code`, as in `expect(result, hasWarning: .priceNotCustom)`.
@discardableResult
public func expect(
    _ result: SaleResult,
    hasWarning code: SaleErrorCode,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    guard result.warning(code) == nil else { return true }
    record("expected a warning \(code), got \(describe(result))", sourceLocation)
    return false
}

/// Expects `result` to carry an error with `code` (so it failed).
@discardableResult
public func expect(
    _ result: SaleResult,
    hasError code: SaleErrorCode,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    guard result.error(code) == nil else { return true }
    record("expected an error \(code), got \(describe(result))", sourceLocation)
    return false
}

/// Expects `result` to carry neither an error nor a warning with `code`.
@discardableResult
public func expect(
    _ result: SaleResult,
    lacks code: SaleErrorCode,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    let found = (result.errors + result.warnings).filter { $0.has(code) }
    guard !found.isEmpty else { return true }
    record("expected no \(code), got \(found.map(\.description).joined(separator: "; "))", sourceLocation)
    return false
}

/// `success` or `failure`, then each error and warning as `[CODE] message`.
func describe(_ result: SaleResult) -> String {
    var parts = [result.isSuccess ? "success" : "failure"]
    if !result.errors.isEmpty { parts.append("errors: " + result.errors.map(\.description).joined(separator: "; ")) }
    if !result.warnings.isEmpty {
        parts.append("warnings: " + result.warnings.map(\.description).joined(separator: "; "))
    }
    if result.errors.isEmpty && result.warnings.isEmpty { parts.append("no errors or warnings") }
    return parts.joined(separator: " — ")
}

func record(_ text: String, _ sourceLocation: SourceLocation) {
    Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
}
