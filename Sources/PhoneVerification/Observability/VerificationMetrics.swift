import Metrics
import RuleEngine

/// The domain's metrics, through swift-metrics (the server installs the Prometheus backend).
enum VerificationMetrics {
    /// `phonerisk_decisions_total{stage,decision}`.
    static func decision(_ verdict: Verdict, stage: EvaluationStage) {
        Counter(label: "phonerisk_decisions_total",
                dimensions: [("stage", stage.rawValue), ("decision", verdict.rawValue)]).increment()
    }

    /// `phonerisk_policy_evaluation_seconds`, a timer the Prometheus backend exports as a histogram.
    static func evaluationTime(nanoseconds: Int64) {
        Metrics.Timer(label: "phonerisk_policy_evaluation_seconds", preferredDisplayUnit: .seconds)
            .recordNanoseconds(nanoseconds)
    }

    /// `phonerisk_provider_requests_total{provider,outcome}`; outcome is `success`, `timeout`,
    /// `not_configured`, `rejected` (the provider refused the request) or `error`.
    static func providerRequest(_ provider: String, outcome: String) {
        Counter(label: "phonerisk_provider_requests_total",
                dimensions: [("provider", provider), ("outcome", outcome)]).increment()
    }

    static func outcome(of error: ProviderError) -> String {
        switch error {
        case .timeout: "timeout"
        case .notConfigured: "not_configured"
        case .invalidNumber, .tooManyChecks, .tooManySends, .expired: "rejected"
        case .failed: "error"
        }
    }
}

/// The two points where the policy is evaluated.
public enum EvaluationStage: String, Sendable, Hashable, CaseIterable, Codable {
    /// Before a code is sent.
    case create
    /// After the right code came back.
    case confirm
}
