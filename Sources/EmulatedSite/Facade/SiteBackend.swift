import BitrixSale
import Foundation
import SaleHTTP
import SaleStorage
import SiteAPI

/// The engine behind the site at one moment: the store, the engine on it, and the surfaces over the engine.
///
/// A reset replaces the state in place (`SaleEngine.replaceState(with:)`, durable through the commit path); a reopen
/// (a scenario's `restart`) builds a new one from the folder.
struct SiteBackend: Sendable {
    let engine: SaleEngine
    let api: SiteAPI
    let rest: (any HTTPSurface)?
    let durable: DurableOrderStore?
    let memory: InMemoryOrderStore?

    /// What a backend is built from.
    struct Recipe: Sendable {
        let site: SiteConfiguration
        let clock: any SiteClock
        let apiOptions: APIOptions
        let rest: EmulatedSite.RESTFactory?
    }

    /// Builds a backend over `store`.
    static func make(_ recipe: Recipe, durable: DurableOrderStore?, memory: InMemoryOrderStore?) throws -> SiteBackend {
        let store: any OrderStore = durable ?? memory ?? InMemoryOrderStore()
        let engine = try SaleEngine(site: recipe.site, store: store, clock: recipe.clock.saleClock)
        let api = try SiteAPI(engine: engine, options: recipe.apiOptions)
        let rest = try recipe.rest?(engine)
        return SiteBackend(engine: engine, api: api, rest: rest, durable: durable, memory: memory)
    }

    /// Opens the storage (starting from `initial` when given: a folder must then hold no state yet).
    static func open(_ recipe: Recipe, storage: SiteStorage, initial: StoreState?) throws -> SiteBackend {
        switch storage {
        case .memory:
            return try make(recipe, durable: nil, memory: InMemoryOrderStore(initial ?? StoreState()))
        case .folder(let folder, let opening):
            let store: DurableOrderStore
            if let initial {
                store = try createFolder(folder, from: initial)
            } else {
                store = try DurableOrderStore.open(
                    folder: folder,
                    options: .init(create: opening.create, initialize: opening.initialize, readOnly: opening.readOnly)
                )
            }
            do {
                return try make(recipe, durable: store, memory: nil)
            } catch {
                store.close()
                throw error
            }
        }
    }

    /// A state folder that starts from `state` (through a snapshot file in a temporary folder).
    static func createFolder(_ folder: URL, from state: StoreState) throws -> DurableOrderStore {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "bitrix-emu-reset-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
            )
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let file = temporary.appendingPathComponent("snapshot.json")
        try SnapshotFile.write(state, to: file.path)
        return try DurableOrderStore.create(folder: folder, from: file)
    }

    /// The state as a snapshot document (the export format).
    func exportSnapshot() throws -> [UInt8] {
        if let durable { return try durable.exportSnapshot() }
        return SnapshotFile.bytes(of: memory?.snapshot ?? StoreState())
    }

    /// The number of orders stored.
    var orderCount: Int { (durable?.snapshot ?? memory?.snapshot ?? StoreState()).orders.count }

    /// Closes a durable store (which compacts a journal that has grown, `docs/STORAGE.md`); the compaction's error,
    /// if it failed (the journal is then intact).
    func close() -> StorageError? { durable?.close() }
}
