import SaleHTTP
import Foundation
import SaleJSON
import SiteAPI

/// Runs scenarios against hosts made by a factory, one fresh host per scenario.
public struct ScenarioRunner: Sendable {
    private let makeHost: ScenarioHostFactory
    private let realTime: @Sendable () -> Date

    /// Makes a runner.
    ///
    /// - Parameters:
    ///   - makeHost: makes the host (engine, store, site) for one scenario.
    ///   - realTime: the real time, where a scenario without `now` starts its clock (injected in tests).
    public init(makeHost: @escaping ScenarioHostFactory, realTime: @escaping @Sendable () -> Date = { Date() }) {
        self.makeHost = makeHost
        self.realTime = realTime
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
    public func run(_ scenario: Scenario) -> ScenarioResult {
        let clock = ScenarioClock(
            start: scenario.now?.date ?? realTime(),
            utcOffset: scenario.now?.utcOffset ?? 0,
            ticking: scenario.now == nil,
            realTime: realTime
        )
        var results: [StepResult] = []
        func record(_ index: Int, _ outcome: StepResult.Outcome) {
            let step = scenario.steps[index]
            results.append(StepResult(number: index + 1, name: step.name, title: step.title, outcome: outcome))
        }
        let host: any ScenarioHost
        do {
            host = try makeHost(ScenarioContext(scenario: scenario, clock: clock))
        } catch {
            for index in scenario.steps.indices {
                record(index, index == 0 ? .failed(["the scenario could not start: \(error)"]) : .skipped)
            }
            return ScenarioResult(file: scenario.file, name: scenario.name, steps: results)
        }
        defer { host.close() }
        var variables = ScenarioVariables(["token": .string(host.firstToken)])
        for (name, value) in scenario.variables { variables.set(name, to: value) }
        var failed = false
        for (index, step) in scenario.steps.enumerated() {
            if failed {
                record(index, .skipped)
                continue
            }
            let problems = run(step, on: host, clock: clock, variables: &variables)
            failed = !problems.isEmpty
            record(index, failed ? .failed(problems) : .passed)
        }
        return ScenarioResult(file: scenario.file, name: scenario.name, steps: results)
    }

    /// Runs one step; returns its problems (none when it passed).
    private func run(
        _ step: ScenarioStep,
        on host: any ScenarioHost,
        clock: ScenarioClock,
        variables: inout ScenarioVariables
    ) -> [String] {
        switch step.action {
        case .restart:
            do {
                try host.restart()
                return []
            } catch {
                return ["the restart failed: \(error)"]
            }
        case .advanceClock(let duration):
            clock.advance(by: duration)
            return []
        case .fault(let rule):
            return addFault(rule, on: host, variables: variables)
        case .request(let request, let expect):
            let apiRequest: APIRequest
            let expectation: SubstitutedExpectation?
            do {
                apiRequest = try request.apiRequest(with: variables)
                expectation = try expect.map { (expect) throws(UnknownVariable) in
                    try SubstitutedExpectation(expect, variables: variables)
                }
            } catch {
                return ["\(error)"]
            }
            let response: APIResponse
            do {
                response = try host.send(apiRequest)
            } catch {
                return ["the request could not be sent: \(error)"]
            }
            guard let expectation else { return [] }
            let (problems, captures) = expectation.check(response)
            if problems.isEmpty {
                for capture in captures { variables.set(capture.name, to: capture.value) }
            }
            return problems
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
