import BitrixSale
import Foundation
import SaleJSON
import SaleREST
import Testing

@Suite struct CloudTests {
    @Test func theBucketTakesABurstOf50ThenAnswers503UntilTheClockDrainsIt() throws {
        let harness = try Harness.cloud()
        for index in 1...50 {
            #expect(try harness.call("sale.status.list").status == 200, "request \(index)")
        }
        let refused = try harness.call("sale.status.list")
        #expect(refused.status == 503)
        #expect(refused.text == #"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#)
        // Two requests drain per second.
        harness.clock.advance(by: 1)
        #expect(try harness.call("sale.status.list").status == 200)
        #expect(try harness.call("sale.status.list").status == 200)
        #expect(try harness.call("sale.status.list").status == 503)
        // Each credential has its own bucket.
        #expect(try harness.send("GET", "/rest/sale.status.list?auth=" + oauthToken).status == 200)
        harness.clock.advance(by: 25)
        for _ in 1...50 { #expect(try harness.call("sale.status.list").status == 200) }
        #expect(try harness.call("sale.status.list").status == 503)
    }

    @Test func aBatchCountsOnceAndTheBoxProfileHasNoLimit() throws {
        let cloud = try Harness.cloud()
        let commands = (0..<50).map { #""c\#($0)":"sale.status.list""# }.joined(separator: ",")
        for _ in 1...50 { #expect(try cloud.call("batch", #"{"cmd":{\#(commands)}}"#).status == 200) }
        #expect(try cloud.call("batch", #"{"cmd":{"a":"sale.status.list"}}"#).status == 503)
        let box = try Harness()
        for _ in 1...120 { #expect(try box.call("sale.status.list").status == 200) }
        #expect(try box.call("sale.status.list")["time"]?["operating"] == nil)
    }

    @Test func theRateLimitIsTheSites() throws {
        var site = SiteConfiguration.defaultSite
        site.rest?.profile = .cloud
        site.rest?.rateLimit = .init(drainPerSecond: 5, burst: 3)
        let harness = try Harness(site: site)
        for _ in 1...3 { #expect(try harness.call("sale.status.list").status == 200) }
        #expect(try harness.call("sale.status.list").status == 503)
        harness.clock.advance(by: 0.2)
        #expect(try harness.call("sale.status.list").status == 200)
        #expect(try harness.call("sale.status.list").status == 503)
    }
}
