import Logging
import MobileSignals
import PhoneVerification
import SignalStore

/// Puts the verification domain together from the store and the configuration, as `serve`
/// runs it; `phonerisk simulate` assembles the same service.
public enum ServiceAssembly {
    /// The verification service: sandbox carrier signals for test keys, the
    /// Twilio Lookup carrier signals for live keys when `PHONERISK_TWILIO_*`
    /// credentials are set (none otherwise: the signals stay missing, never guessed); Prove's answers
    /// for `type: "prove"` (sandbox fixtures for test keys), cached in the store's signal cache.
    ///
    /// - Parameters:
    ///   - store: The opened store.
    ///   - policy: The holder of the running policy.
    ///   - configuration: The service's configuration; its `clock` is the time of the service,
    ///     the signal caches and the carrier sources.
    ///   - logger: The domain's logger.
    /// - Throws: A database or configuration error.
    public static func verificationService(
        store: ServiceStore, policy: PolicyHolder, configuration: ServerConfiguration, logger: Logger
    ) throws -> VerificationService {
        let clock = configuration.clock
        let gathering = SignalGatherer.Configuration(cacheClock: clock)
        let testSignals = SignalGatherer(
            events: store.events, cacheStore: store.cache, phoneHasher: store.verifications.phoneNumberHasher,
            blockHasher: store.verifications.hasher(for: .numberBlock),
            carrierLookup: SandboxCarrierLookup(clock: clock), trustScores: SandboxTrustScores(), configuration: gathering)
        let liveLookup = try TwilioLookupConfiguration(environment: configuration.environment)
            .map { TwilioLookup(configuration: $0, clock: clock) }
        let liveSignals = SignalGatherer(
            events: store.events, cacheStore: store.cache, phoneHasher: store.verifications.phoneNumberHasher,
            blockHasher: store.verifications.hasher(for: .numberBlock),
            carrierLookup: liveLookup, configuration: gathering)
        return VerificationService(
            store: store.verifications,
            policy: policy,
            providers: try .standard(
                environment: configuration.environment, liveDefault: configuration.verification.liveProvider,
                prove: configuration.verification.prove, cacheStore: store.cache, clock: configuration.clock, logger: logger),
            signals: GathererSignalSource(test: testSignals, live: liveSignals),
            configuration: configuration.verification,
            logger: logger,
            clock: clock
        )
    }
}
