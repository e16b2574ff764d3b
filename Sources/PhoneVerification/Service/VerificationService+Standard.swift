import AsyncHTTPClient
import Foundation
import Logging
import MobileSignals
import SignalStore

extension VerificationService {
    /// The service as `phonerisk serve` runs it on one SQLite database: test mode on the sandbox
    /// provider and carrier fixtures, live mode on the configured provider and carrier sources.
    ///
    /// ```swift
    /// let database = try SignalDatabase(path: "phonerisk.sqlite")
    /// let service = try VerificationService.standard(database: database, policy: try PolicyHolder(),
    ///                                                environment: ProcessInfo.processInfo.environment)
    /// ```
    ///
    /// - Parameters:
    ///   - database: the open database.
    ///   - policy: the policy holder.
    ///   - configuration: limits and defaults (see ``VerificationConfiguration/fromEnvironment(_:)``).
    ///   - environment: the process environment, for Twilio's credentials (Prove's are in `configuration.prove`).
    ///   - liveCarrierLookup: the live carrier source (e.g. Twilio Lookup), nil for number metadata only.
    ///   - liveTrustScores: the live trust provider, nil for none.
    ///   - httpClient: the HTTP client of real providers.
    ///   - logger: the domain's logger.
    ///   - clock: the time source of the service and of the sandbox fixtures' ages.
    public static func standard(
        database: SignalDatabase, policy: PolicyHolder, configuration: VerificationConfiguration = VerificationConfiguration(),
        environment: [String: String], liveCarrierLookup: (any CarrierLookup)? = nil,
        liveTrustScores: (any TrustScoreSource)? = nil, httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "phonerisk.verification"), clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> VerificationService {
        let test = try SignalGatherer(database: database, carrierLookup: SandboxCarrierLookup(clock: clock), trustScores: SandboxTrustScores())
        let live = try SignalGatherer(database: database, carrierLookup: liveCarrierLookup, trustScores: liveTrustScores)
        return VerificationService(
            store: SQLiteVerificationStore(database: database),
            policy: policy,
            providers: try .standard(
                environment: environment, liveDefault: configuration.liveProvider, prove: configuration.prove,
                cacheStore: try SQLiteSignalCacheStore(database: database), client: httpClient, clock: clock,
                logger: logger),
            signals: GathererSignalSource(test: test, live: live), configuration: configuration, logger: logger,
            clock: clock)
    }
}
