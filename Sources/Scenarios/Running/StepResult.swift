/// What happened to one step of a scenario.
public struct StepResult: Sendable, Hashable {
    /// The step's position, from 1.
    public var number: Int
    /// The step's `name`, if it has one.
    public var name: String?
    /// The step's name, or what it does (`POST /api/v2/orders/create`, `restart`, `advance_clock P1D`).
    public var title: String
    /// Whether it passed, failed (and why) or was skipped.
    public var outcome: Outcome
    /// The body of the answer when the step's expectation failed: whitespace trimmed, cut after
    /// ``ResponseExcerpt/limit`` characters, secrets redacted; nil when the step passed or got no answer.
    public var responseBody: String?
    /// How long the step took (zero for a skipped step).
    public var duration: Duration

    /// The outcome of a step.
    public enum Outcome: Sendable, Hashable {
        /// The step did what it should.
        case passed
        /// The step failed: one readable line per problem (`$.data.status: expected "N", got "P"`).
        case failed([String])
        /// An earlier step of the scenario failed, so this one was not run.
        case skipped
    }

    /// Makes a result.
    public init(
        number: Int,
        name: String?,
        title: String,
        outcome: Outcome,
        responseBody: String? = nil,
        duration: Duration = .zero
    ) {
        self.number = number
        self.name = name
        self.title = title
        self.outcome = outcome
        self.responseBody = responseBody
        self.duration = duration
    }

    /// The name reports give the step: its `name`, else `step N: METHOD path` (or `step N: restart`, …).
    public var displayName: String { name ?? "step \(number): \(title)" }
}
