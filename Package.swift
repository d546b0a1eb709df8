// swift-tools-version:6.1
import PackageDescription

/// Settings applied to every Swift target: Swift 6 language mode with strict concurrency,
/// plus the upcoming features the server ecosystem (NIO, Hummingbird, swift-jobs) has adopted.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ticketq",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ticketq", targets: ["ticketq"]),
        .executable(name: "ticketq-load", targets: ["ticketq-load"]),
        .library(name: "TicketQCore", targets: ["TicketQCore"]),
        .library(name: "TicketQConfig", targets: ["TicketQConfig"]),
        .library(name: "TicketQTriage", targets: ["TicketQTriage"]),
        .library(name: "TicketQMail", targets: ["TicketQMail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // MARK: Pure core (no I/O)
        .target(name: "TicketQCore", swiftSettings: swiftSettings),
        .target(name: "TicketQTriage", dependencies: ["TicketQCore"], swiftSettings: swiftSettings),
        .target(name: "TicketQMail", dependencies: ["TicketQCore"], swiftSettings: swiftSettings),

        // MARK: Configuration (reads policy and calendar files)
        .target(
            name: "TicketQConfig",
            dependencies: ["TicketQCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),

        // MARK: C shims
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // MARK: Adapters
        // The one executor for blocking work: threads that each own a connection.
        .target(name: "TicketQExecution", exclude: ["README.md"], swiftSettings: swiftSettings),
        .target(name: "TicketQRedis", dependencies: ["CHiredis", "TicketQExecution"], swiftSettings: swiftSettings),
        .target(name: "TicketQStore", dependencies: ["CSQLite", "TicketQCore", "TicketQExecution"], swiftSettings: swiftSettings),
        .target(name: "TicketQLanes", dependencies: ["TicketQCore", "TicketQRedis"], exclude: ["Library/ticketq.lua"], swiftSettings: swiftSettings),

        .target(
            name: "TicketQHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TicketQMetrics",
            dependencies: ["TicketQCore", .product(name: "Prometheus", package: "swift-prometheus")],
            swiftSettings: swiftSettings
        ),

        // MARK: Local processes (a private redis-server, child processes)
        .target(name: "TicketQLocal", swiftSettings: swiftSettings),

        // MARK: Faults on demand (a fault proxy in front of Redis, frozen processes), for tests and the load harness
        .target(
            name: "TicketQFaults",
            dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),

        // MARK: Wire schema (the records intake hands to workers through the queue)
        .target(name: "TicketQWire", dependencies: ["TicketQCore", "TicketQConfig"], exclude: ["README.md"], swiftSettings: swiftSettings),

        // MARK: Intake (tickets in: validation, SLA planning)
        .target(
            name: "TicketQIntake",
            dependencies: [
                "TicketQCore", "TicketQConfig", "TicketQExecution", "TicketQLanes", "TicketQRedis", "TicketQTriage", "TicketQMail",
                "TicketQWire",
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Worker runtime
        .target(
            name: "TicketQWorker",
            dependencies: [
                "TicketQCore", "TicketQConfig", "TicketQWire", "TicketQLanes", "TicketQRedis", "TicketQStore",
                "TicketQHTTP", "TicketQMetrics",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),

        // MARK: Command line
        .target(
            name: "TicketQCLI",
            dependencies: [
                "TicketQCore", "TicketQConfig", "TicketQTriage", "TicketQLanes", "TicketQRedis", "TicketQStore",
                "TicketQIntake", "TicketQWorker", "TicketQMail", "TicketQHTTP", "TicketQMetrics", "TicketQLocal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ticketq",
            dependencies: ["TicketQCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),

        // MARK: Load-test harness
        .target(
            name: "TicketQLoad",
            dependencies: [
                "TicketQCore", "TicketQConfig", "TicketQTriage", "TicketQIntake", "TicketQLanes", "TicketQRedis",
                "TicketQStore", "TicketQLocal", "TicketQFaults",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "loadtest/Sources/TicketQLoad",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ticketq-load",
            dependencies: ["TicketQLoad", "TicketQCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "loadtest/Sources/ticketq-load",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(
            name: "TicketQTestSupport",
            dependencies: ["TicketQFaults", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            path: "Tests/TicketQTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TicketQCoreTests", dependencies: ["TicketQCore"], swiftSettings: swiftSettings),
        .testTarget(name: "TicketQExecutionTests", dependencies: ["TicketQExecution"], swiftSettings: swiftSettings),
        .testTarget(name: "TicketQConfigTests", dependencies: ["TicketQConfig", "TicketQTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TicketQCLITests",
            dependencies: ["TicketQCLI", "ticketq", "TicketQTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TicketQRedisTests", dependencies: ["TicketQRedis", "TicketQTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "TicketQStoreTests", dependencies: ["TicketQStore", "TicketQTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "TicketQLanesTests", dependencies: ["TicketQLanes", "TicketQRedis", "TicketQTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "TicketQWireTests", dependencies: ["TicketQWire", "TicketQCore", "TicketQConfig"], swiftSettings: swiftSettings),
        .testTarget(name: "TicketQIntakeTests", dependencies: ["TicketQIntake", "TicketQWire", "TicketQTriage", "TicketQTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TicketQWorkerTests",
            dependencies: ["TicketQWorker", "TicketQLanes", "TicketQRedis", "TicketQStore", "TicketQIntake", "TicketQWire", "TicketQTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TicketQTriageTests", dependencies: ["TicketQTriage", "TicketQCore", "TicketQConfig", "TicketQTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "TicketQMailTests", dependencies: ["TicketQMail", "TicketQCore", "TicketQTriage", "TicketQTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TicketQHTTPTests",
            dependencies: [
                "TicketQHTTP", "TicketQTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TicketQMetricsTests", dependencies: ["TicketQMetrics", "TicketQTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TicketQLoadTests",
            dependencies: ["TicketQLoad", "ticketq-load", "ticketq", "TicketQCore", "TicketQConfig", "TicketQIntake", "TicketQStore", "TicketQTestSupport", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TicketQOpsTests", dependencies: ["ticketq", "TicketQTestSupport"], swiftSettings: swiftSettings),
    ]
)
