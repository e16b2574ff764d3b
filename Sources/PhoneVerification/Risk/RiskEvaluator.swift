import Logging
import RuleEngine

/// Evaluates the policy in force on one signal set, timing it and counting its decision.
///
/// A signal set the policy cannot take (a required input missing, a value
/// outside an enumeration) is not a client's fault and must not become a 500:
/// it is answered as `review` with the reason `POLICY_INPUT_ERROR`, so nothing
/// is sent (the service sends only on `pass`) and a person looks at it; the
/// error is logged and counted (`phonerisk_policy_errors_total{stage}`).
struct RiskEvaluator: Sendable {
    /// The reason recorded when the policy could not evaluate the signals.
    static let inputErrorReason = "POLICY_INPUT_ERROR"

    let policy: PolicyHolder
    let logger: Logger
    let metrics: VerificationMetrics

    func evaluate(_ signals: [String: SignalValue], stage: EvaluationStage, verificationID: String) -> PolicyResult {
        let compiled = policy.current
        let start = ContinuousClock.now
        let result: PolicyResult
        do {
            result = try compiled.evaluate(signals)
        } catch {
            logger.error("policy cannot evaluate the signals", metadata: [
                "verification_id": "\(verificationID)", "stage": "\(stage.rawValue)", "error": "\(error)",
            ])
            metrics.policyError(stage: stage)
            result = PolicyResult(verdict: .review, risk: 0, reasons: [Self.inputErrorReason], decidedBy: Self.inputErrorReason,
                                  policy: compiled.name, version: compiled.version)
        }
        metrics.evaluationTime(ContinuousClock.now - start)
        metrics.decision(result.verdict, stage: stage)
        return result
    }
}
