import BitrixSale
import Foundation
import SaleHTTP
import SaleStorage
import SiteAPI
import Testing

/// The code of the guide "Embedding in a service" (BitrixSaleTesting.docc/EmbeddingInAService.md), on a temporary
/// state folder: if this breaks, the guide is wrong.
@Suite struct EmbeddingGuideTests {
    @Test func theGuidesServiceAnswersAndKeepsItsOrdersAcrossARestart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("embedding-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let headers = [HeaderField("Authorization", "Bearer dev-token-NOT-A-SECRET")]
        do {
            let store = try DurableOrderStore.open(folder: folder, options: .init(create: true))
            defer { store.close() }
            let engine = try SaleEngine(store: store)
            let api = try SiteAPI(engine: engine)
            let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Fixtures/payloads/seed.json")
            let body = Array(try Data(contentsOf: seed))
            let created = api.handle(
                APIRequest(method: "POST", target: "/api/v2/orders/create", headers: headers, body: body)
            )
            #expect((200..<300).contains(created.status), "\(String(decoding: created.body, as: UTF8.self))")
        }
        let store = try DurableOrderStore.open(folder: folder, options: .init(create: true))
        defer { store.close() }
        let api = try SiteAPI(engine: try SaleEngine(store: store))
        let response = api.handle(APIRequest(method: "GET", target: "/api/v2/orders?limit=1", headers: headers))
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 200, "\(text)")
        #expect(text.contains(#""account_number":"1""#), "\(text)")
    }
}
