import Foundation
import SaleJSON
import TestSupport
import Testing

@testable import SaleStorage

/// A folder with a snapshot through 5 and a journal that continues it with records 6…12, as bytes.
private struct Fixture {
    var snapshot: [UInt8]
    var journal: [UInt8]
    var payload: JSONValue
    var records: [JSONValue]

    static func make() throws -> Fixture {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            for number in 1...5 { try log.append(sampleRecord(number)) }
            let payload: JSONValue = .object([(key: "orders", value: .array((1...5).map(sampleRecord)))])
            try log.compact(through: 5, payload: payload)
            for number in 6...12 { try log.append(sampleRecord(number)) }
            log.close()
            return Fixture(
                snapshot: try fileBytes(folder, "snapshot.json"),
                journal: try fileBytes(folder, "journal.jsonl"),
                payload: payload,
                records: (6...12).map(sampleRecord)
            )
        }
    }

    /// Opens the given files: nil when opening threw a StorageError, else what it recovered.
    func open(snapshot: [UInt8]?, journal: [UInt8]?) throws -> Result<DurableLog.Recovery, StorageError> {
        try withTemporaryFolder { folder in
            try makeFolder(folder, snapshot: snapshot, journal: journal)
            do throws(StorageError) {
                let (log, recovery) = try DurableLog.open(folder: folder, options: .init(compactionThreshold: nil))
                log.close()
                return .success(recovery)
            } catch {
                return .failure(error)
            }
        }
    }

    /// Whether `recovery` holds exactly the fixture's state.
    func isExact(_ recovery: DurableLog.Recovery) -> Bool {
        recovery.snapshot == payload && recovery.snapshotSequence == 5 && recovery.records == records
    }
}

/// The byte offset of the start of journal line `index` (0 is the header).
private func lineStart(_ journal: [UInt8], _ index: Int) -> Int {
    var seen = 0
    for (offset, byte) in journal.enumerated() where byte == 0x0A {
        seen += 1
        if seen == index { return offset + 1 }
    }
    return journal.count
}

@Suite struct DurableLogCorruptionTests {
    @Test func theUntouchedFixtureOpensExactly() throws {
        let fixture = try Fixture.make()
        let result = try fixture.open(snapshot: fixture.snapshot, journal: fixture.journal)
        #expect(try fixture.isExact(result.get()))
    }

    @Test func aSnapshotTruncatedAnywhereIsAnErrorNamingTheFile() throws {
        let fixture = try Fixture.make()
        var cases = 0
        for length in stride(from: 0, to: fixture.snapshot.count, by: max(1, fixture.snapshot.count / 150)) {
            let result = try fixture.open(snapshot: Array(fixture.snapshot.prefix(length)), journal: fixture.journal)
            switch result {
            case .success(let recovery):
                // Only the final newline (whitespace) may go without harm.
                #expect(length == fixture.snapshot.count - 1 && fixture.isExact(recovery), "length \(length)")
            case .failure(let error):
                #expect(error.description.contains("snapshot.json"), "length \(length): \(error)")
            }
            cases += 1
        }
        #expect(cases >= 150)
    }

    @Test(arguments: ["snapshot", "journal"])
    func aFlippedByteIsAnErrorOrHarmlessNeverALoss(file: String) throws {
        let fixture = try Fixture.make()
        var random = SeededGenerator(seed: file == "snapshot" ? 20_240_501 : 20_240_502)
        var errors = 0
        for _ in 0..<150 {
            var snapshot = fixture.snapshot
            var journal = fixture.journal
            let offset: Int
            let mask = UInt8.random(in: 1...255, using: &random)
            if file == "snapshot" {
                offset = Int.random(in: 0..<snapshot.count, using: &random)
                snapshot[offset] ^= mask
            } else {
                offset = Int.random(in: 0..<journal.count, using: &random)
                journal[offset] ^= mask
            }
            switch try fixture.open(snapshot: snapshot, journal: journal) {
            case .success(let recovery):
                #expect(fixture.isExact(recovery), "\(file) byte \(offset) ^ \(mask) opened with other content")
                #expect(recovery.warnings.isEmpty, "\(file) byte \(offset) ^ \(mask): \(recovery.warnings)")
            case .failure(let error):
                errors += 1
                #expect(error.description.contains("\(file).json"), "\(file) byte \(offset): \(error)")
            }
        }
        #expect(errors > 100)
    }

    @Test func aBadLineInTheMiddleIsAnErrorAtItsOffset() throws {
        let fixture = try Fixture.make()
        let start = lineStart(fixture.journal, 3)
        var journal = fixture.journal
        journal[start + 1] = UInt8(ascii: "x")  // `{x"seq"…`: not JSON
        guard case .failure(let error) = try fixture.open(snapshot: fixture.snapshot, journal: journal),
            case .damaged(let file, let offset, _) = error
        else {
            Issue.record("expected a damaged-file error")
            return
        }
        #expect(file.hasSuffix("/journal.jsonl"))
        #expect(offset == start + 1)
        #expect(error.description.hasPrefix("\(file) at byte \(start + 1): expected a string key"))
        #expect(!error.description.contains("\n"))
    }

    @Test func aChecksumMismatchInsideAStringIsAnErrorAtTheLine() throws {
        let fixture = try Fixture.make()
        let start = lineStart(fixture.journal, 2)
        var journal = fixture.journal
        let text = Array("заказ".utf8)
        let at = try #require((start..<journal.count).first { Array(journal[$0..<($0 + text.count)]) == text })
        journal[at + text.count + 4] ^= 0x01  // a digit of the order number inside the string: still valid JSON
        guard
            case .failure(.damaged(_, let offset, let expected)) = try fixture.open(
                snapshot: fixture.snapshot,
                journal: journal
            )
        else {
            Issue.record("expected a damaged-file error")
            return
        }
        #expect(offset == start)
        #expect(expected.contains("crc32"))
    }

    @Test func aSequenceOutOfPlaceIsAnError() throws {
        let fixture = try Fixture.make()
        let second = lineStart(fixture.journal, 2)
        let third = lineStart(fixture.journal, 3)
        // Line 2 repeated: sequence 7 where 8 is expected.
        let journal = Array(fixture.journal[..<third] + fixture.journal[second..<third] + fixture.journal[third...])
        guard
            case .failure(.damaged(_, let offset, let expected)) = try fixture.open(
                snapshot: fixture.snapshot,
                journal: journal
            )
        else {
            Issue.record("expected a damaged-file error")
            return
        }
        #expect(offset == third)
        #expect(expected.contains("sequence 8"))
    }

    @Test func aLastLineWhoseNewlineWasOverwrittenIsAnError() throws {
        let fixture = try Fixture.make()
        var journal = fixture.journal
        journal[journal.count - 1] = UInt8(ascii: " ")
        let result = try fixture.open(snapshot: fixture.snapshot, journal: journal)
        #expect(throws: StorageError.self) { try result.get() }
    }

    @Test func anOlderVersionIsRefusedNamingIt() throws {
        let fixture = try Fixture.make()
        let snapshotText = String(decoding: fixture.snapshot, as: UTF8.self)
        let older = Array(snapshotText.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1").utf8)
        guard case .failure(let error) = try fixture.open(snapshot: older, journal: fixture.journal),
            case .olderVersion(_, 0, 1, 2) = error
        else {
            Issue.record("expected olderVersion for the snapshot")
            return
        }
        #expect(error.description.contains("expected format version 2, found 1"))
        let journalText = String(decoding: fixture.journal, as: UTF8.self)
        let olderJournal = Array(journalText.replacingOccurrences(of: "\"version\":2", with: "\"version\":1").utf8)
        guard
            case .failure(.olderVersion(let file, 0, 1, 2)) = try fixture.open(
                snapshot: fixture.snapshot,
                journal: olderJournal
            )
        else {
            Issue.record("expected olderVersion for the journal")
            return
        }
        #expect(file.hasSuffix("journal.jsonl"))
    }

    @Test func aNewerVersionOrAnUnknownFormatIsRefused() throws {
        let fixture = try Fixture.make()
        let snapshotText = String(decoding: fixture.snapshot, as: UTF8.self)
        let newer = Array(snapshotText.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 3").utf8)
        #expect(throws: StorageError.self) { try fixture.open(snapshot: newer, journal: fixture.journal).get() }
        if case .failure(let error) = try fixture.open(snapshot: newer, journal: fixture.journal) {
            guard case .newerVersion(_, _, 3, 2) = error else {
                Issue.record("expected newerVersion, got \(error)")
                return
            }
        }
        let other = Array(snapshotText.replacingOccurrences(of: "bitrix-order-engine/state", with: "someone/else").utf8)
        if case .failure(let error) = try fixture.open(snapshot: other, journal: fixture.journal) {
            #expect(
                error
                    == .unknownFormat(
                        file: error.fileForTest,
                        offset: 0,
                        found: "someone/else",
                        expected: "bitrix-order-engine/state"
                    )
            )
        } else {
            Issue.record("an unknown format opened")
        }
        let journalText = String(decoding: fixture.journal, as: UTF8.self)
        let newerJournal = Array(journalText.replacingOccurrences(of: "\"version\":2", with: "\"version\":4").utf8)
        guard
            case .failure(.newerVersion(let file, 0, 4, 3)) = try fixture.open(
                snapshot: fixture.snapshot,
                journal: newerJournal
            )
        else {
            Issue.record("expected newerVersion for the journal")
            return
        }
        #expect(file.hasSuffix("journal.jsonl"))
    }

    @Test func aJournalThatNeedsAMissingSnapshotIsAnError() throws {
        let fixture = try Fixture.make()
        guard case .failure(let error) = try fixture.open(snapshot: nil, journal: fixture.journal),
            case .missingSnapshot(_, _, 5, nil) = error
        else {
            Issue.record("expected missingSnapshot")
            return
        }
        #expect(error.description.contains("journal.jsonl at byte 0"))
        #expect(error.description.contains("snapshot.json"))
        // A journal whose first lines are gone (starts at 57, nothing covers 1…56).
        let header = JournalFormat.header(after: 56, version: 2)
        let line = JournalFormat.line(sequence: 57, record: JSONWriter().bytes(1))
        guard case .failure(.missingSnapshot(_, _, 56, nil)) = try fixture.open(snapshot: nil, journal: header + line)
        else {
            Issue.record("expected missingSnapshot for after 56")
            return
        }
    }

    @Test func aSnapshotWithoutItsJournalIsAnErrorEvenWithCreate() throws {
        let fixture = try Fixture.make()
        try withTemporaryFolder { folder in
            try makeFolder(folder, snapshot: fixture.snapshot, journal: nil)
            #expect(throws: StorageError.self) { try openLog(folder, create: true) }
            #expect(try fileBytes(folder, "snapshot.json") == fixture.snapshot)
        }
    }

    @Test func damagedFilesAreLeftUntouched() throws {
        let fixture = try Fixture.make()
        try withTemporaryFolder { folder in
            var journal = fixture.journal
            journal[lineStart(journal, 2) + 3] ^= 0x20
            try makeFolder(folder, snapshot: fixture.snapshot, journal: journal)
            #expect(throws: StorageError.self) { try openLog(folder, create: true) }
            #expect(try fileBytes(folder, "journal.jsonl") == journal)
            #expect(try fileBytes(folder, "snapshot.json") == fixture.snapshot)
        }
    }

    /// Replays a folder into one list: the snapshot's orders then the journal's records.
    private func replay(_ recovery: DurableLog.Recovery) -> [JSONValue] {
        (recovery.snapshot?["orders"]?.arrayValue ?? []) + recovery.records
    }

    @Test func everyCrashPointOfACompactionReopensToTheSameRecords() throws {
        // Before: snapshot through 5 + journal 6…12. After compacting through 12: snapshot 12 + empty journal.
        let before = try Fixture.make()
        let after = try withTemporaryFolder { folder in
            try makeFolder(folder, snapshot: before.snapshot, journal: before.journal)
            let (log, _) = try openLog(folder, create: false)
            try log.compact(through: 12, payload: ["orders": .array((1...12).map(sampleRecord))])
            log.close()
            return (snapshot: try fileBytes(folder, "snapshot.json"), journal: try fileBytes(folder, "journal.jsonl"))
        }
        let expected = (1...12).map(sampleRecord)
        let crashPoints: [(name: String, files: [String: [UInt8]])] = [
            ("before anything", ["snapshot.json": before.snapshot, "journal.jsonl": before.journal]),
            (
                "snapshot temporary half written",
                [
                    "snapshot.json": before.snapshot, "journal.jsonl": before.journal,
                    "snapshot.json.tmp": Array(after.snapshot.prefix(after.snapshot.count / 2)),
                ]
            ),
            (
                "snapshot temporary complete, not renamed",
                [
                    "snapshot.json": before.snapshot, "journal.jsonl": before.journal,
                    "snapshot.json.tmp": after.snapshot,
                ]
            ),
            ("snapshot renamed, old journal", ["snapshot.json": after.snapshot, "journal.jsonl": before.journal]),
            (
                "journal temporary written, not renamed",
                ["snapshot.json": after.snapshot, "journal.jsonl": before.journal, "journal.jsonl.tmp": after.journal]
            ),
            ("journal renamed", ["snapshot.json": after.snapshot, "journal.jsonl": after.journal]),
        ]
        for point in crashPoints {
            try withTemporaryFolder { folder in
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for (name, bytes) in point.files { try setFile(folder, name, bytes) }
                let (log, recovery) = try openLog(folder, create: false)
                #expect(replay(recovery) == expected, "\(point.name)")
                #expect(recovery.warnings.isEmpty, "\(point.name)")
                #expect(!FileManager.default.fileExists(atPath: folder.path + "/snapshot.json.tmp"), "\(point.name)")
                #expect(!FileManager.default.fileExists(atPath: folder.path + "/journal.jsonl.tmp"), "\(point.name)")
                // Appending and compacting again from this state works and survives another reopen.
                #expect(try log.append(sampleRecord(13)) == 13, "\(point.name)")
                try log.compact(through: 13, payload: ["orders": .array((1...13).map(sampleRecord))])
                try log.append(sampleRecord(14))
                log.close()
                let (again, final) = try openLog(folder, create: false)
                again.close()
                #expect(replay(final) == (1...14).map(sampleRecord), "\(point.name)")
            }
        }
    }
}

extension StorageError {
    /// The file an error names (for comparisons in tests).
    fileprivate var fileForTest: String {
        switch self {
        case .damaged(let file, _, _), .unknownFormat(let file, _, _, _), .newerVersion(let file, _, _, _): file
        default: ""
        }
    }
}
