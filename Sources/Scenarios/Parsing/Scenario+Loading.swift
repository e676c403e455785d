import Foundation

extension Scenario {
    /// Reads and checks the scenario file at `url`.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - displayPath: how reports name the file (default: its path).
    /// - Returns: the checked scenario.
    /// - Throws: ``ScenarioFileError`` naming the file and the problem (line and column, or JSON path).
    public static func load(from url: URL, displayPath: String? = nil) throws(ScenarioFileError) -> Scenario {
        let file = displayPath ?? url.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw .notFound(file: file)
        }
        guard !isFolder.boolValue else { throw .unreadable(file: file, reason: "it is a folder") }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: file, reason: error.localizedDescription)
        }
        return try parse(Array(data), file: file, folder: url.deletingLastPathComponent())
    }

    /// Parses scenario text already read.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes (UTF-8 JSON).
    ///   - file: how reports name the file.
    ///   - folder: the folder `site` and `state` are relative to.
    /// - Returns: the checked scenario.
    /// - Throws: ``ScenarioFileError`` naming `file` and the line and column or JSON path of the problem.
    public static func parse(_ bytes: [UInt8], file: String, folder: URL) throws(ScenarioFileError) -> Scenario {
        try ScenarioParser(file: file, folder: folder).parse(bytes)
    }
}
