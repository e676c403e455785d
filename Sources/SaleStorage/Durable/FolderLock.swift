#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock of a state folder: `flock(LOCK_EX | LOCK_NB)` on `LOCK`, which holds the owner's pid.
///
/// `flock` locks belong to the open file description, so a second open in the same process is refused too.
/// The lock goes away with the descriptor (when the log drops it, or when the process dies).
final class FolderLock: Sendable {
    /// The lock file's name inside the folder.
    static let fileName = "LOCK"

    private let file: OpenFile

    private init(file: OpenFile) { self.file = file }

    /// Takes the lock or throws ``StorageError/locked(folder:lockFile:holder:)`` naming the holder's pid.
    static func acquire(folder: String) throws(StorageError) -> FolderLock {
        let path = folder + "/" + fileName
        let file = try POSIX.open(path, O_RDWR | O_CREAT)
        while flock(file.fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            if errno == EWOULDBLOCK {
                let text = (try? POSIX.read(file, at: 0, count: 64)) ?? []
                let holder = Int32(String(decoding: text, as: UTF8.self).trimmingWhitespace())
                throw .locked(folder: folder, lockFile: path, holder: holder)
            }
            throw POSIX.error(path, "flock")
        }
        try POSIX.truncate(file, to: 0)
        try POSIX.write(file, Array("\(getpid())\n".utf8), at: 0)
        return FolderLock(file: file)
    }

    /// Releases the lock now, whoever else still holds a reference to the descriptor (closing happens at deinit).
    func release() {
        while flock(file.fd, LOCK_UN) != 0, errno == EINTR {}
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(self.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
