import Foundation
import Metrics

/// The outcome of one cache request, the `result` label of
/// `phonerisk_signal_cache_requests_total{kind,result}`.
public enum SignalCacheResult: String, Sendable, CaseIterable {
    /// Answered from the in-process tier.
    case memoryHit = "memory_hit"
    /// Answered from the store (SQLite).
    case storeHit = "store_hit"
    /// Not cached; the lookup answered.
    case miss
    /// Not cached; the lookup failed, timed out or answered garbage.
    case lookupFailed = "lookup_failed"
    /// A failure remembered from an earlier lookup (no lookup made).
    case cachedFailure = "cached_failure"
}

/// Counts cache requests through swift-metrics, one counter per kind and result.
@usableFromInline
final class SignalCacheMetrics: @unchecked Sendable {
    static let label = "phonerisk_signal_cache_requests_total"

    private struct CounterKey: Hashable {
        let kind: String
        let result: SignalCacheResult
    }

    private let factory: (any MetricsFactory)?
    // Guards `counters`.
    private let lock = NSLock()
    private var counters: [CounterKey: Counter] = [:]

    /// Counts through `factory`, or through the process's bootstrapped backend when `nil`.
    init(factory: (any MetricsFactory)?) {
        self.factory = factory
    }

    @usableFromInline
    func record(kind: SignalKind, result: SignalCacheResult) {
        let key = CounterKey(kind: kind.name, result: result)
        lock.lock()
        let counter: Counter
        if let existing = counters[key] {
            counter = existing
        } else {
            let dimensions = [("kind", kind.name), ("result", result.rawValue)]
            counter = if let factory {
                Counter(label: Self.label, dimensions: dimensions, factory: factory)
            } else {
                Counter(label: Self.label, dimensions: dimensions)
            }
            counters[key] = counter
        }
        lock.unlock()
        counter.increment()
    }
}
