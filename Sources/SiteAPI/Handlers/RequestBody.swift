import SaleJSON

/// A parameter of the id/status endpoints, from the query, a form body or a JSON body.
enum ParameterValue: Sendable {
    /// Text (query, form, or a JSON string).
    case text(String)
    /// A JSON number.
    case number(JSONNumber)
    /// Any other JSON value (its type name).
    case other(String)
}

extension SiteAPI {
    /// The body as a JSON object: 400 when empty, not JSON (the byte offset is named) or not an object.
    func jsonObject(_ context: RequestContext) throws(APIError) -> JSONValue {
        let body = context.request.body
        guard body.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw .badRequest("The request body is empty; expected a JSON object")
        }
        let value: JSONValue
        do {
            value = try JSONParser(maxDepth: options.maxJSONDepth).parse(body)
        } catch {
            throw .badRequest("The request body is not valid JSON: \(error)")
        }
        guard case .object = value else {
            throw .badRequest("The request body must be a JSON object, not \(value.typeName)")
        }
        return value
    }

    /// The parameters of the id/status endpoints: the query, overridden by the body (a JSON object, or a form when
    /// the content type says so or the body is not JSON), and the body's field names.
    func parameters(_ context: RequestContext) throws(APIError) -> (
        values: [String: ParameterValue], bodyKeys: [String]
    ) {
        var values = context.query.mapValues { ParameterValue.text($0) }
        var keys: [String] = []
        var seen: Set<String> = []  // linear in the number of keys, not quadratic
        let body = context.request.body
        guard body.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return (values, keys) }
        if !context.isFormContentType, let json = try? JSONParser(maxDepth: options.maxJSONDepth).parse(body) {
            guard case .object(let members) = json else {
                throw .badRequest("The request body must be a JSON object or a form, not a JSON \(json.typeName)")
            }
            for (key, value) in members {
                if seen.insert(key).inserted { keys.append(key) }
                switch value {
                case .string(let text): values[key] = .text(text)
                case .number(let number): values[key] = .number(number)
                default: values[key] = .other(value.typeName)
                }
            }
        } else {
            let form = FormDecoding.pairs(Substring(decoding: body, as: UTF8.self))
            for (key, value) in form.sorted(by: { $0.key < $1.key }) {
                keys.append(key)
                values[key] = .text(value)
            }
        }
        return (values, keys)
    }

    /// An id parameter: a positive integer up to 2^53 − 1, else 400.
    func positiveId(_ value: ParameterValue?, name: String) throws(APIError) -> Int {
        let exact: ExactNumber?
        let shown: String
        switch value {
        case nil: throw .badRequest("\(name) is required: a positive integer")
        case .text(let text):
            // Text (a path segment, a query or form value) must be plain digits, `[1-9][0-9]*`: no spaces, sign,
            // fraction or exponent (`1.0`, ` 1`, `+1` are refused as docs/API.md says).
            exact = Self.isPlainPositive(text) ? ExactNumber(Substring(text).utf8, plainOnly: true) : nil
            shown = "\"\(excerpt(text))\""
        case .number(let number):
            exact = ExactNumber(number)
            shown = excerpt(number.literal)
        case .other(let type):
            exact = nil
            shown = type
        }
        guard let id = exact?.integer(atMost: ExactNumber.maxId), id > 0 else {
            throw .badRequest("\(name) must be a positive integer up to 9007199254740991, got \(shown)")
        }
        return id
    }

    /// Whether `text` is `[1-9][0-9]*`.
    static func isPlainPositive(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "0") else { return false }
        return text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    func queryId(_ context: RequestContext, _ name: String) throws(APIError) -> Int {
        try positiveId(context.query[name].map(ParameterValue.text), name: name)
    }

    func pathId(_ segment: String) throws(APIError) -> Int {
        try positiveId(.text(segment), name: "The order id in the path")
    }

    /// `Unknown field "x" was ignored` for each body field outside `known`.
    func unknownFieldWarnings(_ keys: [String], known: Set<String>) -> [String] {
        keys.filter { !known.contains($0) }.map { "Unknown field \"\(excerpt($0, limit: 100))\" was ignored" }
    }
}
