import SaleHTTP
import BitrixSale
import Foundation
import SaleJSON
import SaleStorage
import SiteAPI
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `bitrix-emu bench`: every figure of `docs/BENCHMARKS.md` in one run, on the built-in default site with a fixed
/// clock (so the generated delivery dates are valid) and payloads from ``PayloadGenerator`` (seed 1).
extension Wiring {
    /// The measurements, named as the `--json` keys.
    struct BenchFigures {
        var createPerSecond = 0.0
        var decodeOnlyPerSecond = 0.0
        var durableCreatePerSecond = 0.0
        var durableOrders = 0
        var durableSaveMedianMicroseconds = 0.0
        var durable32CreatePerSecond = 0.0
        var durable32Orders = 0
        var flushesPerCreate32 = 0.0
        var deleteMicroseconds = 0.0
        var openJournalOnlySeconds = 0.0
        var openAfterCleanExitSeconds = 0.0
        var openSeconds = 0.0
        var listQueryMicroseconds = 0.0
        var apiListQueryMicroseconds = 0.0
        var apiListMicroseconds = 0.0
        var snapshotBytes = 0
        var snapshotSaveSeconds = 0.0
        var snapshotLoadSeconds = 0.0
        var rawWriteSeconds = 0.0
        var bytesPerOrder = 0.0
        var coldStartSeconds = 0.0
    }

    /// The fixed clock: 2025-10-20 05:00 UTC.
    static let benchNow = Date(timeIntervalSince1970: 1_760_936_400)

    static func bench(_ command: BenchCommand, _ context: CommandContext) async throws -> ExitCode {
        let count = command.$orders
        let site = SiteConfiguration.defaultSite
        let progress = { (text: String) in context.standardError.write(text + "\n") }
        removeAbandonedFolders()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bitrix-bench-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let signals = removeOnSignals(folder)
        defer {
            for source in signals { source.cancel() }
            try? FileManager.default.removeItem(at: folder)
        }
        var figures = BenchFigures()

        progress("generating \(count) payloads")
        let bodies = makeBodies(count: count, site: site, firstRailwayId: 1)
        let token = site.apiTokens.first ?? ""
        if let out = command.payloadsOut {
            var lines: [UInt8] = []
            for body in bodies { lines += body + [0x0A] }
            try Data(lines).write(to: URL(fileURLWithPath: out))
        }
        if !command.durableOnly {
            try inMemoryFigures(&figures, command, bodies: bodies, folder: folder, context: context)
        }

        // 5. Durable creates from one client on a fresh state folder.
        progress("durable create, one client")
        let budget = Double(command.$budget)
        try durableOneClient(
            &figures,
            bodies: bodies,
            folder: folder.appendingPathComponent("durable"),
            token: token,
            budget: budget
        )
        // 6. The same from 32 clients at once on another fresh folder: they share flushes (group commit).
        progress("durable create, 32 clients")
        let more = makeBodies(count: count, site: site, firstRailwayId: count + 1)
        try durableClients(
            32,
            &figures,
            bodies: more,
            folder: folder.appendingPathComponent("durable32"),
            token: token,
            budget: budget
        )

        context.standardOutput.write(command.json ? json(figures) : table(figures, orders: count))
        return .success
    }

    /// Steps 1–4: the in-memory creates, the list query, the snapshot and the cold start.
    private static func inMemoryFigures(
        _ figures: inout BenchFigures,
        _ command: BenchCommand,
        bodies: [[UInt8]],
        folder: URL,
        context: CommandContext
    ) throws {
        let count = bodies.count
        let site = SiteConfiguration.defaultSite
        let token = site.apiTokens.first ?? ""
        let progress = { (text: String) in context.standardError.write(text + "\n") }
        // 1. Decoding the payloads alone, then creating through the API in memory.
        progress("decode only")
        figures.decodeOnlyPerSecond =
            Double(count)
            / time {
                for body in bodies { _ = try? JSONParser().parse(body) }
            }
        progress("create through the API, in memory")
        let residentBefore = residentBytes()
        let engine = try SaleEngine(site: site, clock: .fixed(benchNow))
        let api = try SiteAPI(engine: engine)
        var failures = 0
        figures.createPerSecond =
            Double(count)
            / time {
                for body in bodies where api.handle(createRequest(body, token: token)).status != 200 { failures += 1 }
            }
        let residentAfter = residentBytes()
        guard failures == 0 else { throw BenchFailure("\(failures) of \(count) creates failed") }
        figures.bytesPerOrder = Double(residentAfter - residentBefore) / Double(count)

        // 2. The list query: every tenth order moved to AP (not timed), then a page deep into AP.
        progress("list query")
        for id in stride(from: 10, through: count, by: 10) where !engine.changeStatus(orderId: id, to: "AP").isSuccess {
            throw BenchFailure("order \(id) did not move to AP")
        }
        let matching = count / 10
        let offset = min(1000, matching / 2)
        let query = OrderQuery(statusIds: ["AP"], sort: .idDescending, offset: offset, limit: 20)
        let listed = engine.list(query)
        guard listed.total == matching else {
            throw BenchFailure("the list query found \(listed.total), expected \(matching)")
        }
        figures.listQueryMicroseconds = medianMicroseconds { _ = engine.list(query) }
        let listRequest = APIRequest(
            method: "GET",
            target: "/api/v2/orders?status=AP&offset=\(offset)&limit=20",
            headers: [HeaderField("Authorization", "Bearer \(token)")],
            body: []
        )
        figures.apiListQueryMicroseconds = medianMicroseconds { _ = api.handle(listRequest) }
        // `api_list_us`: the first page as a client asks for it (newest 20 active orders, rendered, with the total).
        let firstPage = APIRequest(method: "GET", target: "/api/v2/orders?limit=20", headers: listRequest.headers)
        figures.apiListMicroseconds = medianMicroseconds { _ = api.handle(firstPage) }

        // 2b. Deleting orders from the middle of the id range (engine.delete: cancel checks, then the store), the
        // median of the deletes that succeeded; the list query above is unaffected (it ran before).
        progress("delete")
        var deleteRuns: [Double] = []
        for step in 0..<201 {
            let id = count / 2 + step * 3
            var result = SaleResult()
            let elapsed = time { result = engine.delete(id: id) }
            if result.isSuccess { deleteRuns.append(elapsed * 1e6) }
        }
        guard !deleteRuns.isEmpty else { throw BenchFailure("no delete succeeded") }
        figures.deleteMicroseconds = deleteRuns.sorted()[deleteRuns.count / 2]

        // 3. Saving and loading a snapshot of the whole state, beside a raw write + fsync of the same bytes.
        progress("snapshot save and load")
        guard let memoryStore = engine.store as? InMemoryOrderStore else {
            throw BenchFailure("not an in-memory store")
        }
        let state = memoryStore.snapshot
        let snapshotPath = folder.appendingPathComponent("snapshot.json").path
        figures.snapshotSaveSeconds = try time {
            figures.snapshotBytes = try SnapshotFile.write(state, to: snapshotPath)
        }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
        figures.rawWriteSeconds = try time { try rawWrite(bytes, to: folder.appendingPathComponent("raw.bin").path) }
        var loaded = StoreState()
        figures.snapshotLoadSeconds = try time { loaded = try SnapshotFile.read(from: snapshotPath) }
        guard loaded.orders.count == state.orders.count else {
            throw BenchFailure("the snapshot loaded \(loaded.orders.count) orders")
        }
        if let out = command.snapshotOut {
            try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.copyItem(atPath: snapshotPath, toPath: out)
        }

        // 4. Cold start: a child process answering its first request on a state folder of N orders.
        progress("cold start")
        let stateFolder = folder.appendingPathComponent("state")
        _ = try SaleStorage.DurableOrderStore.create(folder: stateFolder, from: URL(fileURLWithPath: snapshotPath))
            .close()
        figures.coldStartSeconds = try coldStart(state: stateFolder.path)
        figures.openSeconds = try time { try DurableOrderStore.open(folder: stateFolder).close() }

    }

    /// One client creating through the API on a fresh state folder, at most `budget` seconds.
    private static func durableOneClient(
        _ figures: inout BenchFigures,
        bodies: [[UInt8]],
        folder: URL,
        token: String,
        budget: Double
    ) throws {
        let store = try DurableOrderStore.open(folder: folder, options: .init(create: true))
        defer { store.close() }
        let durableAPI = try SiteAPI(engine: try SaleEngine(store: store, clock: .fixed(benchNow)))
        let start = now()
        var done = 0
        var durations: [Double] = []
        durations.reserveCapacity(10_000)
        for body in bodies {
            let request = createRequest(body, token: token)
            let before = now()
            let status = durableAPI.handle(request).status
            guard status == 200 else { throw BenchFailure("a durable create answered \(status)") }
            if durations.count < 10_000 { durations.append(now() - before) }
            done += 1
            if done % 100 == 0, now() - start > budget { break }
        }
        figures.durableOrders = done
        figures.durableCreatePerSecond = Double(done) / (now() - start)
        durations.sort()
        figures.durableSaveMedianMicroseconds = durations.isEmpty ? 0 : durations[durations.count / 2] * 1_000_000
    }

    /// `clients` threads creating through one API on one fresh durable store, each taking the next body, at most
    /// `budget` seconds; also the journal flushes per create.
    private static func durableClients(
        _ clients: Int,
        _ figures: inout BenchFigures,
        bodies: [[UInt8]],
        folder: URL,
        token: String,
        budget: Double
    ) throws {
        let store = try DurableOrderStore.open(folder: folder, options: .init(create: true))
        var closed = false
        defer { if !closed { store.close() } }
        let api = try SiteAPI(engine: try SaleEngine(store: store, clock: .fixed(benchNow)))
        let next = Atomic<Int>(0)
        let failures = Atomic<Int>(0)
        let start = now()
        let group = DispatchGroup()
        for _ in 0..<clients {
            group.enter()
            let thread = Thread {
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < bodies.count, index % 100 != 99 || now() - start <= budget else {
                        break
                    }
                    if api.handle(createRequest(bodies[index], token: token)).status != 200 {
                        failures.wrappingAdd(1, ordering: .relaxed)
                    }
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        let elapsed = now() - start
        guard failures.load(ordering: .relaxed) == 0 else {
            throw BenchFailure("\(failures.load(ordering: .relaxed)) concurrent durable creates failed")
        }
        let statistics = store.statistics
        figures.durable32Orders = statistics.writes
        figures.durable32CreatePerSecond = Double(statistics.writes) / elapsed
        figures.flushesPerCreate32 = Double(statistics.syncs) / Double(max(1, statistics.writes))
        // Opening the same orders: all in the journal (read-only, beside the writer), then after its clean exit.
        func openSeconds() throws -> Double {
            var runs: [Double] = []
            for _ in 0..<3 {
                runs.append(
                    try time { try DurableOrderStore.open(folder: folder, options: .init(readOnly: true)).close() }
                )
            }
            return runs.sorted()[1]
        }
        figures.openJournalOnlySeconds = try openSeconds()
        if let failure = store.close() { throw BenchFailure("compacting on close failed: \(failure)") }
        closed = true
        figures.openAfterCleanExitSeconds = try openSeconds()
    }

    /// Removes bench folders of processes that no longer run (a bench killed with SIGKILL cannot clean up).
    private static func removeAbandonedFolders() {
        let base = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for name in names where name.hasPrefix("bitrix-bench-") {
            guard let pid = Int32(name.dropFirst("bitrix-bench-".count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: base.appendingPathComponent(name))
            }
        }
    }

    /// Removes `folder` and exits with 128 + the signal on SIGINT, SIGTERM or SIGHUP.
    private static func removeOnSignals(_ folder: URL) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP]
            .map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    try? FileManager.default.removeItem(at: folder)
                    exit(128 + number)
                }
                source.resume()
                return source
            }
    }

    // MARK: Steps

    private static func makeBodies(count: Int, site: SiteConfiguration, firstRailwayId: Int) -> [[UInt8]] {
        var generator = PayloadGenerator(seed: 1, site: site, now: benchNow)
        let writer = JSONWriter()
        return (0..<count).map { writer.bytes(generator.payload(railwayOrderId: firstRailwayId + $0)) }
    }

    private static func createRequest(_ body: [UInt8], token: String) -> APIRequest {
        APIRequest(
            method: "POST",
            target: "/api/v2/orders/create",
            headers: [
                HeaderField("Authorization", "Bearer \(token)"), HeaderField("Content-Type", "application/json"),
            ],
            body: body
        )
    }

    private static func rawWrite(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                guard result > 0 else { throw CocoaError(.fileWriteUnknown) }
                written += result
            }
        }
        guard fsync(fd) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// The median of three runs of `bitrix-emu request --state DIR GET /api/v2/orders?limit=1`, from spawn to exit.
    private static func coldStart(state: String) throws -> Double {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var runs: [Double] = []
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["request", "--state", state, "GET", "/api/v2/orders?limit=1"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let start = now()
            try process.run()
            let answer = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            runs.append(now() - start)
            guard process.terminationStatus == 0, String(decoding: answer, as: UTF8.self).contains("\"success\":true")
            else { throw CocoaError(.executableLoad) }
        }
        return runs.sorted()[1]
    }

    // MARK: Measuring

    /// A bench step that went wrong.
    struct BenchFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    private static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }

    /// The median of 201 runs after 20 warm-up runs, in microseconds.
    private static func medianMicroseconds(_ body: () -> Void) -> Double {
        for _ in 0..<20 { body() }
        var runs: [Double] = []
        for _ in 0..<201 { runs.append(time(body) * 1e6) }
        return runs.sorted()[runs.count / 2]
    }

    /// The resident set size from `/proc/self/statm`.
    private static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    // MARK: Output

    private static func json(_ f: BenchFigures) -> String {
        func number(_ value: Double, _ places: Int) -> JSONValue {
            .number(JSONNumber(literal: String(format: "%.\(places)f", value)))
        }
        let value: JSONValue = .object([
            (key: "create_per_s", value: number(f.createPerSecond, 0)),
            (key: "decode_only_per_s", value: number(f.decodeOnlyPerSecond, 0)),
            (key: "durable_create_per_s", value: number(f.durableCreatePerSecond, 0)),
            (key: "durable_create_32_clients_per_s", value: number(f.durable32CreatePerSecond, 0)),
            (key: "flushes_per_create_32_clients", value: number(f.flushesPerCreate32, 3)),
            (key: "durable_32_clients_orders", value: .int(f.durable32Orders)),
            (key: "open_journal_only_s", value: number(f.openJournalOnlySeconds, 3)),
            (key: "open_after_clean_exit_s", value: number(f.openAfterCleanExitSeconds, 3)),
            (key: "list_query_us", value: number(f.listQueryMicroseconds, 1)),
            (key: "api_list_us", value: number(f.apiListMicroseconds, 1)),
            (key: "delete_us", value: number(f.deleteMicroseconds, 1)),
            (key: "snapshot_bytes", value: .int(f.snapshotBytes)),
            (key: "snapshot_save_s", value: number(f.snapshotSaveSeconds, 3)),
            (key: "snapshot_load_s", value: number(f.snapshotLoadSeconds, 3)),
            (key: "raw_write_s", value: number(f.rawWriteSeconds, 3)),
            (key: "bytes_per_order", value: number(f.bytesPerOrder, 0)),
            (key: "cold_start_s", value: number(f.coldStartSeconds, 3)),
        ])
        return JSONWriter().string(value) + "\n"
    }

    private static func table(_ f: BenchFigures, orders: Int) -> String {
        let megabytes = Double(f.snapshotBytes) / 1_000_000
        func fixed(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }
        let rows: [(String, String)] = [
            ("create through the API, in memory", "\(fixed(f.createPerSecond, 0)) orders/s"),
            ("decoding the same payload JSON only", "\(fixed(f.decodeOnlyPerSecond, 0)) payloads/s"),
            (
                "durable create, one client",
                "\(fixed(f.durableCreatePerSecond, 0)) orders/s"
                    + (f.durableOrders < orders ? " (measured on \(f.durableOrders) orders)" : "")
            ),
            (
                "durable create: median of the first 10,000",
                "\(fixed(f.durableSaveMedianMicroseconds, 0)) µs per acknowledged create"
            ),
            (
                "durable create, 32 clients",
                "\(fixed(f.durable32CreatePerSecond, 0)) orders/s (\(f.durable32Orders) orders, "
                    + "\(fixed(f.flushesPerCreate32, 3)) flushes per create)"
            ),
            (
                "opening those orders: journal only / after clean exit",
                "\(fixed(f.openJournalOnlySeconds, 3)) s / \(fixed(f.openAfterCleanExitSeconds, 3)) s"
            ),
            ("list query with status filter, offset, limit + total", "\(fixed(f.listQueryMicroseconds, 1)) µs"),
            ("the same through GET /api/v2/orders (JSON)", "\(fixed(f.apiListQueryMicroseconds, 1)) µs"),
            ("GET /api/v2/orders?limit=20 (first page, JSON)", "\(fixed(f.apiListMicroseconds, 1)) µs"),
            ("delete one order (engine, in memory), median", "\(fixed(f.deleteMicroseconds, 1)) µs"),
            ("snapshot size", "\(f.snapshotBytes) bytes (\(fixed(megabytes, 1)) MB)"),
            (
                "snapshot save",
                "\(fixed(f.snapshotSaveSeconds, 3)) s (\(fixed(megabytes / f.snapshotSaveSeconds, 0)) MB/s)"
            ),
            (
                "snapshot load",
                "\(fixed(f.snapshotLoadSeconds, 3)) s (\(fixed(megabytes / f.snapshotLoadSeconds, 0)) MB/s)"
            ),
            ("raw write + fsync of the same bytes", "\(fixed(f.rawWriteSeconds, 3)) s"),
            ("resident memory per stored order", "\(fixed(f.bytesPerOrder, 0)) bytes"),
            ("cold start to the first answer", "\(fixed(f.coldStartSeconds, 3)) s"),
            ("opening the state folder in process", "\(fixed(f.openSeconds, 3)) s"),
        ]
        var text = "bitrix-emu bench, \(orders) orders\n"
        for (name, value) in rows { text += name.padding(toLength: 54, withPad: " ", startingAt: 0) + value + "\n" }
        return text
    }
}
