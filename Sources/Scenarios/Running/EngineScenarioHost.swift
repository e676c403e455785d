import SaleHTTP
import BitrixSale
import Foundation
import SaleStorage
import SiteAPI

/// The real ``ScenarioHost``: the engine on the scenario's site, behind ``SiteAPI/SiteAPI``, on a temporary state
/// folder with the durable store, so that `restart` drops everything in memory and reopens from disk.
///
/// The scenario's clock is injected into the engine, so it survives a restart. The folder is removed on ``close()``.
public final class EngineScenarioHost: ScenarioHost {
    private let site: SiteConfiguration
    private let clock: ScenarioClock
    private let folder: TemporaryFolder
    private var store: DurableOrderStore
    private var api: SiteAPI

    /// The site's first API token.
    public var firstToken: String { site.apiTokens.first ?? "" }

    /// Every API token of the site, redacted from reports.
    public var secrets: [String] { site.apiTokens }

    /// Loads the site (the built-in default when the scenario names none), creates the state folder (from the
    /// scenario's `state` snapshot when it names one) and starts the engine.
    public init(context: ScenarioContext, defaultSite: SiteConfiguration = .defaultSite) throws {
        site = try context.site.map { try SiteConfiguration.load(contentsOf: $0) } ?? defaultSite
        clock = context.clock
        folder = try TemporaryFolder(prefix: "bitrix-scenario")
        let stateFolder = folder.url.appendingPathComponent("state")
        if let snapshot = context.state {
            store = try DurableOrderStore.create(folder: stateFolder, from: snapshot)
        } else {
            store = try DurableOrderStore.open(folder: stateFolder, options: .init(create: true))
        }
        (store, api) = try Self.start(site: site, clock: clock, store: store)
    }

    /// A factory for ``ScenarioRunner``; scenarios that name no site run on `defaultSite`.
    public static func factory(defaultSite: SiteConfiguration = .defaultSite) -> ScenarioHostFactory {
        { context in try EngineScenarioHost(context: context, defaultSite: defaultSite) }
    }

    private static func start(site: SiteConfiguration, clock: ScenarioClock, store: DurableOrderStore) throws
        -> (DurableOrderStore, SiteAPI)
    {
        let engine = try SaleEngine(site: site, store: store, clock: SaleClock { clock.now })
        return (store, try SiteAPI(engine: engine))
    }

    /// Sends one request.
    public func send(_ request: APIRequest) throws -> APIResponse { api.handle(request) }

    /// Drops the engine and the store and reopens both from the state folder.
    public func restart() throws {
        let folderURL = store.folder
        store.close()
        store = try DurableOrderStore.open(folder: folderURL)
        (store, api) = try Self.start(site: site, clock: clock, store: store)
    }

    /// Closes the store and removes the temporary folder.
    public func close() {
        store.close()
        folder.remove()
    }
}
