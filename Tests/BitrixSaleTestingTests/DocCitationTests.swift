import Foundation
import Testing

/// Every doc comment cites a file that is in the repository, and every section it cites exists there.
@Suite struct DocCitationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func swiftFiles() -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        for folder in ["Sources", "Tests"] {
            let base = root.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard url.pathExtension == "swift" else { continue }
                if let text = try? String(contentsOf: url, encoding: .utf8) {
                    files.append((url.path.replacingOccurrences(of: root.path + "/", with: ""), text))
                }
            }
        }
        return files
    }

    /// The comments of `text`, joined line by line (a citation may wrap).
    static func comments(_ text: String) -> String {
        text.split(separator: "\n")
            .compactMap { line in
                line.range(of: "//")
                    .map { String(line[$0.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "/ ")) }
            }
            .joined(separator: " ")
    }

    @Test func everyCitedDocsFileExists() throws {
        let files = Self.swiftFiles()
        #expect(files.count > 100)
        let pattern = try Regex(#"docs/([A-Za-z0-9_-]+\.md)"#)
        var cited: Set<String> = []
        for file in files {
            for match in Self.comments(file.text).matches(of: pattern) {
                let name = String(Self.comments(file.text)[match.range]).replacingOccurrences(of: "docs/", with: "")
                cited.insert(name)
                let exists = FileManager.default.fileExists(
                    atPath: Self.root.appendingPathComponent("docs/\(name)").path
                )
                #expect(exists, "\(file.path) cites docs/\(name), which is not in the repository")
            }
        }
        #expect(cited.contains("BITRIX-SEMANTICS.md"))
    }

    @Test func noCommentCitesTheSheetOutsideTheRepository() {
        for file in Self.swiftFiles() {
            let text = Self.comments(file.text)
            #expect(!text.contains("bitrix-semantics.md"), "\(file.path) cites bitrix-semantics.md")
            #expect(!text.contains("shared/spec"), "\(file.path) cites shared/spec")
        }
    }

    @Test func everyCitedSectionExists() throws {
        let sheet = try String(
            contentsOf: Self.root.appendingPathComponent("docs/BITRIX-SEMANTICS.md"),
            encoding: .utf8
        )
        let lines = sheet.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func exists(_ section: String) -> Bool {
            let parts = section.split(separator: ".").map(String.init)
            guard let chapter = parts.first else { return false }
            guard let start = lines.firstIndex(where: { $0.hasPrefix("## \(chapter). ") }) else { return false }
            guard parts.count > 1 else { return true }
            let item = parts[1]
            let rest = lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }
            return rest.contains { $0.hasPrefix("### \(chapter).\(item) ") || $0.hasPrefix("\(item). ") }
        }
        let citation = try Regex(
            #"BITRIX-SEMANTICS\.md (§[0-9.]+(?:[–-][0-9.]+)?(?:(?:, | and | or |/)§[0-9.]+(?:[–-][0-9.]+)?)*)"#
        )
        let section = try Regex(#"§([0-9]+(?:\.[0-9]+)?)"#)
        var checked = 0
        for file in Self.swiftFiles() {
            let text = Self.comments(file.text)
            for match in text.matches(of: citation) {
                for found in String(text[match.range]).matches(of: section) {
                    let name = String(String(text[match.range])[found.range].dropFirst())
                    checked += 1
                    #expect(exists(name), "\(file.path) cites §\(name), which docs/BITRIX-SEMANTICS.md does not have")
                }
            }
        }
        #expect(checked > 100)
    }
}
