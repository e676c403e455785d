import BitrixSale
import Foundation
import Testing

@Suite struct SiteSectionTests {
    @Test func theDefaultSiteHasTheFakeDevelopmentCredentials() throws {
        let rest = try #require(SiteConfiguration.defaultSite.rest)
        #expect(rest.profile == .box)
        #expect(rest.webhooks == [.init(userId: 1, code: "dev-webhook-NOT-A-SECRET", scopes: ["sale", "pay_system"])])
        #expect(rest.oauthTokens == [.init(token: "dev-oauth-NOT-A-SECRET", scopes: ["sale"], expiresAt: nil)])
        #expect(rest.rateLimit == .init(drainPerSecond: 2, burst: 50))
    }

    private func problems(_ rest: String) -> [String] {
        var json = SiteConfiguration.defaultSiteJSON
        let start = json.range(of: #""rest": {"#)!.lowerBound
        json = String(json[..<start]) + #""rest": "# + rest + "\n}"
        do {
            _ = try SiteConfiguration.decode(Data(json.utf8), source: "site.json")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func theLoaderNamesTheJSONPathOfEveryRESTProblem() {
        #expect(problems(#"{"profile": "box"}"#) == [])
        #expect(
            problems(
                #"{"profile": "saas", "webhooks": [{"userId": 0, "code": "a/b", "scopes": []}],"#
                    + #""oauthTokens": [{"token": "", "scopes": ["SALE"], "expiresAt": "tomorrow"}],"#
                    + #""rateLimit": {"drainPerSecond": 0, "burst": 0}}"#
            ) == [
                "$.rest.profile: expected one of box, cloud, found \"saas\"",
                "$.rest.webhooks[0].userId: expected a positive user id",
                "$.rest.webhooks[0].code: expected a non-empty code without slashes",
                "$.rest.webhooks[0].scopes: expected at least one scope (for example \"sale\")",
                "$.rest.oauthTokens[0].token: expected a non-empty token",
                "$.rest.oauthTokens[0].scopes[0]: expected a lower-case scope name such as sale or pay_system",
                "$.rest.oauthTokens[0].expiresAt: expected null or an ISO 8601 date-time with an offset such as 2026-01-01T00:00:00+05:00",
                "$.rest.rateLimit.drainPerSecond: expected a positive number of requests per second",
                "$.rest.rateLimit.burst: expected a burst of at least 1 request",
            ]
        )
        #expect(
            problems(#"{"webhooks": [{"userId": "1", "code": "x", "scopes": ["sale"]}]}"#) == [
                "$.rest.webhooks[0].userId: expected an integer"
            ]
        )
    }
}
