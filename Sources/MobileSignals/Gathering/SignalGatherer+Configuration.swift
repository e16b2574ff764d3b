import Foundation
import Metrics
import SignalStore

extension SignalGatherer {
    /// Tuning of the gatherer's caches and lookups.
    public struct Configuration: Sendable {
        /// Times to live per kind and for failures (SIGNALS.md's by default).
        public var ttls: SignalCacheTTLs
        /// Entries kept by each in-process cache tier.
        public var inProcessCapacity: Int
        /// How long one lookup may run before its signals are left missing.
        public var lookupTimeout: Duration
        /// Where cache request counts go; `nil` uses the bootstrapped backend.
        public var metricsFactory: (any MetricsFactory)?
        /// The cache's clock (expiry); injectable for tests.
        public var cacheClock: @Sendable () -> Date

        /// Creates a configuration.
        /// - Parameters:
        ///   - ttls: cache times to live.
        ///   - inProcessCapacity: in-process entries per cache.
        ///   - lookupTimeout: per-lookup timeout.
        ///   - metricsFactory: metrics backend override.
        ///   - cacheClock: the cache's clock.
        public init(
            ttls: SignalCacheTTLs = SignalCacheTTLs(),
            inProcessCapacity: Int = 100_000,
            lookupTimeout: Duration = .seconds(5),
            metricsFactory: (any MetricsFactory)? = nil,
            cacheClock: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.ttls = ttls
            self.inProcessCapacity = inProcessCapacity
            self.lookupTimeout = lookupTimeout
            self.metricsFactory = metricsFactory
            self.cacheClock = cacheClock
        }
    }
}
