// swift-tools-version:6.2
import PackageDescription
import Foundation

// Dependencies flow one way: schoolnet -> HTTP -> Service -> Store -> PQ -> CLibPQ; all may use Domain.
// Import (CSV imports: set-based SQL over TEMP tables) sits beside the Store and is used by the Service
// (results lists) and the CLI; Demo (the reference year) sits on the Service and is used by the CLI only.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]
// scripts/test (and so CI) sets SCHOOLNET_WARNINGS_AS_ERRORS=1: a warning in our code fails the build. Our
// source targets only: dependencies' warnings are not ours to fix, and swift-testing's
// `await #expect(throws:)` warns in test targets whatever the test does.
var sources = strict
if ProcessInfo.processInfo.environment["SCHOOLNET_WARNINGS_AS_ERRORS"] == "1" {
    sources.append(.treatAllWarnings(as: .error))
}

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
        // token hashes are computed in Swift so a raw token never reaches PostgreSQL (issue 11)
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        // personal accounts (issue 13): bcrypt for passwords, used by the service only
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        // the web pages' templates (issue 13): logic-less, escaping by default; used by SchoolNetWeb only
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        // webhooks (issue 15): posted by SchoolNetMail's WebhookWorker; already in the graph through hummingbird's tests
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // our own SMTP client's STARTTLS (issue 15, DESIGN item 30); already in the graph through async-http-client
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
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
            swiftSettings: sources
        ),
        .target(name: "SchoolNetDomain", swiftSettings: sources),
        .target(
            name: "SchoolNetStore",
            dependencies: [
                "PQ", "SchoolNetDomain", .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sources
        ),
        .target(
            name: "SchoolNetImport",
            dependencies: ["SchoolNetStore", "SchoolNetDomain", "PQ"],
            swiftSettings: sources
        ),
        .target(
            name: "SchoolNetService",
            dependencies: [
                "SchoolNetStore", "SchoolNetImport", "SchoolNetDomain", "PQ", .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: sources
        ),
        .target(
            name: "SchoolNetDemo",
            dependencies: ["SchoolNetService", "SchoolNetStore", "SchoolNetDomain", "PQ"],
            swiftSettings: sources
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
            // served from EmbeddedOpenAPI.swift (scripts/embed-openapi), so no resource bundle ships beside the binary
            exclude: ["openapi.yaml"],
            swiftSettings: sources
        ),
        // The people's front door (issue 13): server-rendered pages beside the JSON API, on the same services.
        .target(
            name: "SchoolNetWeb",
            dependencies: [
                "SchoolNetHTTP", "SchoolNetService", "SchoolNetDomain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // served from EmbeddedWeb.swift (scripts/embed-web): templates and static files live in the binary
            exclude: ["Templates", "Static"],
            swiftSettings: sources
        ),
        // Notifications (issue 15): renders outbox rows with swift-mustache and hands them to SMTP (our NIO client); the delivery worker.
        .target(
            name: "SchoolNetMail",
            dependencies: [
                "SchoolNetStore", "SchoolNetDomain", "PQ",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: sources
        ),
        .executableTarget(
            name: "schoolnet",
            dependencies: [
                "SchoolNetMail", "SchoolNetWeb", "SchoolNetHTTP", "SchoolNetService", "SchoolNetImport", "SchoolNetDemo", "SchoolNetStore", "SchoolNetDomain", "PQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: sources
        ),
        // Shared by the database test targets: one fresh database per suite, cloned from a migrated template.
        .target(
            name: "SchoolNetTestSupport",
            dependencies: ["PQ", "SchoolNetStore"],
            path: "Tests/SchoolNetTestSupport",
            swiftSettings: sources
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
            dependencies: ["SchoolNetService", "SchoolNetImport", "SchoolNetTestSupport", "PQ"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SchoolNetImportTests",
            dependencies: ["SchoolNetImport", "SchoolNetService", "SchoolNetTestSupport", "SchoolNetDomain", "PQ"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SchoolNetDemoTests",
            dependencies: ["SchoolNetDemo", "SchoolNetService", "SchoolNetTestSupport", "SchoolNetDomain", "PQ"],
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
        .testTarget(
            name: "SchoolNetWebTests",
            dependencies: [
                "SchoolNetWeb", "SchoolNetHTTP", "SchoolNetTestSupport", "SchoolNetService", "SchoolNetStore", "SchoolNetDomain", "PQ",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SchoolNetMailTests",
            dependencies: [
                "SchoolNetMail", "SchoolNetService", "SchoolNetStore", "SchoolNetTestSupport", "SchoolNetDomain", "PQ",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["smtp_server.py"],
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
    let skipped: Set<String> = ["SchoolNetHTTP", "SchoolNetWeb", "SchoolNetMail", "SchoolNetMailTests", "schoolnet", "SchoolNetHTTPTests", "SchoolNetWebTests", "SchoolNetCLITests"]
    package.targets.removeAll { skipped.contains($0.name) }
    package.products.removeAll { $0.name == "schoolnet" }
    package.dependencies.removeAll { dep in
        ("\(dep.kind)".contains("hummingbird") && !"\(dep.kind)".contains("hummingbird-auth")) || "\(dep.kind)".contains("service-lifecycle") || "\(dep.kind)".contains("argument-parser") || "\(dep.kind)".contains("async-http-client")
            || "\(dep.kind)".contains("swift-nio.git")
            || "\(dep.kind)".contains("Yams") || "\(dep.kind)".contains("swift-mustache")
    }
}

// SCHOOLNET_ONLY_PQ=1 keeps PQ's tests and what they need: scripts/test's Thread Sanitizer lane builds this
// much under TSan (its own --scratch-path), not the whole graph.
if ProcessInfo.processInfo.environment["SCHOOLNET_ONLY_PQ"] == "1" {
    let kept: Set<String> = ["CLibPQ", "PQ", "SchoolNetDomain", "SchoolNetStore", "SchoolNetTestSupport", "PQTests"]
    package.targets.removeAll { !kept.contains($0.name) }
    package.products.removeAll { $0.name != "PQ" }
    package.dependencies.removeAll { dep in !"\(dep.kind)".contains("swift-log") && !"\(dep.kind)".contains("swift-crypto") }
}
