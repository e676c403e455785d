import Foundation

/// A fresh folder under the system's temporary folder, removed by ``remove()`` or when released.
///
/// Meant for a ``ScenarioHost``'s state folder: each scenario runs on its own.
public final class TemporaryFolder: Sendable {
    /// The folder.
    public let url: URL

    /// Creates a new, empty folder named `prefix` plus a unique suffix.
    public init(prefix: String = "bitrix-scenario") throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        self.url = url
    }

    /// Removes the folder and everything in it (nothing happens when it is already gone).
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    deinit { remove() }
}
