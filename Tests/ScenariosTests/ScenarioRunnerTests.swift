import SaleHTTP
import Foundation
import SaleJSON
import SiteAPI
import Synchronization
import Testing

@testable import Scenarios

private struct SiteFileInvalid: Error, CustomStringConvertible {
    var description: String { "site.json: $.tokens: expected a non-empty array" }
}

private struct Unreachable: Error, CustomStringConvertible {
    var description: String { "engine crashed" }
}

@Suite struct ScenarioRunnerTests {
    @Test func allStepsPassAndTheHostIsClosed() throws {
        let recorder = HostRecorder()
        let result = try run(
            """
            {"name": "echo", "steps": [
              {"request": {"method": "GET", "path": "/api/v2/orders", "query": {"access_token": "{{token}}"}},
               "expect": {"status": 200, "headers": {"CONTENT-TYPE": "application/json; charset=UTF-8"},
                          "body": {"method": "GET", "target": "/api/v2/orders?access_token=dev-token"}}},
              {"restart": true},
              {"request": {"method": "DELETE", "path": "/x"}}
            ]}
            """,
            recorder: recorder
        )
        #expect(result.passed)
        #expect(result.steps.map(\.outcome) == [.passed, .passed, .passed])
        let host = try #require(recorder.hosts.first)
        #expect(host.restarts == 1)
        #expect(host.closed)
        #expect(host.requests.map(\.method) == ["GET", "DELETE"])
    }

    @Test func aCaptureIsUsableFromTheNextStepKeepingItsType() throws {
        let recorder = HostRecorder()
        let result = try run(
            """
            {"name": "capture", "vars": {"qty": 3}, "steps": [
              {"request": {"method": "POST", "path": "/create", "body": {"id": 42, "code": "A-1"}},
               "expect": {"body": {"body": {"id": {"$capture": "orderId"}, "code": {"$capture": "code"}}}}},
              {"request": {"method": "GET", "path": "/orders/{{orderId}}", "headers": {"X-Code": "{{code}}"},
                           "body": {"id": "{{orderId}}", "qty": "{{qty}}", "text": "#{{orderId}}"}},
               "expect": {"body": {"target": "/orders/42", "body": {"id": "{{orderId}}", "text": "#42"}}}}
            ]}
            """,
            recorder: recorder
        )
        #expect(result.passed)
        let sent = try #require(recorder.hosts.first?.requests.last)
        #expect(sent.target == "/orders/42")
        #expect(sent.header("x-code") == "A-1")
        #expect(String(decoding: sent.body, as: UTF8.self) == ##"{"id":42,"qty":3,"text":"#42"}"##)
    }

    @Test func aCaptureIsNotVisibleInItsOwnStep() throws {
        let result = try run(
            """
            {"name": "same step", "steps": [
              {"request": {"method": "POST", "path": "/", "body": {"id": 1}},
               "expect": {"body": {"body": {"id": {"$capture": "id"}}, "target": "{{id}}"}}}
            ]}
            """
        )
        #expect(result.steps.map(\.outcome) == [.failed([#"unknown variable "id""#])])
    }

    @Test func afterTheFirstFailingStepTheRestAreSkipped() throws {
        let recorder = HostRecorder {
            FakeHost(respond: FakeHost.fixed(404, ["success": false, "error": "Not found"]))
        }
        let result = try run(
            """
            {"name": "skip", "steps": [
              {"request": {"method": "GET", "path": "/a"}},
              {"name": "read", "request": {"method": "GET", "path": "/b"},
               "expect": {"status": [200, 201], "headers": {"X-Total": "1"}, "body": {"success": true, "data": {"$type": "object"}}}},
              {"restart": true},
              {"request": {"method": "GET", "path": "/c"}}
            ]}
            """,
            recorder: recorder
        )
        #expect(!result.passed)
        #expect(
            result.steps.map(\.outcome) == [
                .passed,
                .failed([
                    "status: expected one of 200, 201, got 404",
                    #"header "X-Total": expected "1", got nothing (the header is missing)"#,
                    "$.success: expected true, got false",
                    #"$.data: expected {"$type":"object"}, got nothing (the key is missing)"#,
                ]),
                .skipped,
                .skipped,
            ]
        )
        #expect(recorder.hosts.first?.requests.count == 2)
        #expect(recorder.hosts.first?.restarts == 0)
    }

    @Test func aStepWithoutExpectAcceptsAnyAnswer() throws {
        let recorder = HostRecorder { FakeHost(respond: { _ in APIResponse(status: 500, body: Array("oops".utf8)) }) }
        let result = try run(
            #"{"name": "any", "steps": [{"request": {"method": "GET", "path": "/"}}]}"#,
            recorder: recorder
        )
        #expect(result.passed)
    }

    @Test func aBodyThatIsNotJSONFailsWhenABodyIsExpected() throws {
        let recorder = HostRecorder { FakeHost(respond: { _ in APIResponse(status: 200, body: Array("<html>".utf8)) }) }
        let result = try run(
            #"{"name": "html", "steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"status": 200, "body": {}}}]}"#,
            recorder: recorder
        )
        #expect(
            result.steps.map(\.outcome) == [
                .failed([#"body: expected JSON, got a body that is not JSON (at byte 0: expected a value): "<html>""#])
            ]
        )
        #expect(result.steps.map(\.responseBody) == ["<html>"])
    }

    @Test func aFailingStepKeepsTheTrimmedBodyOfTheAnswerAndAPassingStepNone() throws {
        let answer = "\n  {\"success\": false, \"error\": \"Не найден\"}  \n"
        let recorder = HostRecorder { FakeHost(respond: { _ in APIResponse(status: 422, body: Array(answer.utf8)) }) }
        let result = try run(
            """
            {"name": "body", "now": "2025-10-20T10:00:00+05:00", "steps": [
              {"request": {"method": "GET", "path": "/a"}, "expect": {"status": [400, 422]}},
              {"request": {"method": "GET", "path": "/b"}, "expect": {"status": 400}}
            ]}
            """,
            recorder: recorder
        )
        #expect(result.steps.map(\.outcome) == [.passed, .failed(["status: expected 400, got 422"])])
        #expect(result.steps.map(\.responseBody) == [nil, #"{"success": false, "error": "Не найден"}"#])
        #expect(result.notices.isEmpty)
    }

    @Test func aLongBodyIsCutAfterTheLimitWithItsSize() {
        let long = Array(String(repeating: "я", count: ResponseExcerpt.limit + 10).utf8)
        #expect(
            ResponseExcerpt.text(of: long)
                == String(repeating: "я", count: ResponseExcerpt.limit)
                + "… (\((ResponseExcerpt.limit + 10) * 2) bytes in all)"
        )
        #expect(ResponseExcerpt.text(of: Array(" \n\t".utf8)) == "(empty)")
        #expect(ResponseExcerpt.text(of: []) == "(empty)")
    }

    @Test func aScenarioWithoutNowGetsTheNoticeAndOneWithNowDoesNot() throws {
        let without = try run(#"{"name": "real", "steps": [{"restart": true}]}"#)
        let with = try run(#"{"name": "pinned", "now": "2025-10-20T10:00:00Z", "steps": [{"restart": true}]}"#)
        #expect(without.notices == [ScenarioRunner.noNowNotice])
        #expect(without.notices.first?.hasPrefix(#"no "now": the clock starts at the real time"#) == true)
        #expect(with.notices.isEmpty)
        #expect(without.passed && with.passed)
    }

    @Test func stepAndScenarioDurationsComeFromTheInjectedClock() throws {
        let ticks = Mutex(0)
        let runner = ScenarioRunner(
            makeHost: HostRecorder().factory,
            realTime: { Date(timeIntervalSince1970: 0) },
            elapsed: {
                .milliseconds(
                    ticks.withLock {
                        $0 += 5
                        return $0
                    }
                )
            }
        )
        let result = runner.run(
            try scenario(
                #"{"name": "t", "now": "2025-10-20T10:00:00Z", "steps": [{"restart": true}, {"advance_clock": "P1D"}]}"#
            )
        )
        // Readings: 5 scenario start, 10/15 step 1, 20/25 step 2, 30 scenario end.
        #expect(result.steps.map(\.duration) == [.milliseconds(5), .milliseconds(5)])
        #expect(result.duration == .milliseconds(25))
    }

    /// The token reaches a report only through a mismatch that quotes an expectation with `{{token}}`, the
    /// request's echo (the body) and a step name; all three are redacted, the percent-encoded form too.
    @Test func secretsAreRedactedFromProblemsBodiesAndNames() throws {
        let recorder = HostRecorder { FakeHost(token: "tok/en+1") }
        let result = try run(
            """
            {"name": "leak tok/en+1", "now": "2025-10-20T10:00:00Z", "steps": [
              {"name": "send tok/en+1",
               "request": {"method": "GET", "path": "/x", "query": {"t": "{{token}}"}, "headers": {"A": "{{token}}"}},
               "expect": {"body": {"headers": {"A": "wrong {{token}}"}, "target": "{{token}}"}}}
            ]}
            """,
            recorder: recorder
        )
        guard case .failed(let problems) = try #require(result.steps.first).outcome else {
            Issue.record("the step should fail")
            return
        }
        let everything = ([result.name, result.steps[0].displayName, result.steps[0].responseBody ?? ""] + problems)
            .joined(separator: "\n")
        #expect(!everything.contains("tok/en+1"))
        #expect(!everything.contains("tok%2Fen%2B1"))
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.contains(SecretRedactor.placeholder) })
        #expect(result.steps[0].responseBody?.contains("?t=[redacted]") == true)
        #expect(result.name == "leak [redacted]")
        let report = ScenarioRunReport(entries: [.scenario(result)])
        #expect(!report.text.contains("tok/en") && !report.junitXML.contains("tok/en"))
        #expect(report.text.contains(SecretRedactor.placeholder))
    }

    @Test func shortSecretsAreNotRedacted() {
        let redactor = SecretRedactor(secrets: ["abc", "", "abcd"])
        #expect(redactor.redact("abc abcd abcde") == "abc [redacted] [redacted]e")
    }

    @Test func anUnknownVariableFailsTheStepWithItsName() throws {
        let recorder = HostRecorder()
        let result = try run(
            #"{"name": "unknown", "steps": [{"request": {"method": "GET", "path": "/orders/{{orderId}}"}}, {"restart": true}]}"#,
            recorder: recorder
        )
        #expect(result.steps.map(\.outcome) == [.failed([#"unknown variable "orderId""#]), .skipped])
        #expect(recorder.hosts.first?.requests.isEmpty == true)
    }

    @Test func aHostThatCannotStartFailsTheScenarioWithItsMessage() throws {
        let runner = ScenarioRunner(makeHost: { _ in throw SiteFileInvalid() })
        let result = runner.run(
            try scenario(#"{"name": "bad site", "steps": [{"restart": true}, {"advance_clock": "P1D"}]}"#)
        )
        #expect(
            result.steps.map(\.outcome) == [
                .failed(["the scenario could not start: site.json: $.tokens: expected a non-empty array"]), .skipped,
            ]
        )
    }

    @Test func aHostErrorFailsTheStep() throws {
        let recorder = HostRecorder { FakeHost(respond: { _ in throw Unreachable() }) }
        let result = try run(
            #"{"name": "crash", "steps": [{"request": {"method": "GET", "path": "/"}}]}"#,
            recorder: recorder
        )
        #expect(result.steps.map(\.outcome) == [.failed(["the request could not be sent: engine crashed"])])
        #expect(recorder.hosts.first?.closed == true)
    }

    @Test func theContextCarriesTheFilesAndAClockThatAdvanceClockMoves() throws {
        let recorder = HostRecorder()
        let result = try run(
            """
            {"name": "clock", "site": "site.json", "state": "s/snap.json", "now": "2025-10-20T10:00:00+05:00",
             "steps": [{"advance_clock": "P1DT1H"}, {"restart": true}, {"advance_clock": "PT0.5S"}]}
            """,
            recorder: recorder
        )
        #expect(result.passed)
        let context = try #require(recorder.contexts.first)
        #expect(context.site == URL(fileURLWithPath: "/fixtures/site.json"))
        #expect(context.state == URL(fileURLWithPath: "/fixtures/s/snap.json"))
        let start = try #require(ScenarioTimestamp(iso8601: "2025-10-20T10:00:00+05:00")).date
        #expect(context.clock.now == start.addingTimeInterval(90_000.5))
    }

    @Test func withoutNowTheClockStartsAtTheRealTime() throws {
        let recorder = HostRecorder()
        _ = try run(#"{"name": "real", "steps": [{"restart": true}]}"#, recorder: recorder)
        #expect(recorder.contexts.first?.clock.now == Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func fileVariablesAndTheTokenAreAvailable() throws {
        let recorder = HostRecorder { FakeHost(token: "secret-1") }
        let result = try run(
            """
            {"name": "vars", "vars": {"limit": 5}, "steps": [
              {"request": {"method": "GET", "path": "/orders", "query": {"limit": "{{limit}}"},
                           "headers": {"Authorization": "Bearer {{token}}"}},
               "expect": {"body": {"target": "/orders?limit=5", "headers": {"Authorization": "Bearer secret-1"}}}}
            ]}
            """,
            recorder: recorder
        )
        #expect(result.passed)
    }
}
