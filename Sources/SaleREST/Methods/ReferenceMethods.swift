import BitrixSale
import SaleJSON

/// The reference lists: statuses, person types, order properties (D7 controllers: camelCase, wrapped, paged), and
/// the older services `sale.delivery.getlist` and `sale.paysystem.list` (UPPER_CASE keys, a plain array).
enum ReferenceMethods {
    static let status = FieldCatalog([
        ("ID", .char, "R"), ("TYPE", .char, ""), ("SORT", .integer, ""), ("NOTIFY", .char, ""), ("COLOR", .string, ""),
        ("XML_ID", .string, ""),
    ])

    static let personType = FieldCatalog([
        ("ID", .integer, "R"), ("NAME", .string, ""), ("CODE", .string, ""), ("SORT", .integer, ""),
        ("ACTIVE", .char, ""), ("XML_ID", .string, ""),
    ])

    static let property = FieldCatalog([
        ("ID", .integer, "R"), ("PERSON_TYPE_ID", .integer, ""), ("NAME", .string, ""), ("TYPE", .string, ""),
        ("REQUIRED", .char, ""), ("DEFAULT_VALUE", .string, ""), ("SORT", .integer, ""), ("USER_PROPS", .char, ""),
        ("IS_LOCATION", .char, ""), ("PROPS_GROUP_ID", .integer, ""), ("DESCRIPTION", .string, ""),
        ("IS_EMAIL", .char, ""), ("IS_PROFILE_NAME", .char, ""), ("IS_PAYER", .char, ""),
        ("IS_LOCATION4TAX", .char, ""), ("IS_FILTERED", .char, ""), ("CODE", .string, ""), ("IS_ZIP", .char, ""),
        ("IS_PHONE", .char, ""), ("IS_ADDRESS", .char, ""), ("IS_ADDRESS_FROM", .char, ""),
        ("IS_ADDRESS_TO", .char, ""), ("ACTIVE", .char, ""), ("UTIL", .char, ""), ("INPUT_FIELD_LOCATION", .string, ""),
        ("MULTIPLE", .char, ""), ("SETTINGS", .string, ""), ("XML_ID", .string, ""),
    ])

    private static func flag(_ value: Bool) -> JSONValue { .string(value ? "Y" : "N") }

    static let all: [RESTMethod] = [
        RESTMethod(name: "sale.status.list", scope: "sale") { surface, call, parameters throws(RESTError) in
            let rows = surface.engine.site.statuses.map { status in
                SaleEditor.sorted([
                    (key: "color", value: .null), (key: "id", value: .string(status.id)),
                    (key: "notify", value: .string("Y")), (key: "sort", value: .int(status.sort)),
                    (key: "type", value: .string(status.type.rawValue)), (key: "xmlId", value: .string("")),
                ])
            }
            return ListQuery(parameters, catalog: status, call: call)
                .page(rows.map(ListRow.init), wrapper: "statuses", time: call.time)
        },
        RESTMethod(name: "sale.persontype.list", scope: "sale") { surface, call, parameters throws(RESTError) in
            let rows = surface.engine.site.personTypes.map { personType in
                SaleEditor.sorted([
                    (key: "active", value: .string("Y")), (key: "code", value: .string("")),
                    (key: "id", value: .int(personType.id)), (key: "name", value: .string(personType.name)),
                    (key: "sort", value: .string(String(personType.id * 100))), (key: "xmlId", value: .string("")),
                ])
            }
            return ListQuery(parameters, catalog: personType, call: call)
                .page(rows.map(ListRow.init), wrapper: "personTypes", time: call.time)
        },
        RESTMethod(name: "sale.property.list", scope: "sale") { surface, call, parameters throws(RESTError) in
            let rows = surface.engine.site.orderProperties.map { property in
                SaleEditor.sorted([
                    (key: "active", value: flag(property.active)), (key: "code", value: .string(property.code)),
                    (key: "defaultValue", value: .string(property.defaultValue ?? "")),
                    (key: "description", value: .string("")), (key: "id", value: .int(property.id)),
                    (key: "inputFieldLocation", value: .string("0")),
                    (key: "isAddress", value: flag(property.isAddress)),
                    (key: "isAddressFrom", value: flag(false)), (key: "isAddressTo", value: flag(false)),
                    (key: "isEmail", value: flag(property.isEmail)), (key: "isFiltered", value: flag(false)),
                    (key: "isLocation", value: flag(false)), (key: "isLocation4tax", value: flag(false)),
                    (key: "isPayer", value: flag(property.isPayer)), (key: "isPhone", value: flag(property.isPhone)),
                    (key: "isProfileName", value: flag(false)), (key: "isZip", value: flag(false)),
                    (key: "multiple", value: flag(false)), (key: "name", value: .string(property.name)),
                    (key: "personTypeId", value: .int(property.personTypeId)), (key: "propsGroupId", value: .int(1)),
                    (key: "required", value: flag(property.required)), (key: "settings", value: .array([])),
                    (key: "sort", value: .int(property.sort)), (key: "type", value: .string(property.type.rawValue)),
                    (key: "userProps", value: flag(true)), (key: "util", value: flag(false)),
                    (key: "xmlId", value: .string("")),
                ])
            }
            return ListQuery(parameters, catalog: property, call: call)
                .page(rows.map(ListRow.init), wrapper: "properties", time: call.time)
        },
        RESTMethod(name: "sale.delivery.getlist", scope: "sale") { surface, call, parameters throws(RESTError) in
            let rows: [JSONValue] = surface.engine.site.deliveryServices.map { service in
                .object([
                    (key: "ID", value: .string(String(service.id))), (key: "NAME", value: .string(service.name)),
                    (key: "ACTIVE", value: .string("Y")), (key: "DESCRIPTION", value: .string("")),
                    (key: "CURRENCY", value: .string(surface.engine.site.currency)),
                    (key: "PARENT_ID", value: .string("0")), (key: "SORT", value: .string("100")),
                ])
            }
            return RESTOutput(result: .array(oldStyle(rows, parameters, call: call)))
        },
        RESTMethod(name: "sale.paysystem.list", scope: "pay_system") { surface, call, parameters throws(RESTError) in
            let rows: [JSONValue] = surface.engine.site.paySystems.map { paySystem in
                .object([
                    (key: "ID", value: .string(String(paySystem.id))), (key: "NAME", value: .string(paySystem.name)),
                    (key: "PSA_NAME", value: .string(paySystem.name)),
                    (key: "ACTION_FILE", value: .string(paySystem.code)),
                    (key: "ACTIVE", value: .string("Y")), (key: "PERSON_TYPE_ID", value: .array([])),
                    (key: "XML_ID", value: .string("")),
                    (key: "IS_CASH", value: .string(paySystem.code == "cash" ? "Y" : "N")),
                    (key: "ENTITY_REGISTRY_TYPE", value: .string("ORDER")), (key: "SORT", value: .string("100")),
                    (key: "DESCRIPTION", value: .string("")),
                ])
            }
            return RESTOutput(result: .array(oldStyle(rows, parameters, call: call)))
        },
    ]

    /// `SELECT` / `FILTER` (exact values) / `ORDER` of the older services, their names in either case.
    static func oldStyle(_ rows: [JSONValue], _ parameters: JSONValue, call: RESTCall) -> [JSONValue] {
        func parameter(_ name: String) -> JSONValue? {
            parameters.phpMembers?.last { $0.key.uppercased() == name }?.value
        }
        var rows = rows
        for (key, value) in parameter("FILTER")?.phpMembers ?? [] {
            let field = key.uppercased().trimmingCharacters(in: CharacterSet(charactersIn: "=!@"))
            guard rows.first?[field] != nil else {
                call.note("EMU_REST_FILTER_DROPPED", "filter \(key) names no field", field: "filter")
                continue
            }
            let wanted = Set((value.phpMembers?.map(\.value) ?? [value]).compactMap(\.phpString))
            rows = rows.filter { wanted.contains($0[field]?.phpString ?? "") }
        }
        if let order = parameter("ORDER")?.phpMembers?.first {
            let field = order.key.uppercased()
            let descending = (order.value.phpString ?? "").lowercased() == "desc"
            rows.sort {
                let comparison = ListQuery.compare($0[field] ?? .null, $1[field] ?? .null, time: call.time)
                return descending ? comparison > 0 : comparison < 0
            }
        }
        if let select = parameter("SELECT")?.phpMembers?.compactMap({ $0.value.phpString.map { $0.uppercased() } }),
            !select.isEmpty, !select.contains("*")
        {
            rows = rows.map { row in .object((row.objectMembers ?? []).filter { select.contains($0.key) }) }
        }
        return rows
    }
}

import Foundation
