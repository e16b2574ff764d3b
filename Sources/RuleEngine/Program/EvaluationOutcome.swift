/// The allocation-free result of `CompiledPolicy.evaluate(_:)` on a frame: the
/// verdict, the risk and the deciding rule; the fired rules stay in the frame
/// until `CompiledPolicy.result(_:in:)` turns them into reason codes.
public struct EvaluationOutcome: Sendable, Hashable {
    /// The most severe decision that fired, or `.pass`.
    public var verdict: Verdict
    /// The clamped risk, 0...1000.
    public var risk: Int
    /// Index (file order) of the rule that decided, or nil for `.pass`.
    public var decidingRule: Int?
}
