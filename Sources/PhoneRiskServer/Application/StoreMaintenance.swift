import Foundation
import Logging
import ServiceLifecycle
import SignalStore

/// Removes what the store no longer needs, once at start and then on a timer:
/// behaviour events past their retention (no window reads them any more) and
/// expired signal-cache entries (a read would refetch them anyway). Without it
/// both tables would only ever grow.
///
/// ```swift
/// let maintenance = StoreMaintenance(events: events, cache: cache, interval: .seconds(600), logger: logger)
/// Application(router: router, services: [maintenance])
/// ```
struct StoreMaintenance: Service {
    /// Ten minutes: often enough that the tables stay near their working size,
    /// rarely enough that the deletes never compete with request traffic.
    static let defaultInterval: Duration = .seconds(600)

    /// The behaviour event log to prune.
    let events: any BehaviorEventLog
    /// The signal cache whose expired entries are deleted.
    let cache: any SignalCacheStore
    /// The time between two sweeps.
    let interval: Duration
    let logger: Logger
    /// The clock; injectable so a test can sweep at a chosen time.
    var now: @Sendable () -> Date = { Date() }

    func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep()
                // Shutdown cancels the sleep: the loop then ends and the service
                // returns normally, so `serve` exits 0 on SIGTERM.
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One sweep. A failure is logged and retried at the next sweep: stale rows
    /// cost space, never correctness, so they must not stop the service.
    func sweep() async {
        let moment = now()
        do {
            let pruned = try await events.prune(now: moment)
            let expired = try await cache.removeExpired(now: moment)
            if pruned > 0 || expired > 0 {
                logger.info("store maintenance", metadata: ["events_pruned": "\(pruned)", "cache_entries_expired": "\(expired)"])
            }
        } catch {
            logger.error("store maintenance failed", metadata: ["error": "\(error)"])
        }
    }
}
