/// Prove: announced in the API, not available yet, so every use answers 503 `provider_not_configured`.
public struct ProveProvider: VerificationProvider {
    /// `prove`.
    public let name = ProviderName.prove
    /// Always unavailable for now.
    public var unavailableReason: String? { "the Prove integration is not available in this version" }

    /// The placeholder provider.
    public init() {}

    /// Always fails with ``ProviderError/notConfigured(_:)``.
    public func send(_ delivery: CodeDelivery) async throws(ProviderError) -> SentCode {
        throw .notConfigured(unavailableReason ?? "unavailable")
    }

    /// Always fails with ``ProviderError/notConfigured(_:)``.
    public func check(_ code: String, for check: CodeCheck) async throws(ProviderError) -> Bool {
        throw .notConfigured(unavailableReason ?? "unavailable")
    }

    /// Nothing to do: no verification can have started here.
    public func cancel(_ check: CodeCheck) async throws(ProviderError) {}
}
