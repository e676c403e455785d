import BitrixSale
import BitrixSaleTesting
import Foundation
import SaleJSON
import SaleHTTP
import SiteAPI
import Testing

/// The public order-to-JSON renderer gives the API's shape, the same bytes as `/api/v2/orders/{id}` answers with.
@Suite struct OrderJSONRendererTests {
    @Test func aSavedOrderRendersInTheAPIShape() throws {
        let engine = try TestEngine.make()
        let (order, result) = try OrderBuilder().save(on: engine)
        #expect(expectSuccess(result))
        let text = OrderJSONRenderer(site: engine.site).text(order)
        #expect(text.hasPrefix(#"{"id":1,"account_number":"1","site_id":"s1","person_type_id":1,"user_id":1,"#))
        #expect(text.contains(#""price":16500,"basket_price":14000,"price_delivery":2500,"sum_paid":0,"#))
        #expect(text.contains(#""date_insert":"2025-10-20T10:00:00+05:00""#))
        #expect(text.contains(#""DELIVERY_DATE":"2025-10-21""#))  // stored 21.10.2025, shown as the API shows it
        #expect(engine.json(order) == text)
    }

    @Test func theRendererMatchesTheAPIsDetailAnswer() throws {
        let engine = try TestEngine.make()
        let (order, _) = try OrderBuilder().save(on: engine)
        let api = try SiteAPI(engine: engine)
        let response = api.handle(
            APIRequest(
                method: "GET",
                target: "/api/v2/orders/1",
                headers: [HeaderField("Authorization", "Bearer dev-token-NOT-A-SECRET")]
            )
        )
        let body = try JSONParser().parse(response.body)
        #expect(body["data"] == OrderJSONRenderer(site: engine.site).value(order))
    }
}
