import Foundation
import SaleHTTP
import SaleJSON
import Scenarios
import Synchronization
import Testing

@testable import EmulatedSite

/// `docs/openapi.json` is the document the site serves, names every route the site has, and documents every
/// status and required member the fixture scenarios' answers show.
@Suite struct OpenAPIConformanceTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let document: JSONValue = (try? JSONParser(maxDepth: 128).parse(OpenAPIDocument.json)) ?? .null

    static var paths: [(key: String, value: JSONValue)] { document["paths"]?.objectMembers ?? [] }

    @Test func theCommittedCopyIsTheServedDocument() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("docs/openapi.json"), encoding: .utf8)
        #expect(committed == OpenAPIDocument.json + "\n", "run .ci/openapi.py")
        #expect(Self.document["openapi"] == "3.1.0")
        let site = try EmulatedSite()
        let served = site.handle(APIRequest(method: "GET", target: "/__emu/openapi.json"))
        #expect(served.body == Array(OpenAPIDocument.json.utf8))
    }

    @Test func everyControlRouteIsDocumentedAndNothingElse() {
        var documented: Set<String> = []
        for (path, item) in Self.paths where path.hasPrefix("/__emu") {
            for (method, _) in item.objectMembers ?? [] { documented.insert("\(method.uppercased()) \(path)") }
        }
        let routes = Set(EmulatedSite.controlRoutes.flatMap { route in route.methods.map { "\($0) \(route.path)" } })
        #expect(documented == routes)
    }

    @Test func everyDocumentedAPIOperationIsARouteOfTheSite() throws {
        let site = try EmulatedSite()
        for (path, item) in Self.paths where path.hasPrefix("/api/v2") {
            for (method, _) in item.objectMembers ?? [] {
                let target = path.replacingOccurrences(of: "{id}", with: "1")
                let response = site.handle(APIRequest(method: method.uppercased(), target: target))
                let body = String(decoding: response.body, as: UTF8.self)
                #expect(!body.contains("Unknown route"), "\(method) \(path)")
                #expect(response.status != 405, "\(method) \(path)")
            }
        }
    }

    @Test func theFixtureScenariosAnswersAreDocumented() throws {
        let recorder = Recorder()
        let runner = ScenarioRunner(makeHost: { context in
            RecordingHost(try EngineScenarioHost(context: context), recorder: recorder)
        })
        let report = runner.run(paths: [Self.root.appendingPathComponent("Fixtures/scenarios").path])
        #expect(report.exitStatus == 0)
        let exchanges = recorder.exchanges.withLock { $0 }
        #expect(exchanges.count > 100)
        var checked = 0
        for (request, response) in exchanges {
            // Faults answer what they are told to; OPTIONS is the preflight; /rest is another document.
            if response.header("X-Emu-Fault") != nil || request.method == "OPTIONS" { continue }
            guard let operation = Self.operation(method: request.method, target: request.target) else { continue }
            let where_ = "\(request.method) \(request.target)"
            guard let answer = operation["responses"]?[String(response.status)] else {
                Issue.record("\(where_): status \(response.status) is not documented")
                continue
            }
            checked += 1
            guard let schema = answer["content"]?["application/json"]?["schema"] else { continue }
            let resolved = Self.resolve(schema)
            guard let required = resolved["required"]?.arrayValue?.compactMap(\.stringValue),
                let body = try? JSONParser().parse(response.body)
            else { continue }
            for name in required where body[name] == nil {
                Issue.record("\(where_): status \(response.status) lacks the required member \(name)")
            }
        }
        #expect(checked > 100)
    }

    /// The documented operation for a request, matching `{id}` segments and the optional `/` and `/index.php`.
    static func operation(method: String, target: String) -> JSONValue? {
        var path = String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        if path.hasSuffix("/index.php") { path.removeLast("/index.php".count) }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path == "/api/v2/customers/orders" { path += ".php" }
        if path == "/api/v2/customers/orders_by_id" { path += ".php" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let named = paths.first { $0.key == path }
        let templated = paths.first { candidate in
            let parts = candidate.key.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == segments.count
                && zip(parts, segments).allSatisfy { $0 == $1 || ($0.hasPrefix("{") && !$1.isEmpty) }
        }
        return (named ?? templated)?.value[method.lowercased()]
    }

    /// A `$ref` to a component schema, followed.
    static func resolve(_ schema: JSONValue) -> JSONValue {
        guard let reference = schema["$ref"]?.stringValue else { return schema }
        let name = reference.split(separator: "/").last.map(String.init) ?? ""
        return document["components"]?["schemas"]?[name] ?? .null
    }
}

/// Every request a scenario sent and the answer it got.
final class Recorder: Sendable {
    let exchanges = Mutex<[(APIRequest, APIResponse)]>([])
}

/// A host that records what passes through it.
final class RecordingHost: ScenarioHost {
    let inner: EngineScenarioHost
    let recorder: Recorder

    init(_ inner: EngineScenarioHost, recorder: Recorder) {
        self.inner = inner
        self.recorder = recorder
    }

    var firstToken: String { inner.firstToken }

    func send(_ request: APIRequest) throws -> APIResponse {
        let response = try inner.send(request)
        recorder.exchanges.withLock { $0.append((request, response)) }
        return response
    }

    func restart() throws { try inner.restart() }

    func close() { inner.close() }
}
