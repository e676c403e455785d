import BitrixSale
import Foundation
import Scenarios
import Testing

/// One scenario file as a test argument: `@Test(arguments: ScenarioCases.load("Fixtures/scenarios"))`.
public struct ScenarioCase: Sendable, Hashable, CustomTestStringConvertible, CustomStringConvertible {
    /// The file.
    public var url: URL
    /// The path as reports and the test navigator show it (below the loaded folder).
    public var path: String

    /// Makes a case for one file.
    public init(url: URL, path: String) {
        self.url = url
        self.path = path
    }

    /// The path.
    public var testDescription: String { path }
    /// The path.
    public var description: String { path }

    /// Runs the scenario on a fresh engine of `site` (the host the command line uses).
    public func run(site: SiteConfiguration = .defaultSite) -> ScenarioRunReport {
        ScenarioRunner(makeHost: EngineScenarioHost.factory(defaultSite: site)).run(paths: [url.path])
    }

    /// Runs the scenario and records one issue with the report's text (every failing step, its problems and the
    /// body of the answer) when it fails or the file is invalid.
    @discardableResult
    public func expectPasses(
        site: SiteConfiguration = .defaultSite,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ScenarioRunReport {
        let report = run(site: site)
        if report.failedCount > 0 || !report.invalidFiles.isEmpty || report.passedCount == 0 {
            record("scenario \(path) did not pass:\n\(report.text)", sourceLocation)
        }
        return report
    }
}

/// Loads a folder of scenario files as test arguments.
public enum ScenarioCases {
    /// The `*.json` files below `folder`, recursively, sorted by path (hidden files skipped).
    ///
    /// A relative `folder` is looked up in the current directory, then in each folder above `filePath` (the
    /// calling test file), so `"Fixtures/scenarios"` finds the package's fixtures from any test target. A folder
    /// that cannot be found gives one case naming it, whose run reports the missing file.
    public static func load(_ folder: String, filePath: String = #filePath) -> [ScenarioCase] {
        guard let root = locate(folder, filePath: filePath) else {
            return [ScenarioCase(url: URL(fileURLWithPath: folder), path: folder)]
        }
        let enumerator = FileManager.default.enumerator(
            at: root,
            includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles]
        )
        var cases: [ScenarioCase] = []
        let prefix = root.standardizedFileURL.path + "/"
        while let file = enumerator?.nextObject() as? URL {
            guard file.pathExtension == "json",
                (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            else { continue }
            let full = file.standardizedFileURL.path
            let relative = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : file.lastPathComponent
            cases.append(ScenarioCase(url: file, path: folder + "/" + relative))
        }
        return cases.sorted { $0.path < $1.path }
    }

    static func locate(_ folder: String, filePath: String) -> URL? {
        var isFolder: ObjCBool = false
        if folder.hasPrefix("/") || FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            let url = URL(fileURLWithPath: folder)
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
                ? url : nil
        }
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(folder)
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }
}
