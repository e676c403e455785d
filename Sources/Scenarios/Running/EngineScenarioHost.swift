import BitrixSale
import EmulatedSite
import Foundation
import SaleHTTP
import SaleStorage

/// The real ``ScenarioHost``: the whole emulated site (``EmulatedSite/EmulatedSite``: `/api/v2`, `/rest`, `/__emu`)
/// on a temporary state folder with the durable store, so that `restart` drops everything in memory and reopens
/// from disk.
///
/// The scenario's clock is the site's clock, so it survives a restart and `PUT /__emu/clock` moves it. The folder is
/// removed on ``close()``.
public final class EngineScenarioHost: ScenarioHost {
    private let folder: TemporaryFolder
    /// The emulated site the scenario talks to.
    public let site: EmulatedSite

    /// The site's first API token.
    public var firstToken: String { site.site.apiTokens.first ?? "" }

    /// Every secret of the site, redacted from reports: the API tokens, the REST webhook codes and OAuth tokens.
    public var secrets: [String] {
        let configuration = site.site
        return configuration.apiTokens + (configuration.rest?.webhooks.map(\.code) ?? [])
            + (configuration.rest?.oauthTokens.map(\.token) ?? [])
    }

    /// Loads the site (the built-in default when the scenario names none), creates the state folder (from the
    /// scenario's `state` snapshot when it names one) and opens the emulated site on it.
    ///
    /// - Parameters:
    ///   - context: the scenario's site, state and clock.
    ///   - defaultSite: the site when the scenario names none.
    ///   - rest: makes the `/rest` surface (Bitrix's REST by default); nil answers `/rest/…` with a 501.
    /// - Throws: the site file's or the state folder's error.
    public init(
        context: ScenarioContext,
        defaultSite: SiteConfiguration = .defaultSite,
        rest: EmulatedSite.RESTFactory? = EmulatedSite.saleREST
    ) throws {
        let configuration = try context.site.map { try SiteConfiguration.load(contentsOf: $0) } ?? defaultSite
        folder = try TemporaryFolder(prefix: "bitrix-scenario")
        let stateFolder = folder.url.appendingPathComponent("state")
        if let snapshot = context.state {
            try DurableOrderStore.create(folder: stateFolder, from: snapshot).close()
        }
        do {
            site = try EmulatedSite(
                site: configuration,
                storage: .folder(stateFolder),
                clock: context.clock,
                rest: rest
            )
        } catch {
            folder.remove()
            throw error
        }
    }

    /// A factory for ``ScenarioRunner``; scenarios that name no site run on `defaultSite`.
    public static func factory(
        defaultSite: SiteConfiguration = .defaultSite,
        rest: EmulatedSite.RESTFactory? = EmulatedSite.saleREST
    ) -> ScenarioHostFactory {
        { context in try EngineScenarioHost(context: context, defaultSite: defaultSite, rest: rest) }
    }

    /// Sends one request through the emulated site (a dropped connection is status 0; a delay is not waited for).
    public func send(_ request: APIRequest) throws -> APIResponse { site.handle(request) }

    /// Drops the engine and the store and reopens both from the state folder.
    public func restart() throws { try site.reopen() }

    /// Closes the store and removes the temporary folder.
    public func close() {
        site.close()
        folder.remove()
    }
}
