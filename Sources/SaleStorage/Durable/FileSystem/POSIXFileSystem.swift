#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real ``FileSystem``: thin checked wrappers over the POSIX calls, every return code checked, `EINTR` retried,
/// partial reads and writes continued.
public struct POSIXFileSystem: FileSystem {
    /// The real file system.
    public init() {}

    private func failure(_ path: String, _ operation: String) -> StorageError {
        .io(path: path, operation: operation, code: errno)
    }

    /// Opens `path`.
    public func open(_ path: String, flags: Int32, permissions: mode_t) throws(StorageError) -> OpenFile {
        while true {
            let fd = openPath(path, flags | O_CLOEXEC, permissions)
            if fd >= 0 { return OpenFile(handle: fd, path: path, fileSystem: self) }
            if errno == EINTR { continue }
            throw failure(path, "open")
        }
    }

    /// Closes a descriptor (after a successful fsync a close error cannot lose acknowledged data; Linux closes even
    /// on EINTR).
    public func close(handle: Int32) { _ = closeDescriptor(handle) }

    /// Writes all of `bytes` at `offset`, continuing partial writes.
    public func write(_ file: OpenFile, _ bytes: [UInt8], at offset: Int) throws(StorageError) {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                pwrite(file.handle, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            }
            if count > 0 {
                done += count
            } else if count < 0, errno == EINTR {
                continue
            } else if count == 0 {
                throw .io(path: file.path, operation: "write (no progress)", code: EIO)
            } else {
                throw failure(file.path, "write")
            }
        }
    }

    /// Reads `count` bytes at `offset` (fewer only at the end of the file).
    ///
    /// The bytes go straight into the array's uninitialised storage (no zero-filling first: for a 200 MB snapshot
    /// that was a memset of the whole file before the read).
    public func read(_ file: OpenFile, at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        var failure: Int32 = 0
        let buffer = [UInt8](unsafeUninitializedCapacity: count) { raw, initialized in
            var done = 0
            while done < count {
                let got = pread(file.handle, raw.baseAddress! + done, count - done, off_t(offset + done))
                if got > 0 {
                    done += got
                } else if got == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
            initialized = done
        }
        if failure != 0 { throw .io(path: file.path, operation: "read", code: failure) }
        return buffer
    }

    /// The whole content of a regular file at `path`, mapped (`mmap`, read-only, private; on Linux populated in one
    /// call), or nil when nothing is there. An empty file, a failed mapping or a file that changed size meanwhile is
    /// read into memory instead (``FileSystem/readFile(_:)``).
    public func contents(of path: String) throws(StorageError) -> FileContents? {
        guard try exists(path) else { return nil }
        let file = try openRegular(path, flags: O_RDONLY)
        let size = try status(file).size
        if size > 0 {
            #if os(Linux)
            let flags = MAP_PRIVATE | MAP_POPULATE
            #else
            let flags = MAP_PRIVATE
            #endif
            if let base = mmap(nil, size, PROT_READ, flags, file.handle, 0), base != MAP_FAILED {
                let contents = FileContents(mapping: base, count: size)
                if try status(file).size == size { return contents }
            }
        }
        return try readFile(path).map { FileContents(copying: $0) }
    }

    /// The size and kind of an open file.
    public func status(_ file: OpenFile) throws(StorageError) -> FileStatus {
        var info = stat()
        guard fstat(file.handle, &info) == 0 else { throw failure(file.path, "fstat") }
        return Self.status(info)
    }

    /// The size and kind of what is at `path`, or nil.
    public func status(path: String) throws(StorageError) -> FileStatus? {
        var info = stat()
        if stat(path, &info) == 0 { return Self.status(info) }
        if errno == ENOENT { return nil }
        throw failure(path, "stat")
    }

    private static func status(_ info: stat) -> FileStatus {
        let kind: FileStatus.Kind =
            switch info.st_mode & S_IFMT {
            case S_IFREG: .regular
            case S_IFDIR: .directory
            default: .other
            }
        return FileStatus(size: Int(info.st_size), kind: kind, permissions: info.st_mode & 0o7777)
    }

    /// Flushes a file to stable storage: `fdatasync` when `dataOnly` (on Linux), else `fsync`.
    public func sync(_ file: OpenFile, dataOnly: Bool) throws(StorageError) {
        while true {
            #if os(Linux)
            let result = dataOnly ? fdatasync(file.handle) : fsync(file.handle)
            #else
            let result = fsync(file.handle)
            #endif
            if result == 0 { return }
            if errno == EINTR { continue }
            throw failure(file.path, dataOnly ? "fdatasync" : "fsync")
        }
    }

    /// Cuts a file to `length` bytes.
    public func truncate(_ file: OpenFile, to length: Int) throws(StorageError) {
        while ftruncate(file.handle, off_t(length)) != 0 {
            if errno != EINTR { throw failure(file.path, "ftruncate") }
        }
    }

    /// Renames within one folder.
    public func rename(_ from: String, to: String) throws(StorageError) {
        if renamePath(from, to) != 0 { throw failure(to, "rename from \(from)") }
    }

    /// Removes a file; a missing file is fine.
    public func removeIfPresent(_ path: String) throws(StorageError) {
        if unlink(path) != 0, errno != ENOENT { throw failure(path, "unlink") }
    }

    /// Creates one folder; an existing one is fine.
    public func makeDirectory(_ path: String, permissions: mode_t) throws(StorageError) {
        if mkdir(path, permissions) != 0, errno != EEXIST { throw failure(path, "mkdir") }
    }

    /// `dup`.
    public func duplicate(_ file: OpenFile, path: String) throws(StorageError) -> OpenFile {
        let duplicate = dup(file.handle)
        guard duplicate >= 0 else { throw failure(path, "dup") }
        return OpenFile(handle: duplicate, path: path, fileSystem: self)
    }

    /// `flock(LOCK_EX | LOCK_NB)` or `flock(LOCK_SH | LOCK_NB)`.
    public func tryLock(_ file: OpenFile, shared: Bool) throws(StorageError) -> Bool {
        while flock(file.handle, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK { return false }
            throw failure(file.path, "flock")
        }
        return true
    }

    /// `fchmod`.
    public func setPermissions(_ file: OpenFile, _ permissions: mode_t) throws(StorageError) {
        while fchmod(file.handle, permissions) != 0 {
            if errno != EINTR { throw failure(file.path, "fchmod") }
        }
    }

    /// `flock(LOCK_UN)`.
    public func unlock(_ file: OpenFile) {
        while flock(file.handle, LOCK_UN) != 0, errno == EINTR {}
    }
}

private func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
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
