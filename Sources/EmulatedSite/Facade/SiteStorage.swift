import Foundation

/// Where the emulated site keeps its orders.
public enum SiteStorage: Sendable, Hashable {
    /// In memory: gone when the process ends.
    case memory
    /// A durable state folder (snapshot + journal, `docs/STORAGE.md`), opened as `opening` says; locked while open
    /// (unless read-only).
    case folder(URL, FolderOpening = FolderOpening())

    /// How a state folder is opened (the rules of `docs/STORAGE.md`, "Opening").
    public struct FolderOpening: Sendable, Hashable {
        /// Make the folder when nothing exists at the path (the server and `load`; `request` only with `--init`).
        public var create: Bool
        /// Start an empty state in an existing folder that holds none (`--init`); otherwise that is an error, never
        /// a quiet empty start.
        public var initialize: Bool
        /// Open without the lock and never write (a `request` GET): a writer may run beside it.
        public var readOnly: Bool

        /// Makes the opening rules; the defaults are the server's (create where nothing exists, nothing else).
        public init(create: Bool = true, initialize: Bool = false, readOnly: Bool = false) {
            self.create = create
            self.initialize = initialize
            self.readOnly = readOnly
        }
    }
}
