/// The two points where the policy is evaluated.
public enum EvaluationStage: String, Sendable, Hashable, CaseIterable, Codable {
    /// Before a code is sent.
    case create
    /// After the right code came back.
    case confirm
}
