#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock of a state folder: `flock(LOCK_EX | LOCK_NB)` on `LOCK`, which holds the owner's pid.
///
/// `flock` locks belong to the open file description, so a second open in the same process is refused too.
/// The lock goes away with the descriptor (when the log drops it, or when the process dies). Read-only opens take
/// no lock at all: they never write, so a writer may run beside them.
final class FolderLock: Sendable {
    /// The lock file's name inside the folder.
    static let fileName = "LOCK"

    private let file: OpenFile
    private let fileSystem: any FileSystem

    private init(file: OpenFile, fileSystem: any FileSystem) {
        self.file = file
        self.fileSystem = fileSystem
    }

    /// Takes the lock or throws ``StorageError/locked(folder:lockFile:holder:)`` naming the holder's pid.
    static func acquire(folder: String, fileSystem: any FileSystem) throws(StorageError) -> FolderLock {
        let path = folder + "/" + fileName
        if let status = try fileSystem.status(path: path), status.kind != .regular {
            throw .notRegularFile(path: path)
        }
        let file = try fileSystem.open(path, flags: O_RDWR | O_CREAT | O_NONBLOCK, permissions: privateFilePermissions)
        guard try fileSystem.tryLock(file, shared: false) else {
            let text = (try? fileSystem.read(file, at: 0, count: 64)) ?? []
            let holder = Int32(String(decoding: text, as: UTF8.self).trimmingWhitespace())
            throw .locked(folder: folder, lockFile: path, holder: holder)
        }
        try fileSystem.makePrivate(file)
        try fileSystem.truncate(file, to: 0)
        try fileSystem.write(file, Array("\(getpid())\n".utf8), at: 0)
        return FolderLock(file: file, fileSystem: fileSystem)
    }

    /// Releases the lock now, whoever else still holds a reference to the descriptor (closing happens at deinit).
    func release() { fileSystem.unlock(file) }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(self.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
