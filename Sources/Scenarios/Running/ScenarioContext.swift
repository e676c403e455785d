import Foundation

/// What a host needs to set up the engine for one scenario.
public struct ScenarioContext: Sendable {
    /// The scenario being run.
    public var scenario: Scenario
    /// The site fixture file, or nil for the built-in default site.
    public var site: URL? { scenario.site }
    /// The snapshot file to start from, or nil for an empty store.
    public var state: URL? { scenario.state }
    /// The scenario clock: give ``ScenarioClock/now`` to the engine; it survives a restart.
    public var clock: ScenarioClock

    /// Makes a context.
    public init(scenario: Scenario, clock: ScenarioClock) {
        self.scenario = scenario
        self.clock = clock
    }
}
