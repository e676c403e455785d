import BitrixSaleTesting
import Foundation
import Testing

/// The scenario folder as parameterized tests.
@Suite struct ScenarioCasesTests {
    @Test(arguments: ScenarioCases.load("Fixtures/scenarios"))
    func everyFixtureScenarioPasses(_ scenario: ScenarioCase) {
        let report = scenario.expectPasses()
        #expect(report.passedCount == 1)
    }

    @Test func theFolderIsFoundFromTheTestFileAndSortedByPath() {
        let cases = ScenarioCases.load("Fixtures/scenarios")
        #expect(cases.count >= 17)
        #expect(cases.first?.path == "Fixtures/scenarios/01-create-list-detail.json")
        #expect(cases.map(\.path) == cases.map(\.path).sorted())
    }

    @Test func aMissingFolderGivesOneCaseThatFailsNamingIt() {
        let cases = ScenarioCases.load("Fixtures/no-such-folder")
        #expect(cases.map(\.path) == ["Fixtures/no-such-folder"])
        withKnownIssue {
            cases[0].expectPasses()
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().contains("no-such-folder")
        }
    }
}
