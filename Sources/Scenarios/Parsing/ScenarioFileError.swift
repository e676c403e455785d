/// A scenario file that cannot be run: it is missing, unreadable, not JSON, or not a valid scenario.
///
/// Every message starts with the file; a JSON problem gives the line and column (in characters) and the byte
/// offset, a scenario problem the JSON path and what was expected there.
public enum ScenarioFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A path given to run does not exist.
    case notFound(file: String)
    /// The file exists but cannot be read.
    case unreadable(file: String, reason: String)
    /// The file is not JSON: where the problem is (line and column in characters, and the byte offset) and what
    /// was expected there.
    case invalidJSON(file: String, position: TextPosition, offset: Int, expected: String)
    /// The file is JSON but not a valid scenario: the JSON path of the problem and what was expected there.
    case invalidScenario(file: String, path: String, problem: String)

    /// The file concerned, as the user named it.
    public var file: String {
        switch self {
        case .notFound(let file), .unreadable(let file, _), .invalidJSON(let file, _, _, _),
            .invalidScenario(let file, _, _):
            file
        }
    }

    /// `create.json: $.steps[2].request.method: expected a string, found a number`,
    /// `create.json: not valid JSON: line 39, column 5 (byte 1753): expected ',' or '}'`, and the like.
    public var description: String {
        switch self {
        case .notFound(let file): "\(file): no such file or folder"
        case .unreadable(let file, let reason): "\(file): cannot be read (\(reason))"
        case .invalidJSON(let file, let position, let offset, let expected):
            "\(file): not valid JSON: \(position) (byte \(offset)): expected \(expected)"
        case .invalidScenario(let file, let path, let problem): "\(file): \(path): \(problem)"
        }
    }
}
