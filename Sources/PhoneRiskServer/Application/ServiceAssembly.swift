import Logging
import MobileSignals
import PhoneVerification
import SignalStore

/// Puts the verification domain together from the store and the configuration.
enum ServiceAssembly {
    /// The verification service: sandbox carrier signals for test keys, the
    /// Twilio Lookup carrier signals for live keys when `PHONERISK_TWILIO_*`
    /// credentials are set (none otherwise: the signals stay missing, never guessed).
    ///
    /// - Parameters:
    ///   - store: The opened store.
    ///   - policy: The holder of the running policy.
    ///   - configuration: The service's configuration.
    ///   - logger: The domain's logger.
    /// - Throws: A database or configuration error.
    static func verificationService(
        store: ServiceStore, policy: PolicyHolder, configuration: ServerConfiguration, logger: Logger
    ) throws -> VerificationService {
        let testSignals = SignalGatherer(
            events: store.events, cacheStore: store.cache, phoneHasher: store.verifications.phoneNumberHasher,
            blockHasher: store.verifications.hasher(for: .numberBlock),
            carrierLookup: SandboxCarrierLookup(), trustScores: SandboxTrustScores())
        let liveLookup = try TwilioLookupConfiguration(environment: configuration.environment).map { TwilioLookup(configuration: $0) }
        let liveSignals = SignalGatherer(
            events: store.events, cacheStore: store.cache, phoneHasher: store.verifications.phoneNumberHasher,
            blockHasher: store.verifications.hasher(for: .numberBlock),
            carrierLookup: liveLookup)
        return VerificationService(
            store: store.verifications,
            policy: policy,
            providers: .standard(environment: configuration.environment, liveDefault: configuration.verification.liveProvider),
            signals: GathererSignalSource(test: testSignals, live: liveSignals),
            configuration: configuration.verification,
            logger: logger
        )
    }
}
