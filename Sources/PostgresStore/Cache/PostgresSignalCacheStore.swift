import Foundation
import PostgresNIO
import SignalStore

/// The signal cache's table in PostgreSQL, shared by every instance on the
/// database and bounded to a maximum number of entries: a write beyond the
/// bound evicts the oldest entries (by `stored_at`). The row count is kept by
/// triggers, so the bound costs one primary-key read per write, never a scan.
///
/// ```swift
/// let cache = SignalCache(store: database.cache, codec: .json(CarrierFacts.self))
/// ```
public final class PostgresSignalCacheStore: SignalCacheStore {
    private let lanes: PostgresLanePool
    /// The most entries kept.
    public let maximumEntries: Int

    init(lanes: PostgresLanePool, maximumEntries: Int) {
        self.lanes = lanes
        self.maximumEntries = maximumEntries
    }

    /// The entry for `key`, expired or not, or `nil`.
    public func entry(for key: SignalCacheKey) async throws -> SignalCacheEntry? {
        try await run("reading the signal cache") { session in
            let rows = try session.query("""
                SELECT payload, stored_at, expires_at FROM signal_cache
                WHERE number_hash = \(key.phone.hex) AND kind = \(key.kind.name) AND source = \(key.source)
                """)
            guard let row = rows.first else { return nil }
            let (payload, storedAt, expiresAt) = try row.decode((Data?, Int64, Int64).self)
            return SignalCacheEntry(
                key: key, payload: payload.map { Array($0) },
                storedAt: PostgresTime.date(storedAt), expiresAt: PostgresTime.date(expiresAt))
        }
    }

    /// Upserts `entry`, then evicts the oldest entries beyond ``maximumEntries``.
    public func store(_ entry: SignalCacheEntry) async throws {
        let maximum = Int64(maximumEntries)
        try await run("writing the signal cache") { session in
            try session.transaction {
                try session.query("""
                    INSERT INTO signal_cache (number_hash, kind, source, payload, stored_at, expires_at)
                    VALUES (\(entry.key.phone.hex), \(entry.key.kind.name), \(entry.key.source),
                            \(entry.payload.map { Data($0) }), \(PostgresTime.milliseconds(entry.storedAt)),
                            \(PostgresTime.milliseconds(entry.expiresAt)))
                    ON CONFLICT (number_hash, kind, source) DO UPDATE SET
                      payload = excluded.payload, stored_at = excluded.stored_at, expires_at = excluded.expires_at
                    """)
                let size = try session.query("SELECT entries FROM signal_cache_size WHERE id = 1")
                    .first?.decode(Int64.self) ?? 0
                if size > maximum {
                    try session.query("""
                        DELETE FROM signal_cache WHERE (number_hash, kind, source) IN
                          (SELECT number_hash, kind, source FROM signal_cache ORDER BY stored_at LIMIT \(size - maximum))
                        """)
                }
            }
        }
    }

    /// Deletes every entry that expired at or before `now`; returns how many.
    public func removeExpired(now: Date) async throws -> Int {
        try await run("removing expired signal cache entries") { session in
            try session.execute("DELETE FROM signal_cache WHERE expires_at <= \(PostgresTime.milliseconds(now))")
        }
    }

    /// How many entries the table holds.
    public func count() async throws -> Int {
        try await run("counting signal cache entries") { session in
            Int(try session.query("SELECT entries FROM signal_cache_size WHERE id = 1").first?.decode(Int64.self) ?? 0)
        }
    }

    private func run<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        do {
            return try await lanes.run(body)
        } catch {
            throw PostgresErrorText.storeFailure(error, operation: operation)
        }
    }
}
