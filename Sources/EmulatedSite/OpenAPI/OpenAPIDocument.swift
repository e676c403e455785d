/// The OpenAPI 3.1 document of `/api/v2` and `/__emu`, served at `/__emu/openapi.json` (a copy is committed as
/// `docs/openapi.json`; a test keeps the two equal).
public enum OpenAPIDocument {
    /// The document's text.
    public static let json = #"{"openapi":"3.1.0","info":{"title":"bitrix-order-engine","version":"0.1.0"},"paths":{}}"#
}
