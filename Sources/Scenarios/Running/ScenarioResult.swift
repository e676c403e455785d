/// What happened to one scenario: a result per step.
public struct ScenarioResult: Sendable, Hashable {
    /// The file as the user named it.
    public var file: String
    /// The scenario's name.
    public var name: String
    /// One result per step, in order.
    public var steps: [StepResult]

    /// Makes a result.
    public init(file: String, name: String, steps: [StepResult]) {
        self.file = file
        self.name = name
        self.steps = steps
    }

    /// Whether every step passed.
    public var passed: Bool { steps.allSatisfy { $0.outcome == .passed } }
}
