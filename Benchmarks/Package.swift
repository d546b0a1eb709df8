// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so that nothing they need reaches the root package's
// users or slows down its release build.
let package = Package(
    name: "ticketq-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ticketq", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "sla-bench",
            dependencies: [
                .product(name: "TicketQCore", package: "ticketq"),
                .product(name: "TicketQConfig", package: "ticketq"),
            ]
        ),
        .executableTarget(
            name: "triage-bench",
            dependencies: [
                .product(name: "TicketQCore", package: "ticketq"),
                .product(name: "TicketQConfig", package: "ticketq"),
                .product(name: "TicketQTriage", package: "ticketq"),
                .product(name: "TicketQMail", package: "ticketq"),
            ]
        ),
    ]
)
