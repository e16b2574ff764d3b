import Logging
import NIOConcurrencyHelpers

/// Collects every log line a logger writes, rendered with its metadata, so a
/// test can check what reached the logs.
final class LogCapture: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    /// A logger writing into this capture at `trace` level.
    func logger(label: String = "phonerisk") -> Logger {
        var logger = Logger(label: label) { label in CapturingHandler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Every line so far.
    var all: [String] { lines.withLockedValue { $0 } }

    fileprivate func append(_ line: String) {
        lines.withLockedValue { $0.append(line) }
    }
}

private struct CapturingHandler: LogHandler {
    let label: String
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append("\(event.level) \(label): \(event.message) \(rendered)")
    }
}
