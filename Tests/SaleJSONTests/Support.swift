import Foundation
import SaleJSON
import TestSupport

/// Random JSON values with awkward strings, numbers in every syntax and objects with repeated keys.
enum RandomJSON {
    static let scalars: [Unicode.Scalar] = [
        "a", "b", "Z", "0", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}",
        "\u{1F}", "\u{7F}", "é", "ß", "日", "€", "\u{2028}", "\u{FEFF}", "\u{FFFF}", "😀", "\u{10FFFF}",
    ]
    static let keys = ["id", "name", "price", "", "a", "b", "é", "日本", "with space", "quote\"d", "😀"]

    static func number(_ rng: inout SeededGenerator) -> JSONNumber {
        var text = Bool.random(using: &rng) ? "-" : ""
        if Int.random(in: 0..<4, using: &rng) == 0 {
            text += "0"
        } else {
            text += String(Int.random(in: 1...9, using: &rng))
            for _ in 0..<Int.random(in: 0..<20, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        if Bool.random(using: &rng) {
            text += "."
            for _ in 0..<Int.random(in: 1..<12, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        if Int.random(in: 0..<3, using: &rng) == 0 {
            text += ["e", "E"].randomElement(using: &rng)! + ["", "+", "-"].randomElement(using: &rng)!
            text += String(Int.random(in: 0...300, using: &rng))
        }
        return JSONNumber(literal: text)
    }

    static func string(_ rng: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0..<12, using: &rng) {
            text.unicodeScalars.append(scalars.randomElement(using: &rng)!)
        }
        return text
    }

    static func value(_ rng: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        let leafOnly = depth >= 4
        var kind = Int.random(in: 0..<(leafOnly ? 5 : 7), using: &rng)
        // Mostly containers at the top, so that most documents have structure.
        if depth == 0, Int.random(in: 0..<5, using: &rng) != 0 { kind = Int.random(in: 5..<7, using: &rng) }
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2, 3: return .number(number(&rng))
        case 4: return .string(string(&rng))
        case 5: return .array((0..<Int.random(in: 0..<5, using: &rng)).map { _ in value(&rng, depth: depth + 1) })
        default:
            return .object(
                (0..<Int.random(in: 0..<6, using: &rng))
                    .map { _ in
                        let key = Bool.random(using: &rng) ? keys.randomElement(using: &rng)! : string(&rng)
                        return (key: key, value: value(&rng, depth: depth + 1))
                    }
            )
        }
    }

    /// The same value with duplicate keys resolved (last wins) and every object's members shuffled.
    static func reordered(_ value: JSONValue, _ rng: inout SeededGenerator) -> JSONValue {
        switch value {
        case .array(let elements): return .array(elements.map { reordered($0, &rng) })
        case .object(let members):
            var latest: [String: JSONValue] = [:]
            for (key, member) in members { latest[key] = member }
            var result = latest.keys.sorted().map { (key: $0, value: reordered(latest[$0]!, &rng)) }
            result.shuffle(using: &rng)
            return .object(result)
        default: return value
        }
    }
}

/// The parse error for `bytes`, or nil when they parse.
func parseError(_ bytes: [UInt8], maxDepth: Int = 64) -> JSONParseError? {
    do {
        _ = try JSONParser(maxDepth: maxDepth).parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// The hash of a value, for checking that equal values hash equally.
func hashOf(_ value: some Hashable) -> Int {
    var hasher = Hasher()
    hasher.combine(value)
    return hasher.finalize()
}
