import BitrixSale
import Foundation
import TestSupport
import Testing

@testable import SaleStorage

#if canImport(Glibc)
import Glibc
#endif

/// A child process (`bitrix-emu load`) writing orders to a state folder dies by SIGKILL at seeded kill points that
/// are exact calls, not moments: `BITRIX_EMU_CRASH_AT=write:N` kills it halfway through its N-th write to the
/// journal (a torn line), `sync:N` just before its N-th flush, so every run on every machine crashes at the same
/// places. After each death the folder reopens, every order the child acknowledged (printed
/// `ok <id> <railway id>`) is there, and the state verifies.
@Suite(.serialized) struct CrashTests {
    /// Runs `bitrix-emu load` until it kills itself at `crashAt`, and returns every `ok` line it printed.
    func runUntilCrash(folder: URL, crashAt: String) throws -> [(Int, Int)] {
        let process = Process()
        process.executableURL = try locateProduct()
        process.arguments = ["load", "--state", folder.path, "--count", "100000"]
        var environment = ProcessInfo.processInfo.environment
        environment["BITRIX_EMU_CRASH_AT"] = crashAt
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "\(crashAt): the child did not die at its kill point")
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .compactMap { line in
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[0] == "ok", let id = Int(parts[1]), let railway = Int(parts[2]) else {
                    return nil
                }
                return (id, railway)
            }
    }

    @Test func everyAcknowledgedOrderSurvivesSIGKILLAtExactKillPoints() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The folder exists before the first kill (a kill during creation is not an acknowledged state).
        try DurableOrderStore.open(folder: folder, options: .init(create: true)).close()
        var random = SeededGenerator(seed: 20_251_020)  // the kill points are the same on every run
        var acknowledged: [Int: Int] = [:]
        for trial in 0..<16 {
            let crashAt = "\(random.next(below: 2) == 0 ? "write" : "sync"):\(1 + random.next(below: 40))"
            let printed = try runUntilCrash(folder: folder, crashAt: crashAt)
            for (id, railway) in printed { acknowledged[id] = railway }
            let store = try DurableOrderStore.open(folder: folder)
            let state = store.snapshot
            store.close()
            for (id, railway) in acknowledged {
                let order = try #require(state.orders[id], "trial \(trial) (\(crashAt)): order \(id) is missing")
                #expect(order.propertyValue(code: "RAILWAY_ORDER_ID") == String(railway))
            }
            #expect(state.verify(site: .defaultSite).isEmpty, "trial \(trial): \(state.verify(site: .defaultSite))")
        }
        #expect(acknowledged.count > 16)
    }
}
