import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``FileSystem`` held in memory that fails on purpose: EIO, ENOSPC, short and torn writes at any step, so that
/// what a state folder does when the disk fails is a test, not a hope.
///
/// Files are inodes that paths name (a rename keeps open handles pointing at the same file, as on POSIX); every
/// regular file remembers what its last successful flush covered, and ``crashed()`` returns the file system a
/// power cut would leave: each file as its last flush left it (folder entries count as durable at once).
///
/// ```swift
/// let disk = InMemoryFileSystem()
/// disk.inject(.init(.sync, path: "journal.jsonl", after: 3, code: EIO))   // the 4th fdatasync fails
/// ```
public final class InMemoryFileSystem: FileSystem {
    /// A call that can be made to fail.
    public enum Operation: Sendable, Hashable {
        /// `open`.
        case open
        /// `pwrite`.
        case write
        /// `pread`.
        case read
        /// `fsync` / `fdatasync` (files and folders).
        case sync
        /// `ftruncate`.
        case truncate
        /// `rename`.
        case rename
        /// `unlink`.
        case remove
        /// `mkdir`.
        case makeDirectory
        /// `flock`.
        case lock
    }

    /// One planned failure.
    public struct Fault: Sendable, Hashable {
        /// The call that fails.
        public var operation: Operation
        /// Only calls on a path ending with this (nil: any path).
        public var path: String?
        /// How many matching calls succeed before the first failure.
        public var after: Int
        /// The `errno` value reported (`EIO`, `ENOSPC`, …).
        public var code: Int32
        /// For a write: how many of its bytes reach the file before it fails (a short or torn write); 0: none.
        public var writtenBytes: Int
        /// Whether every later matching call fails too (a full disk), or only one.
        public var persistent: Bool

        /// Makes a fault.
        public init(
            _ operation: Operation,
            path: String? = nil,
            after: Int = 0,
            code: Int32 = EIO,
            writtenBytes: Int = 0,
            persistent: Bool = false
        ) {
            self.operation = operation
            self.path = path
            self.after = after
            self.code = code
            self.writtenBytes = writtenBytes
            self.persistent = persistent
        }
    }

    private struct Inode {
        var kind: FileStatus.Kind
        var data: [UInt8] = []
        var durable: [UInt8] = []
        var permissions: mode_t
    }

    private struct Handle {
        var inode: Int
        var description: Int
    }

    private struct Armed {
        var fault: Fault
        var seen = 0
        var fired = false
    }

    private struct State {
        var entries: [String: Int] = ["/": 0]
        var inodes: [Int: Inode] = [0: Inode(kind: .directory, permissions: 0o755)]
        var nextInode = 1
        var handles: [Int32: Handle] = [:]
        var nextHandle: Int32 = 3
        var nextDescription = 1
        var exclusiveLocks: [Int: Int] = [:]
        var sharedLocks: [Int: Set<Int>] = [:]
        var faults: [Armed] = []
        var calls: [Operation: Int] = [:]
        var holdSyncsOn: String?
        var heldSyncs = 0
        var gate = DispatchSemaphore(value: 0)
    }

    private let state: Mutex<State>

    /// An empty file system holding only `/`.
    public init() { state = Mutex(State()) }

    private init(state: State) { self.state = Mutex(state) }

    /// Plans a failure.
    public func inject(_ fault: Fault) { state.withLock { $0.faults.append(Armed(fault: fault)) } }

    /// Drops every planned failure.
    public func clearFaults() { state.withLock { $0.faults = [] } }

    /// Makes every later flush of a path ending with `path` wait (before it happens) until ``releaseSyncs()``: a
    /// test sees what the callers do meanwhile, with no timing involved.
    public func holdSyncs(path: String) { state.withLock { $0.holdSyncsOn = path } }

    /// Lets every held flush continue and stops holding new ones.
    public func releaseSyncs() {
        let (gate, count) = state.withLock { state in
            defer {
                state.holdSyncsOn = nil
                state.heldSyncs = 0
                state.gate = DispatchSemaphore(value: 0)
            }
            return (state.gate, state.heldSyncs)
        }
        for _ in 0..<count { gate.signal() }
    }

    /// How many flushes are waiting in ``holdSyncs(path:)``.
    public var heldSyncs: Int { state.withLock { $0.heldSyncs } }

    /// How many calls of a kind were made (failed ones included).
    public func calls(_ operation: Operation) -> Int { state.withLock { $0.calls[operation] ?? 0 } }

    /// What a power cut would leave: every file as its last successful flush left it; no handles, locks or faults.
    public func crashed() -> InMemoryFileSystem {
        state.withLock { state in
            var copy = State()
            copy.entries = state.entries
            copy.nextInode = state.nextInode
            copy.inodes = state.inodes.mapValues { inode in
                var inode = inode
                inode.data = inode.durable
                return inode
            }
            return InMemoryFileSystem(state: copy)
        }
    }

    /// The bytes of the file at `path` (as written, flushed or not), or nil.
    public func contents(_ path: String) -> [UInt8]? {
        state.withLock { state in state.entries[path].flatMap { state.inodes[$0]?.data } }
    }

    /// Replaces (or creates) the file at `path`, as flushed, in an existing folder.
    public func setContents(_ path: String, _ bytes: [UInt8]) {
        state.withLock { state in
            if let inode = state.entries[path] {
                state.inodes[inode]?.data = bytes
                state.inodes[inode]?.durable = bytes
            } else {
                let inode = state.nextInode
                state.nextInode += 1
                state.inodes[inode] = Inode(kind: .regular, data: bytes, durable: bytes, permissions: 0o600)
                state.entries[path] = inode
            }
        }
    }

    /// Puts something that is neither a file nor a folder (a FIFO) at `path`.
    public func makeSpecialFile(_ path: String) {
        state.withLock { state in
            let inode = state.nextInode
            state.nextInode += 1
            state.inodes[inode] = Inode(kind: .other, permissions: 0o600)
            state.entries[path] = inode
        }
    }

    /// The permission bits of what is at `path`, or nil.
    public func permissions(_ path: String) -> mode_t? {
        state.withLock { state in state.entries[path].flatMap { state.inodes[$0]?.permissions } }
    }

    /// The paths that exist, sorted.
    public var paths: [String] { state.withLock { $0.entries.keys.sorted() } }

    // MARK: Faults

    /// Counts the call and returns the fault that fires for it, if any.
    private static func fault(_ operation: Operation, path: String, in state: inout State) -> Fault? {
        state.calls[operation, default: 0] += 1
        for index in state.faults.indices {
            let armed = state.faults[index]
            guard armed.fault.operation == operation, armed.fault.path.map({ path.hasSuffix($0) }) ?? true else {
                continue
            }
            if armed.fired {
                if armed.fault.persistent { return armed.fault }
                continue
            }
            if armed.seen < armed.fault.after {
                state.faults[index].seen += 1
                continue
            }
            state.faults[index].fired = true
            return armed.fault
        }
        return nil
    }

    private static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func name(of operation: Operation, dataOnly: Bool = false) -> String {
        switch operation {
        case .open: "open"
        case .write: "write"
        case .read: "read"
        case .sync: dataOnly ? "fdatasync" : "fsync"
        case .truncate: "ftruncate"
        case .rename: "rename"
        case .remove: "unlink"
        case .makeDirectory: "mkdir"
        case .lock: "flock"
        }
    }

    private func handle(_ file: OpenFile, _ state: State) throws(StorageError) -> Handle {
        guard let handle = state.handles[file.handle] else {
            throw .io(path: file.path, operation: "use of a closed handle", code: EBADF)
        }
        return handle
    }

    // MARK: FileSystem

    /// Opens `path`.
    public func open(_ path: String, flags: Int32, permissions: mode_t) throws(StorageError) -> OpenFile {
        let handle = try state.withLock { state throws(StorageError) -> Int32 in
            if let fault = Self.fault(.open, path: path, in: &state) {
                throw .io(path: path, operation: "open", code: fault.code)
            }
            var inode = state.entries[path]
            if inode != nil, flags & O_CREAT != 0, flags & O_EXCL != 0 {
                throw .io(path: path, operation: "open", code: EEXIST)
            }
            if inode == nil {
                guard flags & O_CREAT != 0 else { throw .io(path: path, operation: "open", code: ENOENT) }
                guard let folder = state.entries[Self.parent(path)], state.inodes[folder]?.kind == .directory else {
                    throw .io(path: path, operation: "open", code: ENOENT)
                }
                let number = state.nextInode
                state.nextInode += 1
                state.inodes[number] = Inode(kind: .regular, permissions: permissions)
                state.entries[path] = number
                inode = number
            }
            guard let inode else { throw .io(path: path, operation: "open", code: ENOENT) }
            if flags & O_DIRECTORY != 0, state.inodes[inode]?.kind != .directory {
                throw .io(path: path, operation: "open", code: ENOTDIR)
            }
            let number = state.nextHandle
            state.nextHandle += 1
            state.handles[number] = Handle(inode: inode, description: state.nextDescription)
            state.nextDescription += 1
            return number
        }
        return OpenFile(handle: handle, path: path, fileSystem: self)
    }

    /// Releases a handle and any lock only it held.
    public func close(handle: Int32) {
        state.withLock { state in
            guard let closed = state.handles.removeValue(forKey: handle) else { return }
            if !state.handles.values.contains(where: { $0.description == closed.description }) {
                if state.exclusiveLocks[closed.inode] == closed.description { state.exclusiveLocks[closed.inode] = nil }
                state.sharedLocks[closed.inode]?.remove(closed.description)
            }
        }
    }

    /// Writes `bytes` at `offset`; a fault with ``Fault/writtenBytes`` lets that many through first.
    public func write(_ file: OpenFile, _ bytes: [UInt8], at offset: Int) throws(StorageError) {
        try state.withLock { state throws(StorageError) in
            let handle = try handle(file, state)
            let fault = Self.fault(.write, path: file.path, in: &state)
            let count = fault.map { min($0.writtenBytes, bytes.count) } ?? bytes.count
            var data = state.inodes[handle.inode]?.data ?? []
            if data.count < offset + count { data += [UInt8](repeating: 0, count: offset + count - data.count) }
            data.replaceSubrange(offset..<(offset + count), with: bytes[0..<count])
            state.inodes[handle.inode]?.data = data
            if let fault { throw .io(path: file.path, operation: "write", code: fault.code) }
        }
    }

    /// Reads at `offset`.
    public func read(_ file: OpenFile, at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        try state.withLock { state throws(StorageError) -> [UInt8] in
            let handle = try handle(file, state)
            if let fault = Self.fault(.read, path: file.path, in: &state) {
                throw .io(path: file.path, operation: "read", code: fault.code)
            }
            let data = state.inodes[handle.inode]?.data ?? []
            guard offset < data.count else { return [] }
            return Array(data[offset..<min(data.count, offset + count)])
        }
    }

    /// The size and kind of an open file.
    public func status(_ file: OpenFile) throws(StorageError) -> FileStatus {
        try state.withLock { state throws(StorageError) -> FileStatus in
            let inode = state.inodes[try handle(file, state).inode]
            return FileStatus(
                size: inode?.data.count ?? 0,
                kind: inode?.kind ?? .regular,
                permissions: inode?.permissions ?? 0o600
            )
        }
    }

    /// The size and kind of what is at `path`.
    public func status(path: String) throws(StorageError) -> FileStatus? {
        state.withLock { state in
            state.entries[path].flatMap { state.inodes[$0] }
                .map { FileStatus(size: $0.data.count, kind: $0.kind, permissions: $0.permissions) }
        }
    }

    /// Flushes: the file's current bytes become what ``crashed()`` keeps.
    public func sync(_ file: OpenFile, dataOnly: Bool) throws(StorageError) {
        let held = state.withLock { state -> DispatchSemaphore? in
            guard let path = state.holdSyncsOn, file.path.hasSuffix(path) else { return nil }
            state.heldSyncs += 1
            return state.gate
        }
        held?.wait()
        try state.withLock { state throws(StorageError) in
            let handle = try handle(file, state)
            if let fault = Self.fault(.sync, path: file.path, in: &state) {
                throw .io(path: file.path, operation: Self.name(of: .sync, dataOnly: dataOnly), code: fault.code)
            }
            if let data = state.inodes[handle.inode]?.data { state.inodes[handle.inode]?.durable = data }
        }
    }

    /// Cuts a file.
    public func truncate(_ file: OpenFile, to length: Int) throws(StorageError) {
        try state.withLock { state throws(StorageError) in
            let handle = try handle(file, state)
            if let fault = Self.fault(.truncate, path: file.path, in: &state) {
                throw .io(path: file.path, operation: "ftruncate", code: fault.code)
            }
            var data = state.inodes[handle.inode]?.data ?? []
            if data.count > length {
                data.removeSubrange(length...)
            } else {
                data += [UInt8](repeating: 0, count: length - data.count)
            }
            state.inodes[handle.inode]?.data = data
        }
    }

    /// Renames.
    public func rename(_ from: String, to: String) throws(StorageError) {
        try state.withLock { state throws(StorageError) in
            if let fault = Self.fault(.rename, path: to, in: &state) {
                throw .io(path: to, operation: "rename from \(from)", code: fault.code)
            }
            guard let inode = state.entries.removeValue(forKey: from) else {
                throw .io(path: to, operation: "rename from \(from)", code: ENOENT)
            }
            state.entries[to] = inode
        }
    }

    /// Removes a file.
    public func removeIfPresent(_ path: String) throws(StorageError) {
        try state.withLock { state throws(StorageError) in
            if let fault = Self.fault(.remove, path: path, in: &state) {
                throw .io(path: path, operation: "unlink", code: fault.code)
            }
            state.entries[path] = nil
        }
    }

    /// Creates one folder.
    public func makeDirectory(_ path: String, permissions: mode_t) throws(StorageError) {
        try state.withLock { state throws(StorageError) in
            if let fault = Self.fault(.makeDirectory, path: path, in: &state) {
                throw .io(path: path, operation: "mkdir", code: fault.code)
            }
            if state.entries[path] != nil { return }
            guard let parent = state.entries[Self.parent(path)], state.inodes[parent]?.kind == .directory else {
                throw .io(path: path, operation: "mkdir", code: ENOENT)
            }
            let number = state.nextInode
            state.nextInode += 1
            state.inodes[number] = Inode(kind: .directory, permissions: permissions)
            state.entries[path] = number
        }
    }

    /// A second handle sharing the open file (and its lock).
    public func duplicate(_ file: OpenFile, path: String) throws(StorageError) -> OpenFile {
        let number = try state.withLock { state throws(StorageError) -> Int32 in
            let handle = try handle(file, state)
            let number = state.nextHandle
            state.nextHandle += 1
            state.handles[number] = handle
            return number
        }
        return OpenFile(handle: number, path: path, fileSystem: self)
    }

    /// `flock` without waiting.
    public func tryLock(_ file: OpenFile, shared: Bool) throws(StorageError) -> Bool {
        try state.withLock { state throws(StorageError) -> Bool in
            let handle = try handle(file, state)
            if let fault = Self.fault(.lock, path: file.path, in: &state) {
                throw .io(path: file.path, operation: "flock", code: fault.code)
            }
            let owner = state.exclusiveLocks[handle.inode]
            let readers = state.sharedLocks[handle.inode, default: []].subtracting([handle.description])
            if let owner, owner != handle.description { return false }
            if shared {
                state.exclusiveLocks[handle.inode] = nil
                state.sharedLocks[handle.inode, default: []].insert(handle.description)
            } else {
                guard readers.isEmpty else { return false }
                state.sharedLocks[handle.inode]?.remove(handle.description)
                state.exclusiveLocks[handle.inode] = handle.description
            }
            return true
        }
    }

    /// Sets the permission bits.
    public func setPermissions(_ file: OpenFile, _ permissions: mode_t) throws(StorageError) {
        try state.withLock { state throws(StorageError) in
            let handle = try handle(file, state)
            state.inodes[handle.inode]?.permissions = permissions
        }
    }

    /// Sets the permission bits of what is at `path` (a file left by an older build, in tests).
    public func setPermissions(path: String, _ permissions: mode_t) {
        state.withLock { state in
            if let inode = state.entries[path] { state.inodes[inode]?.permissions = permissions }
        }
    }

    /// Releases this handle's lock.
    public func unlock(_ file: OpenFile) {
        state.withLock { state in
            guard let handle = state.handles[file.handle] else { return }
            if state.exclusiveLocks[handle.inode] == handle.description { state.exclusiveLocks[handle.inode] = nil }
            state.sharedLocks[handle.inode]?.remove(handle.description)
        }
    }
}
