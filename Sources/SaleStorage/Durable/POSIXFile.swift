#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file descriptor that is closed when the last reference goes away.
///
/// A class so that a group-commit leader can keep syncing a journal file that compaction has just replaced:
/// the descriptor number cannot be reused until every holder is done with it.
final class OpenFile: Sendable {
    /// The descriptor.
    let fd: Int32
    /// The path it was opened with, for error messages.
    let path: String

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit {
        // After a successful fsync a close error cannot lose acknowledged data; Linux closes even on EINTR.
        _ = SaleStorage.closeDescriptor(fd)
    }
}

private func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}

/// Thin checked wrappers over the POSIX calls the durable log needs: every return code is checked,
/// `EINTR` is retried, partial reads and writes are continued.
enum POSIX {
    static func error(_ path: String, _ operation: String) -> StorageError {
        .io(path: path, operation: operation, code: errno)
    }

    /// Opens `path`.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(StorageError) -> OpenFile {
        while true {
            let fd = SaleStorage.openPath(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return OpenFile(fd: fd, path: path) }
            if errno == EINTR { continue }
            throw error(path, "open")
        }
    }

    /// Closes a descriptor, reporting failure.
    static func close(_ fd: Int32, path: String) throws(StorageError) {
        if SaleStorage.closeDescriptor(fd) != 0, errno != EINTR { throw error(path, "close") }
    }

    /// Writes all of `bytes` at `offset`, continuing partial writes.
    static func write(_ file: OpenFile, _ bytes: [UInt8], at offset: Int) throws(StorageError) {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                pwrite(file.fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            }
            if count > 0 {
                done += count
            } else if count < 0, errno == EINTR {
                continue
            } else if count == 0 {
                throw .io(path: file.path, operation: "write (no progress)", code: EIO)
            } else {
                throw error(file.path, "write")
            }
        }
    }

    /// Reads `count` bytes at `offset` (fewer only at the end of the file).
    static func read(_ file: OpenFile, at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(file.fd, raw.baseAddress! + done, count - done, off_t(offset + done))
            }
            if got > 0 {
                done += got
            } else if got == 0 {
                break
            } else if errno == EINTR {
                continue
            } else {
                throw error(file.path, "read")
            }
        }
        buffer.removeSubrange(done...)
        return buffer
    }

    /// The size of an open file.
    static func size(_ file: OpenFile) throws(StorageError) -> Int {
        var info = stat()
        guard fstat(file.fd, &info) == 0 else { throw error(file.path, "fstat") }
        return Int(info.st_size)
    }

    /// The whole content of `path`, or nil when it does not exist.
    static func readFile(_ path: String) throws(StorageError) -> [UInt8]? {
        guard try exists(path) else { return nil }
        let file = try open(path, O_RDONLY)
        let size = try size(file)
        var bytes = try read(file, at: 0, count: size)
        // The file may have grown since fstat (it should not: we hold the folder lock); read to the end anyway.
        while true {
            let more = try read(file, at: bytes.count, count: 65_536)
            if more.isEmpty { break }
            bytes += more
        }
        return bytes
    }

    /// Flushes a file to stable storage: `fdatasync` when `dataOnly` (on Linux), else `fsync`.
    static func sync(_ file: OpenFile, dataOnly: Bool) throws(StorageError) {
        try sync(fd: file.fd, path: file.path, dataOnly: dataOnly)
    }

    static func sync(fd: Int32, path: String, dataOnly: Bool) throws(StorageError) {
        while true {
            #if os(Linux)
            let result = dataOnly ? fdatasync(fd) : fsync(fd)
            #else
            let result = fsync(fd)
            #endif
            if result == 0 { return }
            if errno == EINTR { continue }
            throw error(path, dataOnly ? "fdatasync" : "fsync")
        }
    }

    /// Flushes a directory's entries (after a rename or create inside it).
    static func syncDirectory(_ path: String) throws(StorageError) {
        let directory = try open(path, O_RDONLY | O_DIRECTORY)
        try sync(directory, dataOnly: false)
    }

    /// Cuts a file to `length` bytes.
    static func truncate(_ file: OpenFile, to length: Int) throws(StorageError) {
        while ftruncate(file.fd, off_t(length)) != 0 {
            if errno != EINTR { throw error(file.path, "ftruncate") }
        }
    }

    /// Renames within one folder (atomic replacement of `to`).
    static func rename(_ from: String, to: String) throws(StorageError) {
        if SaleStorage.renamePath(from, to) != 0 { throw error(to, "rename from \(from)") }
    }

    /// Removes a file; a missing file is fine.
    static func removeIfPresent(_ path: String) throws(StorageError) {
        if unlink(path) != 0, errno != ENOENT { throw error(path, "unlink") }
    }

    /// Whether `path` exists (errors other than "not found" are thrown).
    static func exists(_ path: String) throws(StorageError) -> Bool {
        var info = stat()
        if stat(path, &info) == 0 { return true }
        if errno == ENOENT { return false }
        throw error(path, "stat")
    }

    /// Whether `path` is a directory.
    static func isDirectory(_ path: String) throws(StorageError) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { throw error(path, "stat") }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates a folder and any missing parents, syncing each parent that gained an entry.
    static func makeDirectories(_ path: String) throws(StorageError) {
        if try exists(path) { return }
        let parent = parentPath(path)
        if parent != path { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw error(path, "mkdir") }
        try syncDirectory(parent)
    }

    static func parentPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Writes `bytes` to `folder/name.tmp` (replacing any leftover) and flushes it: the first half of an atomic write.
    static func prepareTemporary(folder: String, name: String, bytes: [UInt8]) throws(StorageError) -> OpenFile {
        let temporary = folder + "/" + name + ".tmp"
        try removeIfPresent(temporary)
        let file = try open(temporary, O_RDWR | O_CREAT | O_EXCL)
        do {
            try write(file, bytes, at: 0)
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
    static func commitTemporary(
        _ file: OpenFile,
        folder: String,
        name: String,
        renamed: inout Bool
    ) throws(StorageError) -> OpenFile {
        let target = folder + "/" + name
        try rename(target + ".tmp", to: target)
        renamed = true
        let duplicate = dup(file.fd)
        guard duplicate >= 0 else { throw error(target, "dup") }
        let result = OpenFile(fd: duplicate, path: target)
        try syncDirectory(folder)
        return result
    }

    /// Writes `bytes` to `folder/name` atomically: `name.tmp` in the same folder, write, fsync, rename, fsync folder.
    static func writeAtomically(folder: String, name: String, bytes: [UInt8]) throws(StorageError) {
        let file = try prepareTemporary(folder: folder, name: name, bytes: bytes)
        var renamed = false
        _ = try commitTemporary(file, folder: folder, name: name, renamed: &renamed)
    }
}

private func openPath(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags, mode)
    #else
    Darwin.open(path, flags, mode)
    #endif
}

private func renamePath(_ from: String, _ to: String) -> Int32 {
    #if canImport(Glibc)
    Glibc.rename(from, to)
    #else
    Darwin.rename(from, to)
    #endif
}
