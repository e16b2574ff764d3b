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
    static func insert(_ event: BehaviorEvent, in db: Database) throws {
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
            return try reader.unsafeReentrantRead { db in try self.counts(query, in: db) }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "counting behaviour events")
        }
    }

    /// The counts of `query` inside the caller's transaction.
    public func counts(_ query: BehaviorCountQuery, in db: Database) throws -> BehaviorCounts {
        let now = query.now.millisecondsSince1970
        let hourStart = now - Int64(BehaviorCounts.Window.hour * 1000)
        let dayStart = now - Int64(BehaviorCounts.Window.day * 1000)
        let monthStart = now - Int64(BehaviorCounts.Window.thirtyDays * 1000)
        let statement = try db.cachedStatement(sql: Self.countsSQL)
        let arguments: StatementArguments = [
            "mode": query.mode.rawValue, "phone": query.phone.hex, "account": query.accountID,
            "country": query.country, "now": now, "hour": hourStart, "day": dayStart, "month": monthStart,
        ]
        guard let row = try Row.fetchOne(statement, arguments: arguments) else {
            throw SignalStoreError.databaseFailure(operation: "counting behaviour events", reason: "no result row")
        }
        let pending = query.includingPendingStart ? 1 : 0
        // The pending start adds its account to the number's distinct accounts,
        // and its number to the account's distinct numbers, exactly when this
        // account has not started a verification for this number in 30 days.
        let addsNewPair = query.includingPendingStart && !(row[5] as Bool)
        return BehaviorCounts(
            attempts1h: row[0] + pending,
            attempts24h: row[1] + pending,
            countrySends1h: row[2],
            accountsPerPhone30d: row[3] + (addsNewPair ? 1 : 0),
            phonesPerAccount30d: row[4] + (addsNewPair ? 1 : 0)
        )
    }

    /// The counting statement, for query-plan checks.
    static var countsSQLForInspection: String { countsSQL }

    private static let countsSQL = """
        SELECT
          (SELECT count(*) FROM behavior_events INDEXED BY behavior_events_by_phone
             WHERE mode = :mode AND phone_hash = :phone AND kind = 'verification_started'
               AND occurred_at > :hour AND occurred_at <= :now),
          (SELECT count(*) FROM behavior_events INDEXED BY behavior_events_by_phone
             WHERE mode = :mode AND phone_hash = :phone AND kind = 'verification_started'
               AND occurred_at > :day AND occurred_at <= :now),
          (SELECT count(*) FROM behavior_events INDEXED BY behavior_events_by_country
             WHERE mode = :mode AND country = :country AND kind = 'code_sent'
               AND occurred_at > :hour AND occurred_at <= :now),
          (SELECT count(*) FROM (SELECT 1 FROM behavior_events INDEXED BY behavior_events_by_phone_account
             WHERE mode = :mode AND phone_hash = :phone AND kind = 'verification_started'
               AND occurred_at > :month AND occurred_at <= :now GROUP BY account_id)),
          (SELECT count(*) FROM (SELECT 1 FROM behavior_events INDEXED BY behavior_events_by_account_phone
             WHERE mode = :mode AND account_id = :account AND kind = 'verification_started'
               AND occurred_at > :month AND occurred_at <= :now GROUP BY phone_hash)),
          EXISTS (SELECT 1 FROM behavior_events INDEXED BY behavior_events_by_phone_account
             WHERE mode = :mode AND phone_hash = :phone AND kind = 'verification_started'
               AND account_id = :account AND occurred_at > :month AND occurred_at <= :now)
        """

    /// Deletes events at least ``retention`` older than `now`; returns how many.
    public func prune(now: Date) async throws -> Int {
        let cutoff = now.millisecondsSince1970 - Int64(retention * 1000)
        do {
            return try await pool.write { db in
                try db.execute(sql: "DELETE FROM behavior_events WHERE occurred_at <= ?", arguments: [cutoff])
                return db.changesCount
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "pruning behaviour events")
        }
    }
}
