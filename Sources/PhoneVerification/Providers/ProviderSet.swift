import AsyncHTTPClient
import Foundation
import Logging
import SignalStore

/// The providers the service can use, and which one serves a request.
///
/// Test mode defaults to `sandbox`; live mode to the configured live provider
/// (`PHONERISK_LIVE_PROVIDER`, default `twilio`). Live keys cannot use a
/// sandbox provider. Adding a provider is one file conforming to
/// ``VerificationProvider`` plus its entry in ``standard(environment:client:)``.
///
/// ```swift
/// let providers = try ProviderSet.standard(environment: ProcessInfo.processInfo.environment)
/// ```
public struct ProviderSet: Sendable {
    private let providers: [String: any VerificationProvider]
    /// The live-mode default.
    public let liveDefault: String

    /// Builds a set.
    ///
    /// - Parameters:
    ///   - providers: the providers, by their names (a later one replaces an earlier one of the same name).
    ///   - liveDefault: the live-mode default provider's name.
    public init(_ providers: [any VerificationProvider], liveDefault: String = ProviderName.twilio) {
        self.providers = Dictionary(providers.map { ($0.name, $0) }, uniquingKeysWith: { _, later in later })
        self.liveDefault = liveDefault
    }

    /// Sandbox, Twilio Verify (configured from `environment`) and Prove (configured by `prove`,
    /// sending its codes through that Twilio Verify).
    ///
    /// - Parameters:
    ///   - environment: the process environment, for Twilio Verify.
    ///   - liveDefault: the live-mode default provider's name.
    ///   - prove: the `PHONERISK_PROVE_*` settings.
    ///   - cacheStore: the signal cache Prove's answers are kept in; nil leaves `prove` unusable.
    ///   - client: the HTTP client for real providers.
    ///   - clock: the time of Prove's tokens, request cap and cache.
    ///   - logger: where Prove's calls are logged (correlation ids and error codes, never secrets).
    /// - Throws: ``ConfigurationError`` naming a provider variable that cannot be read (`PHONERISK_TWILIO_CHANNELS`).
    public static func standard(
        environment: [String: String], liveDefault: String = ProviderName.twilio, prove: ProveSettings = ProveSettings(),
        cacheStore: (any SignalCacheStore)? = nil, client: HTTPClient = .shared,
        clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "phonerisk.prove")
    ) throws(ConfigurationError) -> ProviderSet {
        let twilio = try TwilioVerifyProvider(environment: environment, client: client)
        return ProviderSet(
            [SandboxProvider(), twilio,
             ProveProvider(settings: prove, twilio: twilio, cacheStore: cacheStore, client: client, clock: clock, logger: logger)],
            liveDefault: liveDefault)
    }

    /// The provider named `type` (or the mode's default), checked to be allowed for the mode.
    ///
    /// Whether it can be used now (credentials) is a separate question, ``usable(_:mode:)``, asked
    /// just before the first send: API.md's order puts the policy before the provider, so a
    /// blocked create is stored and answered 403 even when the provider has no credentials.
    ///
    /// - Parameters:
    ///   - type: the request's `type`, or nil.
    ///   - mode: the caller's mode.
    /// - Returns: the provider, which may still be unavailable.
    /// - Throws: 400 on `type` for an unknown name or a sandbox provider in live mode.
    public func provider(named type: String?, mode: APIMode) throws(APIError) -> any VerificationProvider {
        let name = type ?? (mode == .test ? ProviderName.sandbox : liveDefault)
        guard let provider = providers[name] else {
            throw .invalidField("type", "must be one of \(providers.keys.sorted().joined(separator: ", "))")
        }
        if provider.isSandbox && mode == .live {
            throw .invalidField("type", "the \(name) provider is available to test keys only")
        }
        return provider
    }

    /// `provider` itself when it can be used in `mode`.
    ///
    /// - Parameters:
    ///   - provider: a provider from ``provider(named:mode:)``.
    ///   - mode: the caller's mode.
    /// - Returns: the same provider.
    /// - Throws: 503 `provider_not_configured` with the provider's reason (e.g. the missing variables).
    public func usable(_ provider: any VerificationProvider, mode: APIMode) throws(APIError) -> any VerificationProvider {
        if let reason = provider.unavailableReason(in: mode) {
            throw .providerNotConfigured(provider: provider.name, reason: reason)
        }
        return provider
    }

    /// The provider that sends and checks the codes of a stored verification: the one it names,
    /// Twilio Verify for `prove`, and the sandbox for a test-mode verification that asked for
    /// `prove` (fallen back or not), so nothing leaves the machine.
    func codeSender(for record: VerificationRecord) -> (any VerificationProvider)? {
        let askedForProve = record.provider == ProviderName.prove || record.fallback?.from == ProviderName.prove
        if askedForProve, record.mode == .test { return SandboxProvider() }
        if let prove = providers[record.provider] as? ProveProvider { return prove.twilio }
        return providers[record.provider]
    }
}
