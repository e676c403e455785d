import BitrixSale
import SaleHTTP
import SaleJSON

/// The parameters of a request, merged as Bitrix's `CRestUtil::getRequestData()` merges them: the query string and
/// a form body (URL-encoded or multipart) in PHP's nested-array syntax; a JSON body (content type
/// `application/json`, empty form) laid over the query, key by key.
enum RequestParameters {
    /// The merged parameters (a PHP array); `notes` gets a diagnostic for a JSON body that does not parse, which
    /// Bitrix quietly treats as no parameters.
    static func parse(_ request: APIRequest, query: Substring, notes: inout [SaleError]) -> JSONValue {
        var members = PHPParameters.parse(query).phpMembers ?? []
        guard !request.body.isEmpty else { return .object(members) }
        let contentType = (request.header("Content-Type") ?? "").lowercased()
        var body: [(key: String, value: JSONValue)] = []
        if contentType.hasPrefix("application/json") {
            do {
                let value = try JSONParser(maxDepth: 32).parse(request.body)
                if let object = value.phpMembers {
                    body = object
                } else {
                    notes.append(
                        SaleError(
                            code: "EMU_REST_JSON_NOT_ARRAY",
                            message: "The JSON body is a \(value.typeName), not an object; Bitrix reads no parameters "
                                + "from it",
                            field: "body"
                        )
                    )
                }
            } catch {
                notes.append(
                    SaleError(
                        code: "EMU_REST_INVALID_JSON",
                        message: "The JSON body does not parse (\(error)); Bitrix quietly reads it as no parameters",
                        field: "body"
                    )
                )
            }
        } else if contentType.hasPrefix("multipart/form-data") {
            body =
                PHPParameters.multipart(request.body, contentType: request.header("Content-Type") ?? "")?.phpMembers
                ?? []
        } else {
            body = PHPParameters.parse(Substring(decoding: request.body, as: UTF8.self)).phpMembers ?? []
        }
        for member in body {
            if let index = members.firstIndex(where: { $0.key == member.key }) {
                members[index].value = member.value
            } else {
                members.append(member)
            }
        }
        return .object(members)
    }
}
