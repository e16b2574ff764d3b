import Dispatch
import Foundation
import GRDB

/// Group commit for one SQLite file: write bodies submitted while a
/// transaction is in flight run together in the next one, each inside its own
/// savepoint, so many concurrent writers share one `BEGIN IMMEDIATE … COMMIT`
/// (one fsync under `synchronous=FULL`) instead of paying one each.
///
/// Every store of a ``SignalDatabase`` that writes on the request path submits
/// here (the verification tables, the signal cache), so their writes share
/// commits too. A body still sees the writes of the bodies before it and its
/// conditional updates stay exact; a body that throws rolls back its own
/// savepoint only. A completion runs only after the shared transaction ended,
/// so an answered write is on disk.
///
/// A deferred body (``enqueueDeferred(within:_:completion:)``) starts no
/// transaction of its own: it rides in the next one, or in one of its own once
/// its delay has passed with no other write.
///
/// ```swift
/// let count = try await writer.submit { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM verifications") ?? 0 }
/// ```
final class GroupCommitWriter: @unchecked Sendable {
    /// One submitted body: `run` executes it inside the shared transaction and returns how to answer
    /// once the transaction ends; `fail` answers a body that never ran.
    private struct Job {
        let run: (Database) -> (_ commitError: (any Error)?) -> Void
        let fail: (any Error) -> Void
    }

    private let pool: DatabasePool
    private let queue = DispatchQueue(label: "phonerisk.group-commit")
    // Guards every stored property below.
    private let lock = NSLock()
    private var pending: [Job] = []
    private var deferred: [Job] = []
    private var deferredDue = false
    private var deferredTimerArmed = false
    private var draining = false

    /// - Parameter pool: the database's pool; its writer connection runs the shared transactions.
    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `body` in the next shared transaction and answers its result once that transaction committed.
    ///
    /// - Parameter body: the writes; what it throws rolls back its own savepoint and is rethrown.
    /// - Throws: what `body` throws, or the database's error when the shared transaction fails.
    func submit<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            enqueue(body) { continuation.resume(with: $0) }
        }
    }

    /// Runs `body` in the next shared transaction, starting one now if none is running, and calls
    /// `completion` on the writer's queue once that transaction ended.
    ///
    /// - Parameters:
    ///   - body: the writes.
    ///   - completion: the outcome; called before the next shared transaction starts.
    func enqueue<T>(
        _ body: @escaping @Sendable (Database) throws -> T, completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        let job = Self.job(body, completion: completion)
        let startDraining = lock.withLock {
            pending.append(job)
            return claimDrain()
        }
        if startDraining {
            queue.async { self.drain() }
        }
    }

    /// Runs `body` in the next shared transaction another writer starts, or in one of its own after `delay`
    /// when none does; calls `completion` on the writer's queue once that transaction ended.
    ///
    /// - Parameters:
    ///   - delay: the longest `body` waits for company.
    ///   - body: the writes.
    ///   - completion: the outcome.
    func enqueueDeferred(
        within delay: Duration, _ body: @escaping @Sendable (Database) throws -> Void,
        completion: @escaping @Sendable (Result<Void, any Error>) -> Void
    ) {
        let job = Self.job(body, completion: completion)
        let armTimer = lock.withLock {
            deferred.append(job)
            if deferredTimerArmed { return false }
            deferredTimerArmed = true
            return true
        }
        if armTimer {
            queue.asyncAfter(deadline: .now() + delay.timeInterval) { self.deferredDelayPassed() }
        }
    }

    private static func job<T>(
        _ body: @escaping @Sendable (Database) throws -> T, completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) -> Job {
        Job(
            run: { db in
                var outcome: Result<T, any Error> = .failure(CancellationError())
                do {
                    try db.inSavepoint {
                        do {
                            outcome = .success(try body(db))
                            return .commit
                        } catch {
                            outcome = .failure(error)
                            return .rollback
                        }
                    }
                } catch {
                    outcome = .failure(error)
                }
                return { commitError in
                    if let commitError {
                        completion(.failure(commitError))
                    } else {
                        completion(outcome)
                    }
                }
            },
            fail: { completion(.failure($0)) })
    }

    /// Marks the queue as draining when it was idle; the caller holds `lock`.
    private func claimDrain() -> Bool {
        if draining { return false }
        draining = true
        return true
    }

    // Runs on `queue`, after the deferred jobs' delay.
    private func deferredDelayPassed() {
        let startDraining = lock.withLock {
            deferredTimerArmed = false
            if deferred.isEmpty { return false }
            deferredDue = true
            return claimDrain()
        }
        if startDraining {
            drain()
        }
    }

    // Runs on `queue`; deferred jobs join any batch, and make one of their own only once due.
    private func drain() {
        while true {
            let batch: [Job] = lock.withLock {
                guard !pending.isEmpty || (deferredDue && !deferred.isEmpty) else {
                    draining = false
                    return []
                }
                let taken = deferred + pending
                deferred.removeAll(keepingCapacity: true)
                pending.removeAll(keepingCapacity: true)
                deferredDue = false
                return taken
            }
            if batch.isEmpty { return }
            write(batch)
        }
    }

    private func write(_ batch: [Job]) {
        var answers: [((any Error)?) -> Void] = []
        answers.reserveCapacity(batch.count)
        do {
            try pool.write { db in
                for job in batch {
                    answers.append(job.run(db))
                }
            }
            answers.forEach { $0(nil) }
        } catch {
            for (index, job) in batch.enumerated() {
                if index < answers.count {
                    answers[index](error)
                } else {
                    job.fail(error)
                }
            }
        }
    }
}
