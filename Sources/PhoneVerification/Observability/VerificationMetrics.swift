import Metrics
import RuleEngine

/// The domain's metrics, through swift-metrics: the global backend (the server bootstraps
/// Prometheus) unless a factory is given (tests).
struct VerificationMetrics: Sendable {
    /// The backend override; nil uses `MetricsSystem.factory`.
    let factory: (any MetricsFactory)?

    private var backend: any MetricsFactory { factory ?? MetricsSystem.factory }

    /// `phonerisk_decisions_total{stage,decision}`.
    func decision(_ verdict: Verdict, stage: EvaluationStage) {
        Counter(label: "phonerisk_decisions_total", dimensions: [("stage", stage.rawValue), ("decision", verdict.rawValue)],
                factory: backend).increment()
    }

    /// `phonerisk_policy_evaluation_seconds`, a timer the Prometheus backend exports as a histogram.
    func evaluationTime(_ elapsed: Duration) {
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        Metrics.Timer(label: "phonerisk_policy_evaluation_seconds", dimensions: [], factory: backend)
            .recordNanoseconds(nanoseconds)
    }

    /// `phonerisk_provider_requests_total{provider,outcome}`; outcome is `success`, `timeout`,
    /// `not_configured`, `rejected` (the provider refused the request) or `error`.
    func providerRequest(_ provider: String, outcome: String) {
        Counter(label: "phonerisk_provider_requests_total", dimensions: [("provider", provider), ("outcome", outcome)],
                factory: backend).increment()
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
