/// The limits that keep hostile input cheap, and other knobs of ``SiteAPI``.
public struct APIOptions: Sendable, Hashable {
    /// The largest request body accepted, in bytes (larger → 413); default 1 MiB.
    public var maxBodyBytes: Int
    /// The deepest nesting of JSON arrays and objects accepted in a body (deeper → 400).
    public var maxJSONDepth: Int
    /// The longest free-text field accepted (`notes`, product property values …), in characters (longer → 422).
    public var maxTextLength: Int
    /// The longest name-like field (`customer_name`, `recipient_name`, product `title`, `owner`), in characters.
    public var maxNameLength: Int
    /// The most lines an order create may carry in `items` (more → 422).
    public var maxItems: Int
    /// The most `images_urls` and `properties` entries a product may carry (more → 422).
    public var maxProductEntries: Int

    /// Makes options; every parameter has the documented default.
    public init(
        maxBodyBytes: Int = 1 << 20,
        maxJSONDepth: Int = 32,
        maxTextLength: Int = 2000,
        maxNameLength: Int = 255,
        maxItems: Int = 100,
        maxProductEntries: Int = 100
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxJSONDepth = maxJSONDepth
        self.maxTextLength = maxTextLength
        self.maxNameLength = maxNameLength
        self.maxItems = maxItems
        self.maxProductEntries = maxProductEntries
    }
}
