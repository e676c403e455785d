import Foundation
import SaleMoney

/// Why a site configuration was refused: the file, and each problem with its JSON path.
public struct SiteConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem: where (a JSON path such as `$.products[2].price`) and what was expected.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The JSON path.
        public var path: String
        /// What is wrong and what was expected.
        public var message: String
        /// `$.products[2].price: expected a number`.
        public var description: String { "\(path): \(message)" }
    }

    /// The file (or `built-in default site`).
    public var source: String
    /// Every problem found.
    public var problems: [Problem]

    /// All problems, one per line, each prefixed with the file.
    public var description: String {
        problems.map { "\(source): \($0)" }.joined(separator: "\n")
    }
}

extension SiteConfiguration {
    /// Loads and checks a site configuration file.
    public static func load(contentsOf url: URL) throws(SiteConfigurationError) -> SiteConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SiteConfigurationError(
                source: url.path,
                problems: [.init(path: "$", message: "cannot read the file (\(error.localizedDescription))")]
            )
        }
        return try decode(data, source: url.path)
    }

    /// Decodes and checks a site configuration from JSON bytes; `source` names it in errors.
    public static func decode(_ data: Data, source: String) throws(SiteConfigurationError) -> SiteConfiguration {
        let configuration: SiteConfiguration
        do {
            configuration = try JSONDecoder().decode(SiteConfiguration.self, from: data)
        } catch let error as DecodingError {
            throw SiteConfigurationError(source: source, problems: [Self.problem(from: error)])
        } catch {
            throw SiteConfigurationError(source: source, problems: [.init(path: "$", message: "\(error)")])
        }
        let problems = configuration.problems()
        guard problems.isEmpty else { throw SiteConfigurationError(source: source, problems: problems) }
        return configuration
    }

    /// Checks the configuration; throws every problem at once.
    public func validate(source: String = "site configuration") throws(SiteConfigurationError) {
        let problems = problems()
        guard problems.isEmpty else { throw SiteConfigurationError(source: source, problems: problems) }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = "$"
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += ".\(key.stringValue)" }
        }
        return text
    }

    private static func problem(from error: DecodingError) -> SiteConfigurationError.Problem {
        switch error {
        case .typeMismatch(let type, let context):
            return .init(path: path(context.codingPath), message: "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return .init(path: path(context.codingPath), message: "expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            return .init(path: path(context.codingPath + [key]), message: "required key is missing")
        case .dataCorrupted(let context):
            let detail = (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
            return .init(path: path(context.codingPath), message: "not valid JSON or not a valid value (\(detail))")
        @unknown default:
            return .init(path: "$", message: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "a boolean (true or false)"
        case is Decimal.Type, is Amount.Type: "a number"
        default: "a value of type \(type)"
        }
    }

    /// Every consistency problem of the configuration (empty when it is usable).
    func problems() -> [SiteConfigurationError.Problem] {
        var problems: [SiteConfigurationError.Problem] = []
        func add(_ path: String, _ message: String) { problems.append(.init(path: path, message: message)) }
        func checkUnique<T: Hashable>(_ values: [T], path: String, key: String) {
            var seen: [T: Int] = [:]
            for (index, value) in values.enumerated() {
                if let first = seen[value] {
                    add("\(path)[\(index)].\(key)", "duplicate \(key) \(value) (first at \(path)[\(first)])")
                } else {
                    seen[value] = index
                }
            }
        }
        if siteId.isEmpty { add("$.siteId", "expected a non-empty site id") }
        if currency.count != 3 { add("$.currency", "expected a 3-letter currency code, found \"\(currency)\"") }
        if TimeZone(identifier: timeZone) == nil { add("$.timeZone", "expected an IANA time zone such as Asia/Almaty") }
        if !(0...4).contains(valuePrecision) { add("$.valuePrecision", "expected 0 to 4 decimal places") }
        if let major = saleVersion.major, (21...22).contains(major) {
        } else {
            add(
                "$.saleVersion",
                "expected a sale version 21.x or 22.x (for example \"21.400\"), found \"\(saleVersion)\""
            )
        }
        if SiteDateFormat(formatDate) == nil {
            add(
                "$.formatDate",
                "expected a Bitrix FORMAT_DATE with DD, MM and YYYY (for example \"DD.MM.YYYY\"), found \"\(formatDate)\""
            )
        }
        if apiTokens.isEmpty { add("$.apiTokens", "expected at least one API token") }
        for (index, token) in apiTokens.enumerated() where token.isEmpty {
            add("$.apiTokens[\(index)]", "expected a non-empty token")
        }
        checkUnique(products.map(\.id), path: "$.products", key: "id")
        for (index, product) in products.enumerated() {
            if product.id <= 0 { add("$.products[\(index)].id", "expected a positive id") }
            if product.price < 0 { add("$.products[\(index)].price", "expected a price of 0 or more") }
            if product.name.isEmpty { add("$.products[\(index)].name", "expected a non-empty name") }
        }
        checkUnique(personTypes.map(\.id), path: "$.personTypes", key: "id")
        let personTypeIds = Set(personTypes.map(\.id))
        checkUnique(orderProperties.map(\.id), path: "$.orderProperties", key: "id")
        var codes: [String: Int] = [:]
        for (index, property) in orderProperties.enumerated() {
            let path = "$.orderProperties[\(index)]"
            if !personTypeIds.contains(property.personTypeId) {
                add("\(path).personTypeId", "expected one of the person type ids \(personTypeIds.sorted())")
            }
            if !PropertyType.known.contains(property.type) {
                add("\(path).type", "expected one of \(PropertyType.known.map(\.rawValue).joined(separator: ", "))")
            }
            if property.type == .enumeration, property.options.isEmpty {
                add("\(path).options", "expected the options of an ENUM property")
            }
            if let pattern = property.pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
                add("\(path).pattern", "expected a valid regular expression")
            }
            let key = "\(property.personTypeId)/\(property.code)"
            if let first = codes[key] {
                add(
                    "\(path).code",
                    "duplicate code \(property.code) for person type \(property.personTypeId) "
                        + "(first at $.orderProperties[\(first)])"
                )
            } else {
                codes[key] = index
            }
        }
        checkUnique(deliveryServices.map(\.id), path: "$.deliveryServices", key: "id")
        if !deliveryServices.contains(where: \.isEmptyDelivery) {
            add("$.deliveryServices", "expected the built-in \"no delivery\" service (isEmptyDelivery: true)")
        }
        if !deliveryServices.contains(where: { $0.id == defaultDeliveryId }) {
            add("$.defaultDeliveryId", "expected the id of a configured delivery service, found \(defaultDeliveryId)")
        }
        checkUnique(paySystems.map(\.id), path: "$.paySystems", key: "id")
        checkUnique(paySystems.map(\.code), path: "$.paySystems", key: "code")
        checkUnique(statuses.map(\.id), path: "$.statuses", key: "id")
        for (index, status) in statuses.enumerated() {
            let letters = status.id.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
            if !(1...2).contains(status.id.count) || !letters {
                add("$.statuses[\(index)].id", "expected one or two capital Latin letters")
            }
        }
        if !statuses.contains(where: { $0.id == "N" && $0.type == .order }) {
            add("$.statuses", "expected the initial order status N")
        }
        if !statuses.contains(where: { $0.id == "DN" && $0.type == .delivery }) {
            add("$.statuses", "expected the initial delivery status DN")
        }
        checkUnique(users.map(\.id), path: "$.users", key: "id")
        checkUnique(users.map(\.phone), path: "$.users", key: "phone")
        if let rest { problems += rest.problems() }
        return problems
    }
}
