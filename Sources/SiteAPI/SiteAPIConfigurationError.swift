/// Why ``SiteAPI`` refused a site: the configuration lacks what the endpoints need.
public struct SiteAPIConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Each missing piece, for example `order property RAILWAY_ORDER_ID for person type 1`.
    public var missing: [String]

    /// Makes an error.
    public init(missing: [String]) { self.missing = missing }

    /// `The site cannot serve /api/v2: missing …; …`.
    public var description: String {
        "The site cannot serve /api/v2: missing " + missing.joined(separator: "; ")
    }
}
