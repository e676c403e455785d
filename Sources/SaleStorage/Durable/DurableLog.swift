// # Durable state folder: format and guarantees
//
// A state folder holds three files:
//
//     LOCK            the single-writer lock (flock LOCK_EX|LOCK_NB); holds the owner's pid and a newline
//     snapshot.json   the state as of some journal sequence (absent until the first compaction)
//     journal.jsonl   the changes after that snapshot, one line each
//
// and, only after a crash, leftovers `snapshot.json.tmp` / `journal.jsonl.tmp`, which opening removes.
//
// ## snapshot.json
//
// JSON ending in a newline: the header members first in this fixed order, each on its own line, then the
// payload, whose members are on their own lines and whose array elements are one compact line each
// (``SnapshotFormat/layout(sequence:crc32:payload:)``); object keys are sorted by their UTF-8 bytes (duplicate keys
// folded, last wins), so equal states give identical bytes:
//
//     {
//       "format": "bitrix-order-engine/state",
//       "version": 2,
//       "sequence": 56,
//       "crc32": "1c291ca3",
//       "payload": { … }
//     }
//
// - `sequence`: the last journal sequence the payload covers (0: none).
// - `crc32`: CRC-32 (IEEE) of the compact JSON `{"format":…,"version":…,"sequence":…,"payload":…}` (the same
//   object without `crc32`, members in that order, the payload exactly as stored), as eight lower-case hex digits.
//   Whitespace does not count, so reindenting is harmless; any change of a value, key or order is detected.
// - An unknown `format` or a `version` other than 2 is refused (newer or older); so is any other member.
//
// ## journal.jsonl
//
// Compact JSON lines, each ending in `\n`. The first line is a header naming the snapshot it continues:
//
//     {"format":"bitrix-order-engine/journal","version":2,"after":56,"crc32":"…"}
//
// where `crc32` covers `{"format":…,"version":…,"after":…}`. Every following line is one committed record:
//
//     {"seq":57,"crc32":"…","record":{…}}
//
// where `seq` counts up by one from `after + 1`, and `crc32` covers `{"seq":57,"record":{…}}` (the line without
// its `crc32` member, the record bytes exactly as written).
//
// Version 3 (written now) is preallocated: after the last line the file holds NUL bytes, its size a multiple of
// 4096 with a NUL last byte; lines are written in place over the padding, and the file grows by whole chunks
// (ftruncate, zeros, fsync). A version-3 journal that breaks that rule was cut short: an error, never a smaller
// state. Version 2 (append-only) is still read and appended to.
//
// ## Opening
//
// The snapshot (if any) and the journal are checked completely. With S the snapshot's sequence (0 without one)
// and A the journal's `after`: A must be ≤ S (else the snapshot the journal needs is missing), the lines must
// run A+1, A+2, … without a gap, and the journal must reach at least S. Lines up to S are skipped (already in the
// snapshot). Only an unfinished last line (no newline: a write cut short, never acknowledged) is repaired: it is
// cut away with a warning before anything is appended. A last line whose newline was overwritten (all bytes but
// the last form a valid line) is damage. Anything else is a ``StorageError`` naming the file, the byte offset
// and what was expected; no damaged file is ever rewritten or truncated.
//
// ## Crash safety
//
// Append: the line is written with `pwrite` after the last line under the append lock, then flushed with
// `fdatasync` (one leader flushes for every line written so far: group commit); the caller returns only after
// its line is covered by a successful flush. A crash before that leaves at worst an unfinished last line that
// was never acknowledged. A failed write or flush stops the log (Linux may drop dirty pages after a failed
// fsync, so retrying could acknowledge lost data); reopening rereads what is really on disk.
//
// Compaction through N (the payload must reflect exactly the records 1…N):
// 1. wait until records ≤ N are durable;
// 2. write `snapshot.json.tmp`, fsync, rename over `snapshot.json`, fsync the folder;
// 3. under the append lock, write `journal.jsonl.tmp` = header `after: N` + the lines after N copied from the
//    old journal, fsync, rename over `journal.jsonl`, fsync the folder, continue appending to it.
// A crash before the rename in 2 leaves the old snapshot and the old journal (and a leftover .tmp, removed on
// open). Between 2 and 3 the new snapshot (N) sits beside the old journal (after A ≤ N, reaching ≥ N): replay
// skips lines ≤ N. After 3 the new journal continues the new snapshot. Every state in between opens to the same
// records.

import Dispatch
import Foundation
import SaleJSON
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable layer of a state folder: a snapshot plus an append-only journal of ``SaleJSON/JSONValue`` records.
///
/// The store that sits on it keeps its state in memory and plugs in as a reducer: it replays
/// ``Recovery/snapshot`` and ``Recovery/records`` on open, and for each change writes a record under its own lock
/// and waits for durability outside it, so that concurrent commits share one flush:
///
/// ```swift
/// let (log, recovery) = try DurableLog.open(folder: url, options: .init(create: true))
/// var state = State(snapshot: recovery.snapshot)
/// for record in recovery.records { state.apply(record) }
/// // per change, under the store's lock:
/// let sequence = try log.write(record)   // fast; fixes the record's place in the journal
/// state.apply(record)
/// // after releasing the store's lock:
/// try log.waitUntilDurable(sequence)     // returns once the line is on disk
/// ```
///
/// A snapshot is taken with ``compact(through:payload:)``: under its own lock the store copies its state and
/// reads ``lastSequence`` (all writes happen under that lock, so the two agree), then encodes outside it.
/// Registering the same as a ``SnapshotSource`` lets the log compact by itself past
/// ``Options/compactionThreshold``. The file format and the crash-safety argument are described at the top of
/// `DurableLog.swift`.
public final class DurableLog: Sendable {
    /// How to open a folder.
    public struct Options: Sendable {
        /// Whether a path where nothing exists becomes a new folder with an empty state (otherwise it is an error).
        public var create: Bool
        /// Whether an existing folder that holds no state (no journal, no snapshot) starts an empty one; otherwise
        /// that is an error (its state files were deleted, or the path is mistyped), never a quiet empty start.
        public var initialize: Bool
        /// Journal size in bytes past which the log compacts by itself through the ``SnapshotSource``, on a background
        /// thread while appends continue; nil: never.
        ///
        /// The journal is compacted when it exceeds the larger of this and the size of the snapshot file on disk (so
        /// each compaction writes at most as many bytes as were appended since the last one: O(1) per record however
        /// large the state grows).
        public var compactionThreshold: Int?
        /// Whether journal flushes use `fdatasync` (true, the default) or a full `fsync`.
        public var dataSyncOnly: Bool
        /// The deepest nesting accepted in a record or payload (checked when writing, so reading never fails on it).
        public var maxDepth: Int
        /// Open without writing anything: no lock, no repair of a torn last line, no removal of leftovers, no
        /// compaction; every write is refused with ``StorageError/readOnly(folder:)``. A writer may run beside it.
        public var readOnly: Bool
        /// The file system the folder lives on (a fault-injecting ``InMemoryFileSystem`` in tests).
        public var fileSystem: any FileSystem
        /// New journals are preallocated in chunks of this many bytes (a multiple of 4096) and their lines written
        /// in place, so a flush has no file size to update and a journal cut short is detected (format version 3);
        /// nil: new journals are append-only (version 2). Either kind is read and continued whatever this says.
        public var journalChunkBytes: Int?

        /// Makes options.
        public init(
            create: Bool = false,
            initialize: Bool = false,
            compactionThreshold: Int? = 64 << 20,
            dataSyncOnly: Bool = true,
            maxDepth: Int = 128,
            readOnly: Bool = false,
            fileSystem: any FileSystem = POSIXFileSystem(),
            journalChunkBytes: Int? = 256 << 10
        ) {
            self.create = create
            self.initialize = initialize
            self.compactionThreshold = compactionThreshold
            self.dataSyncOnly = dataSyncOnly
            self.maxDepth = maxDepth
            self.readOnly = readOnly
            self.fileSystem = fileSystem
            self.journalChunkBytes = journalChunkBytes.map { max(JournalFormat.pageBytes, $0 / 4096 * 4096) }
        }

        /// The first bytes of a new journal continuing the snapshot covering `after`.
        func newJournal(after: Int, lines: [UInt8] = []) -> [UInt8] {
            guard let chunk = journalChunkBytes else { return JournalFormat.header(after: after, version: 2) + lines }
            return JournalFormat.padded(JournalFormat.header(after: after) + lines, chunk: chunk)
        }
    }

    /// What opening found: replay ``snapshot`` then ``records`` to rebuild the state.
    public struct Recovery: Sendable {
        /// The snapshot payload, or nil when the folder has no snapshot yet.
        public var snapshot: JSONValue?
        /// The last sequence the snapshot covers (0 without a snapshot).
        public var snapshotSequence: Int
        /// The records after the snapshot, in order; `records[i]` has sequence `snapshotSequence + 1 + i`.
        public var records: [JSONValue]
        /// What was repaired (an unfinished last journal line).
        public var warnings: [StorageWarning]
        /// Whether the folder was initialised by this open.
        public var created: Bool
        /// The records not yet parsed (for a store with its own fast reader): each one's bytes in ``journalBytes``
        /// (its line's checksum already matched) or its parsed value.
        var raw: [JournalFormat.Record] = []
        /// The journal file's bytes that ``raw`` points into.
        var journalBytes: [UInt8] = []

        /// The sequence of the last record (the next ``DurableLog/write(_:)`` gets this plus one).
        public var lastSequence: Int { snapshotSequence + max(records.count, raw.count) }
    }

    /// Counters for diagnostics and benchmarks.
    public struct Statistics: Sendable, Hashable {
        /// Records written since open.
        public var writes = 0
        /// Journal flushes since open (fewer than writes when commits were grouped).
        public var syncs = 0
        /// Compactions since open.
        public var compactions = 0
        /// The current journal size in bytes.
        public var journalBytes = 0
        /// The last sequence written.
        public var lastSequence = 0
        /// The last sequence known to be on disk.
        public var durableSequence = 0
        /// The sequence the snapshot on disk covers.
        public var snapshotSequence = 0
        /// The size of the snapshot on disk (0 without one).
        public var snapshotBytes = 0
        /// Whether the log was opened read-only.
        public var readOnly = false
        /// The failure that stopped the log, if one did.
        public var failure: StorageError?
        /// Why the last automatic compaction failed, if it did (the appended records were durable regardless).
        public var lastCompactionError: StorageError?
    }

    /// Produces a consistent cut of the caller's state: the payload reflects exactly the records up to `sequence`.
    public typealias SnapshotSource = @Sendable () -> (sequence: Int, payload: JSONValue)

    /// The same as a ``SnapshotSource``, already encoded as the snapshot file's bytes (a store with its own
    /// encoder, such as ``DurableOrderStore``, skips building a ``SaleJSON/JSONValue``).
    typealias SnapshotFileSource = @Sendable () -> (sequence: Int, file: Result<[UInt8], StorageError>)

    /// The state folder's path.
    public let folder: String
    private let options: Options
    private var fileSystem: any FileSystem { options.fileSystem }
    private let state: Mutex<State>
    private let compactionGate = Mutex<Void>(())

    private struct State {
        var journal: OpenFile?
        var lock: FolderLock?
        var readOnly = false
        /// A preallocated journal's file size (its lines end at ``size``, NUL padding follows); nil: append-only.
        var capacity: Int?
        var failure: StorageError?
        var after: Int
        var headerEnd: Int
        var lineEnds: [Int]
        var size: Int
        var written: Int
        var durable: Int
        var snapshotSequence: Int
        /// The size of `snapshot.json` on disk (0 without one): automatic compaction waits for the journal to
        /// outgrow it.
        var snapshotBytes: Int
        /// An automatic compaction has been started and has not finished.
        var compacting = false
        var syncing = false
        var waiters: [DispatchSemaphore] = []
        var source: SnapshotFileSource?
        var statistics = Statistics()
    }

    private var journalPath: String { folder + "/" + JournalFormat.fileName }
    private var snapshotPath: String { folder + "/" + SnapshotFormat.fileName }

    private init(folder: String, options: Options, state: State) {
        self.folder = folder
        self.options = options
        self.state = Mutex(state)
    }

    deinit { close() }
}

// MARK: - Opening

extension DurableLog {
    /// Opens (or, with ``Options/create``, creates) a state folder, checks it and returns what it holds.
    ///
    /// Takes the folder's lock for as long as the log is open; a second opener gets
    /// ``StorageError/locked(folder:lockFile:holder:)``.
    public static func open(
        folder url: URL,
        options: Options = Options()
    ) throws(StorageError) -> (log: DurableLog, recovery: Recovery) {
        let maxDepth = options.maxDepth
        var (log, recovery, snapshot) = try open(folder: url, options: options) { bytes, path throws(StorageError) in
            let decoded = try SnapshotFormat.decode(Array(bytes), path: path, maxDepth: maxDepth)
            return (decoded.sequence, decoded.payload)
        }
        recovery.snapshot = snapshot
        for record in recovery.raw {
            switch record {
            case .value(let value): recovery.records.append(value)
            case .bytes(let range):
                do {
                    recovery.records.append(try JSONParser(maxDepth: maxDepth).parse(recovery.journalBytes[range]))
                } catch {
                    log.close()
                    throw .damaged(
                        file: log.journalPath,
                        offset: range.lowerBound + error.offset,
                        expected: "\(error.expected) (in a record whose checksum matched)"
                    )
                }
            }
        }
        recovery.raw = []
        recovery.journalBytes = []
        return (log, recovery)
    }

    /// Opens a folder as ``open(folder:options:)`` does, reading the snapshot file with `readSnapshot` (which
    /// checks it and returns the sequence it covers and whatever it decodes to); ``Recovery/snapshot`` is nil and
    /// the decoded snapshot is returned beside it.
    ///
    /// A read-only open takes no lock, so a writer may compact between its reads of the snapshot and the journal;
    /// the pair then does not fit, and it reads both again (a few times) before reporting the mismatch.
    static func open<Snapshot>(
        folder url: URL,
        options: Options,
        readSnapshot: (UnsafeBufferPointer<UInt8>, String) throws(StorageError) -> (sequence: Int, value: Snapshot)
    ) throws(StorageError) -> (log: DurableLog, recovery: Recovery, snapshot: Snapshot?) {
        var attempts = options.readOnly ? 4 : 1
        while true {
            attempts -= 1
            do {
                return try openOnce(folder: url, options: options, readSnapshot: readSnapshot)
            } catch {
                switch error {
                case .missingSnapshot, .damaged, .missingJournal: if attempts > 0 { continue }
                default: break
                }
                throw error
            }
        }
    }

    private static func openOnce<Snapshot>(
        folder url: URL,
        options: Options,
        readSnapshot: (UnsafeBufferPointer<UInt8>, String) throws(StorageError) -> (sequence: Int, value: Snapshot)
    ) throws(StorageError) -> (log: DurableLog, recovery: Recovery, snapshot: Snapshot?) {
        var folder = url.standardizedFileURL.path
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        let fileSystem = options.fileSystem
        let readOnly = options.readOnly
        guard let folderStatus = try fileSystem.status(path: folder) else {
            guard options.create, !readOnly else { throw .notInitialized(folder: folder) }
            try fileSystem.makeDirectories(folder)
            var created = options
            created.initialize = true
            return try openOnce(folder: url, options: created, readSnapshot: readSnapshot)
        }
        guard folderStatus.kind == .directory else {
            throw .io(path: folder, operation: "open folder", code: ENOTDIR)
        }
        let lock = readOnly ? nil : try FolderLock.acquire(folder: folder, fileSystem: fileSystem)
        let journalPath = folder + "/" + JournalFormat.fileName
        let snapshotPath = folder + "/" + SnapshotFormat.fileName
        if !readOnly {
            try fileSystem.removeIfPresent(journalPath + ".tmp")
            try fileSystem.removeIfPresent(snapshotPath + ".tmp")
        }

        let snapshotContents = try fileSystem.contents(of: snapshotPath)
        var created = false
        if try !fileSystem.exists(journalPath) {
            if snapshotContents != nil { throw .missingJournal(journal: journalPath, snapshot: snapshotPath) }
            guard options.initialize, !readOnly else { throw .noState(folder: folder) }
            try fileSystem.writeAtomically(
                folder: folder,
                name: JournalFormat.fileName,
                bytes: options.newJournal(after: 0)
            )
            created = true
        }
        let journal = try fileSystem.openRegular(journalPath, flags: readOnly ? O_RDONLY : O_RDWR)
        var exposed: [String] = []
        if readOnly {
            if try fileSystem.status(journal).permissions & 0o077 != 0 { exposed.append(journalPath) }
            if let status = try fileSystem.status(path: snapshotPath), status.permissions & 0o077 != 0 {
                exposed.append(snapshotPath)
            }
        } else {
            // Files an older build left readable by others (0644) become private.
            try fileSystem.makePrivate(journal)
            if snapshotContents != nil {
                try fileSystem.makePrivate(try fileSystem.openRegular(snapshotPath, flags: O_RDONLY))
            }
        }
        let journalBytes = try fileSystem.read(journal, at: 0, count: try fileSystem.status(journal).size)

        let snapshot = try snapshotContents.map { contents throws(StorageError) in
            try contents.withBytes { bytes throws(StorageError) in try readSnapshot(bytes, snapshotPath) }
        }
        let scan = try JournalFormat.scan(journalBytes, path: journalPath, maxDepth: options.maxDepth)
        let covered = snapshot?.sequence ?? 0
        guard scan.after <= covered else {
            throw .missingSnapshot(
                journal: journalPath,
                snapshot: snapshotPath,
                needs: scan.after,
                covers: snapshot?.sequence
            )
        }
        let last = scan.after + scan.records.count
        guard last >= covered else {
            throw .damaged(
                file: journalPath,
                offset: scan.lineEnds.last ?? scan.headerEnd,
                expected: "records up to sequence \(covered), which \(snapshotPath) covers; the journal ends at \(last)"
            )
        }
        var warnings: [StorageWarning] = exposed.map { .readableByOthers(file: $0) }
        var size = journalBytes.count
        let capacity = scan.version >= 3 ? journalBytes.count : nil
        if capacity != nil { size = scan.dataEnd }
        if let torn = scan.torn {
            if !readOnly {
                if capacity != nil {
                    try fileSystem.write(journal, [UInt8](repeating: 0, count: torn.length), at: torn.offset)
                } else {
                    try fileSystem.truncate(journal, to: torn.offset)
                }
                try fileSystem.sync(journal, dataOnly: false)
            }
            warnings.append(
                .droppedTornLine(file: journalPath, offset: torn.offset, length: torn.length, repaired: !readOnly)
            )
            size = torn.offset
        }
        var statistics = Statistics()
        statistics.journalBytes = size
        let log = DurableLog(
            folder: folder,
            options: options,
            state: State(
                journal: journal,
                lock: lock,
                readOnly: readOnly,
                capacity: capacity,
                after: scan.after,
                headerEnd: scan.headerEnd,
                lineEnds: scan.lineEnds,
                size: size,
                written: last,
                durable: last,
                snapshotSequence: covered,
                snapshotBytes: snapshotContents?.count ?? 0,
                statistics: statistics
            )
        )
        let recovery = Recovery(
            snapshot: nil,
            snapshotSequence: covered,
            records: [],
            warnings: warnings,
            created: created,
            raw: Array(scan.records.dropFirst(covered - scan.after)),
            journalBytes: journalBytes
        )
        return (log, recovery, snapshot?.value)
    }
}

// MARK: - Appending

extension DurableLog {
    /// Appends `record` and returns its sequence once its line is on disk (blocks the calling thread).
    ///
    /// The same as ``write(_:)`` then ``waitUntilDurable(_:)``; afterwards starts a background compaction through
    /// the ``SnapshotSource`` when the journal has outgrown ``Options/compactionThreshold`` and the snapshot.
    @discardableResult
    public func append(_ record: JSONValue) throws(StorageError) -> Int {
        let sequence = try write(record)
        try waitUntilDurable(sequence)
        return sequence
    }

    /// Writes `record` as the next journal line and returns its sequence; not yet durable.
    ///
    /// Cheap enough to call under the caller's own lock, which then fixes the order of records; call
    /// ``waitUntilDurable(_:)`` after releasing it before acknowledging the change.
    public func write(_ record: JSONValue) throws(StorageError) -> Int {
        let body = JSONWriter().bytes(record)
        do {
            _ = try JSONParser(maxDepth: options.maxDepth).parse(body)
        } catch {
            throw .invalidRecord(reason: "it would not read back (\(error))")
        }
        return try write(compactRecord: body)
    }

    /// Writes a record already encoded as compact JSON by a trusted encoder (valid, one line, no deeper than
    /// ``Options/maxDepth``: ``write(_:)`` checks that by parsing it back, this does not).
    func write(compactRecord body: [UInt8]) throws(StorageError) -> Int {
        try state.withLock { state throws(StorageError) -> Int in
            if let failure = state.failure { throw .stopped(after: failure) }
            guard let journal = state.journal else { throw .closed(folder: folder) }
            if state.readOnly { throw .readOnly(folder: folder) }
            let sequence = state.written + 1
            let line = JournalFormat.line(sequence: sequence, record: body)
            if let capacity = state.capacity, state.size + line.count >= capacity {
                // Grow by whole chunks: the new size at once (ftruncate), then real zeros so the blocks exist and
                // later flushes of lines written over them have no metadata to update; a full fsync makes both durable.
                let chunk = options.journalChunkBytes ?? JournalFormat.pageBytes
                let grown = JournalFormat.capacity(for: state.size + line.count, chunk: chunk)
                do throws(StorageError) {
                    try fileSystem.truncate(journal, to: grown)
                    try fileSystem.write(journal, [UInt8](repeating: 0, count: grown - capacity), at: capacity)
                    try fileSystem.sync(journal, dataOnly: false)
                } catch {
                    state.failure = error
                    throw error
                }
                state.capacity = grown
            }
            do throws(StorageError) {
                try fileSystem.write(journal, line, at: state.size)
            } catch {
                state.failure = error
                if state.capacity != nil {
                    try? fileSystem.write(journal, [UInt8](repeating: 0, count: line.count), at: state.size)
                } else {
                    try? fileSystem.truncate(journal, to: state.size)
                }
                throw error
            }
            state.size += line.count
            state.written = sequence
            state.lineEnds.append(state.size)
            state.statistics.writes += 1
            return sequence
        }
    }

    private enum Role {
        case done
        case failed(StorageError)
        case wait(DispatchSemaphore)
        case lead(OpenFile, Int)
    }

    /// Returns once the record with `sequence` (and every one before it) is on disk (blocks the calling thread).
    ///
    /// Group commit: the first caller to find no flush running flushes for every line written so far; callers
    /// arriving meanwhile wait and are woken when it ends, then return or lead the next flush. Afterwards starts
    /// a compaction on a background thread when the journal has outgrown ``Options/compactionThreshold`` and the
    /// snapshot on disk (the source is called on that thread, so it may take the caller's lock).
    public func waitUntilDurable(_ sequence: Int) throws(StorageError) {
        try awaitDurable(sequence)
        compactIfNeeded()
    }

    private func awaitDurable(_ sequence: Int) throws(StorageError) {
        while true {
            let role = state.withLock { state -> Role in
                if state.durable >= sequence { return .done }
                if let failure = state.failure { return .failed(failure) }
                guard let journal = state.journal else { return .failed(.closed(folder: folder)) }
                guard sequence <= state.written else {
                    return .failed(.invalidRecord(reason: "sequence \(sequence) has not been written"))
                }
                if !state.syncing {
                    state.syncing = true
                    return .lead(journal, state.written)
                }
                let waiter = DispatchSemaphore(value: 0)
                state.waiters.append(waiter)
                return .wait(waiter)
            }
            switch role {
            case .done:
                return
            case .failed(let error):
                throw error
            case .wait(let waiter):
                waiter.wait()
            case .lead(let journal, let target):
                var failure: StorageError?
                do {
                    try fileSystem.sync(journal, dataOnly: options.dataSyncOnly)
                } catch {
                    failure = error
                }
                let waiters = state.withLock { state in
                    state.syncing = false
                    state.statistics.syncs += 1
                    if let failure {
                        if state.failure == nil { state.failure = failure }
                    } else {
                        state.durable = max(state.durable, target)
                    }
                    defer { state.waiters = [] }
                    return state.waiters
                }
                for waiter in waiters { waiter.signal() }
            }
        }
    }

    /// The sequence of the last record written (durable or not yet).
    public var lastSequence: Int { state.withLock { $0.written } }

    /// Counters since open.
    public var statistics: Statistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.journalBytes = state.size
            statistics.lastSequence = state.written
            statistics.durableSequence = state.durable
            statistics.snapshotSequence = state.snapshotSequence
            statistics.snapshotBytes = state.snapshotBytes
            statistics.readOnly = state.readOnly
            statistics.failure = state.failure
            return statistics
        }
    }

    /// Closes the log: flushes what was written and releases the folder lock.
    ///
    /// Later calls throw ``StorageError/closed(folder:)``.
    public func close() {
        // A background compaction still writing would otherwise outlive the folder lock.
        waitForCompaction()
        let waiters = state.withLock { state in
            if let journal = state.journal, state.failure == nil, state.written > state.durable {
                if (try? fileSystem.sync(journal, dataOnly: options.dataSyncOnly)) != nil {
                    state.durable = state.written
                }
            }
            state.journal = nil
            state.lock?.release()
            state.lock = nil
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.signal() }
    }
}

// MARK: - Compaction

extension DurableLog {
    /// Sets (or clears) the source that automatic compaction and ``compact()`` take snapshots from.
    ///
    /// The source is called on an appending thread while no log lock is held; it must not be called while
    /// the caller holds a lock that the source takes.
    public func setSnapshotSource(_ source: SnapshotSource?) {
        guard let source else {
            state.withLock { $0.source = nil }
            return
        }
        let maxDepth = options.maxDepth
        @Sendable func encoded() -> (sequence: Int, file: Result<[UInt8], StorageError>) {
            let cut = source()
            do {
                return (
                    cut.sequence,
                    .success(
                        try SnapshotFormat.encode(sequence: cut.sequence, payload: cut.payload, maxDepth: maxDepth)
                    )
                )
            } catch {
                return (cut.sequence, .failure(error))
            }
        }
        state.withLock { $0.source = encoded }
    }

    /// Sets the source as snapshot files already encoded (see ``SnapshotFileSource``).
    func setSnapshotFileSource(_ source: SnapshotFileSource?) {
        state.withLock { $0.source = source }
    }

    /// Folds the journal into a new snapshot: `payload` must reflect exactly the records up to `sequence`.
    ///
    /// Records written after `sequence` stay in the new journal. Blocks until the snapshot and the new journal
    /// are on disk; appends continue meanwhile except during the short journal switch.
    public func compact(through sequence: Int, payload: JSONValue) throws(StorageError) {
        let bytes = try SnapshotFormat.encode(sequence: sequence, payload: payload, maxDepth: options.maxDepth)
        try compactionGate.withLock { _ throws(StorageError) in
            try compactLocked(through: sequence, file: bytes)
        }
    }

    /// The same, with the snapshot file already encoded (it must be a valid snapshot file covering `sequence`).
    func compact(through sequence: Int, file: [UInt8]) throws(StorageError) {
        try compactionGate.withLock { _ throws(StorageError) in
            try compactLocked(through: sequence, file: file)
        }
    }

    /// Compacts through a cut taken from the ``SnapshotSource``.
    public func compact() throws(StorageError) {
        let source = state.withLock { $0.source }
        guard let source else {
            throw .invalidCompaction(sequence: lastSequence, reason: "no snapshot source is set")
        }
        try compactionGate.withLock { _ throws(StorageError) in
            let cut = source()
            try compactLocked(through: cut.sequence, file: cut.file.get())
        }
    }

    /// Starts a compaction on a background thread when the journal has outgrown both the threshold and the snapshot on
    /// disk and none is running.
    ///
    /// The appending thread returns at once; appends continue while the snapshot is encoded and written (see
    /// ``compactLocked(through:file:)`` for the short journal switch).
    private func compactIfNeeded() {
        guard let threshold = options.compactionThreshold else { return }
        let source = state.withLock { state -> SnapshotFileSource? in
            guard !state.compacting, state.failure == nil, state.journal != nil, !state.readOnly,
                let source = state.source,
                state.size >= max(threshold, state.snapshotBytes)
            else { return nil }
            state.compacting = true
            return source
        }
        guard let source else { return }
        DispatchQueue.global(qos: .utility)
            .async { [self] in
                compactionGate.withLock { _ in
                    defer { state.withLock { $0.compacting = false } }
                    // Again while the lines appended during the last round have outgrown the new snapshot.
                    while state.withLock({ state in
                        state.journal != nil && state.failure == nil
                            && state.size >= max(threshold, state.snapshotBytes)
                    }) {
                        let cut = source()
                        do throws(StorageError) {
                            try compactLocked(through: cut.sequence, file: cut.file.get())
                        } catch {
                            state.withLock { $0.statistics.lastCompactionError = error }
                            return
                        }
                    }
                }
            }
    }

    /// Returns once no compaction is running (an automatic one started before the call has finished).
    func waitForCompaction() {
        while state.withLock({ $0.compacting }) {
            compactionGate.withLock { _ in }
            // Started but not yet holding the gate: let it run.
            if state.withLock({ $0.compacting }) { usleep(100) }
        }
    }

    private func compactLocked(through sequence: Int, file bytes: [UInt8]) throws(StorageError) {
        let (covered, written) = try state.withLock { state throws(StorageError) -> (Int, Int) in
            if let failure = state.failure { throw .stopped(after: failure) }
            guard state.journal != nil else { throw .closed(folder: folder) }
            if state.readOnly { throw .readOnly(folder: folder) }
            return (state.snapshotSequence, state.written)
        }
        guard sequence <= written else {
            throw .invalidCompaction(sequence: sequence, reason: "only \(written) records have been written")
        }
        guard sequence >= covered else {
            throw .invalidCompaction(sequence: sequence, reason: "the snapshot already covers \(covered)")
        }
        // Step 1: the records the snapshot covers must be on disk, so the journal always reaches the snapshot.
        try awaitDurable(sequence)
        // Step 2: the snapshot, atomically. Either version beside the current journal opens to the same records.
        try fileSystem.writeAtomically(folder: folder, name: SnapshotFormat.fileName, bytes: bytes)
        // Step 3: a new journal continuing it, with the lines written after `sequence`.
        let waiters = try state.withLock { state throws(StorageError) -> [DispatchSemaphore] in
            if let failure = state.failure { throw .stopped(after: failure) }
            guard let old = state.journal else { throw .closed(folder: folder) }
            state.snapshotSequence = sequence
            state.snapshotBytes = bytes.count
            let kept = sequence - state.after
            let cut = kept == 0 ? state.headerEnd : state.lineEnds[kept - 1]
            let tail = try fileSystem.read(old, at: cut, count: state.size - cut)
            guard tail.count == state.size - cut else {
                throw .io(path: old.path, operation: "read (file shorter than written)", code: EIO)
            }
            let replacement = options.newJournal(after: sequence, lines: tail)
            let header = JournalFormat.header(after: sequence, version: options.journalChunkBytes == nil ? 2 : 3)
            let prepared = try fileSystem.prepareTemporary(
                folder: folder,
                name: JournalFormat.fileName,
                bytes: replacement
            )
            var renamed = false
            do throws(StorageError) {
                state.journal = try fileSystem.commitTemporary(
                    prepared,
                    folder: folder,
                    name: JournalFormat.fileName,
                    renamed: &renamed
                )
            } catch {
                // After the rename the old file is gone from the folder: appending to it would lose records.
                if renamed {
                    state.failure = error
                    state.journal = nil
                }
                throw error
            }
            state.lineEnds = state.lineEnds[kept...].map { $0 - cut + header.count }
            state.capacity = options.journalChunkBytes == nil ? nil : replacement.count
            state.after = sequence
            state.headerEnd = header.count
            state.size = header.count + tail.count
            state.durable = state.written
            state.statistics.compactions += 1
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.signal() }
    }
}
