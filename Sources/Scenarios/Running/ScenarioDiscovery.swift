import Foundation

/// Finds the scenario files named by command-line paths.
enum ScenarioDiscovery {
    /// A file to run, or a path that does not exist.
    struct Found: Sendable, Hashable {
        /// The file (may not exist: loading then reports it).
        var url: URL
        /// The path as reports show it: the given path, joined with the path found below a folder.
        var displayPath: String
    }

    /// The files at `paths`, in the given order.
    ///
    /// A file is taken as is; a folder gives its `*.json` files, recursively, sorted by path (hidden files and
    /// folders skipped). A path that does not exist is kept, so that loading reports it.
    static func files(at paths: [String]) -> [Found] {
        var found: [Found] = []
        var seen: Set<String> = []
        for path in paths {
            var isFolder: ObjCBool = false
            let url = URL(fileURLWithPath: path)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                if seen.insert(url.standardizedFileURL.path).inserted {
                    found.append(Found(url: url, displayPath: path))
                }
                continue
            }
            var inFolder: [Found] = []
            let enumerator = FileManager.default.enumerator(
                at: url,
                includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles]
            )
            while let file = enumerator?.nextObject() as? URL {
                guard file.pathExtension == "json",
                    (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                else { continue }
                let relative = Self.relativePath(of: file, in: url)
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                inFolder.append(Found(url: file, displayPath: base + "/" + relative))
            }
            inFolder.sort { $0.displayPath.utf8.lexicographicallyPrecedes($1.displayPath.utf8) }
            for file in inFolder where seen.insert(file.url.standardizedFileURL.path).inserted {
                found.append(file)
            }
        }
        return found
    }

    private static func relativePath(of file: URL, in folder: URL) -> String {
        let folderComponents = folder.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let fileComponents = file.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        if fileComponents.starts(with: folderComponents) {
            return fileComponents.dropFirst(folderComponents.count).joined(separator: "/")
        }
        return file.lastPathComponent
    }
}
