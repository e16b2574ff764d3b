import RuleEngine

/// The policy's latest answer about a verification: `risk` in API.md.
///
/// ```json
/// {"decision": "pass", "score": 120, "reasons": ["VOIP"], "policy": "phone_verification", "policy_version": 3}
/// ```
public struct RiskAssessment: Sendable, Hashable, Encodable {
    /// The verdict: `pass`, `step_up`, `review` or `block`.
    public var decision: Verdict
    /// The summed risk score, 0...1000.
    public var score: Int
    /// The codes of every rule that fired, in policy order.
    public var reasons: [String]
    /// The policy's name.
    public var policy: String
    /// The policy's version.
    public var policyVersion: Int

    /// Builds an assessment from its parts.
    ///
    /// - Parameters:
    ///   - decision: the verdict.
    ///   - score: the risk score.
    ///   - reasons: the fired rules' codes.
    ///   - policy: the policy's name.
    ///   - policyVersion: the policy's version.
    public init(decision: Verdict, score: Int, reasons: [String], policy: String, policyVersion: Int) {
        self.decision = decision
        self.score = score
        self.reasons = reasons
        self.policy = policy
        self.policyVersion = policyVersion
    }

    /// Copies a policy evaluation's result.
    ///
    /// - Parameter result: what `CompiledPolicy.evaluate` returned.
    public init(_ result: PolicyResult) {
        self.init(decision: result.verdict, score: result.risk, reasons: result.reasons,
                  policy: result.policy, policyVersion: result.version)
    }

    private enum CodingKeys: String, CodingKey {
        case decision, score, reasons, policy
        case policyVersion = "policy_version"
    }
}
