import Foundation
import Logging
import Metrics

/// The signal cache: an in-process tier in front of a ``SignalCacheStore``,
/// per-kind times to live, failure caching and single-flight lookups.
///
/// A request for a key that neither tier holds runs the caller's lookup once,
/// however many callers ask at the same time; they all get its answer. A
/// lookup that throws, times out or returns a value the codec cannot encode
/// yields `nil` (the signals stay missing) and is remembered as a failure for
/// ``SignalCacheTTLs/failure``. A failing store never fails a request: the
/// cache logs it and falls back to the lookup.
///
/// ```swift
/// let cache = SignalCache(store: store, codec: .json(CarrierFacts.self))
/// let facts = await cache.value(for: key) { try await twilio.lookup(number, field: .lineType) }
/// ```
public final class SignalCache<Value: Sendable>: Sendable {
    /// The persistent tier.
    public let store: any SignalCacheStore
    /// Times to live.
    public let ttls: SignalCacheTTLs
    /// The longest a lookup may run before it counts as failed.
    public let lookupTimeout: Duration

    private let codec: SignalCacheCodec<Value>
    // Internal but usable from inlinable code: the in-process read is inlined into callers (see InProcessTier).
    @usableFromInline let memory: InProcessTier<Value>
    private let flights = SingleFlight<SignalCacheKey, Value?>()
    @usableFromInline let metrics: SignalCacheMetrics
    @usableFromInline let now: @Sendable () -> Date
    private let logger: Logger

    /// Creates a cache.
    /// - Parameters:
    ///   - store: the persistent tier.
    ///   - codec: how values are stored.
    ///   - ttls: times to live per kind and for failures.
    ///   - inProcessCapacity: entries kept in process (0 disables the tier).
    ///   - lookupTimeout: how long a lookup may run.
    ///   - metricsFactory: where request counts go; `nil` uses the bootstrapped backend.
    ///   - logger: where store failures are logged (never with a number in clear).
    ///   - now: the clock; injectable for tests.
    public init(
        store: any SignalCacheStore,
        codec: SignalCacheCodec<Value>,
        ttls: SignalCacheTTLs = SignalCacheTTLs(),
        inProcessCapacity: Int = 100_000,
        lookupTimeout: Duration = .seconds(5),
        metricsFactory: (any MetricsFactory)? = nil,
        logger: Logger = Logger(label: "phonerisk.signal-cache"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.codec = codec
        self.ttls = ttls
        self.lookupTimeout = lookupTimeout
        self.memory = InProcessTier(capacity: inProcessCapacity)
        self.metrics = SignalCacheMetrics(factory: metricsFactory)
        self.logger = logger
        self.now = now
    }

    /// The answer held by the in-process tier, without touching the store or
    /// suspending: `.some(value)`, `.some(nil)` for a remembered failure, or
    /// `nil` when the tier does not hold the key.
    @inlinable
    public func cachedInProcess(for key: SignalCacheKey) -> Value?? {
        switch memory.answer(for: key, now: now()) {
        case .value(let value)?:
            metrics.record(kind: key.kind, result: .memoryHit)
            return .some(value)
        case .failure?:
            metrics.record(kind: key.kind, result: .cachedFailure)
            return .some(nil)
        case nil:
            return nil
        }
    }

    /// The value for `key`: from the in-process tier, else the store, else
    /// `lookup` (once for all concurrent callers of the same key).
    ///
    /// Store reads run concurrently; only the lookup is shared, so a store hit
    /// costs one indexed read and a decode, with no task created.
    /// - Parameters:
    ///   - key: the number hash, kind and source.
    ///   - lookup: asks the source; its failure, timeout or garbage yields `nil`.
    /// - Returns: the value, or `nil` when the source cannot tell right now.
    public func value(
        for key: SignalCacheKey,
        lookup: @escaping @Sendable () async throws -> Value
    ) async -> Value? {
        if let cached = cachedInProcess(for: key) {
            return cached
        }
        if let stored = await storedAnswer(for: key) {
            return stored
        }
        let (value, joined) = await flights.run(key) { [self] in
            await resolve(key, lookup: lookup)
        }
        // The flight's leader counted its own request; each joiner is a request too.
        if joined {
            metrics.record(kind: key.kind, result: value == nil ? .lookupFailed : .miss)
        }
        return value
    }

    private func resolve(_ key: SignalCacheKey, lookup: @escaping @Sendable () async throws -> Value) async -> Value? {
        // Another flight for this key may have finished between this caller's
        // store read and the start of this flight.
        if let cached = cachedInProcess(for: key) {
            return cached
        }
        if let stored = await storedAnswer(for: key) {
            return stored
        }
        let startedAt = now()
        do {
            let value = try await withTimeout(lookupTimeout, lookup)
            let payload = try codec.encode(value)
            let expiresAt = startedAt.addingTimeInterval(ttls.success(key.kind).timeInterval)
            await persist(SignalCacheEntry(key: key, payload: payload, storedAt: startedAt, expiresAt: expiresAt))
            memory.insert(.value(value), for: key, expiresAt: expiresAt)
            metrics.record(kind: key.kind, result: .miss)
            return value
        } catch {
            logger.warning("signal lookup failed", metadata: [
                "kind": "\(key.kind.name)", "source": "\(key.source)", "error": "\(error)",
            ])
            let expiresAt = startedAt.addingTimeInterval(ttls.failure.timeInterval)
            await persist(SignalCacheEntry(key: key, payload: nil, storedAt: startedAt, expiresAt: expiresAt))
            memory.insert(.failure, for: key, expiresAt: expiresAt)
            metrics.record(kind: key.kind, result: .lookupFailed)
            return nil
        }
    }

    /// The store's live answer, copied into the in-process tier; `.some(nil)`
    /// is a remembered failure, `nil` means the lookup must run.
    private func storedAnswer(for key: SignalCacheKey) async -> Value?? {
        let entry: SignalCacheEntry?
        do {
            entry = try await store.entry(for: key)
        } catch {
            logger.error("signal cache read failed", metadata: ["kind": "\(key.kind.name)", "error": "\(error)"])
            return nil
        }
        guard let entry, entry.expiresAt > now() else { return nil }
        guard let payload = entry.payload else {
            memory.insert(.failure, for: key, expiresAt: entry.expiresAt)
            metrics.record(kind: key.kind, result: .cachedFailure)
            return .some(nil)
        }
        do {
            let value = try codec.decode(payload)
            memory.insert(.value(value), for: key, expiresAt: entry.expiresAt)
            metrics.record(kind: key.kind, result: .storeHit)
            return .some(value)
        } catch {
            logger.warning("unreadable signal cache entry ignored", metadata: ["kind": "\(key.kind.name)", "error": "\(error)"])
            return nil
        }
    }

    private func persist(_ entry: SignalCacheEntry) async {
        do {
            try await store.store(entry)
        } catch {
            logger.error("signal cache write failed", metadata: ["kind": "\(entry.key.kind.name)", "error": "\(error)"])
        }
    }
}
