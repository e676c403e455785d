// swift-tools-version: 6.2
// bitrix-emu-server: the emulated site on a port. A companion package so that the root package's libraries keep
// no dependencies; nothing of the emulator's behaviour lives here, it adapts HTTP to the core's values.

import Foundation
import PackageDescription

// The root package, by path. SwiftPM names a path dependency after its folder, and that name must differ from this
// package's own ("server"): a checkout in a folder called `server` builds with BITRIX_ENGINE_PATH set to a symlink
// of another name (docs/SERVER.md).
let enginePath = Context.environment["BITRIX_ENGINE_PATH"] ?? ".."
let engine = URL(fileURLWithPath: enginePath, relativeTo: URL(fileURLWithPath: Context.packageDirectory + "/"))
    .standardizedFileURL.lastPathComponent.lowercased()

let package = Package(
    name: "bitrix-emu-server",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bitrix-emu-server", targets: ["bitrix-emu-server"])
    ],
    dependencies: [
        .package(path: enginePath),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // The adapter: options, HTTP ↔ APIRequest/APIResponse, thread pool, lifecycle, access log.
        .target(
            name: "EmuServer",
            dependencies: [
                .product(name: "EmulatedSite", package: engine),
                .product(name: "SaleHTTP", package: engine),
                .product(name: "BitrixSale", package: engine),
                .product(name: "SaleStorage", package: engine),
                .product(name: "SiteAPI", package: engine),
                .product(name: "SaleJSON", package: engine),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(name: "bitrix-emu-server", dependencies: ["EmuServer"]),
        .testTarget(
            name: "ServerTests",
            dependencies: ["EmuServer", "bitrix-emu-server", .product(name: "SaleJSON", package: engine)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
