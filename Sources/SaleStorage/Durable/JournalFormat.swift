import SaleJSON

/// Reads and writes the journal file (see ``DurableLog`` for the format).
enum JournalFormat {
    /// The header's `format` value.
    static let format = "bitrix-order-engine/journal"
    /// The newest `version` this code writes and reads: 3, a preallocated journal (lines, then NUL padding to a
    /// multiple of ``pageBytes``, overwritten in place); 2, an append-only one, is still read and appended to.
    static let version = 3
    /// The oldest version read.
    static let oldestVersion = 2
    /// A version-3 journal's size is a multiple of this, and its last byte is NUL.
    static let pageBytes = 4096
    /// The file name inside the state folder.
    static let fileName = "journal.jsonl"

    /// One record of a scanned journal: its body's bytes, when its line has the canonical layout and its checksum
    /// matched over the bytes as written, else the value the general parser read (and checked).
    enum Record: Sendable {
        /// The record's compact JSON in the scanned bytes (not parsed yet).
        case bytes(Range<Int>)
        /// The record, parsed.
        case value(JSONValue)
    }

    /// What a scan of a journal file found.
    struct Scan {
        /// The sequence the journal starts after (the snapshot it continues).
        var after: Int
        /// The byte offset just past the header line.
        var headerEnd: Int
        /// The records in file order; record `i` has sequence `after + 1 + i`.
        var records: [Record]
        /// The byte offset just past each record's line.
        var lineEnds: [Int]
        /// The unfinished last line, if any: where it starts and how long it is.
        var torn: (offset: Int, length: Int)?
        /// The header's version (2: append-only; 3: preallocated).
        var version = JournalFormat.version
        /// Where the lines end (a version-3 journal's NUL padding starts there, or its torn line).
        var dataEnd = 0
    }

    private static func headerBody(version: JSONValue, after: JSONValue) -> JSONValue {
        .object([
            (key: "format", value: .string(format)), (key: "version", value: version), (key: "after", value: after),
        ])
    }

    /// `bytes` followed by NUL bytes up to the next multiple of `chunk` (at least one NUL).
    static func padded(_ bytes: [UInt8], chunk: Int) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: capacity(for: bytes.count, chunk: chunk) - bytes.count)
    }

    /// The smallest multiple of `chunk` larger than `used` (so at least one NUL follows the data).
    static func capacity(for used: Int, chunk: Int) -> Int { (used / chunk + 1) * chunk }

    /// The header line (with its newline) of a journal that continues the snapshot covering `after`.
    static func header(after: Int, version: Int = version) -> [UInt8] {
        let crc = CRC32.of(JSONWriter().bytes(headerBody(version: .int(version), after: .int(after))))
        let value: JSONValue = .object([
            (key: "format", value: .string(format)),
            (key: "version", value: .int(version)),
            (key: "after", value: .int(after)),
            (key: "crc32", value: .string(crc.hex)),
        ])
        return JSONWriter().bytes(value) + [0x0A]
    }

    /// The line (with its newline) for `record` already written as compact JSON: `{"seq":N,"crc32":"…","record":…}`.
    ///
    /// The checksum covers `{"seq":N,"record":…}`, the same line without its `crc32` member.
    static func line(sequence: Int, record body: [UInt8]) -> [UInt8] {
        let prefix = Array("{\"seq\":\(sequence),".utf8)
        let recordKey = Array("\"record\":".utf8)
        var crc = CRC32()
        crc.update(prefix)
        crc.update(recordKey)
        crc.update(body)
        crc.update(CollectionOfOne(UInt8(ascii: "}")))
        var line = prefix
        line.reserveCapacity(prefix.count + body.count + 32)
        line += Array("\"crc32\":\"\(crc.hex)\",".utf8)
        line += recordKey
        line += body
        line += [UInt8(ascii: "}"), 0x0A]
        return line
    }

    /// Checks a whole journal file and reads its records.
    ///
    /// A version-3 journal must be a multiple of ``pageBytes`` ending in NUL padding: one cut short (at a line
    /// boundary, or to its header) is ``StorageError/truncated(file:size:lastSequence:)``, never a quiet smaller
    /// state. After the lines only the start of one unfinished line (a torn write) may come, then only NUL bytes.
    static func scan(_ bytes: [UInt8], path: String, maxDepth: Int) throws(StorageError) -> Scan {
        guard let headerNewline = bytes.firstIndex(of: 0x0A) else {
            throw .damaged(file: path, offset: bytes.count, expected: "a complete header line ending in a newline")
        }
        let (after, version) = try decodeHeader(bytes[0..<headerNewline], path: path)
        var scan = Scan(after: after, headerEnd: headerNewline + 1, records: [], lineEnds: [], torn: nil)
        scan.version = version
        var end = bytes.count
        if version >= 3 {
            // Lines end at the first NUL; after it only NUL padding may follow (a torn write leaves its bytes before
            // the padding, never inside it).
            end = bytes[(headerNewline + 1)...].firstIndex(of: 0) ?? bytes.count
            if let stray = bytes[end...].firstIndex(where: { $0 != 0 }) {
                throw .damaged(
                    file: path,
                    offset: stray,
                    expected: "only NUL padding after the last line at byte \(end)"
                )
            }
        }
        var position = headerNewline + 1
        var expected = after + 1
        while position < end {
            if let newline = bytes[position..<end].firstIndex(of: 0x0A) {
                if let body = canonicalBody(bytes, position..<newline, sequence: expected) {
                    scan.records.append(.bytes(body))
                } else {
                    let record = try decodeLine(
                        bytes[position..<newline],
                        sequence: expected,
                        path: path,
                        maxDepth: maxDepth
                    )
                    scan.records.append(.value(record))
                }
                scan.lineEnds.append(newline + 1)
                position = newline + 1
                expected += 1
                continue
            }
            // An unfinished last line. If all but its last byte is a whole valid line, its newline was
            // overwritten (a write never stops after the newline's position), so that is damage, not a torn write.
            let tail = bytes[position..<end]
            if tail.count >= 2,
                (try? decodeLine(tail.dropLast(), sequence: expected, path: path, maxDepth: maxDepth)) != nil
            {
                throw .damaged(
                    file: path,
                    offset: bytes.count - 1,
                    expected: "a newline ending the record with sequence \(expected)"
                )
            }
            scan.torn = (position, tail.count)
            break
        }
        scan.dataEnd = scan.torn?.offset ?? position
        if version >= 3, bytes.count % pageBytes != 0 || bytes.last != 0 {
            throw .truncated(file: path, size: bytes.count, lastSequence: expected - 1)
        }
        return scan
    }

    /// The body of a line in the writer's exact layout `{"seq":N,"crc32":"xxxxxxxx","record":BODY}` whose checksum
    /// matches over the bytes as written, or nil (then the general parser reads the line and names any problem).
    static func canonicalBody(_ bytes: [UInt8], _ line: Range<Int>, sequence: Int) -> Range<Int>? {
        let seq = Array("{\"seq\":\(sequence),".utf8)
        let crcKey = Array("\"crc32\":\"".utf8)
        let recordKey = Array("\",\"record\":".utf8)
        let hexStart = line.lowerBound + seq.count + crcKey.count
        let recordStart = hexStart + 8 + 2  // after the hex digits and `",`
        guard line.count > seq.count + crcKey.count + 8 + recordKey.count + 1,
            bytes[line.lowerBound..<(line.lowerBound + seq.count)].elementsEqual(seq),
            bytes[(line.lowerBound + seq.count)..<hexStart].elementsEqual(crcKey),
            bytes[(hexStart + 8)..<(hexStart + 8 + recordKey.count)].elementsEqual(recordKey),
            bytes[line.upperBound - 1] == UInt8(ascii: "}")
        else { return nil }
        var crc = CRC32()
        bytes.withUnsafeBytes { raw in
            crc.update(UnsafeRawBufferPointer(rebasing: raw[line.lowerBound..<(line.lowerBound + seq.count)]))
            crc.update(UnsafeRawBufferPointer(rebasing: raw[recordStart..<line.upperBound]))
        }
        guard crc.hex.utf8.elementsEqual(bytes[hexStart..<(hexStart + 8)]) else { return nil }
        return (recordStart + "\"record\":".utf8.count)..<(line.upperBound - 1)
    }

    private static func decodeHeader(_ bytes: ArraySlice<UInt8>, path: String) throws(StorageError) -> (Int, Int) {
        let header: JSONValue
        do {
            header = try JSONParser(maxDepth: 2).parse(bytes)
        } catch {
            throw .damaged(file: path, offset: error.offset, expected: "\(error.expected) in the journal header")
        }
        guard let members = header.objectMembers else {
            throw .damaged(file: path, offset: 0, expected: "a header object with format, version, after and crc32")
        }
        guard let found = header["format"]?.stringValue else {
            throw .damaged(file: path, offset: 0, expected: "a \"format\" string member in the header")
        }
        guard found == format else { throw .unknownFormat(file: path, offset: 0, found: found, expected: format) }
        guard let versionValue = header["version"], let foundVersion = SnapshotFormat.strictInt(versionValue),
            foundVersion >= 1
        else {
            throw .damaged(file: path, offset: 0, expected: "a \"version\" member that is a positive integer")
        }
        guard foundVersion <= version else {
            throw .newerVersion(file: path, offset: 0, found: foundVersion, supported: version)
        }
        guard foundVersion >= oldestVersion else {
            throw .olderVersion(file: path, offset: 0, found: foundVersion, supported: oldestVersion)
        }
        let keys: Set = ["format", "version", "after", "crc32"]
        guard members.count == keys.count, Set(members.map(\.key)) == keys else {
            throw .damaged(file: path, offset: 0, expected: "exactly the header members after, crc32, format, version")
        }
        guard let afterValue = header["after"], let after = SnapshotFormat.strictInt(afterValue), after >= 0 else {
            throw .damaged(file: path, offset: 0, expected: "an \"after\" member that is a non-negative integer")
        }
        let computed = CRC32.of(JSONWriter().bytes(headerBody(version: versionValue, after: afterValue))).hex
        guard header["crc32"]?.stringValue == computed else {
            throw .damaged(file: path, offset: 0, expected: "a header matching its crc32 (computed \(computed))")
        }
        return (after, foundVersion)
    }

    private static func decodeLine(
        _ bytes: ArraySlice<UInt8>,
        sequence: Int,
        path: String,
        maxDepth: Int
    ) throws(StorageError) -> JSONValue {
        let start = bytes.startIndex
        let line: JSONValue
        do {
            line = try JSONParser(maxDepth: maxDepth + 1).parse(bytes)
        } catch {
            throw .damaged(
                file: path,
                offset: start + error.offset,
                expected: "\(error.expected) (in the line of sequence \(sequence) starting at byte \(start))"
            )
        }
        guard let members = line.objectMembers, members.count == 3,
            Set(members.map(\.key)) == ["seq", "crc32", "record"],
            let sequenceValue = line["seq"], let found = SnapshotFormat.strictInt(sequenceValue),
            let stored = line["crc32"]?.stringValue, let record = line["record"]
        else {
            throw .damaged(
                file: path,
                offset: start,
                expected: "a line {\"seq\":\(sequence),\"crc32\":\"…\",\"record\":…}"
            )
        }
        guard found == sequence else {
            throw .damaged(file: path, offset: start, expected: "the line of sequence \(sequence), found \(found)")
        }
        var crc = CRC32()
        crc.update(Array("{\"seq\":\(sequence),\"record\":".utf8))
        crc.update(JSONWriter().bytes(record))
        crc.update(CollectionOfOne(UInt8(ascii: "}")))
        guard crc.hex == stored else {
            throw .damaged(
                file: path,
                offset: start,
                expected: "the line of sequence \(sequence) to match its crc32 \(stored), computed \(crc.hex)"
            )
        }
        return record
    }
}
