import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON
import SiteAPI

extension Wiring {
    static func load(_ command: LoadCommand, _ context: CommandContext) async throws -> ExitCode {
        let site = SiteConfiguration.defaultSite
        guard
            let (api, engine, store) = startAPI(
                state: command.state,
                site: site,
                create: true,
                initialize: command.initialize,
                context
            )
        else { return .failure }
        defer {
            if let error = store?.close() {
                context.standardError.write("warning: compacting on close failed (the journal is intact): \(error)\n")
            }
        }
        let start = command.startRailwayID ?? (engine.store.lastId(.order) + 1)
        var generator = PayloadGenerator(seed: command.seed ?? 1, site: site, now: engine.clock.now())
        let token = site.apiTokens.first ?? ""
        var created = 0
        var failed = 0
        let writer = JSONWriter()
        for index in 0..<command.$count {
            let railwayId = start + index
            let body = writer.bytes(generator.payload(railwayOrderId: railwayId))
            let response = api.handle(
                APIRequest(
                    method: "POST",
                    target: "/api/v2/orders/create",
                    headers: [
                        HeaderField("Authorization", "Bearer \(token)"),
                        HeaderField("Content-Type", "application/json"),
                    ],
                    body: body
                )
            )
            let answer = try? JSONParser().parse(response.body)
            if response.status == 200, let id = answer?["bitrix_order_id"]?.numberValue?.int {
                context.standardOutput.write("ok \(id) \(railwayId)\n")
                created += 1
            } else {
                failed += 1
                context.standardError.write(
                    "failed \(railwayId): \(response.status) \(String(decoding: response.body, as: UTF8.self))\n"
                )
            }
            if (index + 1) % 1000 == 0 { context.standardError.write("\(index + 1)/\(command.$count)\n") }
        }
        context.standardError.write("\(created) orders created, \(failed) failed\n")
        if let error = store?.statistics.lastCompactionError {
            context.standardError.write("warning: the last automatic compaction failed: \(error)\n")
        }
        return failed == 0 ? .success : .failure
    }
}
