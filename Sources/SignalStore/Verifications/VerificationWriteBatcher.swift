import Dispatch
import Foundation
import GRDB

/// Group commit for the verification tables: write bodies submitted while a
/// transaction is in flight run together in the next one, each inside its own
/// savepoint, so many concurrent requests share one `BEGIN IMMEDIATE … COMMIT`
/// (one fsync under `synchronous=FULL`) instead of paying one each.
///
/// Each body still sees the writes of the bodies before it and its conditional
/// updates stay exact; a body that throws rolls back its own savepoint only.
/// A caller is answered only after the shared transaction committed, so an
/// answered request is on disk.
final class VerificationWriteBatcher: @unchecked Sendable {
    /// One submitted body: `run` executes it inside the shared transaction and returns how to answer
    /// once the transaction ends; `fail` answers a body that never ran.
    private struct Job {
        let run: (SQLiteVerificationTransaction) -> (_ commitError: (any Error)?) -> Void
        let fail: (any Error) -> Void
    }

    private let pool: DatabasePool
    private let sealer: VerificationDataSealer
    private let phoneHasher: KeyedHasher
    private let queue = DispatchQueue(label: "phonerisk.verification-writes")
    // Guards `pending` and `draining`.
    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false

    init(pool: DatabasePool, sealer: VerificationDataSealer, phoneHasher: KeyedHasher) {
        self.pool = pool
        self.sealer = sealer
        self.phoneHasher = phoneHasher
    }

    /// Runs `body` in the next shared transaction and answers its result once that transaction committed.
    func submit<T: Sendable>(_ body: @escaping @Sendable (SQLiteVerificationTransaction) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { tx in
                    var outcome: Result<T, any Error> = .failure(CancellationError())
                    do {
                        try tx.db.inSavepoint {
                            do {
                                outcome = .success(try body(tx))
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
                            continuation.resume(throwing: commitError)
                        } else {
                            continuation.resume(with: outcome)
                        }
                    }
                },
                fail: { continuation.resume(throwing: $0) })
            enqueue(job)
        }
    }

    private func enqueue(_ job: Job) {
        let startDraining = lock.withLock {
            pending.append(job)
            if draining { return false }
            draining = true
            return true
        }
        if startDraining {
            queue.async { self.drain() }
        }
    }

    private func drain() {
        while true {
            let batch: [Job] = lock.withLock {
                let taken = pending
                pending.removeAll(keepingCapacity: true)
                if taken.isEmpty { draining = false }
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
                let tx = SQLiteVerificationTransaction(db: db, sealer: sealer, phoneHasher: phoneHasher)
                for job in batch {
                    answers.append(job.run(tx))
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
