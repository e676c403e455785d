import Foundation
import SaleJSON
import Testing

@testable import SaleStorage

/// A preallocated journal (format version 3): lines written in place over NUL padding, the file always a multiple
/// of 4096 bytes; a journal cut short is an error naming what may be missing, a torn last line the one tolerated case.
@Suite struct PreallocatedJournalTests {
    /// A folder with records 1…`count` in a journal grown in 4096-byte chunks, and the journal's bytes.
    func folderWithRecords(_ folder: URL, _ count: Int) throws -> [UInt8] {
        let (log, _) = try openLog(folder, chunk: 4096)
        for number in 1...count { try log.append(sampleRecord(number)) }
        log.close()
        return try fileBytes(folder, "journal.jsonl")
    }

    @Test func linesGrowThePaddedFileByWholeChunksAndReadBack() throws {
        try withTemporaryFolder { folder in
            let journal = try folderWithRecords(folder, 60)
            #expect(journal.count % 4096 == 0)
            #expect(journal.count > 4096, "60 records of ~150 bytes need more than one chunk")
            #expect(journal.last == 0)
            #expect(String(decoding: journal.prefix(60), as: UTF8.self).contains(#""version":3"#))
            let (log, recovery) = try openLog(folder, create: false)
            #expect(recovery.records == (1...60).map(sampleRecord))
            #expect(try log.append(sampleRecord(61)) == 61)
            log.close()
            let (again, reopened) = try openLog(folder, create: false)
            again.close()
            #expect(reopened.records.count == 61)
        }
    }

    @Test func aJournalCutAtALineBoundaryOrToItsHeaderIsAnErrorNamingWhatMayBeMissing() throws {
        try withTemporaryFolder { folder in
            let journal = try folderWithRecords(folder, 10)
            let dataEnd = try #require(journal.firstIndex(of: 0))
            let lineEnds = journal[..<dataEnd].indices.filter { journal[$0] == 0x0A }.map { $0 + 1 }
            // lineEnds[0] is the header's end; lineEnds[k] the end of record k.
            for (kept, cut) in [(10, dataEnd), (6, lineEnds[6]), (0, lineEnds[0])] {
                try setFile(folder, "journal.jsonl", Array(journal.prefix(cut)))
                guard let error = openError(folder), case .truncated(let file, let size, let last) = error else {
                    Issue.record("a journal cut to \(cut) bytes opened without an error")
                    continue
                }
                #expect(file.hasSuffix("/journal.jsonl"))
                #expect(size == cut)
                #expect(last == kept)
                #expect("\(error)".contains("records acknowledged after sequence \(kept)"))
                #expect(try fileBytes(folder, "journal.jsonl") == Array(journal.prefix(cut)), "never rewritten")
            }
        }
    }

    @Test func aTornLastLineIsZeroedAwayByAWriterAndLeftByAReader() throws {
        try withTemporaryFolder { folder in
            let journal = try folderWithRecords(folder, 3)
            let dataEnd = try #require(journal.firstIndex(of: 0))
            var torn = journal
            let partial = Array(#"{"seq":4,"crc32":"0000"#.utf8)
            torn.replaceSubrange(dataEnd..<(dataEnd + partial.count), with: partial)
            try setFile(folder, "journal.jsonl", torn)
            let (reader, seen) = try DurableLog.open(
                folder: folder,
                options: .init(compactionThreshold: nil, readOnly: true)
            )
            reader.close()
            #expect(seen.records.count == 3)
            #expect(
                seen.warnings.filter { if case .readableByOthers = $0 { false } else { true } } == [
                    .droppedTornLine(
                        file: folder.path + "/journal.jsonl",
                        offset: dataEnd,
                        length: partial.count,
                        repaired: false
                    )
                ]
            )
            #expect(try fileBytes(folder, "journal.jsonl") == torn)
            let (writer, recovery) = try openLog(folder, create: false)
            #expect(recovery.records.count == 3)
            #expect(try fileBytes(folder, "journal.jsonl") == journal, "the torn bytes are NUL again")
            #expect(try writer.append(sampleRecord(4)) == 4)
            writer.close()
        }
    }

    @Test func dataInsideThePaddingIsDamageNotATornLine() throws {
        try withTemporaryFolder { folder in
            var journal = try folderWithRecords(folder, 3)
            journal[journal.count - 100] = UInt8(ascii: "x")
            try setFile(folder, "journal.jsonl", journal)
            guard case .damaged(_, let offset, let expected) = openError(folder) else {
                Issue.record("a stray byte in the padding opened")
                return
            }
            #expect(offset == journal.count - 100)
            #expect(expected.contains("only NUL padding"))
        }
    }

    @Test func anAppendOnlyVersion2JournalIsStillReadAndContinued() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder, chunk: nil)
            for number in 1...3 { try log.append(sampleRecord(number)) }
            log.close()
            let journal = try fileBytes(folder, "journal.jsonl")
            #expect(!journal.contains(0))
            #expect(String(decoding: journal, as: UTF8.self).contains(#""version":2"#))
            let (writer, recovery) = try openLog(folder, create: false, chunk: 4096)
            #expect(recovery.records.count == 3)
            #expect(try writer.append(sampleRecord(4)) == 4)
            writer.close()
            #expect(
                try fileBytes(folder, "journal.jsonl").count == journal.count
                    + JournalFormat.line(
                        sequence: 4,
                        record: JSONWriter().bytes(sampleRecord(4))
                    )
                    .count
            )
        }
    }
}
