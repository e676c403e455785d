import BitrixSale
import SaleHTTP
import SaleJSON

/// The response envelopes: `{"result", "next", "total", "time"}` or `{"error", "error_description"}`, with the
/// headers Bitrix sends, and the engine's diagnostics in `X-Emu-Diagnostics`.
enum RESTEnvelope {
    /// The success body.
    static func successBody(_ output: RESTOutput, time: JSONValue) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [(key: "result", value: output.result)]
        if let next = output.next { members.append((key: "next", value: .int(next))) }
        if let total = output.total { members.append((key: "total", value: .int(total))) }
        members.append((key: "time", value: time))
        return .object(members)
    }

    /// A response with Bitrix's headers and the diagnostics header when there are any.
    static func response(status: Int, body: JSONValue, diagnostics: [SaleError]) -> APIResponse {
        var headers = [
            HeaderField("Content-Type", "application/json; charset=utf-8"),
            HeaderField("Access-Control-Allow-Origin", "*"),
            HeaderField("X-Content-Type-Options", "nosniff"),
        ]
        if !diagnostics.isEmpty { headers.append(HeaderField("X-Emu-Diagnostics", diagnosticsHeader(diagnostics))) }
        return APIResponse(status: status, headers: headers, body: PHPJSON.encode(body))
    }

    /// `[{"code":…,"message":…}]`, ASCII only (non-ASCII characters escaped), so it is a valid header value.
    static func diagnosticsHeader(_ diagnostics: [SaleError]) -> String {
        PHPJSON.string(
            .array(
                diagnostics.map {
                    .object([(key: "code", value: .string($0.code)), (key: "message", value: .string($0.message))])
                }
            )
        )
    }
}
