import BitrixSale
import SaleJSON
import SaleMoney

/// Fields after Bitrix's internaliser: UPPER_SNAKE names with typed values, in the client's order.
struct InternalFields: Sendable {
    var values: [(name: String, value: FieldValue)] = []

    /// The value of a field, or nil when it was not given (or was dropped).
    subscript(name: String) -> FieldValue? { values.last { $0.name == name }?.value }

    /// Whether a field was given.
    func has(_ name: String) -> Bool { values.contains { $0.name == name } }

    /// Sets or replaces a field.
    mutating func set(_ name: String, _ value: FieldValue) {
        if let index = values.firstIndex(where: { $0.name == name }) {
            values[index].value = value
        } else {
            values.append((name: name, value: value))
        }
    }

    /// Removes a field.
    mutating func remove(_ name: String) { values.removeAll { $0.name == name } }
}

/// Bitrix's `internalizeFields` + `checkFieldsAdd`: the whitelist, the attributes, the types and the required check.
enum FieldInput {
    /// What the fields are for: add drops read-only fields; update drops read-only and immutable ones.
    enum Mode {
        case add
        case update
    }

    /// Internalises `raw` (a PHP array of camelCase keys) for an entity.
    ///
    /// Unknown names, `UF_*` and UPPER_CASE keys, read-only fields (and immutable ones on update) and values that do
    /// not fit the field's type are dropped silently, as in Bitrix, each with an `EMU_REST_FIELD_DROPPED` diagnostic.
    /// - Throws: 0 "Required fields: …" (camelCase names) when a required field is missing on add.
    static func internalize(
        _ raw: JSONValue,
        catalog: FieldCatalog,
        entity: String,
        mode: Mode,
        call: RESTCall,
        notRequired: Set<String> = []
    ) throws(RESTError) -> InternalFields {
        var fields = InternalFields()
        for (key, value) in raw.phpMembers ?? [] {
            guard let field = catalog.field(forKey: key) else {
                call.note(
                    dropped(
                        entity,
                        key,
                        "is not a field of \(entity) (keys are camelCase; UF_* and UPPER_CASE keys never match)"
                    )
                )
                continue
            }
            if field.isReadOnly {
                call.note(dropped(entity, key, "is read-only"))
                continue
            }
            if mode == .update, field.isImmutable {
                call.note(dropped(entity, key, "cannot be changed after the \(entity) is created"))
                continue
            }
            guard let typed = convert(value, field.type, call: call) else {
                call.note(dropped(entity, key, "has a value that is not a \(field.type.rawValue)"))
                continue
            }
            fields.set(field.upper, typed)
        }
        if mode == .add {
            let missing = catalog.fields.filter {
                $0.isRequired && !$0.isReadOnly && !fields.has($0.upper) && !notRequired.contains($0.upper)
            }
            if !missing.isEmpty { throw .requiredFields(missing.map(\.name)) }
        }
        return fields
    }

    static func dropped(_ entity: String, _ key: String, _ why: String) -> SaleError {
        SaleError(
            code: "EMU_REST_FIELD_DROPPED",
            message: "fields.\(key) \(why); Bitrix drops it silently",
            field: "fields.\(key)"
        )
    }

    /// A client value as the field's type, or nil when it does not fit (an array, an unparseable date or number).
    static func convert(_ value: JSONValue, _ type: RESTFieldType, call: RESTCall) -> FieldValue? {
        if case .null = value { return .null }
        if case .bool(let flag) = value, type == .char { return .string(flag ? "Y" : "N") }
        guard let text = value.phpString else { return nil }
        switch type {
        case .integer:
            return .int(FieldValue.string(text).intval)
        case .double:
            if text.isEmpty { return .string("") }
            // Exact amounts as such; other numbers (more than four places, beyond decimal(18,4)) as their plain text.
            if let amount = try? Amount(parsing: text.trimmingCharacters(in: .whitespaces)) { return .amount(amount) }
            return Money.parse(text).map { .string(Money.plainText($0)) }
        case .datetime:
            if text.isEmpty { return .null }
            return call.time.parse(text).map(FieldValue.date)
        default:
            return .string(text)
        }
    }
}
