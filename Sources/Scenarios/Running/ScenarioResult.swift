/// What happened to one scenario: a result per step.
public struct ScenarioResult: Sendable, Hashable {
    /// The file as the user named it.
    public var file: String
    /// The scenario's name.
    public var name: String
    /// One result per step, in order.
    public var steps: [StepResult]
    /// Remarks that do not fail the scenario, such as ``ScenarioRunner/noNowNotice``; reports show each one.
    public var notices: [String]
    /// How long the whole scenario took, host start and close included.
    public var duration: Duration

    /// Makes a result.
    public init(
        file: String,
        name: String,
        steps: [StepResult],
        notices: [String] = [],
        duration: Duration = .zero
    ) {
        self.file = file
        self.name = name
        self.steps = steps
        self.notices = notices
        self.duration = duration
    }

    /// Whether every step passed.
    public var passed: Bool { steps.allSatisfy { $0.outcome == .passed } }
}
