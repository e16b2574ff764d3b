import Foundation
import Metrics
import PhoneNumbers
import SignalStore
import Synchronization

/// Prove's answers about numbers, cached like a trust score: kind `prove`,
/// 24 hours, keyed by the number's keyed hash and the source; a failure is
/// remembered for 5 minutes, and a remembered failure is reported as
/// ``ProveFailure/unavailable(_:)``.
///
/// ```swift
/// let prove = ProveSignals(lookup: ProveClient(configuration: configuration), cacheStore: store.cache)
/// switch await prove.answer(for: request, number: number, phone: key) {
/// case .success(let answer): frame.addProve(answer, now: now)
/// case .failure(let failure): frame.addProveFallback()   // failure.reason: "timeout", …
/// }
/// ```
public final class ProveSignals: Sendable {
    /// Where answers come from.
    public let lookup: any ProveLookup
    private let cache: SignalCache<ProveAnswer>

    /// Creates the cached source.
    /// - Parameters:
    ///   - lookup: the Prove client, or the sandbox fixtures.
    ///   - cacheStore: the persistent cache tier.
    ///   - deadline: the Prove step's own deadline; the cache waits a little longer, so the step's
    ///     timeout is the one reported.
    ///   - ttls: cache times to live (kind `prove`: 24 hours; failures 5 minutes).
    ///   - metricsFactory: where cache request counts go; `nil` uses the bootstrapped backend.
    ///   - clock: the cache's clock.
    public init(
        lookup: any ProveLookup, cacheStore: any SignalCacheStore, deadline: Duration = .seconds(5),
        ttls: SignalCacheTTLs = SignalCacheTTLs(), metricsFactory: (any MetricsFactory)? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.lookup = lookup
        cache = SignalCache(
            store: cacheStore, codec: .json, ttls: ttls, lookupTimeout: deadline + .seconds(1),
            metricsFactory: metricsFactory, now: clock)
    }

    /// Prove's answer about `number`, from the cache or the source, or why there is none.
    /// - Parameters:
    ///   - request: the number and the ids sent to Prove.
    ///   - number: the parsed number (its region decides whether it may be sent).
    ///   - phone: the number's keyed hash, the cache key.
    /// - Returns: the answer, or the failure whose ``ProveFailure/reason`` the fallback records.
    public func answer(for request: ProveVerifyRequest, number: PhoneNumber, phone: PhoneNumberKey) async -> Result<ProveAnswer, ProveFailure> {
        guard lookup.serves(number) else { return .failure(.outsideRegion) }
        let failure = FailureSlot()
        let key = SignalCacheKey(phone: phone, kind: .prove, source: lookup.source)
        let answer = await cache.value(for: key) { [lookup] in
            do throws(ProveFailure) {
                return try await lookup.verify(request)
            } catch {
                failure.value.withLock { $0 = error }
                throw error
            }
        }
        if let answer { return .success(answer) }
        return .failure(failure.value.withLock { $0 } ?? .unavailable("a recent Prove failure for this number is remembered"))
    }
}

/// The failure of the lookup this caller ran; empty when the cache answered a
/// remembered failure or another caller's lookup.
private final class FailureSlot: Sendable {
    let value = Mutex<ProveFailure?>(nil)
}
