import SaleHTTP
import Testing

@testable import SiteAPI

@Suite struct RequestContextTests {
    static let targets = [
        "/api/v2/orders/create", "/api/v2/orders?limit=20", "/a?b?c", "?", "", "/путь?x=1", "/a?\u{301}b=1?c",
        "/a\r\n?x", "/%D0%B6?q=%2B+1", "/api/v2/orders/create?access_token=t&x=%zz",
    ]

    /// The byte search finds the character search's `?` (the query split is unchanged).
    @Test(arguments: targets)
    func theQueryMarkIsTheFirstQuestionMarkCharacter(_ target: String) {
        let mark = RequestContext.queryMark(target)
        let expected = target.firstIndex(of: "?")
        #expect(
            mark.map { target.utf8.distance(from: target.startIndex, to: $0) }
                == expected.map { target.utf8.distance(from: target.startIndex, to: $0) }
        )
    }

    /// The fast path of percent-decoding returns what `PercentDecoding.decode` returns.
    @Test(arguments: targets + ["a+b", "%", "%2", "100%", "a%CC%81", "+"])
    func percentDecodingIsSaleHTTPs(_ text: String) {
        for plus in [false, true] {
            #expect(
                FormDecoding.percentDecode(Substring(text), plusIsSpace: plus)
                    == PercentDecoding.decode(Substring(text), plusIsSpace: plus)
            )
        }
    }

    /// The create route's shortcut agrees with the general rules (and they still see its variants).
    @Test func theCreateRouteIsMatchedAsBefore() {
        #expect(Route.match(path: "/api/v2/orders/create") == .createOrder)
        #expect(Route.match(path: "/api/v2/orders/create/") == .createOrder)
        #expect(Route.match(path: "/api/v2/orders/create/index.php") == .createOrder)
        #expect(Route.match(path: "/api/v2/orders/createx") == .orderById("createx"))
    }
}
