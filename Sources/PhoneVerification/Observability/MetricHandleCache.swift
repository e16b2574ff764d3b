import Foundation

/// Metric handles made once per label set and reused.
///
/// Making a swift-metrics `Counter` or `Timer` asks the backend for it by
/// label and dimensions: with Prometheus that takes the registry's lock,
/// validates the names and builds the label key on every call, which cost more
/// than the increment itself on the request path. The label values in use are
/// few (routes, statuses, stages, decisions, providers, outcomes), so the
/// handles are kept for the life of the process.
///
/// ```swift
/// let requests = MetricHandleCache<Counter>()
/// requests.handle("GET /healthz|200") {
///     Counter(label: "phonerisk_http_requests_total", dimensions: [("route", "GET /healthz"), ("status", "200")])
/// }.increment()
/// ```
public final class MetricHandleCache<Handle: Sendable>: @unchecked Sendable {
    // Guards `handles`.
    private let lock = NSLock()
    private var handles: [String: Handle] = [:]

    /// Creates an empty cache.
    public init() {}

    /// The handle kept under `key`, made by `make` the first time.
    ///
    /// - Parameters:
    ///   - key: The label values that identify the handle, joined unambiguously.
    ///   - make: Makes the handle; called once per key.
    public func handle(_ key: String, make: () -> Handle) -> Handle {
        lock.withLock {
            if let handle = handles[key] { return handle }
            let handle = make()
            handles[key] = handle
            return handle
        }
    }
}
