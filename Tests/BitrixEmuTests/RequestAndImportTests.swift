import BitrixSale
import Foundation
import SaleStorage
import Testing

@testable import bitrix_emu

/// `request` written like curl, `--now`, and `state import` with the starting-state recipe of docs/SCENARIOS.md.
@Suite struct RequestAndImportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seed = root.appendingPathComponent("Fixtures/payloads/seed.json").path
    static let now = "2025-10-20T10:00:00+05:00"

    /// A fresh folder under the temporary directory, removed by `body`'s end.
    func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emu-dx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    @Test func aCurlLineCreatesAnOrderAndNowDecidesWhatIsInThePast() async throws {
        try await withFolder { folder in
            let state = folder.appendingPathComponent("s").path
            let created = await runInProcess([
                "request", "--state", state, "--init", "--now", Self.now, "-s", "-X", "POST", "-H",
                "Content-Type: application/json", "-d", "@\(Self.seed)", "http://localhost:8080/api/v2/orders/create",
            ])
            #expect(created.code == .success, "\(created.stderr)")
            #expect(created.stdout.hasPrefix(#"{"success":true,"bitrix_order_id":1,"railway_order_id":123,"#))
            let detail = await runInProcess(["request", "--state", state, "-i", "https://shop.example/api/v2/orders/1"])
            #expect(detail.stdout.hasPrefix("HTTP/1.1 200 OK\r\n"))
            // The order was made at `--now`, not at the real time.
            #expect(detail.stdout.contains(#""date_insert":"2025-10-20T10:00:00+05:00""#))
            // The seed's delivery date (2030-10-21) is in the past for a clock standing in 2031.
            let late = await runInProcess([
                "request", "--now", "2031-01-01T00:00:00+05:00", "-d", "@\(Self.seed)", "/api/v2/orders/create",
            ])
            #expect(late.code == .failure)
            #expect(late.stdout.contains(#""code":"in_past""#))
        }
    }

    @Test func aMissingBodyFileIsNamed() async {
        let result = await runInProcess(["request", "-d", "@/nonexistent/body.json", "/api/v2/orders/create"])
        #expect(result.code == .usage)
        #expect(
            result.stderr == "bitrix-emu: cannot read the body file /nonexistent/body.json: expected a regular file\n"
        )
    }

    /// The recipe of docs/SCENARIOS.md ("Starting states") gives exactly the state of the recipe fixture.
    ///
    /// Create orders through the API at a fixed `--now`, export, mark a payment paid and a shipment shipped by hand,
    /// `state import --edited`: the state equals `Fixtures/states/paid-and-shipped-recipe.json`, and its orders then
    /// refuse deletion.
    @Test func theStartingStateRecipeGivesTheFixtureAndItsOrdersRefuseDeletion() async throws {
        try await withFolder { folder in
            let made = folder.appendingPathComponent("made").path
            let second = folder.appendingPathComponent("seed-124.json")
            let seedText = try String(contentsOfFile: Self.seed, encoding: .utf8)
            try seedText.replacingOccurrences(of: #""railway_order_id": 123"#, with: #""railway_order_id": 124"#)
                .write(to: second, atomically: true, encoding: .utf8)
            for body in [Self.seed, second.path] {
                let created = await runInProcess([
                    "request", "--state", made, "--init", "--now", Self.now, "-d", "@\(body)", "/api/v2/orders/create",
                ])
                #expect(created.code == .success, "\(created.stdout)\(created.stderr)")
            }
            let exported = folder.appendingPathComponent("export.json")
            #expect(await runInProcess(["state", "export", "--state", made, "-o", exported.path]).code == .success)

            // The hand edit: each order is one line of the export.
            let lines = try String(contentsOf: exported, encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            let edited =
                lines.map { line -> String in
                    var line = String(line)
                    if line.hasPrefix(#"      {"accountNumber":"1","#) {
                        line = line.replacingOccurrences(
                            of: #""paySystemName":"#,
                            with: #""paid":true,"datePaid":"2025-10-20T05:30:00.000Z","paySystemName":"#
                        )
                    }
                    if line.hasPrefix(#"      {"accountNumber":"2","#) {
                        line =
                            line.replacingOccurrences(
                                of: #""customPriceDelivery":true,"#,
                                with: #""customPriceDelivery":true,"deducted":true,"#
                            )
                            .replacingOccurrences(of: #""statusId":"DN""#, with: #""statusId":"DF""#)
                    }
                    return line
                }
                .joined(separator: "\n")
            let editedFile = folder.appendingPathComponent("edited.json")
            try edited.write(to: editedFile, atomically: true, encoding: .utf8)
            #expect(edited.contains(#""paid":true"#) && edited.contains(#""deducted":true"#))

            let imported = folder.appendingPathComponent("imported").path
            let refused = await runInProcess(["state", "import", editedFile.path, "--state", imported])
            #expect(refused.code == .failure)
            #expect(refused.stderr.contains("crc32"))
            #expect(refused.stderr.hasSuffix("(a document edited by hand is imported with --edited)\n"))
            #expect(!FileManager.default.fileExists(atPath: imported))

            let accepted = await runInProcess(["state", "import", editedFile.path, "--state", imported, "--edited"])
            #expect(accepted.code == .success, "\(accepted.stdout)\(accepted.stderr)")
            #expect(
                accepted.stdout.hasSuffix(": 2 orders, 1 customer accounts, 0 run-time products, 2 idempotency keys\n")
            )

            let fixture = Self.root.appendingPathComponent("Fixtures/states/paid-and-shipped-recipe.json").path
            let store = try DurableOrderStore.open(folder: URL(fileURLWithPath: imported))
            let state = store.snapshot
            store.close()
            #expect(state == (try SnapshotFile.read(from: fixture)))

            let paid = await runInProcess([
                "request", "--state", imported, "-X", "DELETE", "/api/v2/orders/delete/?id=1",
            ])
            #expect(
                paid.stdout.hasPrefix(#"{"success":false,"error":"Order 1 cannot be deleted: it has a paid payment""#)
            )
            let shipped = await runInProcess([
                "request", "--state", imported, "-d", #"{"id": 2}"#, "/api/v2/orders/delete/",
            ])
            #expect(
                shipped.stdout.hasPrefix(
                    #"{"success":false,"error":"Order 2 cannot be deleted: it has a shipped shipment""#
                )
            )

            let again = await runInProcess(["state", "import", fixture, "--state", imported])
            #expect(again.code == .failure)
            #expect(again.stderr.hasSuffix("already holds a state (snapshot.json); import needs a new folder\n"))
        }
    }

    @Test(arguments: ["paid-and-shipped.json", "paid-and-shipped-recipe.json"])
    func theStateFixturesImportAsTheyAre(name: String) async throws {
        try await withFolder { folder in
            let fixture = Self.root.appendingPathComponent("Fixtures/states/\(name)").path
            let target = folder.appendingPathComponent("s").path
            let result = await runInProcess(["state", "import", fixture, "--state", target])
            #expect(result.code == .success, "\(result.stderr)")
            #expect(await runInProcess(["state", "verify", "--state", target]).code == .success)
        }
    }

    @Test func anEditThatBreaksAnInvariantIsRefusedAndNothingIsWritten() async throws {
        try await withFolder { folder in
            let fixture = Self.root.appendingPathComponent("Fixtures/states/paid-and-shipped-recipe.json")
            // Both orders claim account number 1.
            let text = try String(contentsOf: fixture, encoding: .utf8)
                .replacingOccurrences(of: #"{"accountNumber":"2","#, with: #"{"accountNumber":"1","#)
            let broken = folder.appendingPathComponent("broken.json")
            try text.write(to: broken, atomically: true, encoding: .utf8)
            let target = folder.appendingPathComponent("s").path
            let result = await runInProcess(["state", "import", broken.path, "--state", target, "--edited"])
            #expect(result.code == .failure)
            #expect(result.stdout.hasPrefix("problem: "))
            #expect(result.stdout.contains("account number"))
            #expect(result.stderr.hasSuffix("the state is not sound (1 problem(s)); nothing was written\n"))
            #expect(!FileManager.default.fileExists(atPath: target))

            let notAState = folder.appendingPathComponent("x.json")
            try #"{"payload": {"orders": 5}}"#.write(to: notAState, atomically: true, encoding: .utf8)
            let refused = await runInProcess(["state", "import", notAState.path, "--state", target, "--edited"])
            #expect(refused.code == .failure)
            #expect(refused.stderr.hasPrefix("bitrix-emu: \(notAState.path): $.payload"))
        }
    }
}
