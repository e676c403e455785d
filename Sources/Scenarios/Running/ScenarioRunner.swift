import SaleHTTP
import Foundation
import SaleJSON
import SiteAPI

/// Runs scenarios against hosts made by a factory, one fresh host per scenario.
public struct ScenarioRunner: Sendable {
    private let makeHost: ScenarioHostFactory
    private let realTime: @Sendable () -> Date
    private let elapsed: @Sendable () -> Duration

    /// The notice a scenario without `now` gets in every report.
    public static let noNowNotice =
        "no \"now\": the clock starts at the real time, so this scenario's dates change from run to run "
        + "(give \"now\", such as \"2025-10-20T10:00:00+05:00\", to pin them)"

    /// Makes a runner.
    ///
    /// - Parameters:
    ///   - makeHost: makes the host (engine, store, site) for one scenario.
    ///   - realTime: the real time, where a scenario without `now` starts its clock (injected in tests).
    ///   - elapsed: a monotonic reading (time since any fixed origin) that step and scenario durations are
    ///     measured with (injected in tests; by default the continuous clock).
    public init(
        makeHost: @escaping ScenarioHostFactory,
        realTime: @escaping @Sendable () -> Date = { Date() },
        elapsed: (@Sendable () -> Duration)? = nil
    ) {
        self.makeHost = makeHost
        self.realTime = realTime
        if let elapsed {
            self.elapsed = elapsed
        } else {
            let origin = ContinuousClock.now
            self.elapsed = { ContinuousClock.now - origin }
        }
    }

    /// Runs the scenario files found at `paths` (files, or folders searched recursively for `*.json`, sorted by
    /// path); a missing or invalid file is reported and the others still run.
    public func run(paths: [String]) -> ScenarioRunReport {
        var entries: [ScenarioRunReport.Entry] = []
        for found in ScenarioDiscovery.files(at: paths) {
            do {
                let scenario = try Scenario.load(from: found.url, displayPath: found.displayPath)
                entries.append(.scenario(run(scenario)))
            } catch {
                entries.append(.invalid(error))
            }
        }
        return ScenarioRunReport(entries: entries)
    }

    /// Runs one scenario: steps in order; after the first failing step the rest are skipped.
    ///
    /// Every text the result carries is passed through a ``SecretRedactor`` made from the host's
    /// ``ScenarioHost/secrets``; a scenario without `now` gets ``noNowNotice``.
    public func run(_ scenario: Scenario) -> ScenarioResult {
        let scenarioStart = elapsed()
        let clock = ScenarioClock(
            start: scenario.now?.date ?? realTime(),
            utcOffset: scenario.now?.utcOffset ?? 0,
            ticking: scenario.now == nil,
            realTime: realTime
        )
        var redactor = SecretRedactor(secrets: [])
        var results: [StepResult] = []
        func record(_ index: Int, _ outcome: StepOutcome, started: Duration? = nil) {
            let step = scenario.steps[index]
            let redacted: StepResult.Outcome =
                switch outcome.outcome {
                case .failed(let problems): .failed(problems.map(redactor.redact))
                case let other: other
                }
            results.append(
                StepResult(
                    number: index + 1,
                    name: step.name.map(redactor.redact),
                    title: redactor.redact(step.title),
                    outcome: redacted,
                    responseBody: outcome.responseBody.map(redactor.redact),
                    duration: started.map { elapsed() - $0 } ?? .zero
                )
            )
        }
        func result() -> ScenarioResult {
            ScenarioResult(
                file: scenario.file,
                name: redactor.redact(scenario.name),
                steps: results,
                notices: scenario.now == nil ? [Self.noNowNotice] : [],
                duration: elapsed() - scenarioStart
            )
        }
        let host: any ScenarioHost
        do {
            host = try makeHost(ScenarioContext(scenario: scenario, clock: clock))
        } catch {
            for index in scenario.steps.indices {
                record(index, index == 0 ? .failed(["the scenario could not start: \(error)"]) : .skipped)
            }
            return result()
        }
        redactor = SecretRedactor(secrets: host.secrets)
        var variables = ScenarioVariables(["token": .string(host.firstToken)])
        for (name, value) in scenario.variables { variables.set(name, to: value) }
        var failed = false
        for (index, step) in scenario.steps.enumerated() {
            if failed {
                record(index, .skipped)
                continue
            }
            let started = elapsed()
            let outcome = run(step, on: host, clock: clock, variables: &variables)
            failed = outcome.outcome != .passed
            record(index, outcome, started: started)
        }
        host.close()
        return result()
    }

    /// What one step gave: its outcome and, when its expectation failed, the body of the answer.
    private struct StepOutcome {
        var outcome: StepResult.Outcome
        var responseBody: String?

        static let passed = StepOutcome(outcome: .passed)
        static let skipped = StepOutcome(outcome: .skipped)
        static func failed(_ problems: [String], body: String? = nil) -> StepOutcome {
            StepOutcome(outcome: problems.isEmpty ? .passed : .failed(problems), responseBody: body)
        }
    }

    /// Runs one step.
    private func run(
        _ step: ScenarioStep,
        on host: any ScenarioHost,
        clock: ScenarioClock,
        variables: inout ScenarioVariables
    ) -> StepOutcome {
        switch step.action {
        case .restart:
            do {
                try host.restart()
                return .passed
            } catch {
                return .failed(["the restart failed: \(error)"])
            }
        case .advanceClock(let duration):
            clock.advance(by: duration)
            return .passed
        case .fault(let rule):
            return .failed(addFault(rule, on: host, variables: variables))
        case .request(let request, let expect):
            let apiRequest: APIRequest
            let expectation: SubstitutedExpectation?
            do {
                apiRequest = try request.apiRequest(with: variables)
                expectation = try expect.map { (expect) throws(UnknownVariable) in
                    try SubstitutedExpectation(expect, variables: variables)
                }
            } catch {
                return .failed(["\(error)"])
            }
            let response: APIResponse
            do {
                response = try host.send(apiRequest)
            } catch {
                return .failed(["the request could not be sent: \(error)"])
            }
            guard let expectation else { return .passed }
            let (problems, captures) = expectation.check(response)
            guard problems.isEmpty else { return .failed(problems, body: ResponseExcerpt.text(of: response.body)) }
            for capture in captures { variables.set(capture.name, to: capture.value) }
            return .passed
        }
    }
}

/// An expectation with its variables substituted, ready to check a response.
private struct SubstitutedExpectation {
    var status: [Int]?
    var headers: [HeaderField]
    var body: Pattern?

    init(_ expect: ScenarioExpectation, variables: ScenarioVariables) throws(UnknownVariable) {
        status = expect.status
        headers = []
        for field in expect.headers {
            headers.append(HeaderField(try variables.substitute(field.name), try variables.substitute(field.value)))
        }
        body = try expect.body.map { (matcher) throws(UnknownVariable) in
            try variables.substitute(pattern: matcher.pattern)
        }
    }

    /// The problems of `response`, one line each, and the captures of its body.
    func check(_ response: APIResponse) -> ([String], [MatchResult.Capture]) {
        var problems: [String] = []
        if let status, !status.contains(response.status) {
            let expected =
                status.count == 1 ? "\(status[0])" : "one of " + status.map(String.init).joined(separator: ", ")
            problems.append("status: expected \(expected), got \(response.status)")
        }
        for field in headers {
            let name = JSONDescriptions.compact(.string(field.name))
            let expected = JSONDescriptions.compact(.string(field.value))
            if let actual = response.header(field.name) {
                if actual != field.value {
                    problems.append(
                        "header \(name): expected \(expected), got \(JSONDescriptions.compact(.string(actual)))"
                    )
                }
            } else {
                problems.append("header \(name): expected \(expected), got nothing (the header is missing)")
            }
        }
        var captures: [MatchResult.Capture] = []
        if let body {
            do {
                let actual = try JSONParser().parse(response.body)
                let result = Matcher(pattern: body).match(actual)
                problems += result.mismatches.map(\.description)
                captures = result.captures
            } catch {
                let text = String(decoding: response.body.prefix(200), as: UTF8.self)
                let shown = response.body.isEmpty ? "an empty body" : JSONDescriptions.compact(.string(text))
                problems.append("body: expected JSON, got a body that is not JSON (\(error)): \(shown)")
            }
        }
        return (problems, captures)
    }
}
