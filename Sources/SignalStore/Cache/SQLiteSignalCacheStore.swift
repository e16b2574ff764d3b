import Foundation
import GRDB

/// The signal cache's table in the SQLite file, bounded to a maximum number
/// of entries: a write beyond the bound evicts the oldest entries (by
/// `stored_at`). The row count is kept by triggers, so the bound costs one
/// primary-key read per write, never a scan.
///
/// ```swift
/// let store = try SQLiteSignalCacheStore(database: database, maximumEntries: 1_000_000)
/// ```
public final class SQLiteSignalCacheStore: SignalCacheStore {
    let pool: DatabasePool
    // Point reads go through a connection of their own: see SignalDatabase.makeReadOnlyConnection.
    let reader: DatabaseQueue
    private let pointRead = PreparedStatementSlot(sql: SQLiteSignalCacheStore.pointReadSQL)
    /// The most entries kept.
    public let maximumEntries: Int

    /// Creates the store over `database`.
    /// - Parameters:
    ///   - database: the open database.
    ///   - maximumEntries: the bound (at least 1).
    /// - Throws: ``SignalStoreError/invalidSetting(name:reason:)`` for a bound under 1.
    public init(database: SignalDatabase, maximumEntries: Int = 1_000_000) throws {
        guard maximumEntries >= 1 else {
            throw SignalStoreError.invalidSetting(name: "signal cache size", reason: "\(maximumEntries) is below 1")
        }
        self.pool = database.pool
        self.reader = try database.makeReadOnlyConnection()
        self.maximumEntries = maximumEntries
    }

    /// The entry for `key`, expired or not, or `nil`.
    public func entry(for key: SignalCacheKey) async throws -> SignalCacheEntry? {
        try entryNow(for: key)
    }

    /// The entry for `key`, read synchronously on the calling thread: one
    /// primary-key lookup, no hop to another executor.
    public func entryNow(for key: SignalCacheKey) throws -> SignalCacheEntry? {
        do {
            return try reader.unsafeReentrantRead { db in try Self.readEntry(key, with: pointRead.statement(in: db)) }
        } catch {
            throw SignalStoreError.wrapping(error, operation: Self.readOperation)
        }
    }

    /// Upserts `entry`, then evicts the oldest entries beyond ``maximumEntries``.
    public func store(_ entry: SignalCacheEntry) async throws {
        let maximum = maximumEntries
        do {
            try await pool.write { db in
                try db.cachedStatement(sql: """
                    INSERT INTO signal_cache (number_hash, kind, source, payload, stored_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (number_hash, kind, source) DO UPDATE SET
                      payload = excluded.payload, stored_at = excluded.stored_at, expires_at = excluded.expires_at
                    """).execute(arguments: [
                        entry.key.phone.hex, entry.key.kind.name, entry.key.source,
                        entry.payload.map { Data($0) }, entry.storedAt.millisecondsSince1970,
                        entry.expiresAt.millisecondsSince1970,
                    ])
                let size = try Int.fetchOne(db, sql: "SELECT entries FROM signal_cache_size WHERE id = 1") ?? 0
                if size > maximum {
                    try db.execute(sql: """
                        DELETE FROM signal_cache WHERE rowid IN
                          (SELECT rowid FROM signal_cache ORDER BY stored_at, rowid LIMIT ?)
                        """, arguments: [size - maximum])
                }
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "writing the signal cache")
        }
    }

    /// Deletes every entry that expired at or before `now`; returns how many.
    public func removeExpired(now: Date) async throws -> Int {
        do {
            return try await pool.write { db in
                try db.execute(sql: "DELETE FROM signal_cache WHERE expires_at <= ?", arguments: [now.millisecondsSince1970])
                return db.changesCount
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "removing expired signal cache entries")
        }
    }

    /// How many entries the table holds.
    public func count() throws -> Int {
        do {
            return try pool.read { db in try Int.fetchOne(db, sql: "SELECT entries FROM signal_cache_size WHERE id = 1") ?? 0 }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "counting signal cache entries")
        }
    }
}
