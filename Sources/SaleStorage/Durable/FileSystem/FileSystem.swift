#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls a state folder needs (open, write, flush, rename, lock), behind a protocol so that a
/// fault-injecting twin (``InMemoryFileSystem``) can stand in for the disk in tests.
///
/// Every primitive checks its result and throws a ``StorageError/io(path:operation:code:)`` naming the path, the
/// operation and the `errno` value; partial reads and writes are continued and `EINTR` retried by the real one.
public protocol FileSystem: Sendable {
    /// Opens `path` with POSIX `flags` (`O_RDONLY`, `O_RDWR`, `O_CREAT`, `O_EXCL`, `O_DIRECTORY`); a new file gets
    /// `permissions`.
    func open(_ path: String, flags: Int32, permissions: mode_t) throws(StorageError) -> OpenFile
    /// Releases a handle (called once, when the last ``OpenFile`` reference goes away).
    func close(handle: Int32)
    /// Writes all of `bytes` at `offset`.
    func write(_ file: OpenFile, _ bytes: [UInt8], at offset: Int) throws(StorageError)
    /// Reads `count` bytes at `offset` (fewer only at the end of the file).
    func read(_ file: OpenFile, at offset: Int, count: Int) throws(StorageError) -> [UInt8]
    /// What an open handle is: its size and kind.
    func status(_ file: OpenFile) throws(StorageError) -> FileStatus
    /// What is at `path`, or nil when nothing is.
    func status(path: String) throws(StorageError) -> FileStatus?
    /// Flushes a file (or a folder's entries) to stable storage: `fdatasync` when `dataOnly`, else `fsync`.
    func sync(_ file: OpenFile, dataOnly: Bool) throws(StorageError)
    /// Cuts a file to `length` bytes.
    func truncate(_ file: OpenFile, to length: Int) throws(StorageError)
    /// Renames within one folder (atomic replacement of `to`).
    func rename(_ from: String, to: String) throws(StorageError)
    /// Removes a file; a missing file is fine.
    func removeIfPresent(_ path: String) throws(StorageError)
    /// Creates one folder with `permissions`; an existing one is fine.
    func makeDirectory(_ path: String, permissions: mode_t) throws(StorageError)
    /// A second handle on the same open file, under `path`.
    func duplicate(_ file: OpenFile, path: String) throws(StorageError) -> OpenFile
    /// Takes an advisory lock on the file without waiting (`flock`): false when another handle holds a conflicting
    /// one.
    func tryLock(_ file: OpenFile, shared: Bool) throws(StorageError) -> Bool
    /// Releases the lock taken through this handle.
    func unlock(_ file: OpenFile)
    /// Sets a file's permission bits (`fchmod`).
    func setPermissions(_ file: OpenFile, _ permissions: mode_t) throws(StorageError)
    /// The whole content of a regular file at `path` for one read pass, or nil when nothing is there (the default
    /// reads it into memory, ``readFile(_:)``; the real file system maps it).
    func contents(of path: String) throws(StorageError) -> FileContents?
}

/// The size and kind of a file.
public struct FileStatus: Sendable, Hashable {
    /// What kind of entry it is.
    public enum Kind: Sendable, Hashable {
        /// A regular file.
        case regular
        /// A folder.
        case directory
        /// Anything else (a FIFO, a socket, a device).
        case other
    }

    /// Its size in bytes.
    public var size: Int
    /// Its kind.
    public var kind: Kind
    /// Its permission bits (`0o600`).
    public var permissions: mode_t

    /// Makes a status.
    public init(size: Int, kind: Kind, permissions: mode_t = 0o600) {
        self.size = size
        self.kind = kind
        self.permissions = permissions
    }
}

/// An open file handle that is released when the last reference goes away.
///
/// A class so that a group-commit leader can keep syncing a journal file that compaction has just replaced:
/// the handle cannot be reused until every holder is done with it.
public final class OpenFile: Sendable {
    /// The descriptor (or the in-memory twin's handle).
    public let handle: Int32
    /// The path it was opened with, for error messages.
    public let path: String
    private let fileSystem: any FileSystem

    /// Wraps a handle that `fileSystem` releases when this object goes away.
    public init(handle: Int32, path: String, fileSystem: any FileSystem) {
        self.handle = handle
        self.path = path
        self.fileSystem = fileSystem
    }

    deinit { fileSystem.close(handle: handle) }
}

/// Files a state folder creates are readable by their owner only (they hold names, phones and addresses).
let privateFilePermissions: mode_t = 0o600
/// Folders a state folder's opener creates.
let privateFolderPermissions: mode_t = 0o700

extension FileSystem {
    /// Whether something exists at `path`.
    func exists(_ path: String) throws(StorageError) -> Bool { try status(path: path) != nil }

    /// Makes a state file private (0600) if a group or others may read or write it (files left by an older build);
    /// returns whether it changed anything.
    @discardableResult
    func makePrivate(_ file: OpenFile) throws(StorageError) -> Bool {
        guard try status(file).permissions & 0o077 != 0 else { return false }
        try setPermissions(file, privateFilePermissions)
        return true
    }

    /// Opens an existing regular file, refusing anything else (a FIFO would block the open forever).
    ///
    /// The open does not block (`O_NONBLOCK`), and the handle's kind is checked before it is used.
    func openRegular(_ path: String, flags: Int32) throws(StorageError) -> OpenFile {
        let file = try open(path, flags: flags | O_NONBLOCK, permissions: privateFilePermissions)
        let status = try status(file)
        guard status.kind == .regular else {
            throw .notRegularFile(path: path)
        }
        return file
    }

    /// The whole content of a regular file at `path` for one read pass, read into memory.
    public func contents(of path: String) throws(StorageError) -> FileContents? {
        try readFile(path).map { FileContents(copying: $0) }
    }

    /// The whole content of a regular file at `path`, or nil when nothing is there.
    func readFile(_ path: String) throws(StorageError) -> [UInt8]? {
        guard try exists(path) else { return nil }
        let file = try openRegular(path, flags: O_RDONLY)
        let size = try status(file).size
        var bytes = try read(file, at: 0, count: size)
        // The file may have grown since the status call; read to the end anyway.
        while true {
            let more = try read(file, at: bytes.count, count: 65_536)
            if more.isEmpty { break }
            bytes += more
        }
        return bytes
    }

    /// Flushes a folder's entries (after a rename or create inside it).
    func syncDirectory(_ path: String) throws(StorageError) {
        let directory = try open(path, flags: O_RDONLY | O_DIRECTORY, permissions: 0)
        try sync(directory, dataOnly: false)
    }

    /// Creates a folder and any missing parents (0700), syncing each parent that gained an entry.
    func makeDirectories(_ path: String) throws(StorageError) {
        if try exists(path) { return }
        let parent = Self.parentPath(path)
        if parent != path { try makeDirectories(parent) }
        try makeDirectory(path, permissions: privateFolderPermissions)
        try syncDirectory(parent)
    }

    static func parentPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Writes `bytes` to `folder/name.tmp` (replacing any leftover) and flushes it: the first half of an atomic write.
    func prepareTemporary(folder: String, name: String, bytes: [UInt8]) throws(StorageError) -> OpenFile {
        try prepareTemporary(folder: folder, name: name) { file throws(StorageError) in try write(file, bytes, at: 0) }
    }

    /// ``prepareTemporary(folder:name:bytes:)`` with the contents written by `contents` (at offsets of its choice)
    /// before the flush.
    func prepareTemporary(
        folder: String,
        name: String,
        contents: (OpenFile) throws(StorageError) -> Void
    ) throws(StorageError) -> OpenFile {
        let temporary = folder + "/" + name + ".tmp"
        try removeIfPresent(temporary)
        let file = try open(temporary, flags: O_RDWR | O_CREAT | O_EXCL, permissions: privateFilePermissions)
        do {
            try contents(file)
            try sync(file, dataOnly: false)
        } catch {
            try? removeIfPresent(temporary)
            throw error
        }
        return file
    }

    /// Renames `folder/name.tmp` over `folder/name` and flushes the folder: the second half of an atomic write.
    ///
    /// Returns the prepared file under its new name. A failure of the rename leaves `name` untouched;
    /// a failure of the folder flush (`renamed` is then already true) leaves either version after a crash.
    func commitTemporary(
        _ file: OpenFile,
        folder: String,
        name: String,
        renamed: inout Bool
    ) throws(StorageError) -> OpenFile {
        let target = folder + "/" + name
        try rename(target + ".tmp", to: target)
        renamed = true
        let result = try duplicate(file, path: target)
        try syncDirectory(folder)
        return result
    }

    /// Writes `bytes` to `folder/name` atomically: `name.tmp` in the same folder, write, fsync, rename, fsync folder.
    func writeAtomically(folder: String, name: String, bytes: [UInt8]) throws(StorageError) {
        try writeAtomically(folder: folder, name: name) { file throws(StorageError) in try write(file, bytes, at: 0) }
    }

    /// ``writeAtomically(folder:name:bytes:)`` with the contents written by `contents`.
    func writeAtomically(
        folder: String,
        name: String,
        contents: (OpenFile) throws(StorageError) -> Void
    ) throws(StorageError) {
        let file = try prepareTemporary(folder: folder, name: name, contents: contents)
        var renamed = false
        _ = try commitTemporary(file, folder: folder, name: name, renamed: &renamed)
    }
}
