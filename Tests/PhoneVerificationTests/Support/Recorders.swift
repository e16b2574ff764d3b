import CoreMetrics
import Foundation
import Logging

/// Keeps every log line (message and metadata, rendered) a test's service writes.
final class LogRecorder: @unchecked Sendable {
    // Guards `lines`.
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] { lock.withLock { lines } }

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(recorder: self) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            recorder.append("\(event.level) \(event.message) \(rendered)")
        }
    }
}

/// Counts what the service's metrics record, by label and dimensions.
final class MetricsRecorder: MetricsFactory, @unchecked Sendable {
    // Guards `counts` and `timings`.
    private let lock = NSLock()
    private var counts: [String: Int64] = [:]
    private var timings: [String: Int] = [:]

    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        label + "{" + dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    func count(_ label: String, _ dimensions: [(String, String)]) -> Int64 { lock.withLock { counts[Self.key(label, dimensions)] ?? 0 } }
    func timings(_ label: String) -> Int { lock.withLock { timings[label] ?? 0 } }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Handler(recorder: self, key: Self.key(label, dimensions), label: label)
    }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(recorder: self, key: Self.key(label, dimensions), label: label)
    }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Handler(recorder: self, key: Self.key(label, dimensions), label: label)
    }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    private final class Handler: CounterHandler, RecorderHandler, TimerHandler, @unchecked Sendable {
        let recorder: MetricsRecorder
        let key: String
        let label: String

        init(recorder: MetricsRecorder, key: String, label: String) {
            self.recorder = recorder
            self.key = key
            self.label = label
        }

        func increment(by amount: Int64) { recorder.lock.withLock { recorder.counts[key, default: 0] += amount } }
        func reset() {}
        func record(_ value: Int64) {}
        func record(_ value: Double) {}
        func recordNanoseconds(_ duration: Int64) { recorder.lock.withLock { recorder.timings[label, default: 0] += 1 } }
    }
}
