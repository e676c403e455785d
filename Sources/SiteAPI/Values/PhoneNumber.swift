/// Phone normalisation for the create and customer endpoints.
enum PhoneNumber {
    /// `+77015211545`, `87015211545`, `+7 (701) 521-15-45` → `+77015211545`; nil unless 11–15 digits remain.
    ///
    /// Spaces, tabs, `(`, `)`, `-` and `.` are separators; one leading `+` is allowed; anything else is refused. An
    /// 11-digit number starting with the trunk prefix 8 is a Kazakh number and becomes `+7…`.
    static func normalise(_ text: String) -> String? {
        guard text.utf8.count <= 64 else { return nil }
        var digits: [UInt8] = []
        var sawPlus = false
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39: digits.append(byte)
            case UInt8(ascii: "+"):
                guard !sawPlus, digits.isEmpty else { return nil }
                sawPlus = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"),
                UInt8(ascii: "."):
                continue
            default: return nil
            }
        }
        if digits.count == 11, digits.first == UInt8(ascii: "8"), !sawPlus { digits[0] = UInt8(ascii: "7") }
        guard (11...15).contains(digits.count) else { return nil }
        return "+" + String(decoding: digits, as: UTF8.self)
    }
}
