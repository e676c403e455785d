import BitrixSale
import Foundation
import SaleJSON
import SaleStorage

extension Wiring {
    static func stateImport(_ command: StateImportCommand, _ context: CommandContext) async throws -> ExitCode {
        guard let site = loadSite(command.site, context) else { return .usage }
        guard let file = command.file, let folderPath = command.state else { return .usage }
        let folder = URL(fileURLWithPath: folderPath)
        let fileManager = FileManager.default
        for name in ["snapshot.json", "journal.jsonl"]
        where fileManager.fileExists(atPath: folder.appendingPathComponent(name).path) {
            context.standardError.write(
                "bitrix-emu: \(folderPath) already holds a state (\(name)); import needs a new folder\n"
            )
            return .failure
        }
        let state: StoreState
        do {
            state = try readDocument(file, edited: command.edited)
        } catch let problem as ImportProblem {
            context.standardError.write("bitrix-emu: \(file): \(problem)\n")
            return .failure
        } catch {
            let text = "\(error)"
            let hint = text.contains("crc32") ? " (a document edited by hand is imported with --edited)" : ""
            context.standardError.write("bitrix-emu: \(text)\(hint)\n")
            return .failure
        }
        let problems = state.verify(site: site)
        guard problems.isEmpty else {
            for problem in problems { context.standardOutput.write("problem: \(problem)\n") }
            context.standardError.write(
                "bitrix-emu: \(file): the state is not sound (\(problems.count) problem(s)); nothing was written\n"
            )
            return .failure
        }
        // The store is created from a canonical file: the document as it is when unedited, else re-encoded (which
        // also writes the right checksum).
        let canonical = fileManager.temporaryDirectory.appendingPathComponent("bitrix-import-\(UUID().uuidString).json")
        defer { try? fileManager.removeItem(at: canonical) }
        do {
            try SnapshotFile.write(state, to: canonical.path)
            let store = try DurableOrderStore.create(folder: folder, from: canonical)
            store.close()
        } catch {
            context.standardError.write("bitrix-emu: \(error)\n")
            return .failure
        }
        context.standardOutput.write(
            "imported \(file) into \(folderPath): \(state.orders.count) orders, \(state.users.count) customer "
                + "accounts, \(state.products.count) run-time products, \(state.idempotency.count) idempotency keys\n"
        )
        return .success
    }

    /// The state of a snapshot document: checked whole (checksum included), or, when `edited`, decoded from its
    /// `payload` without the checksum.
    private static func readDocument(_ path: String, edited: Bool) throws -> StoreState {
        guard edited else { return try SnapshotFile.read(from: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportProblem("cannot be read")
        }
        let document: JSONValue
        do {
            document = try JSONParser(maxDepth: 128).parse(Array(data))
        } catch {
            throw ImportProblem("not valid JSON: \(error)")
        }
        guard let payload = document["payload"] else {
            throw ImportProblem("$.payload: expected the state object, the key is missing")
        }
        do {
            return try StateCodec.state(from: payload)
        } catch {
            // The codec's paths start at the payload (`$.orders[0]…`); the document's at its root.
            throw ImportProblem("$.payload\(error.path.dropFirst()): \(error.message)")
        }
    }

    /// Why a document cannot be imported.
    private struct ImportProblem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
