import BitrixSale
import Foundation
import SaleStorage

extension Wiring {
    /// Opens an existing state folder (never creates one: a missing folder is an error, not an empty start);
    /// `readOnly` takes no lock and writes nothing, not even the repair of a torn last line.
    static func openExisting(_ path: String, readOnly: Bool = false, _ context: CommandContext) -> DurableOrderStore? {
        do {
            let store = try DurableOrderStore.open(
                folder: URL(fileURLWithPath: path),
                options: .init(create: false, readOnly: readOnly)
            )
            context.keepUntilExit(store)  // no teardown of the state at exit
            return store
        } catch {
            context.standardError.write("bitrix-emu: \(error)\n")
            return nil
        }
    }

    /// Loads `--site FILE`, or the built-in default site.
    static func loadSite(_ path: String?, _ context: CommandContext) -> SiteConfiguration? {
        guard let path else { return .defaultSite }
        do {
            return try SiteConfiguration.load(contentsOf: URL(fileURLWithPath: path))
        } catch {
            context.standardError.write("bitrix-emu: invalid site configuration\n\(error)\n")
            return nil
        }
    }

    static func stateVerify(_ command: StateVerifyCommand, _ context: CommandContext) async throws -> ExitCode {
        guard let site = loadSite(command.site, context) else { return .usage }
        guard let store = openExisting(command.$state, readOnly: true, context) else { return .failure }
        defer { store.close() }
        for warning in store.openingWarnings { context.standardError.write("warning: \(warning)\n") }
        let state = store.snapshot
        let problems = state.verify(site: site)
        for problem in problems { context.standardOutput.write("problem: \(problem)\n") }
        context.standardOutput.write(
            "\(state.orders.count) orders, \(state.users.count) customer accounts, \(state.products.count) run-time "
                + "products, \(state.idempotency.count) idempotency keys: "
                + (problems.isEmpty ? "sound\n" : "\(problems.count) problem(s)\n")
        )
        return problems.isEmpty ? .success : .failure
    }

    static func stateCompact(_ command: StateCompactCommand, _ context: CommandContext) async throws -> ExitCode {
        guard let store = openExisting(command.$state, context) else { return .failure }
        defer { store.close() }
        let before = store.statistics.journalBytes
        do {
            try store.compact()
        } catch {
            context.standardError.write("bitrix-emu: \(error)\n")
            return .failure
        }
        context.standardOutput.write(
            "compacted \(command.$state): journal \(before) → \(store.statistics.journalBytes) bytes, "
                + "\(store.snapshot.orders.count) orders in the snapshot\n"
        )
        return .success
    }

    static func stateExport(_ command: StateExportCommand, _ context: CommandContext) async throws -> ExitCode {
        guard let store = openExisting(command.$state, readOnly: true, context) else { return .failure }
        defer { store.close() }
        let bytes: [UInt8]
        do {
            bytes = try store.exportSnapshot()
        } catch {
            context.standardError.write("bitrix-emu: \(error)\n")
            return .failure
        }
        if let output = command.output {
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                context.standardError.write("bitrix-emu: cannot write \(output): \(error.localizedDescription)\n")
                return .failure
            }
        } else {
            context.standardOutput.write(String(decoding: bytes, as: UTF8.self))
        }
        return .success
    }
}
