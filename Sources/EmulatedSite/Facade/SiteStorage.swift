import Foundation

/// Where the emulated site keeps its orders.
public enum SiteStorage: Sendable, Hashable {
    /// In memory: gone when the process ends.
    case memory
    /// A durable state folder (snapshot + journal, `docs/STORAGE.md`), created when it holds no state yet; locked
    /// while open.
    case folder(URL)
}
