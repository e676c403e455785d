import Foundation
import SaleJSON
@testable import SaleStorage

/// Runs `body` with a fresh folder path under the temporary directory (not created), removed afterwards.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let base = FileManager.default.temporaryDirectory
        .appendingPathComponent("sale-storage-tests-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: base) }
    return try body(base.appendingPathComponent("state", isDirectory: true))
}

/// A record with a number, Cyrillic text and a nested object.
func sampleRecord(_ number: Int) -> JSONValue {
    .object([
        (key: "n", value: .int(number)),
        (key: "text", value: .string("заказ № \(number) / \"кв\" 5")),
        (key: "sum", value: .number(JSONNumber(literal: "\(number).50"))),
        (key: "nested", value: .object([(key: "z", value: true), (key: "a", value: [1, 2, nil])])),
    ])
}

/// Opens with `create: true` and no automatic compaction; new journals append-only (version 2) unless `chunk` is
/// given (version 3, preallocated).
func openLog(
    _ folder: URL,
    create: Bool = true,
    chunk: Int? = nil
) throws -> (log: DurableLog, recovery: DurableLog.Recovery) {
    try DurableLog.open(
        folder: folder,
        options: .init(create: create, compactionThreshold: nil, journalChunkBytes: chunk)
    )
}

/// The bytes of `name` in `folder`.
func fileBytes(_ folder: URL, _ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
}

/// Replaces `name` in `folder` with `bytes` (nil removes it).
func setFile(_ folder: URL, _ name: String, _ bytes: [UInt8]?) throws {
    let url = folder.appendingPathComponent(name)
    try? FileManager.default.removeItem(at: url)
    if let bytes { try Data(bytes).write(to: url) }
}

/// Writes a state folder with exactly these files (the folder is created).
func makeFolder(_ folder: URL, snapshot: [UInt8]?, journal: [UInt8]?) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try setFile(folder, "snapshot.json", snapshot)
    try setFile(folder, "journal.jsonl", journal)
}

/// Opens `folder` and returns the error, if any.
func openError(_ folder: URL) -> StorageError? {
    do {
        let (log, _) = try DurableLog.open(folder: folder, options: .init(compactionThreshold: nil))
        log.close()
        return nil
    } catch {
        return error
    }
}
