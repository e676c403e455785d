#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the durable storage layer: every case names the file (or folder) and says what was expected.
///
/// ``description`` is one line, for example
/// `/srv/state/journal.jsonl at byte 1234: expected sequence 58, found 60`.
public indirect enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing exists at the path and the caller did not ask to create a folder there.
    case notInitialized(folder: String)
    /// The folder exists but holds no state (no journal, no snapshot) and the caller did not ask to start one.
    case noState(folder: String)
    /// Another open ``DurableLog`` (this or another process) holds the folder's lock file.
    case locked(folder: String, lockFile: String, holder: Int32?)
    /// A system call failed; `code` is the `errno` value.
    case io(path: String, operation: String, code: Int32)
    /// A file's bytes are not what the format requires at `offset`.
    case damaged(file: String, offset: Int, expected: String)
    /// A file declares a format other than the one this code reads.
    case unknownFormat(file: String, offset: Int, found: String, expected: String)
    /// A file was written by a newer version of the format than this code reads.
    case newerVersion(file: String, offset: Int, found: Int, supported: Int)
    /// A file was written by an older version of the format, which this code no longer reads.
    case olderVersion(file: String, offset: Int, found: Int, supported: Int)
    /// The journal starts after a sequence that no snapshot covers (`covers` is nil when there is no snapshot).
    case missingSnapshot(journal: String, snapshot: String, needs: Int, covers: Int?)
    /// A snapshot exists but the journal next to it does not.
    case missingJournal(journal: String, snapshot: String)
    /// A record or snapshot payload that could not be read back once written (too deep, bad number literal).
    case invalidRecord(reason: String)
    /// A compaction request that does not fit the log (for example a sequence not yet written).
    case invalidCompaction(sequence: Int, reason: String)
    /// The log stopped accepting writes after an earlier write or sync failure; reopen the folder.
    case stopped(after: StorageError)
    /// The log was closed.
    case closed(folder: String)
    /// A preallocated journal is shorter than its writer left it: records after `lastSequence` may be missing.
    case truncated(file: String, size: Int, lastSequence: Int)
    /// Something other than a regular file (a FIFO, a folder, a device) sits where a state file belongs.
    case notRegularFile(path: String)
    /// The folder was opened read-only (``DurableLog/Options/readOnly``): it cannot take writes.
    case readOnly(folder: String)

    /// One readable line.
    public var description: String {
        switch self {
        case .notInitialized(let folder):
            return "\(folder): expected a state folder, found nothing at this path (a mistyped path?); "
                + "create one with --init (create: true)"
        case .noState(let folder):
            return "\(folder): expected a state folder with journal.jsonl, found a folder without state files "
                + "(deleted, or not a state folder); pass --init (initialize: true) to start an empty state there"
        case .locked(let folder, let lockFile, let holder):
            let who = holder.map { "process \($0)" } ?? "another process (pid unknown)"
            return "\(folder) is locked by \(who) (lock file \(lockFile)); expected a single writer per folder"
        case .io(let path, let operation, let code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .damaged(let file, let offset, let expected):
            return "\(file) at byte \(offset): expected \(expected)"
        case .unknownFormat(let file, let offset, let found, let expected):
            return "\(file) at byte \(offset): expected format \"\(expected)\", found \"\(found)\""
        case .newerVersion(let file, let offset, let found, let supported):
            return "\(file) at byte \(offset): expected format version \(supported) or older, found \(found)"
        case .olderVersion(let file, let offset, let found, let supported):
            return "\(file) at byte \(offset): expected format version \(supported), found \(found) "
                + "(an older layout this build no longer reads; write the state again with the build that made it)"
        case .missingSnapshot(let journal, let snapshot, let needs, let covers):
            let found = covers.map { "it covers only up to \($0)" } ?? "it does not exist"
            return "\(journal) at byte 0: the journal starts after sequence \(needs), "
                + "expected \(snapshot) covering it, but \(found)"
        case .missingJournal(let journal, let snapshot):
            return "\(journal): expected a journal next to \(snapshot), found none"
        case .invalidRecord(let reason):
            return "invalid record: \(reason)"
        case .invalidCompaction(let sequence, let reason):
            return "cannot compact through sequence \(sequence): \(reason)"
        case .stopped(let cause):
            return "the log stopped accepting writes after an earlier failure (reopen the folder): \(cause)"
        case .closed(let folder):
            return "\(folder): the log is closed"
        case .truncated(let file, let size, let lastSequence):
            return "\(file): expected a size that is a multiple of \(JournalFormat.pageBytes) bytes ending in NUL "
                + "padding, found \(size) bytes ending in data: the journal was cut short, and records acknowledged "
                + "after sequence \(lastSequence) (its last complete line) may be missing"
        case .notRegularFile(let path):
            return "\(path): expected a regular file, found something else (a folder, FIFO, socket or device)"
        case .readOnly(let folder):
            return "\(folder): opened read-only; expected a writable open for a change"
        }
    }
}
