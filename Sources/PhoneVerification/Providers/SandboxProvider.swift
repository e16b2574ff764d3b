/// The test-mode provider: sends nothing and accepts exactly `123456`, `000000` and `111111`.
///
/// Live keys cannot use it (a fixed code would make live verification worthless).
public struct SandboxProvider: VerificationProvider {
    /// The codes the sandbox accepts, in the order the API shows them.
    public static let expectedCodes = ["123456", "000000", "111111"]

    /// `sandbox`.
    public let name = ProviderName.sandbox
    /// Always available.
    public var unavailableReason: String? { nil }
    /// It sends nothing real.
    public var isSandbox: Bool { true }

    /// The sandbox provider.
    public init() {}

    /// Sends nothing; the expected codes are the right ones.
    public func send(_ delivery: CodeDelivery) async throws(ProviderError) -> SentCode {
        SentCode(acceptance: .codes(Self.expectedCodes), reference: nil)
    }

    /// Never called: the service checks the expected codes itself.
    public func check(_ code: String, for check: CodeCheck) async throws(ProviderError) -> Bool {
        Self.expectedCodes.contains(code)
    }

    /// Nothing to do: the sandbox keeps no verification of its own.
    public func cancel(_ check: CodeCheck) async throws(ProviderError) {}
}
