// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for PhoneRisk's input parsers, kept out of the main
// package so its build and CI never need the sanitizers. Each executable
// defines `LLVMFuzzerTestOneInput` and a `<Target>_main` that starts
// libFuzzer's driver (FuzzSupport). Build and run them with `./run` (see
// README.md), which passes `-sanitize=fuzzer,address -parse-as-library`.
let package = Package(
    name: "PhoneRiskFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "PhoneRisk", path: ".."),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "PolicyFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "RuleEngine", package: "PhoneRisk"),
                .product(name: "DefaultPolicy", package: "PhoneRisk"),
            ]
        ),
        .executableTarget(
            name: "SignalJSONFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "RuleEngine", package: "PhoneRisk"),
                .product(name: "DefaultPolicy", package: "PhoneRisk"),
            ]
        ),
        .executableTarget(
            name: "PhoneNumberFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "PhoneNumbers", package: "PhoneRisk"),
            ]
        ),
        .executableTarget(
            name: "RequestBodyFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "PhoneRiskServer", package: "PhoneRisk"),
                .product(name: "PhoneVerification", package: "PhoneRisk"),
            ]
        ),
    ]
)
