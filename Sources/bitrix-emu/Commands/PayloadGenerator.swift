import BitrixSale
import Foundation
import SaleJSON
import SaleMoney

/// Makes valid, varied create-order payloads from a seed: the same seed gives the same payloads.
struct PayloadGenerator {
    private var state: UInt64
    private let products: [Product]
    private let payCodes: [String]
    private let today: (year: Int, month: Int, day: Int)

    /// `seed` fixes the sequence; `now` and the site fix the dates, products and pay systems.
    init(seed: UInt64, site: SiteConfiguration, now: Date) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
        products = site.products.filter(\.active)
        payCodes = site.paySystems.map(\.code)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: site.timeZone) ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: now.addingTimeInterval(86_400))
        today = (parts.year ?? 2030, parts.month ?? 1, parts.day ?? 1)
    }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    private static let names = ["Иван Иванов", "Мария Петрова", "Айгерим Сарсенова", "Test User", "Дамир Ахметов"]
    private static let streets = ["ул. Абая", "пр. Достык", "ул. Жандосова", "мкр. Самал-2", "ул. Толе би"]

    /// The payload for one Railway order id.
    mutating func payload(railwayOrderId: Int) -> JSONValue {
        var items: [JSONValue] = []
        var basket = Amount.zero
        var used = Set<Int>()
        for _ in 0..<(1 + below(3)) {
            let product = products[below(products.count)]
            guard used.insert(product.id).inserted else { continue }
            let quantity = 1 + below(3)
            var item: [(key: String, value: JSONValue)] = [
                ("product_id", .int(product.id)), ("quantity", .int(quantity)),
            ]
            var price = product.price
            if below(3) == 0 {
                price = Amount(units: 1000 + below(20) * 500)!
                item.append(("price", .number(JSONNumber(price))))
            }
            basket = basket.saturatingAdding(price.saturatingMultiplied(by: Amount(units: quantity)!))
            items.append(.object(item))
        }
        let delivery = Amount(units: [0, 1500, 2500][below(3)])!
        let hour = 9 + below(10)
        let phone = "+7701\(String(format: "%07d", below(10_000_000)))"
        var members: [(key: String, value: JSONValue)] = [
            ("railway_order_id", .int(railwayOrderId)),
            ("customer_name", .string(Self.names[below(Self.names.count)])),
            ("customer_phone", .string(phone)),
            (
                "delivery_address",
                .string("\(Self.streets[below(Self.streets.count)]) \(1 + below(200)), кв \(1 + below(90))")
            ),
            ("delivery_date", .string(String(format: "%04d-%02d-%02d", today.year, today.month, today.day))),
            ("delivery_time", .string(String(format: "%02d:00-%02d:00", hour, hour + 2))),
            ("recipient_name", .string(Self.names[below(Self.names.count)])),
            ("recipient_phone", .string("8777\(String(format: "%07d", below(10_000_000)))")),
            ("items", .array(items)),
            ("delivery_price", .number(JSONNumber(delivery))),
            ("total_amount", .number(JSONNumber(basket.saturatingAdding(delivery)))),
        ]
        if below(4) != 0 { members.append(("payment_method", .string(payCodes[below(payCodes.count)]))) }
        if below(3) == 0 { members.append(("notes", .string("Позвонить за 10 минут"))) }
        return .object(members)
    }
}
