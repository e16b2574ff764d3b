import Foundation
import Metrics

/// A swift-metrics backend that keeps counter totals for assertions.
final class RecordingMetrics: MetricsFactory, @unchecked Sendable {
    // Guards `totals`.
    private let lock = NSLock()
    private var totals: [String: Int64] = [:]

    func total(_ label: String, _ dimensions: [(String, String)]) -> Int64 {
        lock.withLock { totals[Self.name(label, dimensions)] ?? 0 }
    }

    fileprivate func add(_ amount: Int64, to name: String) {
        lock.withLock { totals[name, default: 0] += amount }
    }

    private static func name(_ label: String, _ dimensions: [(String, String)]) -> String {
        label + "{" + dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        RecordingCounter(metrics: self, name: Self.name(label, dimensions))
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        IgnoredRecorder()
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        IgnoredTimer()
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}

private final class RecordingCounter: CounterHandler, Sendable {
    let metrics: RecordingMetrics
    let name: String

    init(metrics: RecordingMetrics, name: String) {
        self.metrics = metrics
        self.name = name
    }

    func increment(by amount: Int64) { metrics.add(amount, to: name) }
    func reset() {}
}

private final class IgnoredRecorder: RecorderHandler, Sendable {
    func record(_ value: Int64) {}
    func record(_ value: Double) {}
}

private final class IgnoredTimer: TimerHandler, Sendable {
    func recordNanoseconds(_ duration: Int64) {}
}
