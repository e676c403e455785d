import BitrixSale
import Foundation
import SaleStorage
import TestSupport
import Testing

/// Every command of the built `bitrix-emu`, run as a child process: stdout, stderr and exit status.
@Suite struct CommandsEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("emu-e2e-\(UUID().uuidString)")
    }

    @Test func scenarioRunPassesTheFixturesAndWritesJUnit() async throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let junit = folder.appendingPathComponent("report.xml")
        let run = try await runBinary(
            ["scenario", "run", "Fixtures/scenarios", "--junit", junit.path],
            workingDirectory: Self.root
        )
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasSuffix(" passed, 0 failed\n"))
        #expect(run.stdout.contains("PASS Fixtures/scenarios/01-create-list-detail.json"))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("<testsuite"))
        #expect(xml.contains("01-create-list-detail.json"))
    }

    @Test func scenarioRunExits1OnAFailureAnd2OnAnInvalidFile() async throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let failing = folder.appendingPathComponent("failing.json")
        try Data(
            #"{"name": "fails", "steps": [{"request": {"method": "GET", "path": "/api/v2/orders"}, "expect": {"status": 200}}]}"#
                .utf8
        )
        .write(to: failing)
        let failed = try await runBinary(["scenario", "run", failing.path])
        #expect(failed.status == 1)
        // No token was sent: the step fails on the status, shows the answer's body, and the scenario (no "now")
        // carries the notice.
        #expect(failed.stdout.contains("    status: expected 200, got 401\n"))
        #expect(failed.stdout.contains(#"    body: {"success":false,"error":"Unauthorized"}"# + "\n"))
        #expect(failed.stdout.contains("  NOTE no \"now\": the clock starts at the real time"))
        #expect(failed.stdout.hasSuffix("0 passed, 1 failed\n"))

        let invalid = folder.appendingPathComponent("invalid.json")
        try Data(#"{"name": "bad", "steps": [{"request": {"method": 5, "path": "/x"}}]}"#.utf8).write(to: invalid)
        let broken = folder.appendingPathComponent("broken.json")
        try Data("{\n  \"name\": \"Заказ\"\n  \"steps\": []\n}".utf8).write(to: broken)
        let refused = try await runBinary(["scenario", "run", invalid.path, broken.path, failing.path])
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("invalid.json"))
        #expect(refused.stdout.contains("$.steps[0].request.method"))
        #expect(refused.stdout.contains("broken.json: not valid JSON: line 3, column 3 (byte 27): expected ',' or '}'"))
        #expect(refused.stdout.hasSuffix("2 files invalid (not run)\n0 passed, 1 failed\n"))
    }

    @Test func requestCreatesReadsAndShowsHeadersOnAStateFolder() async throws {
        let state = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let seed = Self.root.appendingPathComponent("Fixtures/payloads/seed.json").path
        let mistyped = try await runBinary(
            ["request", "--state", state.path, "POST", "/api/v2/orders/create", "--body", "@\(seed)"]
        )
        #expect(mistyped.status == 1)
        #expect(mistyped.stderr.contains("\(state.path): expected a state folder, found nothing at this path"))
        #expect(mistyped.stderr.contains("--init"))
        #expect(!FileManager.default.fileExists(atPath: state.path))
        let created = try await runBinary(
            ["request", "--state", state.path, "--init", "POST", "/api/v2/orders/create", "--body", "@\(seed)"]
        )
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix(#"{"success":true,"bitrix_order_id":1,"railway_order_id":123"#))
        let detail = try await runBinary(["request", "--state", state.path, "--include", "GET", "/api/v2/orders/1"])
        #expect(detail.status == 0)
        #expect(detail.stdout.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(detail.stdout.contains("Content-Type: application/json; charset=UTF-8\r\n"))
        #expect(detail.stdout.contains(#""account_number":"1""#))
        let unauthorized = try await runBinary(["request", "--state", state.path, "--no-auth", "GET", "/api/v2/orders"])
        #expect(unauthorized.status == 1)
        #expect(unauthorized.stdout == #"{"success":false,"error":"Unauthorized"}"# + "\n")
    }

    @Test func requestReachesTheControlPlaneThroughTheSiteFacade() async throws {
        let state = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let seed = Self.root.appendingPathComponent("Fixtures/payloads/seed.json").path
        _ = try await runBinary([
            "request", "--state", state.path, "--init", "POST", "/api/v2/orders/create", "--body", "@\(seed)",
        ])
        let health = try await runBinary(["request", "--state", state.path, "GET", "/__emu/health"])
        #expect(health.status == 0, "\(health.stderr)")
        #expect(health.stdout == #"{"status":"ok","orders":1,"durable":true,"version":"0.1.0"}"# + "\n")
        let reset = try await runBinary(["request", "--state", state.path, "POST", "/__emu/reset"])
        #expect(reset.stdout == #"{"status":"reset","orders":0}"# + "\n")
        let rest = try await runBinary([
            "request", "--state", state.path, "GET", "/rest/1/dev-webhook-NOT-A-SECRET/sale.order.list",
        ])
        #expect(rest.status == 0, "\(rest.stdout)")
        #expect(rest.stdout.hasPrefix(#"{"result":{"orders":[]},"total":0,"time":{"#))
    }

    @Test func loadPrintsOneOkLinePerAcknowledgedCreateAndStateCommandsWork() async throws {
        let state = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let load = try await runBinary(["load", "--state", state.path, "--count", "25", "--seed", "7"])
        #expect(load.status == 0, "\(load.stderr)")
        let lines = load.stdout.split(separator: "\n")
        #expect(lines.count == 25)
        #expect(lines.first == "ok 1 1")
        #expect(lines.last == "ok 25 25")
        #expect(load.stderr.contains("25 orders created, 0 failed"))

        let verify = try await runBinary(["state", "verify", "--state", state.path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("25 orders"))
        #expect(verify.stdout.hasSuffix("sound\n"))

        let site = Self.root.appendingPathComponent("Fixtures/sites/default.json").path
        let verifiedWithSite = try await runBinary(["state", "verify", "--state", state.path, "--site", site])
        #expect(verifiedWithSite.status == 0, "\(verifiedWithSite.stderr)")
        let badSite = try await runBinary(["state", "verify", "--state", state.path, "--site", "/nonexistent.json"])
        #expect(badSite.status == 2)
        #expect(badSite.stderr.contains("/nonexistent.json"))

        let compact = try await runBinary(["state", "compact", "--state", state.path])
        #expect(compact.status == 0, "\(compact.stderr)")
        #expect(compact.stdout.hasPrefix("compacted "))

        let exported = state.appendingPathComponent("export.json")
        let export = try await runBinary(["state", "export", "--state", state.path, "--output", exported.path])
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOf: exported, encoding: .utf8)
        #expect(
            text.hasPrefix("{\n  \"format\": \"bitrix-order-engine/state\",\n  \"version\": 2,\n  \"sequence\": 0,")
        )
        let again = try await runBinary(["state", "export", "--state", state.path])
        #expect(again.stdout == text)

        let more = try await runBinary(["load", "--state", state.path, "--count", "2"])
        #expect(more.stdout == "ok 26 26\nok 27 27\n")
    }

    @Test func stateCommandsRefuseAMissingOrDamagedFolder() async throws {
        let state = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let missing = try await runBinary(["state", "verify", "--state", state.path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains(state.path))
        _ = try await runBinary(["load", "--state", state.path, "--count", "3"])
        let journal = state.appendingPathComponent("journal.jsonl")
        var bytes = try Data(contentsOf: journal)
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: journal)
        let damaged = try await runBinary(["state", "verify", "--state", state.path])
        #expect(damaged.status == 1)
        #expect(damaged.stderr.contains("journal.jsonl"))
        #expect(try Data(contentsOf: journal) == bytes)  // never rewritten
    }

    @Test func readersRunBesideAWriterAndNeverRepair() async throws {
        let state = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        _ = try await runBinary(["load", "--state", state.path, "--count", "3"])
        // A torn last line (a crash mid-append), and a writer holding the folder's lock.
        let journal = state.appendingPathComponent("journal.jsonl")
        var torn = try Data(contentsOf: journal)
        let dataEnd = try #require(torn.firstIndex(of: 0))  // the preallocated journal's NUL padding starts there
        torn.replaceSubrange(dataEnd..<(dataEnd + 17), with: Data(#"{"seq":4,"crc32":"#.utf8))
        try torn.write(to: journal)
        let writer = try DurableOrderStore.open(folder: state)  // cuts the torn line away: put it back
        defer { writer.close() }
        try torn.write(to: journal)
        let list = try await runBinary(["request", "--state", state.path, "GET", "/api/v2/orders?limit=1"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains(#""total":3"#))
        let verify = try await runBinary(["state", "verify", "--state", state.path])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stderr.contains("ignored (read-only, file left as it is)"))
        let export = try await runBinary(["state", "export", "--state", state.path])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try Data(contentsOf: journal) == torn)  // never repaired by a reader
        // A writer is refused while the lock is held.
        let load = try await runBinary(["load", "--state", state.path, "--count", "1"])
        #expect(load.status == 1)
        #expect(load.stderr.contains("is locked by process"))
    }

    @Test func aFolderThatLostItsStateFilesIsAnErrorUnlessInitIsGiven() async throws {
        let state = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        _ = try await runBinary(["load", "--state", state.path, "--count", "2"])
        try FileManager.default.removeItem(at: state.appendingPathComponent("journal.jsonl"))
        let refused = try await runBinary(["load", "--state", state.path, "--count", "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("found a folder without state files"))
        #expect(refused.stdout.isEmpty)
        let fresh = try await runBinary(["load", "--state", state.path, "--init", "--count", "1"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout == "ok 1 1\n")
        let journal = try FileManager.default.attributesOfItem(
            atPath: state.appendingPathComponent("journal.jsonl").path
        )
        #expect((journal[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aBodyFileIsCheckedBySizeBeforeItIsRead() async throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big.json")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 3 << 30)  // a sparse 3 GiB file: reading it would take seconds and memory
        try handle.close()
        let run = try await runBinary(["request", "POST", "/api/v2/orders/create", "--body", "@\(big.path)"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is 3221225472 bytes; expected at most 1048576"))
    }
}
