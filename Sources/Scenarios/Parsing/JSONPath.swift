import SaleJSON

/// A location inside a JSON document, written `$.steps[2].request.method` (keys that are not identifiers
/// are written `["Content-Type"]`).
struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The written form, starting with `$`.
    private(set) var description: String

    /// The document root, `$`.
    static let root = JSONPath(description: "$")

    /// The member `key` of the object at this path.
    func key(_ key: String) -> JSONPath {
        JSONPath(description: description + JSONPath.component(forKey: key))
    }

    /// The element `index` (zero-based) of the array at this path.
    func index(_ index: Int) -> JSONPath {
        JSONPath(description: description + "[\(index)]")
    }

    /// This path continued by `relative`, another path that starts at `$`.
    func appending(_ relative: JSONPath) -> JSONPath {
        JSONPath(description: description + relative.description.dropFirst())
    }

    private static func component(forKey key: String) -> String {
        var isIdentifier = !key.isEmpty
        for (position, byte) in key.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "_"), UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9") where position > 0:
                continue
            default:
                isIdentifier = false
            }
        }
        if isIdentifier { return "." + key }
        var quoted: [UInt8] = []
        JSONWriter.writeString(key, into: &quoted)
        return "[" + String(decoding: quoted, as: UTF8.self) + "]"
    }
}
