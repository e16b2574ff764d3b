/// The outcome of evaluating a policy on one set of signals.
///
/// ```swift
/// let result = try policy.evaluate(signals)
/// if result.verdict == .block { … }
/// ```
public struct PolicyResult: Sendable, Hashable {
    /// The most severe decision among the decision rules that fired.
    public var verdict: Verdict
    /// The sum of the fired score rules' points, clamped to 0...1000.
    public var risk: Int
    /// The codes of every fired rule, score and decision rules alike, in file order.
    public var reasons: [String]
    /// The first rule, in file order, that fired with the winning severity; nil for `pass`.
    public var decidedBy: String?
    /// The policy's name, from its `policy NAME version N` header.
    public var policy: String
    /// The policy's version, from its header.
    public var version: Int

    /// Creates a result; `risk` is expected already clamped to 0...1000.
    public init(verdict: Verdict, risk: Int, reasons: [String], decidedBy: String?, policy: String, version: Int) {
        self.verdict = verdict
        self.risk = risk
        self.reasons = reasons
        self.decidedBy = decidedBy
        self.policy = policy
        self.version = version
    }
}
