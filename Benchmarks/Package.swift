// swift-tools-version:6.1
// SchoolNet benchmarks: a package of its own so that PostgresNIO (a peer we compare against)
// never enters the main build. Run everything with Benchmarks/run.
import PackageDescription

let package = Package(
    name: "SchoolNetBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "SchoolNet", path: ".."),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        // Argument parsing, timing, peak memory and the output line: shared by the Swift peers.
        .target(name: "BenchCommon"),
        .executableTarget(
            name: "bench-pq",
            dependencies: ["BenchCommon", .product(name: "PQ", package: "SchoolNet")]
        ),
        // Benchmarks/web/run's peer: a plain Hummingbird route serving a fixed page.
        .executableTarget(
            name: "bench-hb-page",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
        .executableTarget(
            name: "bench-nio",
            dependencies: [
                "BenchCommon",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
