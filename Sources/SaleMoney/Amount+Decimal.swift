import Foundation

extension Amount {
    /// A `Decimal` in the plain notation amounts are written in (`15000`, `12500.5`, `-0.01`; no exponent, no
    /// trailing zeros, `0` for zero and NaN): for numbers an `Amount` cannot hold (more than four places, beyond
    /// `decimal(18,4)`), which the model reads and compares loosely, and for `Decimal` members of callers' own
    /// `Codable` types. Written once here for `Money` (BitrixSale) and `JSONNumber` (SaleJSON).
    public static func plainText(of value: Decimal) -> String {
        if value.isNaN || value.isZero { return "0" }
        let negative = value < 0
        var exponent = value.exponent
        var digits = (negative ? -value : value).significand.description
        while digits.count > 1, digits.hasSuffix("0") {
            digits.removeLast()
            exponent += 1
        }
        var text: String
        if exponent >= 0 {
            text = digits + String(repeating: "0", count: exponent)
        } else if digits.count > -exponent {
            let split = digits.index(digits.endIndex, offsetBy: exponent)
            text = digits[..<split] + "." + digits[split...]
        } else {
            text = "0." + String(repeating: "0", count: -exponent - digits.count) + digits
        }
        return negative ? "-" + text : text
    }
}
