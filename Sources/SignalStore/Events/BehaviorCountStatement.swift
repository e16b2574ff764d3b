import GRDB
import GRDBSQLite

/// The one prepared statement behind the windowed behaviour counts, bound and
/// stepped through SQLite's C interface.
///
/// Five seeks answer all five counts. The country's sends are the 59 whole
/// minutes inside the hour summed from `country_send_minutes` (migration v5)
/// plus range counts of the two partial edge minutes from the events, so the
/// cost no longer grows with the country's traffic and the count stays exact
/// to the millisecond. That sum and the account's distinct numbers come back
/// as one summary row, and
/// the number's own `verification_started` events of the last 30 days come
/// back as rows that are folded here into the hour and day counts, its
/// distinct accounts and whether this account already has one. One seek per
/// count (six in all, with the pair check) cost a third more instructions in
/// SQLite. Binding by position and reading integers straight from the
/// statement skip the named-argument dictionary and row copies of the generic
/// path.
///
/// ```swift
/// let stored = try BehaviorCountStatement.run(db.cachedStatement(sql: BehaviorCountStatement.sql), query)
/// ```
enum BehaviorCountStatement {
    /// The statement. Parameters: ?1 mode, ?2 phone hash, ?3 account, ?4 country,
    /// ?5 now, ?6 hour start, ?7 day start, ?8 month start (all exclusive starts, inclusive ends),
    /// ?9 the first whole minute of the hour and ?10 the minute holding now (see ``CountrySendWindow``).
    /// The first column tells the summary row (0) from the number's event rows (1).
    static let sql = """
        SELECT 0,
          (SELECT coalesce(sum(sends), 0) FROM country_send_minutes
             WHERE mode = ?1 AND country = ?4 AND minute >= ?9 AND minute < ?10)
          + (SELECT count(*) FROM behavior_events INDEXED BY behavior_events_by_country
             WHERE mode = ?1 AND country = ?4 AND kind = 'code_sent' AND occurred_at > ?6 AND occurred_at < ?9 * 60000)
          + (SELECT count(*) FROM behavior_events INDEXED BY behavior_events_by_country
             WHERE mode = ?1 AND country = ?4 AND kind = 'code_sent' AND occurred_at >= ?10 * 60000 AND occurred_at <= ?5),
          (SELECT count(*) FROM (SELECT 1 FROM behavior_events INDEXED BY behavior_events_by_account_phone
             WHERE mode = ?1 AND account_id = ?3 AND kind = 'verification_started'
               AND occurred_at > ?8 AND occurred_at <= ?5 GROUP BY phone_hash))
        UNION ALL
        SELECT 1, occurred_at, account_id FROM behavior_events INDEXED BY behavior_events_by_phone
          WHERE mode = ?1 AND phone_hash = ?2 AND kind = 'verification_started' AND occurred_at > ?8 AND occurred_at <= ?5
        """

    /// The counts as stored, before the pending start is added.
    struct Stored: Equatable {
        var attempts1h = 0
        var attempts24h = 0
        var countrySends1h = 0
        var accountsPerPhone30d = 0
        var phonesPerAccount30d = 0
        /// Whether this account started a verification for this number in the 30 days.
        var accountHasPhone = false
    }

    /// Binds `query` to `statement` (prepared from ``sql``), steps it to the end and folds the rows.
    /// - Throws: ``SignalStoreError/databaseFailure(operation:reason:)`` when SQLite fails or the summary row is missing.
    static func run(_ statement: Statement, _ query: BehaviorCountQuery) throws -> Stored {
        let handle = statement.sqliteStatement
        let now = query.now.millisecondsSince1970
        let hourStart = now - Int64(BehaviorCounts.Window.hour * 1000)
        let dayStart = now - Int64(BehaviorCounts.Window.day * 1000)
        let monthStart = now - Int64(BehaviorCounts.Window.thirtyDays * 1000)
        // Every parameter is bound below; the reset after the rows ends the read transaction at once.
        defer { sqlite3_reset(handle) }
        try check(RawStatement.bind(query.mode.rawValue, at: 1, of: handle), handle)
        try check(RawStatement.bind(query.phone.hex, at: 2, of: handle), handle)
        try check(RawStatement.bind(query.accountID, at: 3, of: handle), handle)
        try check(RawStatement.bind(query.country, at: 4, of: handle), handle)
        try check(sqlite3_bind_int64(handle, 5, now), handle)
        try check(sqlite3_bind_int64(handle, 6, hourStart), handle)
        try check(sqlite3_bind_int64(handle, 7, dayStart), handle)
        try check(sqlite3_bind_int64(handle, 8, monthStart), handle)
        let sendWindow = CountrySendWindow(hourStart: hourStart, now: now)
        try check(sqlite3_bind_int64(handle, 9, sendWindow.firstWholeMinute), handle)
        try check(sqlite3_bind_int64(handle, 10, sendWindow.lastMinute), handle)

        var stored = Stored()
        var sawSummary = false
        var accounts = DistinctAccounts(query.accountID)
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw RawStatement.failure(status, handle, operation: operation) }
            if sqlite3_column_int64(handle, 0) == 0 {
                sawSummary = true
                stored.countrySends1h = Int(sqlite3_column_int64(handle, 1))
                stored.phonesPerAccount30d = Int(sqlite3_column_int64(handle, 2))
                continue
            }
            let occurredAt = sqlite3_column_int64(handle, 1)
            if occurredAt > hourStart { stored.attempts1h += 1 }
            if occurredAt > dayStart { stored.attempts24h += 1 }
            accounts.insert(text: sqlite3_column_text(handle, 2), count: Int(sqlite3_column_bytes(handle, 2)))
        }
        guard sawSummary else {
            throw SignalStoreError.databaseFailure(operation: operation, reason: "no result row")
        }
        stored.accountsPerPhone30d = accounts.count
        stored.accountHasPhone = accounts.containsQueried
        return stored
    }

    private static let operation = "counting behaviour events"

    private static func check(_ status: Int32, _ handle: OpaquePointer) throws {
        try RawStatement.check(status, handle, operation: operation)
    }
}
