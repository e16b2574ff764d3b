import Metrics
import PhoneVerification
import Prometheus

/// The process's Prometheus registry, with swift-metrics bootstrapped onto it
/// exactly once however many applications are built (the tests build many).
///
/// Everything recorded through swift-metrics — the HTTP counters here and the
/// domain's decisions, latencies, provider and cache counters — lands in this
/// registry, which `GET /metrics` renders.
///
/// ```swift
/// let text = ServiceMetrics.registry.emitToString()
/// ```
public enum ServiceMetrics {
    /// The registry; reading it bootstraps swift-metrics the first time.
    public static var registry: PrometheusCollectorRegistry { bootstrapped }

    private static let bootstrapped: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Counts one answered request in `phonerisk_http_requests_total{route,status}`.
    ///
    /// - Parameters:
    ///   - route: The matched route pattern (``RouteLabel``).
    ///   - status: The status code answered.
    static func countRequest(route: String, status: Int) {
        // A handle made before the bootstrap would stay on the no-op backend for good.
        _ = bootstrapped
        requestCounters.handle("\(status) \(route)") {
            Metrics.Counter(label: "phonerisk_http_requests_total", dimensions: [("route", route), ("status", String(status))])
        }.increment()
    }

    /// One counter per route and status, made on first use (``MetricHandleCache``).
    private static let requestCounters = MetricHandleCache<Metrics.Counter>()
}
