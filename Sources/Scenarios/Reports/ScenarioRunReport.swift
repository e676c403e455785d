/// The results of a run over several files: scenarios that ran and files that could not.
public struct ScenarioRunReport: Sendable, Hashable {
    /// One entry per file, in the order the files were found.
    public var entries: [Entry]

    /// What became of one file.
    public enum Entry: Sendable, Hashable {
        /// The scenario ran.
        case scenario(ScenarioResult)
        /// The file could not be read or is not a valid scenario.
        case invalid(ScenarioFileError)
    }

    /// Makes a report.
    public init(entries: [Entry]) { self.entries = entries }

    /// The scenarios that ran.
    public var results: [ScenarioResult] {
        entries.compactMap { if case .scenario(let result) = $0 { result } else { nil } }
    }

    /// The files that could not run.
    public var invalidFiles: [ScenarioFileError] {
        entries.compactMap { if case .invalid(let error) = $0 { error } else { nil } }
    }

    /// How many scenarios passed.
    public var passedCount: Int { results.filter(\.passed).count }

    /// How many scenarios failed (invalid files are not counted here; see ``invalidFiles``).
    public var failedCount: Int { results.filter { !$0.passed }.count }

    /// How long the scenarios took, in all.
    public var duration: Duration { results.reduce(.zero) { $0 + $1.duration } }

    /// The process exit status: 2 when a file is invalid, else 1 when a scenario failed, else 0.
    public var exitStatus: Int32 {
        if !invalidFiles.isEmpty { return 2 }
        return failedCount > 0 ? 1 : 0
    }
}
