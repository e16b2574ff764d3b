import Foundation

/// One stored policy evaluation of a verification, kept so `phonerisk replay`
/// can run another policy on the same signals.
public struct EvaluationRecord: Sendable, Hashable {
    /// The row id (nil before insertion).
    public var id: Int64?
    /// The verification evaluated.
    public var verificationID: String
    /// Its mode.
    public var mode: DataMode
    /// `create` or `confirm`.
    public var stage: String
    /// The signal set as JSON (never a phone number).
    public var signalsJSON: String
    /// The decision (`pass`, `step_up`, `review`, `block`).
    public var decision: String
    /// The risk score.
    public var score: Int
    /// The fired rules' codes.
    public var reasons: [String]
    /// The policy's name.
    public var policy: String
    /// The policy's version.
    public var policyVersion: Int
    /// When it was evaluated.
    public var evaluatedAt: Date

    /// Builds a record.
    ///
    /// - Parameters:
    ///   - id: the row id, nil before insertion.
    ///   - verificationID: the verification.
    ///   - mode: its mode.
    ///   - stage: `create` or `confirm`.
    ///   - signalsJSON: the signals as JSON.
    ///   - decision: the decision.
    ///   - score: the risk score.
    ///   - reasons: the fired rules.
    ///   - policy: the policy's name.
    ///   - policyVersion: its version.
    ///   - evaluatedAt: evaluation time.
    public init(
        id: Int64? = nil, verificationID: String, mode: DataMode, stage: String, signalsJSON: String,
        decision: String, score: Int, reasons: [String], policy: String, policyVersion: Int, evaluatedAt: Date
    ) {
        self.id = id
        self.verificationID = verificationID
        self.mode = mode
        self.stage = stage
        self.signalsJSON = signalsJSON
        self.decision = decision
        self.score = score
        self.reasons = reasons
        self.policy = policy
        self.policyVersion = policyVersion
        self.evaluatedAt = evaluatedAt
    }
}
