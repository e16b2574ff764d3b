// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: RuleEngine and PhoneNumbers stand alone;
// SignalStore defines the store protocols and implements them on SQLite;
// PostgresStore implements the same protocols on PostgreSQL for scale-out; MobileSignals gathers signals into frames for
// RuleEngine; PhoneVerification runs the verification flow on top of those;
// PhoneRiskServer and the `phonerisk` CLI sit on top of everything.
let package = Package(
    name: "PhoneRisk",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RuleEngine", targets: ["RuleEngine"]),
        .library(name: "PhoneNumbers", targets: ["PhoneNumbers"]),
        .library(name: "DefaultPolicy", targets: ["DefaultPolicy"]),
        .library(name: "SignalStore", targets: ["SignalStore"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
        .library(name: "MobileSignals", targets: ["MobileSignals"]),
        .library(name: "PhoneVerification", targets: ["PhoneVerification"]),
        .library(name: "PhoneRiskServer", targets: ["PhoneRiskServer"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .executable(name: "phonerisk", targets: ["phonerisk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // The policy language: nothing but the standard library.
        .target(name: "RuleEngine"),
        // Phone-number parsing and classification from generated libphonenumber metadata.
        .target(name: "PhoneNumbers"),
        // The default policy, embedded so `serve` works from any directory.
        .target(
            name: "DefaultPolicy",
            path: "Rules",
            exclude: ["phone_verification.tests"],
            sources: ["DefaultPolicy.swift"],
            resources: [.embedInCode("phone_verification.rules")]
        ),
        .target(
            name: "SignalStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the few hot reads bound and stepped by hand (Cache/RawStatement.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // The same store protocols on PostgreSQL, for several service instances sharing one database.
        .target(
            name: "PostgresStore",
            dependencies: [
                "SignalStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "MobileSignals",
            dependencies: [
                "RuleEngine", "PhoneNumbers", "SignalStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "PhoneVerification",
            dependencies: [
                "RuleEngine", "PhoneNumbers", "SignalStore", "MobileSignals", "DefaultPolicy",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "PhoneRiskServer",
            dependencies: [
                "PhoneVerification", "SignalStore", "PostgresStore", "MobileSignals", "RuleEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Labelled synthetic traffic through the real service in live mode, Twilio faked on loopback.
        .target(
            name: "Simulation",
            dependencies: [
                "PhoneVerification", "PhoneRiskServer", "PhoneNumbers", "RuleEngine", "SignalStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "phonerisk",
            dependencies: [
                "RuleEngine", "PhoneNumbers", "SignalStore", "MobileSignals",
                "PhoneVerification", "PhoneRiskServer", "DefaultPolicy", "PostgresStore", "Simulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A loopback HTTP server standing in for outside services in tests.
        .target(
            name: "LoopbackHTTPServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/LoopbackHTTPServer"
        ),
        // A PostgreSQL database of its own per test, for the suites that run the service on PostgreSQL.
        .target(name: "ScratchPostgres", path: "Tests/ScratchPostgres"),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "DefaultPolicy"]),
        .testTarget(name: "PhoneNumbersTests", dependencies: ["PhoneNumbers"]),
        .testTarget(
            name: "SignalStoreTests",
            dependencies: [
                "SignalStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: [
                "PostgresStore", "SignalStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "MobileSignalsTests",
            dependencies: [
                "MobileSignals", "RuleEngine", "PhoneNumbers", "SignalStore", "LoopbackHTTPServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "PhoneVerificationTests",
            dependencies: [
                "PhoneVerification", "RuleEngine", "PhoneNumbers", "SignalStore", "MobileSignals", "LoopbackHTTPServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "PhoneRiskServerTests",
            dependencies: [
                "PhoneRiskServer", "PhoneVerification", "SignalStore", "LoopbackHTTPServer", "ScratchPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SimulationTests",
            dependencies: [
                "Simulation", "PhoneRiskServer", "PhoneVerification", "PhoneNumbers", "RuleEngine", "SignalStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "phoneriskTests",
            dependencies: [
                "phonerisk", "ScratchPostgres",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
    ]
)
