import Foundation
import GRDB

/// The behaviour event log in the SQLite file.
///
/// ```swift
/// let events = try SQLiteBehaviorEventLog(database: database)
/// try database.pool.write { db in
///     try store.insertVerification(verification, in: db)
///     try events.record(startedEvent, in: db)   // same transaction
/// }
/// let counts = try events.countsNow(query)
/// ```
public final class SQLiteBehaviorEventLog: BehaviorEventLog {
    /// The default retention: the longest window (30 days) plus one day of margin.
    public static let defaultRetention: TimeInterval = BehaviorCounts.Window.thirtyDays + 86_400

    let pool: DatabasePool
    // Counts go through a connection of their own: see SignalDatabase.makeReadOnlyConnection.
    let reader: DatabaseQueue
    private let readerCountStatement = PreparedStatementSlot(sql: BehaviorCountStatement.sql)
    private let readerTrafficStatement = PreparedStatementSlot(sql: TrafficCountStatement.sql)
    /// How long events are kept by ``prune(now:)``.
    public let retention: TimeInterval

    /// Creates the log over `database`.
    /// - Parameters:
    ///   - database: the open database.
    ///   - retention: how long events are kept; at least 30 days so every window stays complete.
    /// - Throws: ``SignalStoreError/invalidSetting(name:reason:)`` for a retention under 30 days.
    public init(database: SignalDatabase, retention: TimeInterval = SQLiteBehaviorEventLog.defaultRetention) throws {
        guard retention >= BehaviorCounts.Window.thirtyDays, retention.isFinite else {
            throw SignalStoreError.invalidSetting(
                name: "event retention",
                reason: "\(retention) seconds is shorter than the 30-day window the counts need"
            )
        }
        self.pool = database.pool
        self.reader = try database.makeReadOnlyConnection()
        self.retention = retention
    }

    /// Records `event` inside the caller's write transaction, so it commits or
    /// rolls back with the caller's own writes.
    public func record(_ event: BehaviorEvent, in db: Database) throws {
        try Self.insert(event, in: db)
    }

    /// Inserts `event` with the caller's connection: what ``record(_:in:)`` does, for a transaction that holds
    /// no log (the verification store's).
    /// A resend request is kept only in the traffic counters.
    static func insert(_ event: BehaviorEvent, in db: Database) throws {
        try SQLiteTrafficCounters.record(event, in: db)
        guard event.kind != .resendRequested else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO behavior_events (mode, kind, phone_hash, account_id, country, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            event.mode.rawValue, event.kind.rawValue, event.phone.hex,
            event.accountID, event.country, event.occurredAt.millisecondsSince1970,
        ])
    }

    /// Records one event in its own (immediate) write transaction.
    public func record(_ event: BehaviorEvent) async throws {
        do {
            try await pool.write { db in try self.record(event, in: db) }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "recording a behaviour event")
        }
    }

    /// The windowed counts of `query`, from the indexes.
    public func counts(_ query: BehaviorCountQuery) async throws -> BehaviorCounts {
        try countsNow(query)
    }

    /// The counts of `query`, read synchronously on the calling thread (a few
    /// microseconds from the indexes; no hop to another executor).
    public func countsNow(_ query: BehaviorCountQuery) throws -> BehaviorCounts {
        do {
            return try reader.unsafeReentrantRead { db in
                var counts = Self.counts(query, from: try BehaviorCountStatement.run(readerCountStatement.statement(in: db), query))
                if let traffic = query.traffic {
                    counts.traffic = try TrafficCountStatement.run(readerTrafficStatement.statement(in: db), query, traffic: traffic)
                }
                return counts
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "counting behaviour events")
        }
    }

    /// The counts of `query` inside the caller's transaction.
    public func counts(_ query: BehaviorCountQuery, in db: Database) throws -> BehaviorCounts {
        do {
            var counts = Self.counts(query, from: try BehaviorCountStatement.run(db.cachedStatement(sql: BehaviorCountStatement.sql), query))
            if let traffic = query.traffic {
                counts.traffic = try TrafficCountStatement.run(db.cachedStatement(sql: TrafficCountStatement.sql), query, traffic: traffic)
            }
            return counts
        } catch {
            throw SignalStoreError.wrapping(error, operation: "counting behaviour events")
        }
    }

    /// The counts of `query` from the stored ones: the pending start added.
    private static func counts(_ query: BehaviorCountQuery, from stored: BehaviorCountStatement.Stored) -> BehaviorCounts {
        let pending = query.includingPendingStart ? 1 : 0
        // The pending start adds its account to the number's distinct accounts,
        // and its number to the account's distinct numbers, exactly when this
        // account has not started a verification for this number in 30 days.
        let addsNewPair = query.includingPendingStart && !stored.accountHasPhone ? 1 : 0
        return BehaviorCounts(
            attempts1h: stored.attempts1h + pending,
            attempts24h: stored.attempts24h + pending,
            countrySends1h: stored.countrySends1h,
            accountsPerPhone30d: stored.accountsPerPhone30d + addsNewPair,
            phonesPerAccount30d: stored.phonesPerAccount30d + addsNewPair
        )
    }

    /// The counting statement, for query-plan checks.
    static var countsSQLForInspection: String { BehaviorCountStatement.sql }

    /// Deletes events at least ``retention`` older than `now`, and the traffic counters older than theirs
    /// (minutes: 24 h 10 min; hours: 8 days; request log: 2 h; block numbers: 1 h).
    /// - Returns: how many events were deleted.
    public func prune(now: Date) async throws -> Int {
        let nowMilliseconds = now.millisecondsSince1970
        let cutoff = nowMilliseconds - Int64(retention * 1000)
        do {
            return try await pool.write { db in
                try db.execute(sql: "DELETE FROM behavior_events WHERE occurred_at <= ?", arguments: [cutoff])
                let pruned = db.changesCount
                try SQLiteTrafficCounters.prune(now: nowMilliseconds, in: db)
                return pruned
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "pruning behaviour events")
        }
    }
}
