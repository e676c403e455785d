import BitrixSale
import Foundation
import SaleHTTP
import SaleJSON
import SaleREST
import Testing

@Suite struct TransportTests {
    @Test func aWebhookCallAnswersTheResultAndTimeEnvelopeWithBitrixHeaders() throws {
        let harness = try Harness()
        let answer = try harness.call("sale.status.list")
        #expect(answer.status == 200)
        #expect(answer.json.keys == ["result", "total", "time"])
        #expect(answer.response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(answer.response.header("Access-Control-Allow-Origin") == "*")
        #expect(answer.response.header("X-Content-Type-Options") == "nosniff")
        let time = try #require(answer["time"])
        #expect(time.keys == ["start", "finish", "duration", "processing", "date_start", "date_finish"])
        #expect(time["date_start"]?.stringValue == "2025-10-20T10:00:00+05:00")
        #expect(time["start"]?.numberValue?.literal == "1760936400.0")
        #expect(answer.response.header("X-Emu-Diagnostics") == nil)
    }

    @Test func everyURLFormReachesTheSameMethod() throws {
        let harness = try Harness()
        for target in [
            "/rest/1/dev-webhook-NOT-A-SECRET/sale.status.list",
            "/rest/1/dev-webhook-NOT-A-SECRET/sale.status.list.json",
            "/rest/1/dev-webhook-NOT-A-SECRET/sale.status.list/",
            "/rest/1/dev-webhook-NOT-A-SECRET/SALE.Status.List.json/",
            "/rest/sale.status.list?auth=dev-oauth-NOT-A-SECRET",
            "/rest/sale.status.list.json?access_token=dev-oauth-NOT-A-SECRET",
        ] {
            let answer = try harness.send("GET", target)
            #expect(answer.status == 200, "\(target): \(answer.text)")
            #expect(answer.result?["statuses"]?.arrayValue?.count == 7, "\(target)")
        }
        let bearer = try harness.send(
            "GET",
            "/rest/sale.status.list",
            headers: [HeaderField("Authorization", "Bearer " + oauthToken)]
        )
        #expect(bearer.status == 200)
        let jsonAuth = try harness.send(
            "POST",
            "/rest/sale.status.list",
            body: #"{"auth":"dev-oauth-NOT-A-SECRET"}"#,
            contentType: "application/json"
        )
        #expect(jsonAuth.status == 200)
    }

    @Test func anUnknownMethodIs404BeforeAuthAndXMLIsNotEmulated() throws {
        let harness = try Harness()
        let unknown = try harness.send("GET", "/rest/sale.order.fly")
        #expect(unknown.status == 404)
        #expect(unknown.text == #"{"error":"ERROR_METHOD_NOT_FOUND","error_description":"Method not found!"}"#)
        let xml = try harness.send("GET", webhook + "sale.order.list.xml")
        #expect(xml.status == 400)
        #expect(xml.error == "ERROR_CORE")
        #expect(try harness.send("GET", "/rest/1/sale.order.list").status == 404)
    }

    @Test func authFailuresAnswerTheOnPremiseStatuses() throws {
        let harness = try Harness()
        let missing = try harness.send("GET", "/rest/sale.order.list")
        #expect(missing.status == 401)
        #expect(missing.text == #"{"error":"NO_AUTH_FOUND","error_description":"Wrong authorization data"}"#)
        let wrongCode = try harness.send("GET", "/rest/1/wrong-code/sale.order.list")
        #expect(wrongCode.status == 401)
        #expect(wrongCode.text == #"{"error":"INVALID_CREDENTIALS","error_description":"Invalid request credentials"}"#)
        #expect(wrongCode.text.contains("wrong-code") == false)
        let wrongUser = try harness.send("GET", "/rest/2/dev-webhook-NOT-A-SECRET/sale.order.list")
        #expect(wrongUser.error == "INVALID_CREDENTIALS")
        let wrongToken = try harness.send("GET", "/rest/sale.order.list?auth=nope")
        #expect(wrongToken.status == 401)
        #expect(wrongToken.error == "INVALID_CREDENTIALS")
        // The OAuth token has only `sale`; the pay-system list needs `pay_system`.
        let scope = try harness.send("GET", "/rest/sale.paysystem.list?auth=" + oauthToken)
        #expect(scope.status == 401)
        #expect(
            scope.text
                == #"{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token"}"#
        )
        #expect(try harness.call("sale.paysystem.list").status == 200)
    }

    @Test func anExpiredTokenIsRefusedOnTheEngineClock() throws {
        var site = SiteConfiguration.defaultSite
        site.rest?.oauthTokens
            .append(.init(token: "short-lived", scopes: ["sale"], expiresAt: "2025-10-20T10:00:30+05:00"))
        let harness = try Harness(site: site)
        #expect(try harness.send("GET", "/rest/sale.order.list?auth=short-lived").status == 200)
        harness.clock.advance(by: 30)
        let expired = try harness.send("GET", "/rest/sale.order.list?auth=short-lived")
        #expect(expired.status == 401)
        #expect(
            expired.text == #"{"error":"expired_token","error_description":"The access token provided has expired"}"#
        )
    }

    @Test func theCloudProfileAnswersTheDocsStatuses() throws {
        let harness = try Harness.cloud()
        #expect(try harness.send("GET", "/rest/1/wrong/sale.order.list").status == 403)
        #expect(try harness.send("GET", "/rest/sale.paysystem.list?auth=" + oauthToken).status == 403)
        #expect(try harness.send("GET", "/rest/sale.order.list").status == 401)
        let time = try #require(try harness.call("sale.order.list")["time"])
        #expect(time["operating"]?.int == 0)
        #expect(time["operating_reset_at"]?.int == 1_760_936_400 + 600)
    }

    @Test func aSiteWithoutARESTSectionHasNoRESTSurface() throws {
        var site = SiteConfiguration.defaultSite
        site.rest = nil
        let harness = try Harness(site: site)
        #expect(try harness.call("sale.order.list").status == 404)
    }

    @Test func formBodiesAndQueriesUsePHPNestedArrays() throws {
        let harness = try Harness()
        let added = try harness.form(
            "sale.order.add",
            "fields%5Blid%5D=s1&fields[personTypeId]=1&fields[currency]=KZT&fields[userId]=1&fields[comments]=a+b%2Fc"
        )
        #expect(added.status == 200, "\(added.text)")
        #expect(added.result?["order"]?["comments"]?.stringValue == "a b/c")
        #expect(added.text.contains(#""comments":"a b\/c""#))
        let listed = try harness.send(
            "GET",
            webhook + "sale.order.list?select[]=id&select[]=comments&filter[@id][]=1&filter[@id][]=7"
        )
        #expect(listed.result?["orders"] == [["comments": "a b/c", "id": 1]])
    }

    @Test func anInvalidJSONBodyIsNoParametersWithADiagnostic() throws {
        let harness = try Harness()
        let answer = try harness.call("sale.order.add", #"{"fields": {"lid": "s1""#)
        #expect(answer.status == 400)
        #expect(answer.text == #"{"error":100,"error_description":"Could not find value for parameter {fields}"}"#)
        #expect(answer.diagnosticCodes == ["EMU_REST_INVALID_JSON"])
    }

    @Test func aJSONBodyIsLaidOverTheQuery() throws {
        let harness = try Harness()
        _ = try harness.addOrder()
        _ = try harness.addOrder()
        let answer = try harness.send(
            "POST",
            webhook + "sale.order.list?filter[id]=1&select[]=id",
            body: #"{"filter": {"id": 2}}"#,
            contentType: "application/json"
        )
        #expect(answer.result?["orders"] == [["id": 2]])
    }

    @Test func textIsEscapedAsPHPJsonEncodeWritesIt() throws {
        let harness = try Harness()
        let answer = try harness.call(
            "sale.order.add",
            #"{"fields":{"lid":"s1","personTypeId":1,"currency":"KZT","userId":1,"comments":"<b>\"Роза\" & 'x'</b>/"}}"#
        )
        #expect(
            answer.text.contains(
                #""comments":"\u003Cb\u003E\u0022\u0420\u043e\u0437\u0430\u0022 \u0026 \u0027x\u0027\u003C\/b\u003E\/""#
            )
        )
        #expect(answer.result?["order"]?["comments"]?.stringValue == #"<b>"Роза" & 'x'</b>/"#)
        #expect(answer.text.contains(#""clients":[]"#) && answer.text.contains(#""requisiteLink":[]"#))
    }
}
