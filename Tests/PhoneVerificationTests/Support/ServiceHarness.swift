import Foundation
import Logging
@testable import PhoneVerification
import RuleEngine
import SignalStore

/// A verification service on a fresh SQLite file in a temporary folder, with a manual clock.
struct ServiceHarness {
    /// A small policy whose decisions the tests pick through `context.ip_country`.
    static let policySource = """
        policy service_test version 7
        input stage: "create" | "confirm"
        input ip.country: string?
        input behavior.failed_codes: int
        input behavior.resends: int
        input behavior.code_entry: duration?
        score +10 CREATED when stage == "create"
        block   CREATE_BLOCK   when ip.country == "KP"
        step_up CREATE_STEP    when stage == "create" and ip.country == "DE"
        review  CREATE_REVIEW  when stage == "create" and ip.country == "IT"
        block   RESEND_BLOCK   when stage == "create" and behavior.resends >= 2 and ip.country == "ES"
        step_up RESEND_STEP    when stage == "create" and behavior.resends >= 1 and ip.country == "PT"
        step_up CONFIRM_STEP   when stage == "confirm" and ip.country == "FR"
        review  CONFIRM_REVIEW when stage == "confirm" and ip.country == "RU"
        block   CONFIRM_BLOCK  when stage == "confirm" and ip.country == "BY"
        """
    static let secretText = "a test secret that is long enough for the store"

    let directory: URL
    let database: SignalDatabase
    let store: SQLiteVerificationStore
    let clock: ManualClock
    let service: VerificationService
    let scripted: ScriptedProvider

    /// - Parameters:
    ///   - configuration: limits; the defaults unless given.
    ///   - realSignals: run the service as `serve` does (the real gatherer with the sandbox fixtures in test mode,
    ///     the default policy, the standard providers without credentials).
    ///   - logs: where the service's logs go; nowhere unless given.
    ///   - metrics: the metrics backend; the global one unless given.
    init(configuration: VerificationConfiguration = VerificationConfiguration(), realSignals: Bool = false,
         logs: LogRecorder? = nil, metrics: MetricsRecorder? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try SignalDatabase(
            path: directory.appendingPathComponent("test.sqlite").path,
            options: SignalDatabase.Options(secret: try StoreSecret(text: Self.secretText), environment: [:]))
        store = SQLiteVerificationStore(database: database)
        clock = ManualClock()
        scripted = ScriptedProvider()
        let logger = logs?.logger ?? Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        if realSignals {
            service = try VerificationService.standard(
                database: database, policy: try PolicyHolder(), configuration: configuration, environment: [:], logger: logger,
                clock: clock.function)
        } else {
            service = VerificationService(
                store: store,
                policy: PolicyHolder(try CompiledPolicy(source: Self.policySource, file: "service_test.rules")),
                providers: ProviderSet([SandboxProvider(), scripted, ProveProvider()]), signals: StaticSignals(),
                configuration: configuration, logger: logger, clock: clock.function, metricsFactory: metrics)
        }
    }

    /// An account with a GB number, in `mode`.
    func account(_ mode: APIMode = .test, phone: String? = "+12025550123") async throws -> String {
        try await service.createAccount(CreateAccountRequest(phoneNumber: phone), mode: mode).id.uuidString
    }

    /// A started sandbox verification of the account's number; `ipCountry` picks the test policy's decision.
    func start(_ accountID: String, ipCountry: String? = nil, mode: APIMode = .test, type: String? = nil,
               phone: String? = nil) async throws -> Verification {
        try await service.createVerification(
            accountID: accountID,
            CreateVerificationRequest(type: type, phoneNumber: phone, context: .init(ipCountry: ipCountry)), mode: mode)
    }

    func confirm(_ verification: Verification, code: String, mode: APIMode = .test) async throws -> Verification {
        try await service.confirm(accountID: verification.accountID.uuidString, id: verification.id.uuidString,
                                  ConfirmRequest(code: code), mode: mode)
    }

    func get(_ verification: Verification, mode: APIMode = .test) async throws -> Verification {
        try await service.verification(accountID: verification.accountID.uuidString, id: verification.id.uuidString, mode: mode)
    }

    /// The error `body` throws, or nil.
    func apiError(_ body: () async throws -> some Any) async -> APIError? {
        do {
            _ = try await body()
            return nil
        } catch let error as APIError {
            return error
        } catch {
            return nil
        }
    }

    /// Every byte of the database, its WAL and shared memory, as text.
    func databaseBytes() throws -> String {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("test.sqlite") }
            .map { String(decoding: try Data(contentsOf: directory.appendingPathComponent($0)), as: UTF8.self) }
            .joined()
    }

    func removeFiles() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Fixed create-stage signals: the stage, the IP country and zero behaviour.
struct StaticSignals: CreateSignalSource {
    func signals(for request: SignalRequest) async throws -> [String: SignalValue] {
        var signals: [String: SignalValue] = [
            "stage": .string("create"),
            "phone.country": .string(request.number.region ?? "ZZ"),
            "behavior.failed_codes": .int(0),
            "behavior.resends": .int(0),
        ]
        if let country = request.ipCountry { signals["ip.country"] = .string(country) }
        return signals
    }
}
