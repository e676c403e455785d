import BitrixSale
import Foundation
import SaleJSON

/// A whole ``BitrixSale/StoreState`` as one snapshot file (the format of `snapshot.json`, sequence 0): what
/// `state export` writes and a scenario's `state` names.
public enum SnapshotFile {
    /// The file's bytes for `state`.
    ///
    /// Equal states give equal bytes.
    public static func bytes(of state: StoreState) -> [UInt8] {
        FastStateWriter.snapshotFile(of: state, sequence: 0)
    }

    /// Writes `state` to `path` durably: `path.tmp` in the same folder, write, fsync, rename, fsync the folder.
    ///
    /// - Returns: the number of bytes written.
    @discardableResult
    public static func write(_ state: StoreState, to path: String) throws -> Int {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return try write(
            state,
            folder: url.deletingLastPathComponent().path,
            name: url.lastPathComponent,
            on: POSIXFileSystem()
        )
    }

    /// Writes `state` to `folder/name` as ``write(_:to:)`` does, on `fileSystem`: the file is written while it is
    /// encoded, in pieces of `pieceBytes` (so the whole file is never held in memory), and its checksum last.
    ///
    /// - Returns: the number of bytes written.
    static func write(
        _ state: StoreState,
        folder: String,
        name: String,
        on fileSystem: some FileSystem,
        pieceBytes: Int = 16 << 20
    ) throws(StorageError) -> Int {
        var size = 0
        try fileSystem.writeAtomically(folder: folder, name: name) { file throws(StorageError) in
            // Pieces are copied into the file on a background queue while the next ones are encoded.
            let writer = BackgroundFileWriter(fileSystem, file: file)
            let checksum = FastStateWriter.streamSnapshotFile(of: state, sequence: 0, pieceBytes: pieceBytes) {
                piece in
                // Full pieces start their writeback at once; a file of one short piece is flushed once, at the end.
                let full = piece.count >= pieceBytes
                writer.write(&piece, startWriteback: full)
            }
            size = try writer.finish()
            try fileSystem.write(file, checksum.hex, at: checksum.offset)
        }
        return size
    }

    /// Reads and checks a snapshot file.
    public static func read(from path: String) throws -> StoreState {
        guard let contents = try POSIXFileSystem().contents(of: path) else {
            throw StorageError.io(path: path, operation: "read", code: ENOENT)
        }
        return try contents.withBytes { bytes in try state(from: bytes, path: path) }
    }

    /// Checks a snapshot file's bytes and decodes its state; errors name `path`.
    public static func state(from bytes: [UInt8], path: String) throws -> StoreState {
        try bytes.withUnsafeBufferPointer { buffer in try state(from: buffer, path: path) }
    }

    /// Checks a snapshot file's bytes and decodes its state; errors name `path`.
    static func state(from bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> StoreState {
        let decoded = try DurableOrderStore.readSnapshot(bytes, path: path, maxDepth: 128)
        switch decoded.value {
        case .success(let state): return state
        case .failure(let error): throw DurableOrderStore.Failure.invalidState(file: path, sequence: 0, error)
        }
    }
}
