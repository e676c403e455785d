import Foundation
import SaleStorage
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A ``SaleStorage/FileSystem`` that kills its own process with SIGKILL at one exact call on the journal: the
/// crash tests' kill point, the same on every machine however fast (`BITRIX_EMU_CRASH_AT=write:17` dies during the
/// 17th write to `journal.jsonl`, after half of its bytes; `sync:17` just before the 17th flush of it).
///
/// Read from the environment by the commands that open a state folder; a test hook, not a feature.
struct CrashingFileSystem: FileSystem {
    /// The environment variable.
    static let variable = "BITRIX_EMU_CRASH_AT"

    let base: any FileSystem
    let operation: String
    let count: Int
    private let calls = Counter()

    /// The file system the environment asks for: the real one, or one that crashes at the named call.
    static func fromEnvironment() -> any FileSystem {
        guard let text = ProcessInfo.processInfo.environment[variable] else { return POSIXFileSystem() }
        let parts = text.split(separator: ":")
        guard parts.count == 2, ["write", "sync"].contains(parts[0]), let count = Int(parts[1]), count > 0 else {
            FileHandle.standardError.write(
                Data("bitrix-emu: ignoring \(variable)=\(text): expected write:N or sync:N\n".utf8)
            )
            return POSIXFileSystem()
        }
        return CrashingFileSystem(base: POSIXFileSystem(), operation: String(parts[0]), count: count)
    }

    private func reached(_ operation: String, _ path: String) -> Bool {
        operation == self.operation && path.hasSuffix("/journal.jsonl") && calls.increment() == count
    }

    // The handles are the real file system's (it closes them); every call on them still comes through here.
    func open(_ path: String, flags: Int32, permissions: mode_t) throws(StorageError) -> OpenFile {
        try base.open(path, flags: flags, permissions: permissions)
    }

    func close(handle: Int32) { base.close(handle: handle) }

    func write(_ file: OpenFile, _ bytes: [UInt8], at offset: Int) throws(StorageError) {
        if reached("write", file.path) {
            try base.write(file, Array(bytes.prefix(bytes.count / 2)), at: offset)
            kill(getpid(), SIGKILL)
        }
        try base.write(file, bytes, at: offset)
    }

    func read(_ file: OpenFile, at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        try base.read(file, at: offset, count: count)
    }

    func status(_ file: OpenFile) throws(StorageError) -> FileStatus { try base.status(file) }
    func status(path: String) throws(StorageError) -> FileStatus? { try base.status(path: path) }

    func sync(_ file: OpenFile, dataOnly: Bool) throws(StorageError) {
        if reached("sync", file.path) { kill(getpid(), SIGKILL) }
        try base.sync(file, dataOnly: dataOnly)
    }

    func truncate(_ file: OpenFile, to length: Int) throws(StorageError) { try base.truncate(file, to: length) }
    func rename(_ from: String, to: String) throws(StorageError) { try base.rename(from, to: to) }
    func removeIfPresent(_ path: String) throws(StorageError) { try base.removeIfPresent(path) }
    func makeDirectory(_ path: String, permissions: mode_t) throws(StorageError) {
        try base.makeDirectory(path, permissions: permissions)
    }
    func duplicate(_ file: OpenFile, path: String) throws(StorageError) -> OpenFile {
        try base.duplicate(file, path: path)
    }
    func tryLock(_ file: OpenFile, shared: Bool) throws(StorageError) -> Bool { try base.tryLock(file, shared: shared) }
    func unlock(_ file: OpenFile) { base.unlock(file) }
    func setPermissions(_ file: OpenFile, _ permissions: mode_t) throws(StorageError) {
        try base.setPermissions(file, permissions)
    }
}

/// A thread-safe call counter.
private final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }
}
