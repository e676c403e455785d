import Foundation
import SaleJSON

/// One QA scenario file: a fresh engine on a site fixture, a list of steps, and what each answer must show.
///
/// The file format is `docs/SCENARIOS.md`; ``Scenario/load(from:displayPath:)`` reads and checks one.
public struct Scenario: Sendable {
    /// The file as the user named it (paths in reports), such as `Fixtures/scenarios/create.json`.
    public var file: String
    /// The scenario's `name`.
    public var name: String
    /// The site fixture (`site`, resolved against the file's folder), or nil for the built-in default site.
    public var site: URL?
    /// The snapshot to start from (`state`, resolved against the file's folder), or nil for an empty store.
    public var state: URL?
    /// The engine clock's start (`now`), or nil to start at the real time.
    public var now: ScenarioTimestamp?
    /// The initial variables (`vars`), in the written order.
    public var variables: [(name: String, value: JSONValue)]
    /// The steps, in order.
    public var steps: [ScenarioStep]

    /// Makes a scenario.
    public init(
        file: String,
        name: String,
        site: URL? = nil,
        state: URL? = nil,
        now: ScenarioTimestamp? = nil,
        variables: [(name: String, value: JSONValue)] = [],
        steps: [ScenarioStep]
    ) {
        self.file = file
        self.name = name
        self.site = site
        self.state = state
        self.now = now
        self.variables = variables
        self.steps = steps
    }
}
