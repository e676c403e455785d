import SaleJSON

/// Reads and writes the snapshot file (see ``DurableLog`` for the format).
enum SnapshotFormat {
    /// The `format` value.
    static let format = "bitrix-order-engine/state"
    /// The newest `version` this code writes and reads.
    static let version = 2
    /// The file name inside the state folder.
    static let fileName = "snapshot.json"

    /// The value with every object's keys sorted by UTF-8 bytes and duplicate keys folded (last wins).
    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map(canonical))
        case .object(let members):
            var latest: [String: JSONValue] = [:]
            for (key, member) in members { latest[key] = member }
            let keys = latest.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return .object(keys.map { (key: $0, value: canonical(latest[$0]!)) })
        default:
            return value
        }
    }

    /// The members covered by the checksum, in their fixed order.
    private static func checkedBody(version: JSONValue, sequence: JSONValue, payload: JSONValue) -> JSONValue {
        .object([
            (key: "format", value: .string(format)),
            (key: "version", value: version),
            (key: "sequence", value: sequence),
            (key: "payload", value: payload),
        ])
    }

    /// The file's bytes: pretty JSON, header members first in fixed order, payload keys sorted, final newline.
    static func encode(sequence: Int, payload: JSONValue, maxDepth: Int) throws(StorageError) -> [UInt8] {
        let payload = canonical(payload)
        let body = JSONWriter().bytes(checkedBody(version: .int(version), sequence: .int(sequence), payload: payload))
        do {
            _ = try JSONParser(maxDepth: maxDepth + 1).parse(body)
        } catch {
            throw .invalidRecord(reason: "the snapshot payload does not read back: \(error)")
        }
        return layout(sequence: sequence, crc32: CRC32.of(body).hex, payload: payload)
    }

    /// The file's layout: the header members and the payload's members each on their own line (two-space indentation),
    /// every element of a payload array (an order, a user, …) as one compact line, any other payload member compact on
    /// its key's line, and a final newline.
    ///
    /// Whitespace is outside the checksum.
    static func layout(sequence: Int, crc32: String, payload: JSONValue) -> [UInt8] {
        var out = Array("{\n  \"format\": \"\(format)\",\n  \"version\": \(version),\n".utf8)
        out += Array("  \"sequence\": \(sequence),\n  \"crc32\": \"\(crc32)\",\n  \"payload\": ".utf8)
        let compact = JSONWriter()
        if let members = payload.objectMembers, !members.isEmpty {
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                out += Array((position == 0 ? "\n    " : ",\n    ").utf8)
                JSONWriter.writeString(member.key, into: &out)
                out += Array(": ".utf8)
                if let elements = member.value.arrayValue, !elements.isEmpty {
                    out.append(UInt8(ascii: "["))
                    for (index, element) in elements.enumerated() {
                        out += Array((index == 0 ? "\n      " : ",\n      ").utf8)
                        compact.write(element, into: &out)
                    }
                    out += Array("\n    ]".utf8)
                } else {
                    compact.write(member.value, into: &out)
                }
            }
            out += Array("\n  }".utf8)
        } else {
            compact.write(payload, into: &out)
        }
        out += Array("\n}\n".utf8)
        return out
    }

    /// Checks and reads a snapshot file: the sequence it covers and its payload.
    static func decode(
        _ bytes: [UInt8],
        path: String,
        maxDepth: Int
    ) throws(StorageError) -> (sequence: Int, payload: JSONValue) {
        let document: JSONValue
        do {
            document = try JSONParser(maxDepth: maxDepth + 1).parse(bytes)
        } catch {
            throw .damaged(file: path, offset: error.offset, expected: error.expected)
        }
        let keys = ["format", "version", "sequence", "crc32", "payload"]
        guard let members = document.objectMembers else {
            throw .damaged(
                file: path,
                offset: 0,
                expected: "a JSON object with the members \(keys.joined(separator: ", "))"
            )
        }
        guard let found = document["format"]?.stringValue else {
            throw .damaged(file: path, offset: 0, expected: "a \"format\" string member")
        }
        guard found == format else {
            throw .unknownFormat(file: path, offset: 0, found: found, expected: format)
        }
        guard let versionValue = document["version"], let foundVersion = strictInt(versionValue), foundVersion >= 1
        else {
            throw .damaged(file: path, offset: 0, expected: "a \"version\" member that is a positive integer")
        }
        guard foundVersion <= version else {
            throw .newerVersion(file: path, offset: 0, found: foundVersion, supported: version)
        }
        guard foundVersion == version else {
            throw .olderVersion(file: path, offset: 0, found: foundVersion, supported: version)
        }
        guard members.count == keys.count, Set(members.map(\.key)) == Set(keys) else {
            throw .damaged(
                file: path,
                offset: 0,
                expected: "exactly the members \(keys.joined(separator: ", ")), found \(members.map(\.key))"
            )
        }
        guard let sequenceValue = document["sequence"], let sequence = strictInt(sequenceValue), sequence >= 0 else {
            throw .damaged(file: path, offset: 0, expected: "a \"sequence\" member that is a non-negative integer")
        }
        guard let stored = document["crc32"]?.stringValue, stored.utf8.count == 8 else {
            throw .damaged(file: path, offset: 0, expected: "a \"crc32\" member of eight hex digits")
        }
        let payload = document["payload"]!
        let body = JSONWriter().bytes(checkedBody(version: versionValue, sequence: sequenceValue, payload: payload))
        let computed = CRC32.of(body).hex
        guard computed == stored else {
            throw .damaged(
                file: path,
                offset: 0,
                expected: "content matching its crc32 \(stored), computed \(computed) (the file was altered)"
            )
        }
        return (sequence, payload)
    }

    /// An integer whose literal is exactly its canonical decimal text (`7`, not `7.0` or `7e0`).
    static func strictInt(_ value: JSONValue) -> Int? {
        guard let number = value.numberValue, let int = Int(number.literal), String(int) == number.literal else {
            return nil
        }
        return int
    }
}
