import Foundation
import PostgresNIO
import SignalStore

/// Group commit for the verification tables on PostgreSQL: write bodies
/// submitted while a transaction is in flight run together in the next one,
/// each inside its own savepoint, so many concurrent requests share one
/// `BEGIN … COMMIT` instead of paying one commit each.
///
/// Every transaction starts with `pg_advisory_xact_lock`, which serialises
/// the writers of every instance on the database until commit. The
/// transaction stays READ COMMITTED on purpose: each statement then sees
/// everything committed before it, including the previous lock holder's
/// writes, so a count-then-insert in one body is exact across instances
/// (REPEATABLE READ would take its snapshot before the lock was granted).
/// Each body sees the writes of the bodies before it; a body that throws
/// rolls back its own savepoint only. A caller is answered only after the
/// shared transaction committed.
final class PostgresWriteBatcher: @unchecked Sendable {
    /// One submitted body: `run` executes it inside the shared transaction and returns how to answer
    /// once the transaction ends; `fail` answers a body that never ran.
    private struct Job {
        let run: (PostgresVerificationTransaction) throws -> (_ commitError: (any Error)?) -> Void
        let fail: (any Error) -> Void
    }

    private let lane: PostgresLane
    private let sealer: VerificationDataSealer
    private let phoneHasher: KeyedHasher
    // Guards `pending` and `draining`.
    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false

    init(lane: PostgresLane, sealer: VerificationDataSealer, phoneHasher: KeyedHasher) {
        self.lane = lane
        self.sealer = sealer
        self.phoneHasher = phoneHasher
    }

    /// Runs `body` in the next shared transaction and answers its result once that transaction committed.
    func submit<T: Sendable>(_ body: @escaping @Sendable (any VerificationTransaction) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { tx in
                    try tx.session.query("SAVEPOINT body")
                    let outcome = Result { try body(tx) }
                    if case .failure = outcome {
                        try tx.session.query("ROLLBACK TO SAVEPOINT body")
                    }
                    try tx.session.query("RELEASE SAVEPOINT body")
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
            lane.enqueue { self.drainOnce($0) }
        }
    }

    /// Writes one batch, then hands the lane back; another lane job takes the next batch, so a lost
    /// connection is opened again between batches.
    private func drainOnce(_ session: Result<PostgresSession, any Error>) {
        let batch: [Job] = lock.withLock {
            let taken = pending
            pending.removeAll(keepingCapacity: true)
            return taken
        }
        switch session {
        case .success(let session):
            write(batch, on: session)
        case .failure(let error):
            batch.forEach { $0.fail(error) }
        }
        let more = lock.withLock {
            if pending.isEmpty {
                draining = false
                return false
            }
            return true
        }
        if more {
            lane.enqueue { self.drainOnce($0) }
        }
    }

    private func write(_ batch: [Job], on session: PostgresSession) {
        var answers: [((any Error)?) -> Void] = []
        answers.reserveCapacity(batch.count)
        do {
            try session.query("BEGIN")
            try session.query("SELECT pg_advisory_xact_lock(\(PostgresLockKey.verificationWriters))")
            let tx = PostgresVerificationTransaction(session: session, sealer: sealer, phoneHasher: phoneHasher)
            for job in batch {
                answers.append(try job.run(tx))
            }
            try session.query("COMMIT")
            answers.forEach { $0(nil) }
        } catch {
            // The shared transaction is lost; the rollback only tidies a connection that may already be gone.
            _ = try? session.query("ROLLBACK")
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
