import SaleJSON

/// One step of a scenario: a request with what its answer must show, a restart, or a clock advance.
public struct ScenarioStep: Sendable {
    /// The optional `name`, used in reports instead of `METHOD path`.
    public var name: String?
    /// What the step does.
    public var action: Action

    /// What a step does.
    public enum Action: Sendable {
        /// Sends a request; checks the answer against the expectation when there is one.
        case request(ScenarioRequest, expect: ScenarioExpectation?)
        /// `{"restart": true}`: drops the engine and reopens it from its persisted state.
        case restart
        /// `{"advance_clock": "P1D"}`: moves the scenario clock forward.
        case advanceClock(ScenarioDuration)
        /// `{"fault": {…rule…}}`: adds a fault rule to the emulated site (`POST /__emu/faults` with the rule as
        /// its body; docs/SCENARIOS.md, Control plane steps).
        case fault(JSONValue)
    }

    /// Makes a step.
    public init(name: String? = nil, action: Action) {
        self.name = name
        self.action = action
    }

    /// The step's name, or what it does: `POST /api/v2/orders/create`, `restart`, `advance_clock P1D`.
    public var title: String {
        if let name { return name }
        switch action {
        case .request(let request, _): return "\(request.method) \(request.path)"
        case .restart: return "restart"
        case .advanceClock(let duration): return "advance_clock \(duration)"
        case .fault: return "fault"
        }
    }
}
