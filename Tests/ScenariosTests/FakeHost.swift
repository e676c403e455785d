import SaleHTTP
import Foundation
import SaleJSON
import Scenarios
import SiteAPI
import Synchronization

/// An in-memory host: records what it is asked and answers with a responder (by default an echo of the request).
///
/// Used from one test at a time (the runner is synchronous), hence unchecked.
final class FakeHost: ScenarioHost, @unchecked Sendable {
    let firstToken: String
    let respond: (APIRequest) throws -> APIResponse
    private(set) var requests: [APIRequest] = []
    private(set) var restarts = 0
    private(set) var closed = false

    init(token: String = "dev-token", respond: @escaping (APIRequest) throws -> APIResponse = FakeHost.echo) {
        self.firstToken = token
        self.respond = respond
    }

    func send(_ request: APIRequest) throws -> APIResponse {
        requests.append(request)
        return try respond(request)
    }

    func restart() throws { restarts += 1 }

    func close() { closed = true }

    /// 200 with `{"method": …, "target": …, "headers": {…}, "body": <the JSON body, or its text>}`.
    static func echo(_ request: APIRequest) -> APIResponse {
        let body: JSONValue =
            (try? JSONParser().parse(request.body)) ?? .string(String(decoding: request.body, as: UTF8.self))
        let echo: JSONValue = .object([
            (key: "method", value: .string(request.method)),
            (key: "target", value: .string(request.target)),
            (key: "headers", value: .object(request.headers.map { (key: $0.name, value: .string($0.value)) })),
            (key: "body", value: body),
        ])
        return APIResponse(
            status: 200,
            headers: [HeaderField("Content-Type", "application/json; charset=UTF-8")],
            body: JSONWriter().bytes(echo)
        )
    }

    /// A fixed JSON answer.
    static func fixed(_ status: Int, _ body: JSONValue) -> (APIRequest) throws -> APIResponse {
        { _ in APIResponse(status: status, body: JSONWriter().bytes(body)) }
    }
}

/// The hosts a runner made, and the contexts they were made from, for inspection after a run.
final class HostRecorder: Sendable {
    private let state = Mutex<(hosts: [FakeHost], contexts: [ScenarioContext])>(([], []))
    private let makeHost: @Sendable () -> FakeHost

    init(_ makeHost: @escaping @Sendable () -> FakeHost = { FakeHost() }) { self.makeHost = makeHost }

    var hosts: [FakeHost] { state.withLock { $0.hosts } }
    var contexts: [ScenarioContext] { state.withLock { $0.contexts } }

    var factory: ScenarioHostFactory {
        { context in
            let host = self.makeHost()
            self.state.withLock {
                $0.hosts.append(host)
                $0.contexts.append(context)
            }
            return host
        }
    }
}

/// Parses a scenario from text, as if read from `/fixtures/<file>`.
func scenario(_ text: String, file: String = "t.json") throws(ScenarioFileError) -> Scenario {
    try Scenario.parse(Array(text.utf8), file: file, folder: URL(fileURLWithPath: "/fixtures"))
}

/// Runs a scenario text on fresh fake hosts.
func run(_ text: String, recorder: HostRecorder = HostRecorder()) throws -> ScenarioResult {
    let runner = ScenarioRunner(makeHost: recorder.factory, realTime: { Date(timeIntervalSince1970: 1_700_000_000) })
    return runner.run(try scenario(text))
}
