import Metrics
import RuleEngine

/// The domain's metrics, through swift-metrics: the global backend (the server bootstraps
/// Prometheus) unless a factory is given (tests). Handles are made once per label set
/// (``MetricHandleCache``).
struct VerificationMetrics: Sendable {
    /// The backend override; nil uses `MetricsSystem.factory`.
    let factory: (any MetricsFactory)?
    private let counters = MetricHandleCache<Counter>()
    private let timers = MetricHandleCache<Metrics.Timer>()

    init(factory: (any MetricsFactory)?) {
        self.factory = factory
    }

    private var backend: any MetricsFactory { factory ?? MetricsSystem.factory }

    /// `phonerisk_decisions_total{stage,decision}`.
    func decision(_ verdict: Verdict, stage: EvaluationStage) {
        counters.handle("decision|\(stage.rawValue)|\(verdict.rawValue)") {
            Counter(label: "phonerisk_decisions_total", dimensions: [("stage", stage.rawValue), ("decision", verdict.rawValue)],
                    factory: backend)
        }.increment()
    }

    /// `phonerisk_provider_blocks_total{provider}`: sends the provider's fraud defence refused, stored as `blocked`.
    func providerBlock(_ provider: String) {
        counters.handle("provider_block|\(provider)") {
            Counter(label: "phonerisk_provider_blocks_total", dimensions: [("provider", provider)], factory: backend)
        }.increment()
    }

    /// `phonerisk_policy_errors_total{stage}`: evaluations that failed on their signals and fell to `review`.
    func policyError(stage: EvaluationStage) {
        counters.handle("policy_error|\(stage.rawValue)") {
            Counter(label: "phonerisk_policy_errors_total", dimensions: [("stage", stage.rawValue)], factory: backend)
        }.increment()
    }

    /// `phonerisk_policy_evaluation_seconds`, a timer the Prometheus backend exports as a histogram.
    func evaluationTime(_ elapsed: Duration) {
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        timers.handle("evaluation") {
            Metrics.Timer(label: "phonerisk_policy_evaluation_seconds", dimensions: [], factory: backend)
        }.recordNanoseconds(nanoseconds)
    }

    /// `phonerisk_provider_requests_total{provider,outcome}`; outcome is `success`, `timeout`,
    /// `not_configured`, `rejected` (the provider refused the request) or `error`.
    func providerRequest(_ provider: String, outcome: String) {
        counters.handle("provider|\(provider)|\(outcome)") {
            Counter(label: "phonerisk_provider_requests_total", dimensions: [("provider", provider), ("outcome", outcome)],
                    factory: backend)
        }.increment()
    }

    /// `phonerisk_provider_fallbacks_total{from,to,reason}`: a verification left `from` for `to`.
    func providerFallback(from: String, to: String, reason: String) {
        counters.handle("fallback|\(from)|\(to)|\(reason)") {
            Counter(label: "phonerisk_provider_fallbacks_total", dimensions: [("from", from), ("to", to), ("reason", reason)],
                    factory: backend)
        }.increment()
    }

    static func outcome(of error: ProviderError) -> String {
        switch error {
        case .timeout: "timeout"
        case .notConfigured: "not_configured"
        case .invalidNumber, .tooManyChecks, .tooManySends, .expired, .fraudGuard, .rateLimited, .smsUnsupported: "rejected"
        case .failed: "error"
        }
    }
}
