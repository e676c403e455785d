#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file's bytes for one read pass: mapped from the file by ``POSIXFileSystem`` (no copy into the process's
/// memory, no zero-filling), held in memory by any other ``FileSystem``; valid while this object lives.
///
/// A mapping stays valid when the file is replaced by a rename (as every state file is written); a file cut short in
/// place while mapped would fault, which nothing in a state folder does.
public final class FileContents: @unchecked Sendable {
    /// The bytes (read-only; immutable after init, which makes the class safe to send).
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Whether ``bytes`` is a mapping (unmapped at the end) rather than an allocation (freed).
    private let mapped: Bool

    /// A copy of `array`.
    public init(copying array: [UInt8]) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: array.count)
        _ = copy.initialize(from: array)
        bytes = UnsafeBufferPointer(copy)
        mapped = false
    }

    /// Takes over `count` bytes mapped at `base` with `mmap`.
    init(mapping base: UnsafeRawPointer, count: Int) {
        bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
        mapped = true
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else {
            bytes.deallocate()
        }
    }

    /// How many bytes the file held.
    public var count: Int { bytes.count }

    /// Calls `body` with the bytes, valid during the call.
    public func withBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(bytes)
    }
}
