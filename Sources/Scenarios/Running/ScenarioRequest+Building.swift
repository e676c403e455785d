import SaleHTTP
import SaleJSON
import SiteAPI

extension ScenarioRequest {
    /// The request to send: `{{name}}` substituted everywhere, `query` appended percent-encoded to the path.
    func apiRequest(with variables: ScenarioVariables) throws(UnknownVariable) -> APIRequest {
        var target = try variables.substitute(path)
        for (position, field) in query.enumerated() {
            if position == 0 {
                if !target.contains("?") {
                    target += "?"
                } else if !target.hasSuffix("?") && !target.hasSuffix("&") {
                    target += "&"
                }
            } else {
                target += "&"
            }
            target += Self.percentEncoded(try variables.substitute(field.name))
            target += "="
            target += Self.percentEncoded(try variables.substitute(field.value))
        }
        var fields: [HeaderField] = []
        for field in headers {
            fields.append(HeaderField(try variables.substitute(field.name), try variables.substitute(field.value)))
        }
        let bytes: [UInt8]
        switch body {
        case .none: bytes = []
        case .json(let json): bytes = JSONWriter().bytes(try variables.substitute(json: json))
        case .text(let text): bytes = Array(try variables.substitute(text).utf8)
        }
        return APIRequest(method: method, target: target, headers: fields, body: bytes)
    }

    /// `text` percent-encoded as a query component: RFC 3986 unreserved characters kept, every other UTF-8 byte
    /// written `%XX` (so a space is `%20` and `&`, `=`, `+` are escaped).
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
