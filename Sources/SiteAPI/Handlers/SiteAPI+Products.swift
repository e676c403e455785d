import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON

extension SiteAPI {
    static let productFields: Set<String> = ["id", "title", "price", "images_urls", "owner", "properties"]

    /// `POST /api/v2/create/`: creates or updates an active catalog product.
    ///
    /// `properties` is an object whose values are scalars, stored as strings (numbers as written by value, booleans
    /// `Y`/`N`, `null` dropping the key). On an update, absent optional fields keep their stored values.
    func createProduct(_ context: RequestContext) throws(APIError) -> APIResponse {
        let body = try jsonObject(context)
        let members = body.objectMembers ?? []
        var reader = FieldReader()
        let id = reader.id(body["id"], "id", required: false)
        let title = reader.text(body["title"], "title", required: true, maxLength: options.maxNameLength)
        let price = reader.money(body["price"], "price", required: true)
        var images: [String]?
        if let value = reader.present(body["images_urls"], "images_urls", required: false) {
            if case .array(let elements) = value {
                if elements.count > options.maxProductEntries {
                    reader.add("images_urls", "too_many", "must have at most \(options.maxProductEntries) entries")
                } else {
                    var list: [String] = []
                    for (index, element) in elements.enumerated() {
                        if let url = reader.text(
                            element,
                            "images_urls[\(index)]",
                            required: true,
                            maxLength: options.maxTextLength
                        ) {
                            list.append(url)
                        }
                    }
                    images = list
                }
            } else {
                reader.add("images_urls", "invalid_type", "must be an array of strings, got \(value.typeName)")
            }
        }
        let owner = reader.text(
            body["owner"],
            "owner",
            required: false,
            maxLength: options.maxNameLength,
            allowEmpty: true
        )
        var properties: [String: String]?
        if let value = reader.present(body["properties"], "properties", required: false) {
            if case .object(let entries) = value {
                if entries.count > options.maxProductEntries {
                    reader.add("properties", "too_many", "must have at most \(options.maxProductEntries) entries")
                } else {
                    var map: [String: String] = [:]
                    for (key, entry) in entries {
                        let field = "properties.\(excerpt(key, limit: 100))"
                        if key.isEmpty || key.count > options.maxNameLength {
                            reader.add(
                                field,
                                "invalid_format",
                                "a property name must have 1 to \(options.maxNameLength) characters"
                            )
                            continue
                        }
                        switch entry {
                        case .null: map[key] = nil
                        case .bool(let flag): map[key] = flag ? "Y" : "N"
                        case .number(let number): map[key] = ExactNumber(number)?.display ?? number.literal
                        case .string(let text):
                            if text.count > options.maxTextLength {
                                reader.add(field, "too_long", "must be at most \(options.maxTextLength) characters")
                            } else {
                                map[key] = text
                            }
                        case .array, .object:
                            reader.add(
                                field,
                                "invalid_type",
                                "must be a string, number or boolean, got \(entry.typeName)"
                            )
                        }
                    }
                    properties = map
                }
            } else {
                reader.add("properties", "invalid_type", "must be an object, got \(value.typeName)")
            }
        }
        guard reader.problems.isEmpty, let title, let price else { throw .unprocessable(reader.problems) }
        let product: Product = try transaction { transaction in
            let existing = id.flatMap { engine.product(id: $0) }
            let product = Product(
                id: id ?? 0,
                name: title,
                price: price,
                currency: engine.site.currency,
                active: true,
                imagesUrls: images ?? existing?.imagesUrls ?? [],
                owner: owner.map { $0.isEmpty ? nil : $0 } ?? existing?.owner,
                properties: properties ?? existing?.properties ?? [:]
            )
            return transaction.saveProduct(product)
        }
        let warnings = unknownFieldWarnings(members.map(\.key), known: Self.productFields)
        return Envelope.success([
            (key: "data", value: OrderJSON.product(product)),
            (key: "warnings", value: .array(warnings.map(JSONValue.string))),
        ])
    }
}
