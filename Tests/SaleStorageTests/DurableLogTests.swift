import Foundation
import SaleJSON
import Synchronization
import Testing

@testable import SaleStorage

#if canImport(Glibc)
import Glibc
#endif

@Suite struct DurableLogTests {
    @Test func appendedRecordsComeBackInOrderAfterReopen() throws {
        try withTemporaryFolder { folder in
            let (log, recovery) = try openLog(folder)
            #expect(recovery.created)
            #expect(recovery.snapshot == nil)
            #expect(recovery.records.isEmpty)
            for number in 1...20 { #expect(try log.append(sampleRecord(number)) == number) }
            log.close()

            let (again, reopened) = try openLog(folder, create: false)
            defer { again.close() }
            #expect(!reopened.created)
            #expect(reopened.snapshot == nil)
            #expect(reopened.snapshotSequence == 0)
            #expect(reopened.records == (1...20).map(sampleRecord))
            #expect(reopened.lastSequence == 20)
            #expect(reopened.warnings.isEmpty)
            #expect(try again.append(sampleRecord(21)) == 21)
        }
    }

    @Test func journalLinesHaveTheDocumentedShape() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            try log.append(["a": 1])
            log.close()
            let text = String(decoding: try fileBytes(folder, "journal.jsonl"), as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 3)
            #expect(lines[0].hasPrefix(#"{"format":"bitrix-order-engine/journal","version":2,"after":0,"crc32":""#))
            let crc = CRC32.of(Array(#"{"seq":1,"record":{"a":1}}"#.utf8)).hex
            #expect(lines[1] == #"{"seq":1,"crc32":"\#(crc)","record":{"a":1}}"#)
            #expect(lines[2].isEmpty)
        }
    }

    @Test func aMissingFolderIsAnErrorUnlessCreateIsAskedAndAFolderWithoutStateUnlessInitializeIs() throws {
        try withTemporaryFolder { folder in
            #expect(openError(folder) == .notInitialized(folder: folder.path))
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            #expect(openError(folder) == .noState(folder: folder.path))
            #expect(throws: StorageError.noState(folder: folder.path)) { try openLog(folder, create: true) }
            let (log, recovery) = try DurableLog.open(
                folder: folder,
                options: .init(create: true, initialize: true, compactionThreshold: nil)
            )
            log.close()
            #expect(recovery.created)
            #expect(openError(folder) == nil)
            // Its state files deleted (the lock file left behind): an error again, not a quiet empty start.
            try FileManager.default.removeItem(at: folder.appendingPathComponent("journal.jsonl"))
            #expect(openError(folder) == .noState(folder: folder.path))
            #expect("\(StorageError.noState(folder: folder.path))".contains("pass --init"))
        }
    }

    @Test func equalStatesGiveIdenticalSnapshotBytes() throws {
        let first: JSONValue = .object([(key: "b", value: [1, "x"]), (key: "a", value: ["z": 1, "y": nil])])
        let second: JSONValue = .object([(key: "a", value: ["y": nil, "z": 1]), (key: "b", value: [1, "x"])])
        let bytes = try [first, second]
            .map { payload in
                try withTemporaryFolder { folder in
                    let (log, _) = try openLog(folder)
                    try log.append("one")
                    try log.compact(through: 1, payload: payload)
                    log.close()
                    return try fileBytes(folder, "snapshot.json")
                }
            }
        #expect(bytes[0] == bytes[1])
        let text = String(decoding: bytes[0], as: UTF8.self)
        #expect(
            text.hasPrefix("{\n  \"format\": \"bitrix-order-engine/state\",\n  \"version\": 2,\n  \"sequence\": 1,\n")
        )
        #expect(
            text.contains(
                "\"payload\": {\n    \"a\": {\"y\":null,\"z\":1},\n    \"b\": [\n      1,\n      \"x\"\n    ]\n  }\n}\n"
            )
        )
        #expect(text.hasSuffix("}\n"))
    }

    @Test func compactionFoldsTheJournalAndReopenGivesTheSameState() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            for number in 1...10 { try log.append(sampleRecord(number)) }
            try log.compact(through: 10, payload: .array((1...10).map(sampleRecord)))
            let compactedSize = log.statistics.journalBytes
            #expect(compactedSize == JournalFormat.header(after: 10).count)
            for number in 11...13 { try log.append(sampleRecord(number)) }
            log.close()

            let (again, recovery) = try openLog(folder, create: false)
            defer { again.close() }
            #expect(recovery.snapshot == .array((1...10).map(sampleRecord)))
            #expect(recovery.snapshotSequence == 10)
            #expect(recovery.records == (11...13).map(sampleRecord))
            #expect(try again.append(sampleRecord(14)) == 14)
        }
    }

    @Test func compactionThroughAnEarlierCutKeepsTheLaterLines() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            for number in 1...10 { _ = try log.write(sampleRecord(number)) }
            try log.compact(through: 7, payload: .array((1...7).map(sampleRecord)))
            try log.waitUntilDurable(10)
            #expect(log.statistics.snapshotSequence == 7)
            try log.append(sampleRecord(11))
            log.close()

            let (again, recovery) = try openLog(folder, create: false)
            again.close()
            #expect(recovery.snapshotSequence == 7)
            #expect(recovery.snapshot == .array((1...7).map(sampleRecord)))
            #expect(recovery.records == (8...11).map(sampleRecord))
        }
    }

    @Test func compactionRefusesASequenceNotWrittenOrAlreadyCovered() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            defer { log.close() }
            try log.append(1)
            #expect(throws: StorageError.self) { try log.compact(through: 2, payload: []) }
            try log.compact(through: 1, payload: [1])
            try log.append(2)
            #expect(throws: StorageError.self) { try log.compact(through: 0, payload: []) }
            #expect(throws: StorageError.self) { try log.compact() }
        }
    }

    @Test func automaticCompactionKicksInPastTheThreshold() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try DurableLog.open(folder: folder, options: .init(create: true, compactionThreshold: 2_000))
            let applied = Mutex<[JSONValue]>([])
            let logged = log
            log.setSnapshotSource {
                applied.withLock { records in (sequence: logged.lastSequence, payload: .array(records)) }
            }
            for number in 1...60 {
                try applied.withLock { records in
                    let sequence = try log.write(sampleRecord(number))
                    records.append(sampleRecord(number))
                    #expect(sequence == number)
                }
                try log.waitUntilDurable(number)
            }
            // Compaction runs in the background; it waits for the journal to outgrow the snapshot too.
            log.waitForCompaction()
            let statistics = log.statistics
            #expect(statistics.compactions > 0)
            #expect(statistics.lastCompactionError == nil)
            let snapshotBytes = try #require(try POSIXFileSystem().readFile(folder.path + "/snapshot.json")).count
            #expect(statistics.journalBytes < max(2_000, snapshotBytes))
            log.setSnapshotSource(nil)
            log.close()

            let (again, recovery) = try openLog(folder, create: false)
            again.close()
            let state = (recovery.snapshot?.arrayValue ?? []) + recovery.records
            #expect(state == (1...60).map(sampleRecord))
            #expect(recovery.snapshotSequence > 0)
        }
    }

    @Test func automaticCompactionRunsInTheBackgroundWhileAppendsContinue() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try DurableLog.open(folder: folder, options: .init(create: true, compactionThreshold: 1_000))
            let applied = Mutex<[JSONValue]>([])
            let started = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let first = Mutex(true)
            let logged = log
            log.setSnapshotSource {
                let cut = applied.withLock { records in
                    (sequence: logged.lastSequence, payload: JSONValue.array(records))
                }
                if first.withLock({ first in
                    defer { first = false }
                    return first
                }) {
                    started.signal()
                    release.wait()
                }
                return cut
            }
            var number = 0
            func append() throws {
                number += 1
                let sequence = try applied.withLock { records in
                    records.append(sampleRecord(number))
                    return try log.write(sampleRecord(number))
                }
                try log.waitUntilDurable(sequence)
            }
            while log.statistics.compactions == 0, started.wait(timeout: .now()) == .timedOut { try append() }
            // The snapshot source is blocked: appends go on, acknowledged, and stay in the new journal.
            let cut = number
            for _ in 0..<20 { try append() }
            #expect(log.statistics.compactions == 0)
            release.signal()
            log.waitForCompaction()
            #expect(log.statistics.compactions >= 1)
            #expect(log.statistics.snapshotSequence >= cut)
            #expect(log.statistics.lastCompactionError == nil)
            log.setSnapshotSource(nil)
            log.close()

            let (again, recovery) = try openLog(folder, create: false)
            again.close()
            #expect(recovery.snapshotSequence >= cut)
            #expect((recovery.snapshot?.arrayValue ?? []) + recovery.records == (1...number).map(sampleRecord))
        }
    }

    @Test func automaticCompactionWaitsForTheJournalToOutgrowTheSnapshot() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try DurableLog.open(folder: folder, options: .init(create: true, compactionThreshold: 500))
            let applied = Mutex<[JSONValue]>([])
            let logged = log
            log.setSnapshotSource {
                applied.withLock { records in (sequence: logged.lastSequence, payload: .array(records)) }
            }
            for number in 1...400 {
                let sequence = try applied.withLock { records in
                    records.append(sampleRecord(number))
                    return try log.write(sampleRecord(number))
                }
                try log.waitUntilDurable(sequence)
                log.waitForCompaction()
            }
            // With a fixed threshold this would compact every few records; proportionally, the state (400 records)
            // is written about log2(400 × record / 500) times, each time once the journal has outgrown the snapshot.
            let compactions = log.statistics.compactions
            #expect(compactions > 2 && compactions < 12, "\(compactions) compactions")
            log.setSnapshotSource(nil)
            log.close()
            let (again, recovery) = try openLog(folder, create: false)
            again.close()
            #expect((recovery.snapshot?.arrayValue ?? []) + recovery.records == (1...400).map(sampleRecord))
        }
    }

    @Test func aTornLastLineIsDroppedWithAWarningAndAppendsContinue() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            for number in 1...3 { try log.append(sampleRecord(number)) }
            log.close()
            let complete = try fileBytes(folder, "journal.jsonl")
            let line4 = JournalFormat.line(sequence: 4, record: JSONWriter().bytes(sampleRecord(4)))
            for cut in [1, 10, line4.count - 2, line4.count - 1] {
                try setFile(folder, "journal.jsonl", complete + line4.prefix(cut))
                let (reopened, recovery) = try openLog(folder, create: false)
                #expect(recovery.records == (1...3).map(sampleRecord))
                #expect(
                    recovery.warnings == [
                        .droppedTornLine(
                            file: folder.path + "/journal.jsonl",
                            offset: complete.count,
                            length: cut,
                            repaired: true
                        )
                    ]
                )
                #expect(try fileBytes(folder, "journal.jsonl") == complete)
                reopened.close()
            }
            let (reopened, _) = try openLog(folder, create: false)
            #expect(try reopened.append(sampleRecord(4)) == 4)
            reopened.close()
            let (again, recovery) = try openLog(folder, create: false)
            again.close()
            #expect(recovery.records == (1...4).map(sampleRecord))
            #expect(recovery.warnings.isEmpty)
        }
    }

    @Test func aSecondOpenerIsRefusedNamingTheHoldersPid() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            let error = openError(folder)
            #expect(error == .locked(folder: folder.path, lockFile: folder.path + "/LOCK", holder: getpid()))
            #expect(error?.description.contains("locked by process \(getpid())") == true)
            log.close()
            #expect(openError(folder) == nil)
        }
    }

    @Test func aClosedLogRefusesWrites() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            log.close()
            #expect(throws: StorageError.closed(folder: folder.path)) { try log.append(1) }
        }
    }

    @Test func aRecordThatWouldNotReadBackIsRefused() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            defer { log.close() }
            #expect(throws: StorageError.self) { try log.append(.number(JSONNumber(literal: "1,5"))) }
            var deep: JSONValue = 1
            for _ in 0..<200 { deep = [deep] }
            #expect(throws: StorageError.self) { try log.append(deep) }
            #expect(try log.append(2) == 1)
        }
    }

    @Test func appendsWaitingOnAHeldFlushShareTheNextOne() throws {
        let disk = InMemoryFileSystem()
        let (log, _) = try DurableLog.open(
            folder: URL(fileURLWithPath: "/state"),
            options: .init(create: true, compactionThreshold: nil, fileSystem: disk)
        )
        disk.holdSyncs(path: "journal.jsonl")
        let threads = 12
        let done = DispatchGroup()
        for number in 1...threads {
            done.enter()
            Thread {
                _ = try? log.append(sampleRecord(number))
                done.leave()
            }
            .start()
        }
        // Every append writes its line at once; the first flush is held meanwhile (no timing involved).
        while log.statistics.writes < threads || disk.heldSyncs < 1 { usleep(50) }
        disk.releaseSyncs()
        done.wait()
        // Without group commit every append would flush its own line: 12 flushes. With it, the held flush covers
        // the lines written before it started, one more covers the rest.
        #expect(log.statistics.syncs <= 2)
        #expect(log.statistics.durableSequence == threads)
        log.close()
    }

    @Test func concurrentAppendsAreAllDurableInAValidOrder() throws {
        try withTemporaryFolder { folder in
            let (log, _) = try openLog(folder)
            let threads = 8
            let perThread = 200
            let failures = Mutex<[StorageError]>([])
            let done = DispatchGroup()
            for thread in 0..<threads {
                done.enter()
                Thread {
                    for index in 0..<perThread {
                        do throws(StorageError) {
                            try log.append(["thread": .int(thread), "index": .int(index)])
                        } catch {
                            failures.withLock { $0.append(error) }
                        }
                    }
                    done.leave()
                }
                .start()
            }
            done.wait()
            #expect(failures.withLock { $0 }.isEmpty)
            let statistics = log.statistics
            #expect(statistics.writes == threads * perThread)
            #expect(statistics.syncs >= 1)
            log.close()

            let (again, recovery) = try openLog(folder, create: false)
            again.close()
            #expect(recovery.records.count == threads * perThread)
            var next = [Int](repeating: 0, count: threads)
            for record in recovery.records {
                let thread = try #require(record["thread"]?.numberValue?.int)
                #expect(record["index"]?.numberValue?.int == next[thread])
                next[thread] += 1
            }
            #expect(next == [Int](repeating: perThread, count: threads))
        }
    }
}
