// swift-tools-version:6.1
import PackageDescription

// The benchmarks live in their own package so that the main package's build
// (and CI) never compiles package-benchmark. Run from this folder:
//   swift package --scratch-path ../.build-bench benchmark
let package = Package(
    name: "PhoneRiskBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "PhoneRisk", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // The same URLs and versions as the main package, for FlowLoad's HTTP client.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "RuleEngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "RuleEngine", package: "PhoneRisk"),
                .product(name: "DefaultPolicy", package: "PhoneRisk"),
                "SeededRandom",
            ],
            path: "Benchmarks/RuleEngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "PhoneNumbersBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "PhoneNumbers", package: "PhoneRisk"),
            ],
            path: "Benchmarks/PhoneNumbersBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        .executableTarget(
            name: "SignalStoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "SignalStore", package: "PhoneRisk"),
                "SeededRandom",
                .product(name: "MobileSignals", package: "PhoneRisk"),
                .product(name: "PhoneNumbers", package: "PhoneRisk"),
            ],
            path: "Benchmarks/SignalStoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // A plain executable, not a package-benchmark suite: it times bench-26 the way the
        // anchors time theirs, for `./compare`. Its sources sit one level deeper than the
        // suites' because the benchmark plugin runs every executable whose folder's parent
        // is named "Benchmarks" as a suite.
        .executableTarget(
            name: "Bench26Harness",
            dependencies: [.product(name: "RuleEngine", package: "PhoneRisk")],
            path: "Bench26Harness/Sources"
        ),
        // The verification-flow load generator for `./flows`: a plain executable (sources one
        // level deeper, like Bench26Harness's) that drives a running `phonerisk serve` over loopback.
        .executableTarget(
            name: "FlowLoad",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "PhoneNumbers", package: "PhoneRisk"),
                "SeededRandom",
            ],
            path: "FlowLoad/Sources"
        ),
        // The seeded generator the suites and FlowLoad draw their inputs from.
        .target(name: "SeededRandom", path: "SeededRandom"),
    ]
)
