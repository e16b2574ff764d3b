import Foundation
import Logging
import Metrics
import PhoneNumbers
import RuleEngine
import SignalStore

/// The phone-verification domain: accounts and verifications, scoped by mode.
///
/// Each operation validates its input, then works in immediate transactions
/// whose updates are conditional, so concurrent requests on one verification
/// are each counted and never both succeed. Errors are ``APIError``s ready to
/// answer; nothing a refused request touched is left written, except a
/// policy-blocked create, which is stored as `blocked`.
///
/// ```swift
/// let service = VerificationService(store: store, policy: try PolicyHolder(),
///                                   providers: try .standard(environment: env), signals: gatherer)
/// let account = try await service.createAccount(CreateAccountRequest(phoneNumber: "+447700900123"), mode: .test)
/// let started = try await service.createVerification(accountID: account.id.uuidString, CreateVerificationRequest(), mode: .test)
/// let done = try await service.confirm(accountID: account.id.uuidString, id: started.id.uuidString, ConfirmRequest(code: "123456"), mode: .test)
/// ```
public final class VerificationService: Sendable {
    let store: any VerificationStore
    /// The policy in force; the server swaps it on SIGHUP.
    public let policy: PolicyHolder
    let providers: ProviderSet
    let signals: any CreateSignalSource
    /// The limits in force.
    public let configuration: VerificationConfiguration
    let codes: VerificationCode
    /// Hashes number blocks into traffic counter keys.
    let blockHasher: KeyedHasher
    let risk: RiskEvaluator
    let metrics: VerificationMetrics
    let logger: Logger
    let clock: @Sendable () -> Date

    /// Builds the service.
    ///
    /// - Parameters:
    ///   - store: the verification tables (and the behaviour events written with them).
    ///   - policy: the policy holder.
    ///   - providers: the providers.
    ///   - signals: the create-stage signal source.
    ///   - configuration: limits and defaults.
    ///   - logger: where the domain logs (numbers masked; never codes or keys).
    ///   - clock: the time source, for tests.
    ///   - metricsFactory: a metrics backend; nil uses the global one (`MetricsSystem.bootstrap`).
    public init(
        store: any VerificationStore, policy: PolicyHolder, providers: ProviderSet,
        signals: any CreateSignalSource, configuration: VerificationConfiguration = VerificationConfiguration(),
        logger: Logger = Logger(label: "phonerisk.verification"), clock: @escaping @Sendable () -> Date = { Date() },
        metricsFactory: (any MetricsFactory)? = nil
    ) {
        self.store = store
        self.policy = policy
        self.providers = providers
        self.signals = signals
        self.configuration = configuration
        self.codes = VerificationCode(hasher: store.hasher(for: VerificationCode.purpose))
        self.blockHasher = store.hasher(for: .numberBlock)
        self.metrics = VerificationMetrics(factory: metricsFactory)
        self.risk = RiskEvaluator(policy: policy, logger: logger, metrics: metrics)
        self.logger = logger
        self.clock = clock
    }

    /// Runs a store write, turning a database failure into a logged 500; an ``APIError`` from the body passes through.
    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (any VerificationTransaction) throws -> T) async throws(APIError) -> T {
        do {
            return try await store.write(operation, body)
        } catch let error as APIError {
            throw error
        } catch {
            logger.error("store write failed", metadata: ["operation": "\(operation)", "error": "\(error)"])
            throw .internalError
        }
    }

    /// Runs a store read, turning a database failure into a logged 500.
    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (any VerificationTransaction) throws -> T) async throws(APIError) -> T {
        do {
            return try await store.read(operation, body)
        } catch let error as APIError {
            throw error
        } catch {
            logger.error("store read failed", metadata: ["operation": "\(operation)", "error": "\(error)"])
            throw .internalError
        }
    }

    /// The number as logs show it.
    static func masked(_ e164: String) -> String {
        (try? PhoneNumber.parse(e164))?.masked ?? "+***"
    }
}

extension VerificationService {
    /// An id read back from the store; only this service writes them, so a malformed one is a corrupt row.
    static func storedUUID(_ text: String) throws(APIError) -> UUID {
        guard let uuid = UUID(uuidString: text) else { throw .internalError }
        return uuid
    }
}
