import SaleHTTP
import Foundation
import SaleJSON
import SaleMoney

/// The response envelopes: every answer is JSON with the same two headers.
enum Envelope {
    static let writer = JSONWriter()

    /// A response with the JSON body and the common headers (`Content-Type`, `Access-Control-Allow-Origin`).
    static func response(_ status: Int, _ body: JSONValue, extraHeaders: [HeaderField] = []) -> APIResponse {
        response(status, bytes: writer.bytes(body), extraHeaders: extraHeaders)
    }

    /// A response with a body already written as JSON bytes, and the common headers.
    static func response(_ status: Int, bytes: [UInt8], extraHeaders: [HeaderField] = []) -> APIResponse {
        APIResponse(
            status: status,
            headers: extraHeaders.isEmpty ? commonHeaders : commonHeaders + extraHeaders,
            body: bytes
        )
    }

    /// `Content-Type` and `Access-Control-Allow-Origin`, made once.
    private static let commonHeaders = [
        HeaderField("Content-Type", "application/json; charset=UTF-8"), HeaderField("Access-Control-Allow-Origin", "*"),
    ]

    /// `200 {"success": true, …members}`.
    static func success(_ members: [(key: String, value: JSONValue)]) -> APIResponse {
        response(200, .object([(key: "success", value: .bool(true))] + members))
    }

    /// The failure envelope of an ``APIError``.
    static func failure(_ error: APIError) -> APIResponse {
        var members: [(key: String, value: JSONValue)] = [
            (key: "success", value: .bool(false)), (key: "error", value: .string(error.message)),
        ]
        if !error.problems.isEmpty {
            members.append((key: "errors", value: .array(error.problems.map { .string($0.description) })))
            members.append(
                (
                    key: "details",
                    value: .array(
                        error.problems.map {
                            .object([
                                (key: "field", value: .string($0.field)), (key: "code", value: .string($0.code)),
                                (key: "message", value: .string($0.message)),
                            ])
                        }
                    )
                )
            )
        }
        let extra =
            error.allowedMethods.isEmpty ? [] : [HeaderField("Allow", error.allowedMethods.joined(separator: ", "))]
        return response(error.status, .object(members), extraHeaders: extra)
    }
}

extension JSONValue {
    /// A money amount as an exact JSON number.
    static func money(_ value: Amount) -> JSONValue { .number(JSONNumber(value)) }

    /// A string, or `null`.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// An integer, or `null`.
    static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
}

/// Shortens a client-supplied value for a message: at most `limit` characters, with `…` when cut.
func excerpt(_ text: String, limit: Int = 40) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "…"
}
