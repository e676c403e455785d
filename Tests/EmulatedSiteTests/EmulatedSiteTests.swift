import BitrixSale
import EmulatedSite
import Foundation
import SaleHTTP
import SaleJSON
import SaleStorage
import Testing

@Suite struct RoutingAndJournalTests {
    @Test func apiRequestsGoToSiteAPIAndTheJournalKeepsThemRedacted() throws {
        let site = try makeSite()
        #expect(site.create(1) == 1)
        let detail = site.send("GET", "/api/v2/orders/1", headers: [HeaderField("Authorization", "Bearer \(token)")])
        #expect(detail.status == 200)
        #expect(detail.json["data"]?["id"] == .int(1))
        let listing = site.send("GET", "/__emu/requests")
        let entries = listing.json["requests"]?.arrayValue ?? []
        #expect(entries.count == 2)
        #expect(entries.first?["path"] == .string("/api/v2/orders/create?access_token=***"))
        #expect(entries.first?["at"] == .string("2025-10-20T05:00:00.000Z"))
        #expect(entries.first?["duration_ms"] == .number(JSONNumber(literal: "1.000")))
        #expect(entries.map { $0["sequence"] } == [.int(1), .int(2)])
        #expect(entries.map { $0["status"] } == [.int(200), .int(200)])
        // No secret anywhere in the listing.
        #expect(!String(decoding: listing.response.body, as: UTF8.self).contains(token))
        // Control-plane requests are not recorded.
        #expect(site.journal.recordedCount == 2)
    }

    @Test func theJournalIsBoundedAndFiltersByMethodPathStatusAndSequence() throws {
        let site = try makeSite(options: .init(journalCapacity: 3))
        for id in 1...4 { _ = site.create(id) }
        _ = site.send("GET", "/api/v2/orders?access_token=\(token)")
        _ = site.send("GET", "/api/v2/nowhere")
        let all = site.send("GET", "/__emu/requests").json
        #expect(all["requests"]?.arrayValue?.map { $0["sequence"] } == [.int(4), .int(5), .int(6)])
        #expect(all["recorded"] == .int(6))
        let gets = site.send("GET", "/__emu/requests?method=get&path=/api/v2/orders").json["requests"]?.arrayValue
        #expect(gets?.map { $0["sequence"] } == [.int(5)])
        let missing = site.send("GET", "/__emu/requests?status=404&since=5").json["requests"]?.arrayValue
        #expect(missing?.map { $0["path"] } == [.string("/api/v2/nowhere")])
        let bad = site.send("GET", "/__emu/requests?colour=red")
        #expect(bad.status == 400)
        #expect(bad.json["error"]?.stringValue?.contains("Unknown filter \"colour\"") == true)
    }

    @Test func countMatchesMethodPathAndBodyMembers() throws {
        let site = try makeSite()
        _ = site.create(7)
        _ = site.create(7)
        _ = site.create(8)
        func count(_ matcher: String) -> JSONValue? {
            site.send("POST", "/__emu/requests/count", body: matcher).json["count"]
        }
        #expect(count(#"{"method": "POST", "path": "/api/v2/orders/create"}"#) == .int(3))
        #expect(count(#"{"body": {"railway_order_id": 7}}"#) == .int(2))
        #expect(count(#"{"body": {"items": [{"product_id": 5, "quantity": 1.0}]}}"#) == .int(3))
        #expect(count(#"{"path_prefix": "/rest/"}"#) == .int(0))
        #expect(count("") == .int(3))
        let bad = site.send("POST", "/__emu/requests/count", body: #"{"verb": "GET"}"#)
        #expect(bad.status == 400)
        #expect(bad.json["error"]?.stringValue?.hasPrefix("Unknown matcher member \"verb\"") == true)
    }

    @Test func restAnswers501UntilASurfaceIsConfiguredAndThenThatSurfaceAnswers() throws {
        let site = try makeSite(rest: nil)
        let refused = site.send("GET", "/rest/1/secretcode/sale.order.list")
        #expect(refused.status == 501)
        #expect(refused.json["error"] == .string("REST_NOT_CONFIGURED"))
        #expect(site.journal.entries.last?.path == "/rest/1/***/sale.order.list")

        struct Echo: HTTPSurface {
            func handle(_ request: APIRequest) -> APIResponse {
                APIResponse(
                    status: 200,
                    headers: [HeaderField("X-Emu-Diagnostics", "EMU_TEST")],
                    body: Array("{}".utf8)
                )
            }
        }
        let withREST = try EmulatedSite(clock: ManualClock(testNow), rest: { _ in Echo() })
        #expect(withREST.send("POST", "/rest/sale.order.add?auth=abc").status == 200)
        #expect(withREST.journal.entries.last?.diagnostics == "EMU_TEST")
        #expect(withREST.journal.entries.last?.path == "/rest/sale.order.add?auth=***")
    }

    @Test func optionsAnswersTheCORSPreflightOnAnyRoute() throws {
        let site = try makeSite()
        for path in ["/api/v2/orders/create", "/rest/x", "/__emu/reset", "/anything"] {
            let answer = site.send("OPTIONS", path)
            #expect(answer.status == 204)
            #expect(answer.response.header("Access-Control-Allow-Origin") == "*")
            #expect(answer.response.header("Access-Control-Allow-Headers") == "Authorization, Content-Type")
            #expect(answer.response.header("Access-Control-Allow-Methods")?.contains("POST") == true)
        }
    }
}

@Suite struct ControlPlaneTests {
    @Test func pingHealthAndUnknownRoutes() throws {
        let site = try makeSite()
        let ping = site.handle(APIRequest(method: "GET", target: "/__emu/ping"))
        #expect(ping.status == 200 && ping.body == Array("pong".utf8))
        #expect(ping.header("Content-Type") == "text/plain; charset=UTF-8")
        _ = site.create(1)
        #expect(
            site.send("GET", "/__emu/health").json
                == .object([
                    (key: "status", value: "ok"), (key: "orders", value: 1), (key: "durable", value: false),
                    (key: "version", value: .string(EmulatedSite.version)),
                ])
        )
        #expect(site.send("GET", "/__emu/nope").status == 404)
        let wrong = site.send("DELETE", "/__emu/clock")
        #expect(wrong.status == 405)
        #expect(wrong.response.header("Allow") == "GET, PUT")
    }

    @Test func theClockIsReadSetAndAdvancedAndTheEngineUsesIt() throws {
        let site = try makeSite()
        #expect(site.send("GET", "/__emu/clock").json["now"] == "2025-10-20T05:00:00.000Z")
        #expect(
            site.send("PUT", "/__emu/clock", body: #"{"advance": "P1DT30M"}"#).json["now"] == "2025-10-21T05:30:00.000Z"
        )
        #expect(
            site.send("PUT", "/__emu/clock", body: #"{"advance": "-PT30M"}"#).json["now"] == "2025-10-21T05:00:00.000Z"
        )
        #expect(
            site.send("PUT", "/__emu/clock", body: #"{"now": "2025-10-19T10:00:00+05:00"}"#).json["now"]
                == "2025-10-19T05:00:00.000Z"
        )
        _ = site.create(1)
        let detail = site.send("GET", "/api/v2/orders/1?access_token=\(token)")
        #expect(detail.json["data"]?["date_insert"] == "2025-10-19T10:00:00+05:00")
        for body in [
            #"{"advance": "P1Y"}"#, #"{"now": "yesterday"}"#, #"{"now": "2025-10-19T10:00:00Z", "advance": "PT1H"}"#,
            "[]",
        ] {
            let refused = site.send("PUT", "/__emu/clock", body: body)
            #expect(refused.status == 400, "\(body)")
        }
    }

    @Test func resetEmptiesOrLoadsASnapshotAndStateExportsIt() throws {
        let site = try makeSite()
        _ = site.create(1)
        _ = site.create(2)
        let exported = site.handle(APIRequest(method: "GET", target: "/__emu/state"))
        #expect(exported.status == 200)
        let reset = site.send("POST", "/__emu/reset")
        #expect(reset.json == .object([(key: "status", value: "reset"), (key: "orders", value: 0)]))
        #expect(site.create(3) == 1)  // ids start again
        let restored = site.handle(APIRequest(method: "POST", target: "/__emu/reset", body: exported.body))
        #expect(restored.status == 200)
        #expect(site.orderCount == 2)
        // Equal states export equal bytes.
        #expect(site.handle(APIRequest(method: "GET", target: "/__emu/state")).body == exported.body)
        let bad = site.send("POST", "/__emu/reset", body: #"{"format": "nope"}"#)
        #expect(bad.status == 400)
        #expect(bad.json["error"]?.stringValue?.hasPrefix("The body is not a state snapshot") == true)
        #expect(site.orderCount == 2)  // a refused reset changes nothing
    }

    @Test func aDurableSiteResetsItsFolderAndReopensWhatWasSaved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emu-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try makeSite(storage: .folder(folder))
        _ = site.create(1)
        try site.reopen()
        #expect(site.orderCount == 1)
        #expect(site.send("GET", "/__emu/health").json["durable"] == true)
        _ = site.send("POST", "/__emu/reset")
        try site.reopen()
        #expect(site.orderCount == 0)
        site.close()
        #expect(site.send("GET", "/api/v2/orders?access_token=\(token)").status == 503)
        #expect(site.send("GET", "/__emu/health").status == 503)
        // The folder is free again: a second site opens it.
        let again = try makeSite(storage: .folder(folder))
        #expect(again.orderCount == 0)
        again.close()
    }

    @Test func closingCompactsAJournalThatHasGrownPastOneMebibyte() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("emu-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let site = try makeSite(storage: .folder(folder))
        var id = 0
        while (site.durableStore?.statistics.journalBytes ?? 0) <= 1 << 20 {
            id += 1
            #expect(site.create(id) == id)
        }
        let snapshot = folder.appendingPathComponent("snapshot.json")
        #expect(!FileManager.default.fileExists(atPath: snapshot.path))
        site.close()
        #expect(FileManager.default.fileExists(atPath: snapshot.path))
        let again = try makeSite(storage: .folder(folder))
        #expect(again.orderCount == id)
        // Everything is in the snapshot: the journal (preallocated, docs/STORAGE.md) holds no record.
        #expect((again.durableStore?.statistics.journalBytes ?? Int.max) < 4096)
        again.close()
    }

    @Test func accessNeedsTheAdminTokenWhenOneIsSetAndIsClosedWithout() throws {
        let guarded = try makeSite(options: .init(controlPlane: .token("admin-NOT-A-SECRET")))
        #expect(guarded.send("GET", "/__emu/requests").status == 401)
        #expect(
            guarded.send("GET", "/__emu/requests", headers: [HeaderField("X-Emu-Admin-Token", "admin-NOT-A-SECRET")])
                .status == 200
        )
        #expect(
            guarded.send("GET", "/__emu/requests", headers: [HeaderField("Authorization", "Bearer admin-NOT-A-SECRET")])
                .status == 200
        )
        #expect(guarded.send("GET", "/__emu/ping").status == 200)
        let closed = try makeSite(options: .init(controlPlane: .closed))
        let refused = closed.send("POST", "/__emu/reset")
        #expect(refused.status == 403)
        #expect(refused.json["error"]?.stringValue?.contains("--admin-token") == true)
        #expect(closed.send("GET", "/__emu/health").status == 200)
    }
}

@Suite struct FaultTests {
    @Test func aStatusFaultFiresForTheNextNMatchingRequestsOnly() throws {
        let site = try makeSite()
        let added = site.send(
            "POST",
            "/__emu/faults",
            body:
                #"{"match": {"method": "POST", "path_prefix": "/api/v2/orders"}, "act": {"status": 502, "body": {"oops": true}}, "times": 2}"#
        )
        #expect(added.status == 201)
        #expect(added.json["id"] == 1)
        #expect(site.send("GET", "/api/v2/orders?access_token=\(token)").status == 200)  // GET does not match
        let first = site.send("POST", "/api/v2/orders/create?access_token=\(token)", body: createBody(1))
        #expect(first.status == 502 && first.json == .object([(key: "oops", value: true)]))
        #expect(first.response.header("X-Emu-Fault") == "rule 1")
        #expect(site.send("POST", "/api/v2/orders/create?access_token=\(token)", body: createBody(1)).status == 502)
        #expect(site.create(1) == 1)  // the faults before the site never reached it
        let listed = site.send("GET", "/__emu/faults").json["faults"]?.arrayValue?.first
        #expect(listed?["fired"] == 2 && listed?["remaining"] == 0)
        #expect(site.journal.entries.compactMap(\.fault?.status) == [502, 502])
    }

    @Test func afterHandlingTheSiteSavesAndTheAnswerIsLost() throws {
        let site = try makeSite()
        _ = site.send("POST", "/__emu/faults", body: #"{"act": {"drop": true, "when": "after"}, "times": 1}"#)
        let answer = site.answer(
            APIRequest(
                method: "POST",
                target: "/api/v2/orders/create?access_token=\(token)",
                body: Array(createBody(5).utf8)
            )
        )
        #expect(answer.response == nil)
        #expect(answer.fault?.kind == "drop")
        #expect(site.orderCount == 1)
        #expect(site.journal.entries.last?.status == 0)
    }

    @Test func aDelayIsReportedNotSleptAndTheRealAnswerGoesOut() throws {
        let site = try makeSite()
        _ = site.send("POST", "/__emu/faults", body: #"{"match": {"surface": "api"}, "act": {"delay_ms": 1500}}"#)
        let answer = site.answer(APIRequest(method: "GET", target: "/api/v2/orders?access_token=\(token)"))
        #expect(answer.delayMilliseconds == 1500)
        #expect(answer.response?.status == 200)
        #expect(answer.fault?.status == nil)
    }

    @Test func aProbabilityRuleFiresTheSameWayForTheSameSeed() throws {
        func pattern() throws -> [Int] {
            let site = try makeSite()
            _ = site.send(
                "POST",
                "/__emu/faults",
                body: #"{"act": {"canned": "QUERY_LIMIT_EXCEEDED"}, "probability": 0.5, "seed": 42}"#
            )
            return (0..<40).map { _ in site.send("GET", "/api/v2/orders?access_token=\(token)").status }
        }
        let first = try pattern()
        #expect(first == (try pattern()))
        let fired = first.filter { $0 == 503 }.count
        #expect(fired > 5 && fired < 35)
        #expect(Set(first) == [200, 503])
    }

    @Test func cannedFaultsLookLikeBitrix() throws {
        let site = try makeSite()
        _ = site.send("POST", "/__emu/faults", body: #"{"act": {"canned": "PHP_FATAL_ERROR"}, "times": 1}"#)
        let page = site.handle(APIRequest(method: "GET", target: "/api/v2/orders"))
        #expect(page.status == 500)
        #expect(page.header("Content-Type") == "text/html; charset=UTF-8")
        #expect(String(decoding: page.body, as: UTF8.self).contains("<b>Fatal error</b>"))
        _ = site.send("POST", "/__emu/faults", body: #"{"act": {"canned": "QUERY_LIMIT_EXCEEDED"}, "times": 1}"#)
        let limit = site.send("GET", "/api/v2/orders")
        #expect(limit.status == 503 && limit.json["error"] == "QUERY_LIMIT_EXCEEDED")
    }

    @Test func faultsNeverApplyToTheControlPlaneAndCanBeDeleted() throws {
        let site = try makeSite()
        _ = site.send("POST", "/__emu/faults", body: #"{"act": {"status": 500}}"#)
        #expect(site.send("GET", "/__emu/health").status == 200)
        #expect(site.send("DELETE", "/__emu/faults/1").json["deleted"] == 1)
        #expect(site.send("DELETE", "/__emu/faults/1").status == 404)
        _ = site.send("POST", "/__emu/faults", body: #"{"act": {"status": 500}}"#)
        #expect(site.send("DELETE", "/__emu/faults").json["cleared"] == 1)
    }

    @Test(arguments: [
        (#"{"act": {"status": 42}}"#, "act.status: expected an HTTP status from 100 to 599, found 42"),
        (#"{"act": {}}"#, "act: expected one of status, canned, drop or delay_ms, found none"),
        (#"{"act": {"drop": true}, "times": 0}"#, "times: expected a positive integer, found 0"),
        (
            #"{"act": {"drop": true}, "probability": 2}"#,
            "probability: expected a number above 0 and at most 1, found 2"
        ),
        (
            #"{"act": {"drop": true}, "match": {"surface": "emu"}}"#,
            #"match.surface: expected "api" or "rest", found "emu""#
        ),
        (
            #"{"act": {"status": 500, "drop": true}}"#,
            "act: expected only one of status, canned or drop, found status and drop"
        ),
        (
            #"{"act": {"drop": true}, "colour": 1}"#,
            #"Unknown fault member "colour"; expected match, act, times, probability, seed"#
        ),
        ("", "The body is empty; expected a JSON object"),
    ])
    func badRulesAreRefusedNamingTheMember(body: String, message: String) throws {
        let site = try makeSite()
        let refused = site.send("POST", "/__emu/faults", body: body)
        #expect(refused.status == 400)
        #expect(refused.json["error"] == .string(message))
    }
}

@Suite struct ValueTests {
    @Test func redactionRemovesEverySecret() {
        #expect(
            Redaction.target("/api/v2/orders?access_token=abc&limit=2") == "/api/v2/orders?access_token=***&limit=2"
        )
        #expect(Redaction.target("/rest/1/k3yc0de/sale.order.get?id=1") == "/rest/1/***/sale.order.get?id=1")
        #expect(
            Redaction.target("/rest/sale.order.get?auth=xyz&AUTH%5Bx%5D=1")
                == "/rest/sale.order.get?auth=***&AUTH%5Bx%5D=***"
        )
        #expect(
            Redaction.body(["a": 1, "auth": "x", "n": ["token": "y"]]) == [
                "a": 1, "auth": "***", "n": ["token": "***"],
            ]
        )
    }

    @Test func clockDurations() {
        #expect(ClockDuration(iso8601: "PT2H")?.seconds == 7200)
        #expect(ClockDuration(iso8601: "P1W2DT1M1.5S")?.seconds == 604_800 + 172_800 + 61.5)
        #expect(ClockDuration(iso8601: "-P1D")?.seconds == -86_400)
        for bad in ["P", "PT", "P1M", "P1Y", "1D", "PT1D", "P1H", "P1DT"] {
            #expect(ClockDuration(iso8601: bad) == nil, "\(bad)")
        }
    }
}

@Suite struct JournalBodyTests {
    @Test func aBodyOverTheJournalLimitIsNotKeptSoABodyMatcherSkipsIt() throws {
        let site = try makeSite()
        let padding = String(repeating: "x", count: EmulatedSite.journalBodyLimit)
        _ = site.send(
            "POST",
            "/api/v2/orders/create?access_token=\(token)",
            body: #"{"railway_order_id": 1, "notes": "\#(padding)"}"#
        )
        _ = site.send("POST", "/api/v2/orders/create?access_token=\(token)", body: #"{"railway_order_id": 1}"#)
        #expect(site.journal.entries.map { $0.body == nil } == [true, false])
        let count = site.send("POST", "/__emu/requests/count", body: #"{"body": {"railway_order_id": 1}}"#)
        #expect(count.json["count"] == 1)
    }
}
