import AsyncHTTPClient
import Foundation
import Logging
import MobileSignals
import SignalStore

/// Prove's phone intelligence at create, Twilio Verify for the code (PROVE.md).
///
/// Prove's server API cannot check a code a user typed, so a `prove`
/// verification makes one Human Assurance call at create, whose answer becomes
/// the `prove.*` signals, and sends and checks its code through Twilio Verify
/// exactly as `twilio` does. Prove is never called at resend or confirm. Live
/// keys need Prove's and Twilio's credentials; test keys answer from the
/// sandbox fixtures (``SandboxProveLookup``) and the sandbox codes, and nothing
/// leaves the machine.
///
/// ```swift
/// let prove = ProveProvider(settings: try ProveSettings.fromEnvironment(env), twilio: twilio, cacheStore: store.cache)
/// ```
public struct ProveProvider: VerificationProvider {
    /// `prove`.
    public let name = ProviderName.prove
    /// Region, deadline, fallback and credentials.
    public let settings: ProveSettings
    /// Sends and checks the codes of live verifications.
    public let twilio: TwilioVerifyProvider
    /// Prove's answers for live keys; nil without credentials.
    let live: ProveSignals?
    /// The fixtures' answers for test keys; nil without a signal cache.
    let sandbox: ProveSignals?

    /// Builds the provider.
    ///
    /// - Parameters:
    ///   - settings: the `PHONERISK_PROVE_*` settings.
    ///   - twilio: the Twilio Verify provider that sends and checks codes.
    ///   - cacheStore: the signal cache's persistent tier; nil leaves the provider unusable.
    ///   - client: the HTTP client of Prove's calls.
    ///   - clock: the time of token expiry, the request cap, `Retry-After` and the cache.
    ///   - logger: where Prove's calls are logged (correlation ids and error codes, never secrets).
    public init(
        settings: ProveSettings, twilio: TwilioVerifyProvider, cacheStore: (any SignalCacheStore)?,
        client: HTTPClient = .shared, clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "phonerisk.prove")
    ) {
        self.settings = settings
        self.twilio = twilio
        guard let cacheStore else {
            live = nil
            sandbox = nil
            return
        }
        live = settings.configuration.map { configuration in
            ProveSignals(
                lookup: ProveClient(configuration: configuration, client: client, clock: clock, logger: logger),
                cacheStore: cacheStore, deadline: configuration.timeout, clock: clock)
        }
        sandbox = ProveSignals(lookup: SandboxProveLookup(clock: clock), cacheStore: cacheStore, deadline: settings.timeout, clock: clock)
    }

    /// The provider without Prove credentials or a signal cache: every use is `provider_not_configured`.
    public init() {
        self.init(settings: ProveSettings(), twilio: TwilioVerifyProvider(credentials: nil), cacheStore: nil)
    }

    /// Nil when live keys can use it; otherwise names the variables to set.
    public var unavailableReason: String? {
        guard sandbox != nil else { return "the Prove provider has no signal cache" }
        var missing: [String] = []
        if live == nil { missing += [ProveSettings.clientIDVariable, ProveSettings.clientSecretVariable] }
        if twilio.credentials == nil { missing += TwilioVerifyProvider.environmentVariables }
        return missing.isEmpty ? nil : "set \(missing.joined(separator: ", "))"
    }

    /// Test keys need no credentials: the sandbox answers for Prove and for the code.
    public func unavailableReason(in mode: APIMode) -> String? {
        mode == .test ? (sandbox == nil ? "the Prove provider has no signal cache" : nil) : unavailableReason
    }

    /// The provider that sends and checks the codes in `mode`: the sandbox for test keys, Twilio for live keys.
    public func codeSender(in mode: APIMode) -> any VerificationProvider {
        mode == .test ? SandboxProvider() : twilio
    }

    /// Prove's answers in `mode`.
    func signals(in mode: APIMode) -> ProveSignals? {
        mode == .test ? sandbox : live
    }

    /// Sends the code through Twilio Verify (live keys; test keys use ``codeSender(in:)``).
    public func send(_ delivery: CodeDelivery) async throws(ProviderError) -> SentCode {
        try await twilio.send(delivery)
    }

    /// Checks the code with Twilio Verify.
    public func check(_ code: String, for check: CodeCheck) async throws(ProviderError) -> Bool {
        try await twilio.check(code, for: check)
    }

    /// Nothing to do: no verification can have started here.
    public func cancel(_ check: CodeCheck) async throws(ProviderError) {}
}
