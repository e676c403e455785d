import BitrixSale
import SaleJSON

/// The method arguments as Bitrix's D7 binder reads them: exact, case-sensitive top-level names.
enum Arguments {
    /// `fields`: a PHP array.
    ///
    /// - Throws: 100 "Could not find value for parameter {fields}" when it is missing or not an array.
    static func fields(_ parameters: JSONValue) throws(RESTError) -> JSONValue {
        guard let value = parameters["fields"], value.isPHPArray else { throw .missingArgument("fields") }
        return value
    }

    /// `id`: an integer.
    ///
    /// - Throws: 100 "Could not find value for parameter {id}" when it is missing.
    static func id(_ parameters: JSONValue) throws(RESTError) -> Int {
        guard let value = parameters["id"], let text = value.phpString else { throw .missingArgument("id") }
        return FieldValue.string(text).intval
    }
}
