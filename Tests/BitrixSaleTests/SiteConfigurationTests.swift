import Foundation
import Testing

@testable import BitrixSale

/// Site configuration loading and checks.
@Suite struct SiteConfigurationTests {
    private static let fixtureURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sites/default.json")

    private func defaultJSON() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtureURL)) as? [String: Any])
    }

    private func problems(_ edit: (inout [String: Any]) -> Void) throws -> [String] {
        var json = try defaultJSON()
        edit(&json)
        let data = try JSONSerialization.data(withJSONObject: json)
        do {
            _ = try SiteConfiguration.decode(data, source: "test.json")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func theBuiltInDefaultSiteIsTheFixtureFileMinusItsFinalNewline() throws {
        let file = try String(contentsOf: Self.fixtureURL, encoding: .utf8)
        #expect(file.hasSuffix("\n"))
        #expect(SiteConfiguration.defaultSiteJSON == String(file.dropLast()))
        #expect(try SiteConfiguration.load(contentsOf: Self.fixtureURL) == SiteConfiguration.defaultSite)
    }

    @Test func aWrongTypeNamesTheFileAndTheJSONPath() throws {
        var json = try defaultJSON()
        var products = try #require(json["products"] as? [[String: Any]])
        products[2]["price"] = "дорого"
        json["products"] = products
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try SiteConfiguration.load(contentsOf: url)
        } throws: { error in
            let error = error as? SiteConfigurationError
            return error?.description == "\(url.path): $.products[2].price: expected a number"
        }
    }

    @Test func aMissingKeyAndAMissingFileAreNamed() throws {
        #expect(try problems { $0["currency"] = nil } == ["$.currency: required key is missing"])
        let missing = URL(fileURLWithPath: "/nonexistent/site.json")
        #expect(throws: SiteConfigurationError.self) { try SiteConfiguration.load(contentsOf: missing) }
    }

    @Test func duplicateIdsAreReportedWithBothPositions() throws {
        let found = try problems { json in
            var products = json["products"] as! [[String: Any]]
            products[3]["id"] = 1
            json["products"] = products
        }
        #expect(found == ["$.products[3].id: duplicate id 1 (first at $.products[0])"])
    }

    @Test func aPropertyOfAnUnknownPersonTypeIsReported() throws {
        let found = try problems { json in
            var properties = json["orderProperties"] as! [[String: Any]]
            properties[0]["personTypeId"] = 9
            json["orderProperties"] = properties
        }
        #expect(found == ["$.orderProperties[0].personTypeId: expected one of the person type ids [1, 2]"])
    }

    @Test func aMissingDefaultDeliveryOrNoDeliveryServiceIsReported() throws {
        #expect(try problems { $0["defaultDeliveryId"] = 99 }.first?.hasPrefix("$.defaultDeliveryId:") == true)
        let found = try problems { json in
            json["deliveryServices"] = (json["deliveryServices"] as! [[String: Any]])
                .filter { $0["isEmptyDelivery"] == nil }
        }
        #expect(found == ["$.deliveryServices: expected the built-in \"no delivery\" service (isEmptyDelivery: true)"])
    }

    @Test(arguments: ["n", "ABC", "D1", ""])
    func aBadStatusIdIsReported(id: String) throws {
        let found = try problems { json in
            var statuses = json["statuses"] as! [[String: Any]]
            statuses[1]["id"] = id
            json["statuses"] = statuses
        }
        #expect(found == ["$.statuses[1].id: expected one or two capital Latin letters"])
    }

    @Test func missingInitialStatusesAreReported() throws {
        let found = try problems { json in
            json["statuses"] = (json["statuses"] as! [[String: Any]])
                .filter { ($0["id"] as? String)?.hasSuffix("N") != true }
        }
        #expect(
            found == [
                "$.statuses: expected the initial order status N",
                "$.statuses: expected the initial delivery status DN",
            ]
        )
    }

    @Test func anEngineRefusesAnInvalidSite() {
        var site = SiteConfiguration.defaultSite
        site.currency = "TENGE"
        #expect(throws: SiteConfigurationError.self) { try SaleEngine(site: site) }
    }
}
