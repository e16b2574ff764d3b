import Foundation

extension SQLiteSignalCacheStore {
    /// The entries stored but not yet committed: `waiting` for a flush to take
    /// them, or `writing` in the transaction in flight. Reads consult both
    /// before the file, so the store reads its own writes at once; an entry
    /// leaves only after its transaction ended (committed, or failed and
    /// dropped: the cache looks it up again).
    final class PendingWrites: @unchecked Sendable {
        // Guards every stored property below.
        private let lock = NSLock()
        private var waiting: [SignalCacheKey: SignalCacheEntry] = [:]
        private var writing: [SignalCacheKey: SignalCacheEntry] = [:]
        private var flushQueued = false
        private var failure: (any Error)?

        /// Keeps `entry`, replacing a waiting entry of the same key.
        /// - Returns: whether the caller must queue a flush (none is queued yet), and the failure of an
        ///   earlier flush not reported yet.
        func add(_ entry: SignalCacheEntry) -> (queueFlush: Bool, earlierFailure: (any Error)?) {
            lock.withLock {
                waiting[entry.key] = entry
                let reported = failure
                failure = nil
                if flushQueued { return (false, reported) }
                flushQueued = true
                return (true, reported)
            }
        }

        /// The newest uncommitted entry for `key`, if any.
        func entry(for key: SignalCacheKey) -> SignalCacheEntry? {
            lock.withLock {
                if waiting.isEmpty, writing.isEmpty { return nil }
                return waiting[key] ?? writing[key]
            }
        }

        /// Whether anything is waiting or being written.
        var isEmpty: Bool {
            lock.withLock { waiting.isEmpty && writing.isEmpty }
        }

        /// Moves the waiting entries to `writing` and answers them, oldest first; a later store queues a new flush.
        func take() -> [SignalCacheEntry] {
            lock.withLock {
                flushQueued = false
                let taken = waiting.values.sorted { ($0.storedAt, $0.key.phone.hex) < ($1.storedAt, $1.key.phone.hex) }
                writing.merge(waiting) { _, newer in newer }
                waiting.removeAll(keepingCapacity: true)
                return taken
            }
        }

        /// Forgets the entries of the transaction that just ended.
        ///
        /// A failed transaction drops every uncommitted entry, whether its
        /// flush ran or never started (the cache looks them up again), and
        /// lets the next ``add(_:)`` queue a flush afresh.
        /// - Parameters:
        ///   - failure: why the transaction failed, or `nil` when it committed.
        ///   - reported: whether a caller was told of `failure`; if not, the next ``add(_:)`` reports it.
        func finish(failure: (any Error)?, reported: Bool) {
            lock.withLock {
                writing.removeAll(keepingCapacity: true)
                guard let failure else { return }
                waiting.removeAll(keepingCapacity: true)
                flushQueued = false
                if !reported {
                    self.failure = failure
                }
            }
        }
    }
}
