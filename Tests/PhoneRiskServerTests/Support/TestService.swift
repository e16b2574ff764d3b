import Foundation
import Hummingbird
import Logging
import PhoneVerification
@testable import PhoneRiskServer

/// A service set up for one test: its own database and secret, a test key and
/// a live key, a clean environment and a log capture.
struct TestService: Sendable {
    let directory: TemporaryDirectory
    var configuration: ServerConfiguration
    let testKey: String
    let liveKey: String
    let logs: LogCapture

    /// A secret for the tests' databases (32 bytes or more, as the store requires).
    static let secret = "phonerisk-server-tests-secret-0123456789abcdef"

    /// Policies for tests that need a given decision, so they do not depend on the default policy's bands.
    enum Policy {
        /// Passes everything.
        static let pass = """
            policy test_pass version 1
            input stage: "create" | "confirm"
            score +10 SEEN when stage == "create"
            """
        /// Blocks every create.
        static let blockCreate = """
            policy test_block version 2
            input stage: "create" | "confirm"
            block BLOCKED_BY_TEST when stage == "create"
            """
        /// Asks for a step-up at every confirm.
        static let stepUpConfirm = """
            policy test_step_up version 3
            input stage: "create" | "confirm"
            step_up STEP_UP_BY_TEST when stage == "confirm"
            """
        /// Holds every confirm for review.
        static let reviewConfirm = """
            policy test_review version 4
            input stage: "create" | "confirm"
            review REVIEW_BY_TEST when stage == "confirm"
            """
    }

    /// Sets up a service.
    ///
    /// - Parameters:
    ///   - policy: The policy text, written to a file; nil for the built-in policy.
    ///   - environment: Extra environment (rate limits, providers).
    ///   - codeTTLSeconds: The code TTL.
    ///   - databaseLocation: The store (`--db`): a `postgres://` URL, or nil for an SQLite file of its own.
    static func make(
        policy: String? = Policy.pass, environment: [String: String] = [:], codeTTLSeconds: Int64 = 600,
        databaseLocation: String? = nil
    ) async throws -> TestService {
        let directory = try TemporaryDirectory()
        var environment = environment
        environment["PHONERISK_SECRET"] = secret
        let logs = LogCapture()
        var configuration = ServerConfiguration(
            databasePath: databaseLocation ?? directory.file("phonerisk.sqlite"), environment: environment, logger: logs.logger())
        configuration.verification = try VerificationConfiguration.fromEnvironment(environment)
        configuration.verification.codeTTLSeconds = codeTTLSeconds
        configuration.reloadsOnSIGHUP = false
        configuration.host = "127.0.0.1"
        configuration.port = 0
        if let policy {
            let file = directory.file("policy.rules")
            try policy.write(toFile: file, atomically: true, encoding: .utf8)
            configuration.policyFile = file
        }
        let store = try await ServiceStore.open(location: configuration.databasePath, environment: environment)
        let testKey = try await store.keys.create(mode: .test).key
        let liveKey = try await store.keys.create(mode: .live).key
        await store.close()
        return TestService(directory: directory, configuration: configuration, testKey: testKey, liveKey: liveKey, logs: logs)
    }

    /// The application, built fresh.
    func application() async throws -> some ApplicationProtocol {
        try await buildApplication(configuration: configuration)
    }
}
