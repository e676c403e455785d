import Foundation

/// The site's Bitrix REST surface (`/rest/…`): its profile, the credentials it accepts and the cloud rate limit.
///
/// A site without this section has no REST surface. Credentials here are development fakes; a real one is never a
/// default.
public struct RESTSettings: Sendable, Hashable, Codable {
    /// How the emulated portal behaves: an on-premise install (`box`) or a Bitrix24 cloud portal (`cloud`).
    public struct Profile: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The profile name.
        public var rawValue: String
        /// Wraps a name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The shop's own install: no rate limit, no `operating` in `time`, auth failures answer 401.
        public static let box = Profile(rawValue: "box")
        /// A cloud portal: the leaky bucket, `operating` in `time`, the docs' auth statuses.
        public static let cloud = Profile(rawValue: "cloud")
        /// The profiles the emulator knows.
        public static let known: [Profile] = [.box, .cloud]
        /// The name.
        public var description: String { rawValue }

        /// Decodes from a bare string.
        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }

        /// Encodes as a bare string.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }

    /// An inbound webhook: `/rest/{userId}/{code}/{method}`.
    public struct Webhook: Sendable, Hashable, Codable {
        /// The user the webhook acts as.
        public var userId: Int
        /// The secret code in the URL.
        public var code: String
        /// The scopes it grants (`sale`, `pay_system`, …).
        public var scopes: [String]

        /// Makes a webhook.
        public init(userId: Int, code: String, scopes: [String]) {
            self.userId = userId
            self.code = code
            self.scopes = scopes
        }
    }

    /// An OAuth access token, sent as `auth`, `access_token` or `Authorization: Bearer`.
    public struct OAuthToken: Sendable, Hashable, Codable {
        /// The token.
        public var token: String
        /// The scopes it grants.
        public var scopes: [String]
        /// When it expires (ISO 8601 with an offset, on the engine clock), or nil for never.
        public var expiresAt: String?
        /// The user it acts as (1 when not given).
        public var userId: Int?

        /// Makes a token.
        public init(token: String, scopes: [String], expiresAt: String? = nil, userId: Int? = nil) {
            self.token = token
            self.scopes = scopes
            self.expiresAt = expiresAt
            self.userId = userId
        }

        /// ``expiresAt`` as an instant; nil when absent or not a valid ISO 8601 date-time with an offset.
        public var expiryDate: Date? {
            expiresAt.flatMap { try? Date($0, strategy: .iso8601) }
        }
    }

    /// The cloud leaky bucket: each request adds one, the counter drains by ``drainPerSecond``; past ``burst`` a
    /// request is refused with 503 `QUERY_LIMIT_EXCEEDED`.
    public struct RateLimit: Sendable, Hashable, Codable {
        /// How many requests the bucket drains per second (2; Enterprise 5).
        public var drainPerSecond: Double
        /// How many requests it holds (50; Enterprise 250).
        public var burst: Int

        /// Makes a limit.
        public init(drainPerSecond: Double = 2, burst: Int = 50) {
            self.drainPerSecond = drainPerSecond
            self.burst = burst
        }
    }

    /// The profile (default `box`).
    public var profile: Profile
    /// The inbound webhooks.
    public var webhooks: [Webhook]
    /// The OAuth access tokens.
    public var oauthTokens: [OAuthToken]
    /// The cloud rate limit (ignored by `box`).
    public var rateLimit: RateLimit

    /// Makes a section.
    public init(
        profile: Profile = .box,
        webhooks: [Webhook] = [],
        oauthTokens: [OAuthToken] = [],
        rateLimit: RateLimit = RateLimit()
    ) {
        self.profile = profile
        self.webhooks = webhooks
        self.oauthTokens = oauthTokens
        self.rateLimit = rateLimit
    }

    private enum CodingKeys: String, CodingKey { case profile, webhooks, oauthTokens, rateLimit }

    /// Decodes a section; every member is optional (`box`, no credentials, 2/s and 50).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        profile = try c.decodeIfPresent(Profile.self, forKey: .profile) ?? .box
        webhooks = try c.decodeIfPresent([Webhook].self, forKey: .webhooks) ?? []
        oauthTokens = try c.decodeIfPresent([OAuthToken].self, forKey: .oauthTokens) ?? []
        rateLimit = try c.decodeIfPresent(RateLimit.self, forKey: .rateLimit) ?? RateLimit()
    }

    /// Every problem of the section, with JSON paths under `$.rest`.
    func problems() -> [SiteConfigurationError.Problem] {
        var problems: [SiteConfigurationError.Problem] = []
        func add(_ path: String, _ message: String) { problems.append(.init(path: "$.rest" + path, message: message)) }
        if !Profile.known.contains(profile) {
            add(
                ".profile",
                "expected one of \(Profile.known.map(\.rawValue).joined(separator: ", ")), found \"\(profile)\""
            )
        }
        func checkScopes(_ scopes: [String], _ path: String) {
            if scopes.isEmpty { add(path, "expected at least one scope (for example \"sale\")") }
            for (index, scope) in scopes.enumerated() where scope.isEmpty || scope != scope.lowercased() {
                add("\(path)[\(index)]", "expected a lower-case scope name such as sale or pay_system")
            }
        }
        var codes: [String: Int] = [:]
        for (index, webhook) in webhooks.enumerated() {
            let path = ".webhooks[\(index)]"
            if webhook.userId <= 0 { add("\(path).userId", "expected a positive user id") }
            if webhook.code.isEmpty || webhook.code.contains("/") {
                add("\(path).code", "expected a non-empty code without slashes")
            }
            if let first = codes["\(webhook.userId)/\(webhook.code)"] {
                add("\(path).code", "duplicate webhook (first at $.rest.webhooks[\(first)])")
            } else {
                codes["\(webhook.userId)/\(webhook.code)"] = index
            }
            checkScopes(webhook.scopes, "\(path).scopes")
        }
        var tokens: [String: Int] = [:]
        for (index, token) in oauthTokens.enumerated() {
            let path = ".oauthTokens[\(index)]"
            if token.token.isEmpty { add("\(path).token", "expected a non-empty token") }
            if let first = tokens[token.token] {
                add("\(path).token", "duplicate token (first at $.rest.oauthTokens[\(first)])")
            } else {
                tokens[token.token] = index
            }
            checkScopes(token.scopes, "\(path).scopes")
            if token.expiresAt != nil, token.expiryDate == nil {
                add(
                    "\(path).expiresAt",
                    "expected null or an ISO 8601 date-time with an offset such as 2026-01-01T00:00:00+05:00"
                )
            }
            if let user = token.userId, user <= 0 { add("\(path).userId", "expected a positive user id") }
        }
        if !(rateLimit.drainPerSecond > 0) || !rateLimit.drainPerSecond.isFinite {
            add(".rateLimit.drainPerSecond", "expected a positive number of requests per second")
        }
        if rateLimit.burst < 1 { add(".rateLimit.burst", "expected a burst of at least 1 request") }
        return problems
    }
}
