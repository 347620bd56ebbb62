// swift-tools-version:6.2
import PackageDescription
import Foundation

// Dependencies flow one way: schoolnet/HTTP -> Service -> Store -> PQ -> CLibPQ; all may use Domain.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "SchoolNet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "schoolnet", targets: ["schoolnet"]),
        .library(name: "PQ", targets: ["PQ"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // already in the graph through hummingbird; named for the HTTP server's idle timeout and parser errors (issue 11)
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        // event files may be YAML (issue 7): read by the CLI only
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(
            name: "PQ",
            dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(name: "SchoolNetDomain", swiftSettings: strict),
        .target(
            name: "SchoolNetStore",
            dependencies: ["PQ", "SchoolNetDomain", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "SchoolNetService",
            dependencies: ["SchoolNetStore", "SchoolNetDomain", "PQ", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "SchoolNetHTTP",
            dependencies: [
                "SchoolNetService", "SchoolNetDomain", "PQ",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("openapi.yaml")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "schoolnet",
            dependencies: [
                "SchoolNetHTTP", "SchoolNetService", "SchoolNetStore", "SchoolNetDomain", "PQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // Shared by the database test targets: one fresh database per suite, cloned from a migrated template.
        .target(
            name: "SchoolNetTestSupport",
            dependencies: ["PQ", "SchoolNetStore"],
            path: "Tests/SchoolNetTestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "PQTests", dependencies: ["PQ", "SchoolNetTestSupport"], swiftSettings: strict),
        .testTarget(name: "SchoolNetDomainTests", dependencies: ["SchoolNetDomain"], swiftSettings: strict),
        .testTarget(
            name: "SchoolNetStoreTests",
            dependencies: ["SchoolNetStore", "SchoolNetTestSupport", "PQ"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SchoolNetServiceTests",
            dependencies: ["SchoolNetService", "SchoolNetTestSupport", "PQ"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SchoolNetHTTPTests",
            dependencies: [
                "SchoolNetHTTP", "SchoolNetTestSupport", "SchoolNetService", "SchoolNetStore", "SchoolNetDomain", "PQ",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // Runs the built `schoolnet` binary as a subprocess: exit codes, --help, --format json.
        .testTarget(
            name: "SchoolNetCLITests",
            dependencies: ["schoolnet", "SchoolNetTestSupport", "PQ"],
            swiftSettings: strict
        ),
    ]
)

// SCHOOLNET_SKIP_HTTP=1 leaves out the HTTP layer, the CLI and Hummingbird: a fast inner loop
// (seconds instead of minutes for a first build) while working on PQ, the domain, the store or the service.
if ProcessInfo.processInfo.environment["SCHOOLNET_SKIP_HTTP"] == "1" {
    let skipped: Set<String> = ["SchoolNetHTTP", "schoolnet", "SchoolNetHTTPTests", "SchoolNetCLITests"]
    package.targets.removeAll { skipped.contains($0.name) }
    package.products.removeAll { $0.name == "schoolnet" }
    package.dependencies.removeAll { dep in
        "\(dep.kind)".contains("hummingbird") || "\(dep.kind)".contains("service-lifecycle") || "\(dep.kind)".contains("argument-parser")
            || "\(dep.kind)".contains("swift-nio.git")
            || "\(dep.kind)".contains("Yams")
    }
}
