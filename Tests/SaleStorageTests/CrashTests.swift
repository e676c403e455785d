import BitrixSale
import Foundation
import TestSupport
import Testing

@testable import SaleStorage

#if canImport(Glibc)
import Glibc
#endif

/// A child process (`bitrix-emu load`) writing orders to a state folder is killed with SIGKILL at seeded random
/// moments; after each kill the folder reopens, every order the child acknowledged (printed `ok <id> <railway id>`)
/// is there, and the state verifies.
@Suite(.serialized) struct CrashTests {
    /// Starts `bitrix-emu load`, waits for `lines` acknowledgements (and a little more), kills it, and returns every
    /// `ok` line it printed before dying.
    func runAndKill(folder: URL, afterLines lines: Int, extraMicroseconds: Int) throws -> [(Int, Int)] {
        let process = Process()
        process.executableURL = try locateProduct()
        process.arguments = ["load", "--state", folder.path, "--count", "100000"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var data = Data()
        let reader = output.fileHandleForReading
        while data.reduce(0, { $0 + ($1 == 0x0A ? 1 : 0) }) < lines {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        if extraMicroseconds > 0 { usleep(UInt32(extraMicroseconds)) }
        kill(process.processIdentifier, SIGKILL)
        data.append(reader.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .compactMap { line in
                let parts = line.split(separator: " ")
                guard parts.count == 3, parts[0] == "ok", let id = Int(parts[1]), let railway = Int(parts[2]) else {
                    return nil
                }
                return (id, railway)
            }
    }

    @Test func everyAcknowledgedOrderSurvivesSIGKILL() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The folder exists before the first kill (a kill during creation is not an acknowledged state).
        try DurableOrderStore.open(folder: folder, options: .init(create: true)).close()
        var random = SeededGenerator(seed: 20_251_020)  // the kill points are the same on every run
        var acknowledged: [Int: Int] = [:]
        for trial in 0..<24 {
            let lines = random.next(below: 40)
            let extra = random.next(below: 3) == 0 ? 0 : random.next(below: 20_000)
            for (id, railway) in try runAndKill(folder: folder, afterLines: lines, extraMicroseconds: extra) {
                acknowledged[id] = railway
            }
            let store = try DurableOrderStore.open(folder: folder)
            let state = store.snapshot
            store.close()
            for (id, railway) in acknowledged {
                let order = try #require(state.orders[id], "trial \(trial): acknowledged order \(id) is missing")
                #expect(order.propertyValue(code: "RAILWAY_ORDER_ID") == String(railway))
            }
            #expect(state.verify(site: .defaultSite).isEmpty, "trial \(trial): \(state.verify(site: .defaultSite))")
        }
        #expect(acknowledged.count > 24)
    }
}
