import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@testable import Scenarios

@Suite struct ScenarioRunReportTests {
    static let passing = ScenarioResult(
        file: "s/a.json",
        name: "Create",
        steps: [
            StepResult(number: 1, name: nil, title: "POST /api/v2/orders/create", outcome: .passed),
            StepResult(number: 2, name: "restart it", title: "restart it", outcome: .passed),
        ]
    )
    static let failing = ScenarioResult(
        file: "s/b.json",
        name: "Read <back> & \"check\"",
        steps: [
            StepResult(
                number: 1,
                name: nil,
                title: "GET /api/v2/orders/{{orderId}}",
                outcome: .failed([
                    "status: expected 200, got 404", #"$.data.status: expected "N", got "P""#,
                ]),
                responseBody: #"{"error": "<none>"}"#,
                duration: .milliseconds(1234)
            ),
            StepResult(number: 2, name: nil, title: "restart", outcome: .skipped),
        ]
    )
    static let single = ScenarioResult(
        file: "s/c.json",
        name: "One",
        steps: [StepResult(number: 1, name: nil, title: "restart", outcome: .passed)],
        notices: ["no clock"]
    )
    static let invalid = ScenarioFileError.invalidScenario(
        file: "s/d.json",
        path: "$.steps[0].reqest",
        problem: #"unknown key "reqest""#
    )

    @Test func textHasALinePerScenarioFailingAndSkippedStepsAndTheClosingLine() {
        let report = ScenarioRunReport(entries: [
            .scenario(Self.passing), .scenario(Self.failing), .scenario(Self.single), .invalid(Self.invalid),
        ])
        #expect(
            report.text == """
                PASS s/a.json — Create (2 steps)
                FAIL s/b.json — Read <back> & "check" (2 steps)
                  FAIL step 1: GET /api/v2/orders/{{orderId}}
                    status: expected 200, got 404
                    $.data.status: expected "N", got "P"
                    body: {"error": "<none>"}
                  SKIP step 2: restart
                PASS s/c.json — One (1 step)
                  NOTE no clock
                INVALID s/d.json: $.steps[0].reqest: unknown key "reqest"
                1 file invalid (not run)
                2 passed, 1 failed

                """
        )
        #expect(report.text.split(separator: "\n").last == "2 passed, 1 failed")
    }

    /// The QA report of the issue: one passing scenario and four invalid files said `1 passed, 0 failed` alone.
    @Test func invalidFilesAreCountedOnTheirOwnLineBeforeTheSummary() {
        let invalid = (1...4).map { ScenarioRunReport.Entry.invalid(.notFound(file: "x\($0).json")) }
        let report = ScenarioRunReport(entries: [.scenario(Self.passing)] + invalid)
        let lines = report.text.split(separator: "\n")
        #expect(lines.suffix(2) == ["4 files invalid (not run)", "1 passed, 0 failed"])
        #expect(report.invalidLine == "4 files invalid (not run)")
        #expect(report.exitStatus == 2)
        #expect(ScenarioRunReport(entries: [.scenario(Self.passing)]).invalidLine == nil)
        #expect(!ScenarioRunReport(entries: [.scenario(Self.passing)]).text.contains("invalid"))
    }

    @Test(arguments: [
        (Duration.zero, "0.000"), (.milliseconds(42), "0.042"), (.seconds(61) + .microseconds(999), "61.000"),
        (.milliseconds(1234), "1.234"),
    ])
    func junitTimesAreSecondsWithThreeDecimals(duration: Duration, text: String) {
        #expect(ScenarioRunReport.seconds(duration) == text)
    }

    @Test(arguments: [
        ([ScenarioRunReport.Entry](), Int32(0), "0 passed, 0 failed"),
        ([.scenario(passing)], 0, "1 passed, 0 failed"),
        ([.scenario(passing), .scenario(failing)], 1, "1 passed, 1 failed"),
        ([.scenario(failing), .invalid(invalid)], 2, "0 passed, 1 failed"),
        ([.invalid(.notFound(file: "x"))], 2, "0 passed, 0 failed"),
    ])
    func exitStatusAndSummary(entries: [ScenarioRunReport.Entry], status: Int32, summary: String) {
        let report = ScenarioRunReport(entries: entries)
        #expect(report.exitStatus == status)
        #expect(report.summaryLine == summary)
    }

    @Test func junitHasASuitePerFileACasePerStepTimesFailuresWithTheBodyNoticesAndSkips() {
        var passing = Self.passing
        passing.duration = .milliseconds(500)
        var failing = Self.failing
        failing.duration = .milliseconds(1234)
        var single = Self.single
        single.duration = .seconds(1)
        let report = ScenarioRunReport(entries: [
            .scenario(passing), .scenario(failing), .scenario(single), .invalid(Self.invalid),
        ])
        #expect(
            report.junitXML == """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="scenarios" tests="6" failures="1" errors="1" skipped="1" time="2.734">
                  <testsuite name="s/a.json" tests="2" failures="0" errors="0" skipped="0" time="0.500">
                    <properties>
                      <property name="scenario" value="Create"/>
                    </properties>
                    <testcase classname="s/a.json" name="step 1: POST /api/v2/orders/create" time="0.000"/>
                    <testcase classname="s/a.json" name="restart it" time="0.000"/>
                  </testsuite>
                  <testsuite name="s/b.json" tests="2" failures="1" errors="0" skipped="1" time="1.234">
                    <properties>
                      <property name="scenario" value="Read &lt;back&gt; &amp; &quot;check&quot;"/>
                    </properties>
                    <testcase classname="s/b.json" name="step 1: GET /api/v2/orders/{{orderId}}" time="1.234">
                      <failure message="status: expected 200, got 404">status: expected 200, got 404
                $.data.status: expected &quot;N&quot;, got &quot;P&quot;
                response body:
                {&quot;error&quot;: &quot;&lt;none&gt;&quot;}</failure>
                    </testcase>
                    <testcase classname="s/b.json" name="step 2: restart" time="0.000">
                      <skipped/>
                    </testcase>
                  </testsuite>
                  <testsuite name="s/c.json" tests="1" failures="0" errors="0" skipped="0" time="1.000">
                    <properties>
                      <property name="scenario" value="One"/>
                    </properties>
                    <testcase classname="s/c.json" name="step 1: restart" time="0.000"/>
                    <system-out>NOTE no clock</system-out>
                  </testsuite>
                  <testsuite name="s/d.json" tests="1" failures="0" errors="1" skipped="0" time="0.000">
                    <testcase classname="s/d.json" name="scenario file" time="0.000">
                      <error message="s/d.json: $.steps[0].reqest: unknown key &quot;reqest&quot;">s/d.json: $.steps[0].reqest: unknown key &quot;reqest&quot;</error>
                    </testcase>
                  </testsuite>
                </testsuites>

                """
        )
    }

    @Test func junitIsWellFormedXMLEvenWithControlCharacters() throws {
        let nasty = ScenarioResult(
            file: "s/<&>.json",
            name: "a\u{1}b",
            steps: [StepResult(number: 1, name: "x'\"\u{0}", title: "x", outcome: .failed(["a\u{7}<b>\nc"]))]
        )
        let xml = ScenarioRunReport(entries: [.scenario(nasty)]).junitXML
        #expect(ScenarioRunReport.escaped("a\u{1}<'>") == "a\u{FFFD}&lt;&apos;&gt;")
        #if canImport(FoundationXML)
        let document = try XMLDocument(xmlString: xml)
        #expect(try document.nodes(forXPath: "//testcase").count == 1)
        #else
        #expect(!xml.contains("\u{1}"))
        #endif
    }
}

@Suite struct ScenarioDiscoveryTests {
    @Test func foldersAreSearchedRecursivelyForJSONSortedByPathAndMissingPathsAreInvalid() throws {
        let folder = try TemporaryFolder(prefix: "scenarios-test")
        defer { folder.remove() }
        let root = folder.url
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("b/deep"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        let valid = #"{"name": "ok", "steps": [{"restart": true}]}"#
        for name in ["b/deep/z.json", "a/y.json", "m.json", "b/x.json"] {
            try valid.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try "not json".write(to: root.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try #"{"name": 1}"#.write(to: root.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        try valid.write(to: root.appendingPathComponent(".hidden.json"), atomically: true, encoding: .utf8)

        let base = root.path
        let found = ScenarioDiscovery.files(at: [base, base + "/missing.json"]).map(\.displayPath)
        #expect(
            found == ["a/y.json", "b/deep/z.json", "b/x.json", "bad.json", "m.json"].map { base + "/" + $0 }
                + [base + "/missing.json"]
        )

        let report = ScenarioRunner(makeHost: HostRecorder().factory).run(paths: [base, base + "/missing.json"])
        #expect(report.passedCount == 4)
        #expect(report.failedCount == 0)
        #expect(
            report.invalidFiles == [
                .invalidScenario(
                    file: base + "/bad.json",
                    path: "$.name",
                    problem: "expected a string, found a number (1)"
                ),
                .notFound(file: base + "/missing.json"),
            ]
        )
        #expect(report.exitStatus == 2)
        #expect(report.text.hasSuffix("\n4 passed, 0 failed\n"))
    }

    @Test func aTemporaryFolderIsRemovedWhenReleased() throws {
        var folder: TemporaryFolder? = try TemporaryFolder()
        let url = try #require(folder?.url)
        #expect(FileManager.default.fileExists(atPath: url.path))
        folder = nil
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
