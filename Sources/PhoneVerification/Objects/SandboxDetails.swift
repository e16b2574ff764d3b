/// The `sandbox` member of a verification made through the sandbox provider:
/// the codes it accepts, so an integrator can script both outcomes.
public struct SandboxDetails: Sendable, Hashable, Encodable {
    /// The only codes the sandbox provider accepts.
    public var expectedCodes: [String]

    /// Builds the details.
    ///
    /// - Parameter expectedCodes: the codes the sandbox accepts.
    public init(expectedCodes: [String]) { self.expectedCodes = expectedCodes }

    private enum CodingKeys: String, CodingKey { case expectedCodes = "expected_codes" }
}
