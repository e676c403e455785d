import Foundation
import Scenarios
import Testing

/// Every QA scenario under `Fixtures/scenarios` runs here on the real engine (durable store, default site).
@Suite struct FixtureScenariosTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/scenarios")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test func theFixtureFolderHoldsAtLeastFifteenScenarios() {
        #expect(Self.files.count >= 15)
    }

    @Test(arguments: files)
    func fixtureScenarioPasses(_ name: String) {
        let runner = ScenarioRunner(makeHost: EngineScenarioHost.factory())
        let report = runner.run(paths: [Self.folder.appendingPathComponent(name).path])
        #expect(report.exitStatus == 0, "\(report.text)")
        #expect(report.passedCount == 1)
    }
}
