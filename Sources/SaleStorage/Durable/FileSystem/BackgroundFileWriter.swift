import Dispatch
import Synchronization

/// Writes the pieces of one file in order on a background queue while the caller produces the next ones, so that
/// encoding a snapshot and copying it into the file overlap.
///
/// At most `inFlight` pieces wait or are being written (the producer blocks beyond that, which bounds the memory).
/// After the first failure the remaining pieces are dropped and ``finish()`` throws that failure.
final class BackgroundFileWriter<System: FileSystem>: Sendable {
    private let fileSystem: System
    private let file: OpenFile
    private let queue = DispatchQueue(label: "bitrix-order-engine.file-writer")
    private let slots: DispatchSemaphore
    private let failure = Mutex<StorageError?>(nil)
    /// The offset of the next piece (the producer's side only).
    private let nextOffset = Mutex(0)

    init(_ fileSystem: System, file: OpenFile, inFlight: Int = 2) {
        self.fileSystem = fileSystem
        self.file = file
        slots = DispatchSemaphore(value: max(inFlight, 1))
    }

    /// Queues `piece` after the pieces before it (taking its storage); with `startWriteback`, its writeback to the
    /// disk starts as soon as it is written (`fdatasync`), so the file's final `fsync` waits for less.
    func write(_ piece: inout [UInt8], startWriteback: Bool) {
        var bytes: [UInt8] = []
        swap(&bytes, &piece)
        let offset = nextOffset.withLock { next in
            defer { next += bytes.count }
            return next
        }
        slots.wait()
        queue.async { [self, bytes] in
            defer { slots.signal() }
            guard failure.withLock({ $0 == nil }) else { return }
            do throws(StorageError) {
                try fileSystem.write(file, bytes, at: offset)
                if startWriteback { try fileSystem.sync(file, dataOnly: true) }
            } catch {
                failure.withLock { $0 = error }
            }
        }
    }

    /// Waits for every queued piece.
    ///
    /// - Returns: the bytes written (the pieces' total).
    /// - Throws: the first failure.
    func finish() throws(StorageError) -> Int {
        queue.sync {}
        if let error = failure.withLock({ $0 }) { throw error }
        return nextOffset.withLock { $0 }
    }
}
