// swift-tools-version: 6.1
// bitrix-order-engine: the part of the 1C-Bitrix sale module that order creation touches, in process.
// No package dependencies: the library is embedded by other services (see docs/DESIGN.md).

import PackageDescription

let package = Package(
    name: "bitrix-order-engine",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SaleJSON", targets: ["SaleJSON"]),
        .library(name: "BitrixSale", targets: ["BitrixSale"]),
        .library(name: "BitrixSaleTesting", targets: ["BitrixSaleTesting"]),
        .library(name: "SaleStorage", targets: ["SaleStorage"]),
        .library(name: "SaleHTTP", targets: ["SaleHTTP"]),
        .library(name: "SaleMoney", targets: ["SaleMoney"]),
        .library(name: "SiteAPI", targets: ["SiteAPI"]),
        .library(name: "SaleREST", targets: ["SaleREST"]),
        .library(name: "EmulatedSite", targets: ["EmulatedSite"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .executable(name: "bitrix-emu", targets: ["bitrix-emu"]),
    ],
    targets: [
        // Ground floor: a small exact JSON value, parser and deterministic writer.
        .target(name: "SaleJSON", dependencies: ["SaleMoney"]),
        // Ground floor: HTTP-shaped request and response values (no socket), shared by every surface.
        .target(name: "SaleHTTP"),
        // Ground floor: the exact amount (Int64 minor units at scale 4), its one parser and one writer.
        .target(name: "SaleMoney"),
        // Ground floor: SHA-256 block compression with the CPU's SHA instructions (C; a run-time CPUID check, the
        // portable code is Swift in SiteAPI).
        .target(name: "CSHA256"),
        // Ground floor: CRC-32 folding with the CPU's carry-less multiply (C; a run-time CPUID check, the portable
        // code is Swift in SaleStorage).
        .target(name: "CCRC32"),
        // The domain: Order, Basket, Shipment, Payment, properties, site configuration, engine.
        .target(name: "BitrixSale", dependencies: ["SaleMoney"]),
        // Persistence: the in-memory store and the durable snapshot + journal store.
        .target(name: "SaleStorage", dependencies: ["SaleMoney", "BitrixSale", "SaleJSON", "CCRC32"]),
        // The /api/v2 surface as a pure function of an engine.
        .target(name: "SiteAPI", dependencies: ["SaleMoney", "BitrixSale", "SaleJSON", "SaleHTTP", "CSHA256"]),
        // Bitrix's own REST API (the `sale` scope under /rest/…) as a pure function of an engine.
        .target(name: "SaleREST", dependencies: ["SaleMoney", "BitrixSale", "SaleJSON", "SaleHTTP"]),
        // The site façade and the control plane: routes /api/v2, /rest and /__emu; journal, faults, clock, reset.
        .target(name: "EmulatedSite", dependencies: ["SiteAPI", "SaleREST", "SaleStorage", "BitrixSale", "SaleJSON", "SaleHTTP"]),
        // QA scenario files: parsing, running, matching, reports.
        .target(name: "Scenarios", dependencies: ["EmulatedSite", "SiteAPI", "SaleStorage", "BitrixSale", "SaleJSON", "SaleHTTP"]),
        // For users' test targets: test engines, order and site builders, Swift Testing helpers, scenario cases.
        .target(name: "BitrixSaleTesting", dependencies: ["SaleMoney", "BitrixSale", "SiteAPI", "Scenarios", "SaleJSON"]),
        // The command line.
        .executableTarget(
            name: "bitrix-emu",
            dependencies: ["Scenarios", "EmulatedSite", "SiteAPI", "SaleStorage", "BitrixSale", "SaleJSON", "SaleHTTP", "SaleMoney"]
        ),
        // Test support shared by the test targets: running the built binary as a child process.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SaleJSONTests", dependencies: ["SaleJSON", "TestSupport"]),
        .testTarget(name: "SaleMoneyTests", dependencies: ["SaleMoney", "SaleJSON", "TestSupport"]),
        .testTarget(name: "BitrixSaleTests", dependencies: ["BitrixSale", "SaleMoney", "TestSupport"], exclude: ["NOT_EMULATED.md"]),
        .testTarget(
            name: "SaleStorageTests",
            dependencies: ["SaleStorage", "BitrixSale", "SaleJSON", "SaleMoney", "TestSupport", "bitrix-emu"]
        ),
        .testTarget(
            name: "SiteAPITests",
            dependencies: ["SiteAPI", "BitrixSale", "SaleStorage", "SaleJSON", "SaleHTTP", "SaleMoney", "TestSupport"]
        ),
        .testTarget(
            name: "SaleRESTTests",
            dependencies: ["SaleREST", "SiteAPI", "BitrixSale", "SaleJSON", "SaleHTTP"]
        ),
        .testTarget(
            name: "ScenariosTests",
            dependencies: ["Scenarios", "EmulatedSite", "SiteAPI", "SaleJSON", "SaleHTTP", "BitrixSale"]
        ),
        .testTarget(
            name: "EmulatedSiteTests",
            dependencies: ["EmulatedSite", "SiteAPI", "SaleStorage", "BitrixSale", "SaleJSON", "SaleHTTP"]
        ),
        .testTarget(
            name: "BitrixSaleTestingTests",
            dependencies: ["BitrixSaleTesting", "BitrixSale", "SiteAPI", "SaleStorage", "SaleJSON", "SaleHTTP", "SaleMoney"]
        ),
        .testTarget(name: "BitrixEmuTests", dependencies: ["bitrix-emu", "TestSupport", "SaleStorage", "BitrixSale"]),
    ],
    swiftLanguageModes: [.v6]
)
