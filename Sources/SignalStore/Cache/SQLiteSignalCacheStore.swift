import Foundation
import GRDB

/// The signal cache's table in the SQLite file, bounded to a maximum number
/// of entries: a write beyond the bound evicts the oldest entries (by
/// `stored_at`). The row count is kept by triggers, so the bound costs one
/// primary-key read per flush, never a scan.
///
/// Writes are behind: ``store(_:)`` keeps the entry and returns without
/// waiting for a commit; the entries ride in the database's next group-commit
/// transaction (a verification's, usually), or in one of their own after
/// ``flushDelay``. Reads see them at once. An entry not yet committed when the
/// process dies is lost, which costs one lookup again, never a wrong answer;
/// ``flush()`` waits until everything stored so far is on disk.
///
/// ```swift
/// let store = try SQLiteSignalCacheStore(database: database, maximumEntries: 1_000_000)
/// try await store.store(entry)
/// try await store.flush()
/// ```
public final class SQLiteSignalCacheStore: SignalCacheStore {
    let pool: DatabasePool
    private let writer: GroupCommitWriter
    // Point reads go through a connection of their own: see SignalDatabase.makeReadOnlyConnection.
    let reader: DatabaseQueue
    private let pointRead = PreparedStatementSlot(sql: SQLiteSignalCacheStore.pointReadSQL)
    private let pending = PendingWrites()
    /// The most entries kept.
    public let maximumEntries: Int
    /// The longest a stored entry waits for another write's transaction before it gets one of its own.
    public let flushDelay: Duration

    /// Creates the store over `database`.
    /// - Parameters:
    ///   - database: the open database.
    ///   - maximumEntries: the bound (at least 1).
    ///   - flushDelay: how long stored entries wait for a transaction to join (0 to 10 seconds).
    /// - Throws: ``SignalStoreError/invalidSetting(name:reason:)`` for a bound under 1 or a delay out of range.
    public init(database: SignalDatabase, maximumEntries: Int = 1_000_000, flushDelay: Duration = .milliseconds(50)) throws {
        guard maximumEntries >= 1 else {
            throw SignalStoreError.invalidSetting(name: "signal cache size", reason: "\(maximumEntries) is below 1")
        }
        guard flushDelay >= .zero, flushDelay <= .seconds(10) else {
            throw SignalStoreError.invalidSetting(
                name: "signal cache flush delay", reason: "\(flushDelay) is outside 0 seconds … 10 seconds")
        }
        self.pool = database.pool
        self.writer = database.groupCommit
        self.reader = try database.makeReadOnlyConnection()
        self.maximumEntries = maximumEntries
        self.flushDelay = flushDelay
    }

    /// The entry for `key`, expired or not, or `nil`.
    public func entry(for key: SignalCacheKey) async throws -> SignalCacheEntry? {
        try entryNow(for: key)
    }

    /// The entry for `key`, read synchronously on the calling thread: a stored
    /// entry not yet committed, else one primary-key lookup, no hop to another executor.
    public func entryNow(for key: SignalCacheKey) throws -> SignalCacheEntry? {
        if let uncommitted = pending.entry(for: key) {
            return uncommitted
        }
        do {
            return try reader.unsafeReentrantRead { db in try Self.readEntry(key, with: pointRead.statement(in: db)) }
        } catch {
            throw SignalStoreError.wrapping(error, operation: Self.readOperation)
        }
    }

    /// Keeps `entry` (replacing any entry for its key) for the next group
    /// commit, which also evicts the oldest entries beyond ``maximumEntries``;
    /// returns without waiting for it.
    /// - Throws: ``SignalStoreError/databaseFailure(operation:reason:)`` when an earlier
    ///   background write failed (reported once; its entries were dropped and
    ///   will be looked up again). `entry` is kept all the same.
    public func store(_ entry: SignalCacheEntry) async throws {
        let (queueFlush, earlierFailure) = pending.add(entry)
        if queueFlush {
            writer.enqueueDeferred(within: flushDelay, { [self] db in try writePending(in: db) }) { [pending] outcome in
                if case .failure(let error) = outcome {
                    pending.finish(failure: error, reported: false)
                } else {
                    pending.finish(failure: nil, reported: false)
                }
            }
        }
        if let earlierFailure {
            throw SignalStoreError.wrapping(earlierFailure, operation: Self.writeOperation)
        }
    }

    /// Waits until every entry stored before the call is committed.
    /// - Throws: ``SignalStoreError/databaseFailure(operation:reason:)`` when that commit failed.
    public func flush() async throws {
        if pending.isEmpty { return }
        try await inGroupCommit(Self.writeOperation) { [self] db in try writePending(in: db) }
    }

    /// Deletes every entry that expired at or before `now`, stored entries not yet committed included;
    /// returns how many.
    public func removeExpired(now: Date) async throws -> Int {
        try await inGroupCommit("removing expired signal cache entries") { [self] db in
            try writePending(in: db)
            try db.cachedStatement(sql: "DELETE FROM signal_cache WHERE expires_at <= ?")
                .execute(arguments: [now.millisecondsSince1970])
            return db.changesCount
        }
    }

    /// How many entries the table holds (committed ones; call ``flush()`` first to count every stored entry).
    public func count() throws -> Int {
        do {
            return try pool.read { db in try Int.fetchOne(db, sql: "SELECT entries FROM signal_cache_size WHERE id = 1") ?? 0 }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "counting signal cache entries")
        }
    }

    static let writeOperation = "writing the signal cache"

    /// Runs `body` in the next group commit (starting one now) and clears the pending entries it wrote
    /// once that transaction ended, before the next one starts.
    private func inGroupCommit<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        let pending = pending
        let outcome: Result<T, any Error> = await withCheckedContinuation { continuation in
            writer.enqueue(body) { outcome in
                if case .failure(let error) = outcome {
                    pending.finish(failure: error, reported: true)
                } else {
                    pending.finish(failure: nil, reported: true)
                }
                continuation.resume(returning: outcome)
            }
        }
        do {
            return try outcome.get()
        } catch {
            throw SignalStoreError.wrapping(error, operation: operation)
        }
    }

    /// Upserts the waiting entries, then evicts the oldest entries beyond ``maximumEntries``.
    private func writePending(in db: Database) throws {
        let entries = pending.take()
        if entries.isEmpty { return }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO signal_cache (number_hash, kind, source, payload, stored_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (number_hash, kind, source) DO UPDATE SET
              payload = excluded.payload, stored_at = excluded.stored_at, expires_at = excluded.expires_at
            """)
        for entry in entries {
            try upsert.execute(arguments: [
                entry.key.phone.hex, entry.key.kind.name, entry.key.source,
                entry.payload.map { Data($0) }, entry.storedAt.millisecondsSince1970,
                entry.expiresAt.millisecondsSince1970,
            ])
        }
        let size = try Int.fetchOne(db.cachedStatement(sql: "SELECT entries FROM signal_cache_size WHERE id = 1")) ?? 0
        if size > maximumEntries {
            try db.execute(sql: """
                DELETE FROM signal_cache WHERE rowid IN
                  (SELECT rowid FROM signal_cache ORDER BY stored_at, rowid LIMIT ?)
                """, arguments: [size - maximumEntries])
        }
    }
}
