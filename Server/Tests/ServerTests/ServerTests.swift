import Foundation
import SaleJSON
import Synchronization
import Testing

@Suite(.serialized) struct ServerTests {
    @Test func theSeedsThreeCurlCommandsRunVerbatim() throws {
        let server = try ServerProcess(["--now", now])
        #expect(server.baseURL.hasPrefix("http://127.0.0.1:"))
        // The seed's commands (seed-order-endpoints-findings.md, "Тестирование"), the host and token replaced.
        let create = try shell(
            """
            curl -X POST "\(server.baseURL)/api/v2/orders/create?access_token=\(token)" \\
              -H "Content-Type: application/json" \\
              -d '{
                "railway_order_id": 999,
                "customer_name": "Test User",
                "customer_phone": "+77015211545",
                "delivery_address": "Test Address",
                "delivery_date": "2025-10-21",
                "delivery_time": "14:00-16:00",
                "items": [{"product_id": 5, "quantity": 1, "price": 15000}],
                "total_amount": 15000
              }'
            """
        )
        let created = try JSONParser().parse(Array(create.output.utf8).drop { $0 != UInt8(ascii: "{") })
        #expect(created["success"] == .bool(true))
        #expect(created["railway_order_id"] == .int(999))
        let id = try #require(created["bitrix_order_id"]?.numberValue?.int)
        let list = try shell(#"curl "\#(server.baseURL)/api/v2/orders?access_token=\#(token)&limit=1""#)
        #expect(list.output.contains(#""id":\#(id),"#))
        #expect(list.output.contains(#""total":1,"#))
        let detail = try shell(#"curl "\#(server.baseURL)/api/v2/orders/\#(id)?access_token=\#(token)""#)
        #expect(detail.output.contains(#""RAILWAY_ORDER_ID":"999""#))
        #expect(detail.output.contains(#""date_insert":"2025-10-20T10:00:00+05:00""#))
        #expect(server.stop() == 0)
        // One access-log line per request, the token redacted.
        let log = server.standardError
        #expect(!log.contains(token))
        #expect(log.contains("POST /api/v2/orders/create?access_token=*** 200 "))
        #expect(log.contains("GET /api/v2/orders/\(id)?access_token=*** 200 "))
    }

    @Test func aLargeBodyIs401Before413AndNeverA500() throws {
        let server = try ServerProcess(["--now", now])
        let big = temporaryPath("big-body")
        try Data(repeating: UInt8(ascii: "a"), count: 3 << 20).write(to: URL(fileURLWithPath: big))
        defer { try? FileManager.default.removeItem(atPath: big) }
        let anonymous = try curl(["-X", "POST", "--data-binary", "@\(big)", "\(server.baseURL)/api/v2/orders/create"])
        #expect(anonymous.status == 401)
        let authorised = try curl([
            "-X", "POST", "--data-binary", "@\(big)", "\(server.baseURL)/api/v2/orders/create?access_token=\(token)",
        ])
        #expect(authorised.status == 413)
        #expect(authorised.body.contains("the limit is 1048576"))
        let unknown = try curl(["-X", "POST", "--data-binary", "@\(big)", "\(server.baseURL)/api/v2/nowhere"])
        #expect(unknown.status == 404)
        #expect(server.stop() == 0)
    }

    @Test func preflightFaultsAndTheJournalOverHTTP() throws {
        let server = try ServerProcess(["--now", now])
        let preflight = try curl(["-X", "OPTIONS", "\(server.baseURL)/api/v2/orders/create"])
        #expect(preflight.status == 204)
        #expect(preflight.headers.contains("Access-Control-Allow-Headers: Authorization, Content-Type"))
        let added = try curl([
            "-X", "POST", "-d", #"{"act": {"canned": "QUERY_LIMIT_EXCEEDED"}, "times": 1}"#,
            "\(server.baseURL)/__emu/faults",
        ])
        #expect(added.status == 201)
        let limited = try curl(["\(server.baseURL)/api/v2/orders?access_token=\(token)"])
        #expect(limited.status == 503)
        #expect(limited.body.contains("QUERY_LIMIT_EXCEEDED"))
        _ = try curl(["-X", "POST", "-d", #"{"act": {"drop": true}, "times": 1}"#, "\(server.baseURL)/__emu/faults"])
        let dropped = try curl(["\(server.baseURL)/api/v2/orders?access_token=\(token)"])
        #expect(dropped.status == 0)
        #expect(dropped.exitStatus == 52)  // curl: empty reply from server
        let fine = try curl(["\(server.baseURL)/api/v2/orders?access_token=\(token)"])
        #expect(fine.status == 200)
        _ = try curl(["-X", "POST", "-d", #"{"act": {"delay_ms": 20}, "times": 1}"#, "\(server.baseURL)/__emu/faults"])
        let late = try curl(["\(server.baseURL)/api/v2/orders?access_token=\(token)"])
        #expect(late.status == 200)
        let journal = try JSONParser().parse(try curl(["\(server.baseURL)/__emu/requests"]).body)
        #expect(journal["requests"]?.arrayValue?.map { $0["status"] } == [.int(503), .int(0), .int(200), .int(200)])
        #expect(journal["requests"]?.arrayValue?.last?["fault"]?["kind"] == .string("delay"))
        let health = try curl(["\(server.baseURL)/__emu/health"])
        #expect(health.body == #"{"status":"ok","orders":0,"durable":false,"version":"0.1.0"}"#)
        #expect(server.stop(SIGINT) == 0)
    }

    @Test func aDurableFolderIsLockedClosedCleanlyAndReopened() throws {
        let folder = temporaryPath("emu-state")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try ServerProcess(["--now", now, "--state", folder])
        let created = try curl([
            "-X", "POST", "-d",
            #"{"railway_order_id": 5, "customer_name": "A B", "customer_phone": "+77015211545", "delivery_address": "x", "delivery_date": "2025-10-21", "delivery_time": "14:00-16:00", "items": [{"product_id": 5, "quantity": 1}], "total_amount": 17500}"#,
            "\(first.baseURL)/api/v2/orders/create?access_token=\(token)",
        ])
        #expect(created.status == 200)
        let second = try ServerProcess(["--now", now, "--state", folder], waitForListening: false)
        #expect(second.waitForExit() == 1)
        #expect(second.standardError.contains("is locked by process \(first.process.processIdentifier)"))
        #expect(first.stop() == 0)
        let again = try ServerProcess(["--now", now, "--state", folder])
        let health = try curl(["\(again.baseURL)/__emu/health"])
        #expect(health.body.contains(#""orders":1,"durable":true"#))
        #expect(again.stop() == 0)
    }

    @Test func concurrentDurableCreatesAllLand() throws {
        let folder = temporaryPath("emu-state")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(["--now", now, "--state", folder])
        let url = server.baseURL
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 32) { index in
            let body =
                #"{"railway_order_id": \#(1000 + index), "customer_name": "A B", "customer_phone": "+77015211545", "delivery_address": "x", "delivery_date": "2025-10-21", "delivery_time": "14:00-16:00", "items": [{"product_id": 5, "quantity": 1}], "total_amount": 17500}"#
            let status =
                (try? curl(["-X", "POST", "-d", body, "\(url)/api/v2/orders/create?access_token=\(token)"]))?.status
                ?? -1
            statuses.withLock { $0.append(status) }
        }
        #expect(statuses.withLock { $0 } == Array(repeating: 200, count: 32))
        let health = try curl(["\(url)/__emu/health"])
        #expect(health.body.contains(#""orders":32,"#))
        #expect(server.stop() == 0)
    }

    @Test func httpsWithASelfSignedPEMPair() throws {
        let folder = temporaryPath("emu-tls")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try shell(
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout \(folder)/key.pem -out \(folder)/cert.pem -days 2 "
                + "-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
        )
        #expect(made.status == 0, "\(made.output)")
        let server = try ServerProcess([
            "--now", now, "--tls-cert", "\(folder)/cert.pem", "--tls-key", "\(folder)/key.pem",
        ])
        #expect(server.baseURL.hasPrefix("https://127.0.0.1:"))
        let ping = try curl(["--cacert", "\(folder)/cert.pem", "\(server.baseURL)/__emu/ping"])
        #expect(ping.status == 200 && ping.body == "pong")
        let list = try curl(["--cacert", "\(folder)/cert.pem", "\(server.baseURL)/api/v2/orders?access_token=\(token)"])
        #expect(list.status == 200)
        #expect(server.stop() == 0)
    }

    @Test func theControlPlaneIsClosedOffLoopbackWithoutAnAdminToken() throws {
        let closed = try ServerProcess(["--host", "0.0.0.0", "--now", now])
        let port = closed.baseURL.split(separator: ":").last.map(String.init) ?? ""
        #expect(try curl(["-X", "POST", "http://127.0.0.1:\(port)/__emu/reset"]).status == 403)
        #expect(try curl(["http://127.0.0.1:\(port)/__emu/ping"]).status == 200)
        #expect(closed.stop() == 0)
        let guarded = try ServerProcess(["--host", "0.0.0.0", "--now", now, "--admin-token", "admin-NOT-A-SECRET"])
        let guardedPort = guarded.baseURL.split(separator: ":").last.map(String.init) ?? ""
        #expect(try curl(["-X", "POST", "http://127.0.0.1:\(guardedPort)/__emu/reset"]).status == 401)
        let allowed = try curl([
            "-X", "POST", "-H", "Authorization: Bearer admin-NOT-A-SECRET",
            "http://127.0.0.1:\(guardedPort)/__emu/reset",
        ])
        #expect(allowed.status == 200)
        #expect(guarded.stop() == 0)
    }

    @Test func badOptionsAreRefusedNamingTheOption() throws {
        let server = try ServerProcess(["--now", "tomorrow"], waitForListening: false)
        #expect(server.waitForExit() == 64)
        #expect(server.standardError.contains("--now: expected an ISO 8601 date and time"))
        let half = try ServerProcess(["--tls-cert", "x.pem"], waitForListening: false)
        #expect(half.waitForExit() == 64)
        #expect(half.standardError.contains("--tls-cert and --tls-key go together"))
        let site = try ServerProcess(["--site", "/nonexistent/site.json"], waitForListening: false)
        #expect(site.waitForExit() == 1)
        #expect(site.standardError.contains("/nonexistent/site.json"))
    }
}
