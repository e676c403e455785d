/// One HTTP header field: a name (compared case-insensitively) and a value.
public struct HeaderField: Sendable, Hashable {
    /// The field name as written.
    public var name: String
    /// The field value.
    public var value: String

    /// Makes a field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An HTTP-shaped request to one of the emulator's surfaces (`/api/v2`, `/rest`, `/__emu`): no socket, just values.
public struct APIRequest: Sendable, Hashable {
    /// The method, upper case (`GET`, `POST`, `DELETE`, …).
    public var method: String
    /// The request target: a path with an optional `?query` (percent-encoded as on the wire).
    public var target: String
    /// The header fields in order.
    public var headers: [HeaderField]
    /// The body bytes (empty for none).
    public var body: [UInt8]

    /// Makes a request.
    public init(method: String, target: String, headers: [HeaderField] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// An HTTP-shaped response from one of the emulator's surfaces.
public struct APIResponse: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// The header fields in order.
    public var headers: [HeaderField]
    /// The body bytes.
    public var body: [UInt8]

    /// Makes a response.
    public init(status: Int, headers: [HeaderField] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive), or nil.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A surface of the emulated site that answers HTTP-shaped requests as values: `/api/v2`, `/rest`, `/__emu`.
///
/// The site façade routes each request to one of these; the HTTP server, the scenarios and the command line
/// all call the façade, so a surface never knows which of them asked.
public protocol HTTPSurface: Sendable {
    /// Answers one request; never throws: every failure is a response.
    func handle(_ request: APIRequest) -> APIResponse
}
