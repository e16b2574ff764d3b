import GRDB
import GRDBSQLite

/// The one prepared statement behind ``TrafficCounts`` in the SQLite file,
/// bound and stepped through SQLite's C interface like the behaviour counts.
///
/// Each result row is one indexed range read, tagged with what it holds
/// (``TrafficTallies/Tag``): per key one range of `traffic_minutes` whose
/// conditional sums give the hour's and the 10 minutes' requests and the 1 h
/// cohort; the partial start minutes of the windows from `traffic_requests`;
/// for the country and the prefix the 24 h cohort and the baseline's 7 hours
/// from `traffic_hours` (the baseline through the hour-of-day index, so its 7
/// hours are adjacent); and the block's distinct numbers from
/// `block_numbers`. 15 seeks in all. The windows are ``TrafficWindows``'.
package enum TrafficCountStatement {
    /// The statement in SQLite's dialect.
    static let sql = text(for: .sqlite)

    /// The SQL databases the statement is written for.
    package enum Dialect {
        case sqlite, postgres
    }

    /// The statement in `dialect`. Parameters (`?N` or `$N`): 1 mode, 2 country key, 3 prefix key, 4 block key,
    /// 5 network key (NULL when unknown), 6 now, 7 the hour's start, 8 its first whole minute, 9 the minute
    /// holding now, 10 the 10 minutes' start, 11 their first whole minute, 12 the cohort's minute end, 13 the
    /// cohort's hour end, 14 the baseline hour, 15 the number's hash. Every row is (tag, four integers).
    package static func text(for dialect: Dialect) -> String {
        typealias Tag = TrafficTallies.Tag
        let p = dialect == .sqlite ? "?" : "$"
        // PostgreSQL's sum of BIGINT is NUMERIC and its literals are INTEGER: every column is cast to BIGINT.
        func int(_ expression: String) -> String { dialect == .sqlite ? expression : "CAST(\(expression) AS BIGINT)" }
        func row(_ tag: Int64, _ values: String...) -> String {
            "SELECT \(int(String(tag))), " + values.map(int).joined(separator: ", ")
        }
        func sum(_ column: String, when condition: String) -> String {
            "coalesce(sum(CASE WHEN \(condition) THEN \(column) END), 0)"
        }
        func hint(_ index: String) -> String { dialect == .sqlite ? " INDEXED BY \(index)" : "" }
        var rows: [String] = []
        let keys = [(Tag.country, "\(p)2"), (Tag.prefix, "\(p)3"), (Tag.block, "\(p)4"), (Tag.network, "\(p)5")]
        for (offset, key) in keys {
            let hasCohorts = offset == Tag.country || offset == Tag.prefix
            // One range from the first minute any window needs to the minute holding now.
            rows.append(row(
                offset + Tag.minutes.rawValue,
                sum("requests", when: "minute >= \(p)8"), sum("requests", when: "minute >= \(p)11"),
                hasCohorts ? sum("sends", when: "minute < \(p)12") : "0",
                hasCohorts ? sum("confirmed", when: "minute < \(p)12") : "0")
                + " FROM traffic_minutes WHERE mode = \(p)1 AND key = \(key)"
                + " AND minute >= \(hasCohorts ? "\(p)12 - 60" : "\(p)8") AND minute <= \(p)9")
            rows.append(row(offset + Tag.startEdge1h.rawValue, "count(*)", "0", "0", "0")
                + " FROM traffic_requests WHERE mode = \(p)1 AND key = \(key)"
                + " AND occurred_at > \(p)7 AND occurred_at < \(p)8 * 60000")
            if offset == Tag.prefix || offset == Tag.block {
                rows.append(row(offset + Tag.startEdge10m.rawValue, "count(*)", "0", "0", "0")
                    + " FROM traffic_requests WHERE mode = \(p)1 AND key = \(key)"
                    + " AND occurred_at > \(p)10 AND occurred_at < \(p)11 * 60000")
            }
            if hasCohorts {
                rows.append(row(offset + Tag.cohort24h.rawValue, "0", "0", "coalesce(sum(sends), 0)", "coalesce(sum(confirmed), 0)")
                    + " FROM traffic_hours WHERE mode = \(p)1 AND key = \(key) AND hour >= \(p)13 - 24 AND hour < \(p)13")
                rows.append(row(offset + Tag.baseline.rawValue, "coalesce(sum(requests), 0)", "0", "0", "0")
                    + " FROM traffic_hours\(hint("traffic_hours_by_hour_of_day")) WHERE mode = \(p)1 AND key = \(key)"
                    + " AND hour % 24 = \(p)14 % 24 AND hour >= \(p)14 - \(24 * TrafficWindows.baselineDays) AND hour <= \(p)14 - 24")
            }
        }
        rows.append(row(Tag.blockNumbers, "count(*)", "coalesce(max(CASE WHEN phone_hash = \(p)15 THEN 1 ELSE 0 END), 0)", "0", "0")
            + " FROM block_numbers\(hint("block_numbers_by_start"))"
            + " WHERE mode = \(p)1 AND block = \(p)4 AND started_at > \(p)10 AND started_at <= \(p)6")
        return rows.joined(separator: "\nUNION ALL\n")
    }

    /// Binds the query to `statement` (prepared from ``sql``), steps it to the end and folds the rows.
    /// - Parameters:
    ///   - statement: the prepared statement.
    ///   - query: the question; its ``BehaviorCountQuery/traffic`` keys are counted.
    ///   - traffic: the number's keys.
    /// - Throws: ``SignalStoreError/databaseFailure(operation:reason:)`` when SQLite fails.
    static func run(_ statement: Statement, _ query: BehaviorCountQuery, traffic: TrafficKeys) throws -> TrafficCounts {
        let handle = statement.sqliteStatement
        let windows = TrafficWindows(now: query.now.millisecondsSince1970)
        defer { sqlite3_reset(handle) }
        try check(RawStatement.bind(query.mode.rawValue, at: 1, of: handle), handle)
        try check(RawStatement.bind(TrafficCounterKey.country(query.country), at: 2, of: handle), handle)
        try check(RawStatement.bind(TrafficCounterKey.prefix(traffic.prefix), at: 3, of: handle), handle)
        try check(RawStatement.bind(TrafficCounterKey.block(traffic.blockHash), at: 4, of: handle), handle)
        if let network = traffic.network {
            try check(RawStatement.bind(TrafficCounterKey.network(network), at: 5, of: handle), handle)
        } else {
            try check(sqlite3_bind_null(handle, 5), handle)
        }
        let integers: [(Int32, Int64)] = [
            (6, windows.now), (7, windows.start1h), (8, windows.firstWholeMinute1h), (9, windows.nowMinute),
            (10, windows.start10m), (11, windows.firstWholeMinute10m), (12, windows.cohortMinuteEnd),
            (13, windows.cohortHourEnd), (14, windows.baselineHour),
        ]
        for (index, value) in integers {
            try check(sqlite3_bind_int64(handle, index, value), handle)
        }
        try check(RawStatement.bind(query.phone.hex, at: 15, of: handle), handle)

        var tallies = TrafficTallies()
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw RawStatement.failure(status, handle, operation: operation) }
            tallies.add(
                tag: sqlite3_column_int64(handle, 0), Int(sqlite3_column_int64(handle, 1)), Int(sqlite3_column_int64(handle, 2)),
                Int(sqlite3_column_int64(handle, 3)), Int(sqlite3_column_int64(handle, 4)))
        }
        return TrafficCounts(tallies, hasNetwork: traffic.network != nil)
    }

    private static let operation = "counting traffic"

    private static func check(_ status: Int32, _ handle: OpaquePointer) throws {
        try RawStatement.check(status, handle, operation: operation)
    }
}

/// The SQLite writes of the traffic counters, made next to each behaviour event in its transaction.
enum SQLiteTrafficCounters {
    /// Counts `event` under each of its keys: a request (with its log row), a send, or a confirmation in the
    /// minute and hour of the verification's last send; a start also marks its number in its block.
    static func record(_ event: BehaviorEvent, in db: Database) throws {
        guard let fact = TrafficFact(event) else { return }
        let minute = try db.cachedStatement(sql: """
            INSERT INTO traffic_minutes (mode, key, minute, requests, sends, confirmed) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (mode, key, minute) DO UPDATE SET requests = requests + excluded.requests,
                sends = sends + excluded.sends, confirmed = confirmed + excluded.confirmed
            """)
        let hour = try db.cachedStatement(sql: """
            INSERT INTO traffic_hours (mode, key, hour, requests, sends, confirmed) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (mode, key, hour) DO UPDATE SET requests = requests + excluded.requests,
                sends = sends + excluded.sends, confirmed = confirmed + excluded.confirmed
            """)
        let mode = event.mode.rawValue
        for key in TrafficCounterKey.all(country: event.country, traffic: event.traffic) {
            try minute.execute(arguments: [mode, key, fact.minute, fact.requests, fact.sends, fact.confirmed])
            try hour.execute(arguments: [mode, key, fact.hour, fact.requests, fact.sends, fact.confirmed])
            if fact.requests > 0 {
                try db.cachedStatement(sql: "INSERT INTO traffic_requests (mode, key, occurred_at) VALUES (?, ?, ?)")
                    .execute(arguments: [mode, key, fact.at])
            }
        }
        if event.kind == .verificationStarted, let traffic = event.traffic {
            try db.cachedStatement(sql: """
                INSERT INTO block_numbers (mode, block, phone_hash, started_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (mode, block, phone_hash) DO UPDATE SET started_at = max(started_at, excluded.started_at)
                """).execute(arguments: [mode, TrafficCounterKey.block(traffic.blockHash), event.phone.hex, fact.at])
        }
    }

    /// Deletes the buckets and rows older than their retention (``TrafficWindows``).
    static func prune(now: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM traffic_minutes WHERE minute < ?",
                       arguments: [TrafficWindows.minute(of: now - TrafficWindows.minuteRetention)])
        try db.execute(sql: "DELETE FROM traffic_hours WHERE hour < ?",
                       arguments: [TrafficWindows.hour(of: now - TrafficWindows.hourRetention)])
        try db.execute(sql: "DELETE FROM traffic_requests WHERE occurred_at <= ?",
                       arguments: [now - TrafficWindows.requestLogRetention])
        try db.execute(sql: "DELETE FROM block_numbers WHERE started_at <= ?",
                       arguments: [now - TrafficWindows.blockNumberRetention])
    }
}

/// What one behaviour event adds to the traffic counters, and in which buckets.
package struct TrafficFact {
    package let requests: Int
    package let sends: Int
    package let confirmed: Int
    /// The time that places it: when it happened, or for a confirmation when the verification's last code was sent.
    package let at: Int64
    package var minute: Int64 { TrafficWindows.minute(of: at) }
    package var hour: Int64 { TrafficWindows.hour(of: at) }

    /// The fact of `event`, or nil when it counts nowhere (a wrong code; a right one without its send time).
    package init?(_ event: BehaviorEvent) {
        switch event.kind {
        case .verificationStarted, .resendRequested:
            (requests, sends, confirmed, at) = (1, 0, 0, event.occurredAt.millisecondsSince1970)
        case .codeSent:
            (requests, sends, confirmed, at) = (0, 1, 0, event.occurredAt.millisecondsSince1970)
        case .codeCheckedRight:
            guard let lastSentAt = event.lastSentAt else { return nil }
            (requests, sends, confirmed, at) = (0, 0, 1, lastSentAt.millisecondsSince1970)
        case .codeCheckedWrong:
            return nil
        }
    }
}
