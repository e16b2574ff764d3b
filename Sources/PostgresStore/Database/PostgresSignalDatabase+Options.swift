import Foundation
import SignalStore

extension PostgresSignalDatabase {
    /// How ``PostgresSignalDatabase`` sizes its connections and stores.
    ///
    /// ```swift
    /// var options = PostgresSignalDatabase.Options()
    /// options.readerConnections = 8
    /// let database = try await PostgresSignalDatabase(url: url, options: options)
    /// ```
    public struct Options: Sendable {
        /// Connections for reads and for the cache, event and idempotency stores (at least 1);
        /// one more connection carries the verification writes.
        public var readerConnections: Int
        /// The signal cache's bound (at least 1).
        public var signalCacheMaximumEntries: Int
        /// How long behaviour events are kept (at least 30 days, the longest window).
        public var eventRetention: TimeInterval
        /// How long idempotent answers are kept.
        public var idempotencyRetention: Duration
        /// How old an unfinished idempotency claim must be to count as abandoned when an instance starts.
        public var abandonedClaimAge: Duration
        /// The longest one statement may run (a verification write's wait for the writers' lock included):
        /// the server cancels it then (`statement_timeout`) and its transaction rolls back. Migrations get 10 minutes.
        public var statementTimeout: Duration

        /// Creates options.
        /// - Parameters:
        ///   - readerConnections: connections besides the writer's.
        ///   - signalCacheMaximumEntries: the cache's bound.
        ///   - eventRetention: how long events are kept.
        ///   - idempotencyRetention: how long idempotent answers are kept.
        ///   - abandonedClaimAge: when a claim left by a dead instance may be dropped.
        ///   - statementTimeout: the longest wait for one statement.
        public init(
            readerConnections: Int = 4,
            signalCacheMaximumEntries: Int = 1_000_000,
            eventRetention: TimeInterval = PostgresBehaviorEventLog.defaultRetention,
            idempotencyRetention: Duration = .seconds(24 * 3600),
            abandonedClaimAge: Duration = .seconds(300),
            statementTimeout: Duration = .seconds(30)
        ) {
            self.readerConnections = readerConnections
            self.signalCacheMaximumEntries = signalCacheMaximumEntries
            self.eventRetention = eventRetention
            self.idempotencyRetention = idempotencyRetention
            self.abandonedClaimAge = abandonedClaimAge
            self.statementTimeout = statementTimeout
        }

        func validate() throws {
            guard readerConnections >= 1 else {
                throw PostgresStoreError.invalidSetting(name: "reader connections", reason: "\(readerConnections) is below 1")
            }
            guard statementTimeout > .zero else {
                throw PostgresStoreError.invalidSetting(name: "statement timeout", reason: "\(statementTimeout) is not above zero")
            }
            guard signalCacheMaximumEntries >= 1 else {
                throw PostgresStoreError.invalidSetting(
                    name: "signal cache size", reason: "\(signalCacheMaximumEntries) is below 1")
            }
            guard eventRetention >= BehaviorCounts.Window.thirtyDays, eventRetention.isFinite else {
                throw PostgresStoreError.invalidSetting(
                    name: "event retention",
                    reason: "\(eventRetention) seconds is shorter than the 30-day window the counts need")
            }
        }
    }
}
