import Foundation
import PostgresNIO
import SignalStore

/// The behaviour event log in PostgreSQL, counted exactly as the SQLite log
/// counts (`SQLiteBehaviorEventLog`): each window is `(now - length, now]`,
/// the country's sends come from the per-minute counters of
/// `country_send_minutes` plus the two partial edge minutes from the events,
/// and a pending start adds itself to the attempts and, when this account has
/// not started a verification for this number in 30 days, one new pair to
/// both distinct counts.
///
/// ```swift
/// let counts = try await database.events.counts(BehaviorCountQuery(
///     mode: .live, phone: phoneKey, accountID: "acct_123", country: "GB", now: Date()))
/// ```
public final class PostgresBehaviorEventLog: BehaviorEventLog {
    /// The default retention: the longest window (30 days) plus one day of margin.
    public static let defaultRetention: TimeInterval = BehaviorCounts.Window.thirtyDays + 86_400

    private let lanes: PostgresLanePool
    /// How long events are kept by ``prune(now:)``.
    public let retention: TimeInterval

    init(lanes: PostgresLanePool, retention: TimeInterval) {
        self.lanes = lanes
        self.retention = retention
    }

    /// Records one event in its own transaction.
    public func record(_ event: BehaviorEvent) async throws {
        try await run("recording a behaviour event") { session in
            try Self.record(event, in: session)
        }
    }

    /// Records `event` on `session`, inside whatever transaction it is in, with its traffic counters; a resend
    /// request is kept only in the counters.
    static func record(_ event: BehaviorEvent, in session: PostgresSession) throws {
        try recordTraffic(event, in: session)
        guard event.kind != .resendRequested else { return }
        try session.query("""
            INSERT INTO behavior_events (mode, kind, phone_hash, account_id, country, occurred_at)
            VALUES (\(event.mode.rawValue), \(event.kind.rawValue), \(event.phone.hex), \(event.accountID),
                    \(event.country), \(PostgresTime.milliseconds(event.occurredAt)))
            """)
    }

    /// Counts `event` in the traffic counters under each of its keys, in one statement: a request (with its
    /// log rows), a send, or a confirmation in the minute and hour of the verification's last send; a start
    /// also marks its number in its block.
    private static func recordTraffic(_ event: BehaviorEvent, in session: PostgresSession) throws {
        guard let fact = TrafficFact(event) else { return }
        let keys = TrafficCounterKey.all(country: event.country, traffic: event.traffic)
        let block = event.kind == .verificationStarted ? event.traffic.map { TrafficCounterKey.block($0.blockHash) } : nil
        let requests = Int64(fact.requests), sends = Int64(fact.sends), confirmed = Int64(fact.confirmed)
        try session.query("""
            WITH keys AS (SELECT unnest(\(keys)::text[]) AS key),
            minutes AS (
                INSERT INTO traffic_minutes AS counted (mode, key, minute, requests, sends, confirmed)
                SELECT \(event.mode.rawValue), key, \(fact.minute), \(requests), \(sends), \(confirmed) FROM keys
                ON CONFLICT (mode, key, minute) DO UPDATE SET requests = counted.requests + excluded.requests,
                    sends = counted.sends + excluded.sends, confirmed = counted.confirmed + excluded.confirmed),
            hours AS (
                INSERT INTO traffic_hours AS counted (mode, key, hour, requests, sends, confirmed)
                SELECT \(event.mode.rawValue), key, \(fact.hour), \(requests), \(sends), \(confirmed) FROM keys
                ON CONFLICT (mode, key, hour) DO UPDATE SET requests = counted.requests + excluded.requests,
                    sends = counted.sends + excluded.sends, confirmed = counted.confirmed + excluded.confirmed),
            logged AS (
                INSERT INTO traffic_requests (mode, key, occurred_at)
                SELECT \(event.mode.rawValue), key, \(fact.at) FROM keys WHERE \(requests) > 0)
            INSERT INTO block_numbers AS marked (mode, block, phone_hash, started_at)
            SELECT \(event.mode.rawValue), block, \(event.phone.hex), \(fact.at)
            FROM (SELECT \(block)::text AS block) AS started WHERE block IS NOT NULL
            ON CONFLICT (mode, block, phone_hash) DO UPDATE SET started_at = greatest(marked.started_at, excluded.started_at)
            """)
    }

    /// The windowed counts of `query`, from the indexes.
    public func counts(_ query: BehaviorCountQuery) async throws -> BehaviorCounts {
        let now = PostgresTime.milliseconds(query.now)
        let hour = now - Int64(BehaviorCounts.Window.hour * 1000)
        let day = now - Int64(BehaviorCounts.Window.day * 1000)
        let month = now - Int64(BehaviorCounts.Window.thirtyDays * 1000)
        // The country's sends: whole minutes from the counters, the two edge minutes from the events.
        let sendWindow = CountrySendWindow(hourStart: hour, now: now)
        let firstWholeMinuteStart = sendWindow.firstWholeMinute * CountrySendWindow.millisecondsPerMinute
        let lastMinuteStart = sendWindow.lastMinute * CountrySendWindow.millisecondsPerMinute
        let mode = query.mode.rawValue
        let phone = query.phone.hex
        let account = query.accountID
        let row = try await run("counting behaviour events") { session in
            let rows = try session.query("""
                SELECT
                  (SELECT count(*) FROM behavior_events
                     WHERE mode = \(mode) AND phone_hash = \(phone) AND kind = 'verification_started'
                       AND occurred_at > \(hour) AND occurred_at <= \(now)),
                  (SELECT count(*) FROM behavior_events
                     WHERE mode = \(mode) AND phone_hash = \(phone) AND kind = 'verification_started'
                       AND occurred_at > \(day) AND occurred_at <= \(now)),
                  (SELECT coalesce(sum(sends), 0) FROM country_send_minutes
                     WHERE mode = \(mode) AND country = \(query.country)
                       AND minute >= \(sendWindow.firstWholeMinute) AND minute < \(sendWindow.lastMinute))::bigint
                  + (SELECT count(*) FROM behavior_events
                     WHERE mode = \(mode) AND country = \(query.country) AND kind = 'code_sent'
                       AND occurred_at > \(hour) AND occurred_at < \(firstWholeMinuteStart))
                  + (SELECT count(*) FROM behavior_events
                     WHERE mode = \(mode) AND country = \(query.country) AND kind = 'code_sent'
                       AND occurred_at >= \(lastMinuteStart) AND occurred_at <= \(now)),
                  (SELECT count(DISTINCT account_id) FROM behavior_events
                     WHERE mode = \(mode) AND phone_hash = \(phone) AND kind = 'verification_started'
                       AND occurred_at > \(month) AND occurred_at <= \(now)),
                  (SELECT count(DISTINCT phone_hash) FROM behavior_events
                     WHERE mode = \(mode) AND account_id = \(account) AND kind = 'verification_started'
                       AND occurred_at > \(month) AND occurred_at <= \(now)),
                  EXISTS (SELECT 1 FROM behavior_events
                     WHERE mode = \(mode) AND phone_hash = \(phone) AND kind = 'verification_started'
                       AND account_id = \(account) AND occurred_at > \(month) AND occurred_at <= \(now))
                """)
            guard let row = rows.first else {
                throw SignalStoreError.databaseFailure(operation: "counting behaviour events", reason: "no result row")
            }
            return try row.decode((Int64, Int64, Int64, Int64, Int64, Bool).self)
        }
        let pending = query.includingPendingStart ? 1 : 0
        let addsNewPair = query.includingPendingStart && !row.5 ? 1 : 0
        var counts = BehaviorCounts(
            attempts1h: Int(row.0) + pending,
            attempts24h: Int(row.1) + pending,
            countrySends1h: Int(row.2),
            accountsPerPhone30d: Int(row.3) + addsNewPair,
            phonesPerAccount30d: Int(row.4) + addsNewPair
        )
        if let traffic = query.traffic {
            counts.traffic = try await trafficCounts(query, traffic: traffic)
        }
        return counts
    }

    private static let trafficSQL = TrafficCountStatement.text(for: .postgres)

    /// The traffic signals of `query`'s number: the same statement and windows as the SQLite store's.
    private func trafficCounts(_ query: BehaviorCountQuery, traffic: TrafficKeys) async throws -> TrafficCounts {
        let windows = TrafficWindows(now: PostgresTime.milliseconds(query.now))
        var binds = PostgresBindings(capacity: 15)
        binds.append(query.mode.rawValue)
        binds.append(TrafficCounterKey.country(query.country))
        binds.append(TrafficCounterKey.prefix(traffic.prefix))
        binds.append(TrafficCounterKey.block(traffic.blockHash))
        if let network = traffic.network { binds.append(TrafficCounterKey.network(network)) } else { binds.appendNull() }
        for value in [
            windows.now, windows.start1h, windows.firstWholeMinute1h, windows.nowMinute, windows.start10m,
            windows.firstWholeMinute10m, windows.cohortMinuteEnd, windows.cohortHourEnd, windows.baselineHour,
        ] {
            binds.append(value)
        }
        binds.append(query.phone.hex)
        let statement = PostgresQuery(unsafeSQL: Self.trafficSQL, binds: binds)
        let tallies = try await run("counting traffic") { session in
            var tallies = TrafficTallies()
            for row in try session.query(statement) {
                let (tag, first, second, third, fourth) = try row.decode((Int64, Int64, Int64, Int64, Int64).self)
                tallies.add(tag: tag, Int(first), Int(second), Int(third), Int(fourth))
            }
            return tallies
        }
        return TrafficCounts(tallies, hasNetwork: traffic.network != nil)
    }

    /// Deletes events at least ``retention`` older than `now`, and the traffic counters older than theirs
    /// (minutes: 24 h 10 min; hours: 8 days; request log: 2 h; block numbers: 1 h), in one transaction.
    /// - Returns: how many events were deleted.
    public func prune(now: Date) async throws -> Int {
        let moment = PostgresTime.milliseconds(now)
        let cutoff = moment - Int64(retention * 1000)
        let minute = TrafficWindows.minute(of: moment - TrafficWindows.minuteRetention)
        let hour = TrafficWindows.hour(of: moment - TrafficWindows.hourRetention)
        let requestCutoff = moment - TrafficWindows.requestLogRetention
        let blockCutoff = moment - TrafficWindows.blockNumberRetention
        return try await run("pruning behaviour events") { session in
            try session.transaction {
                let pruned = try session.execute("DELETE FROM behavior_events WHERE occurred_at <= \(cutoff)")
                _ = try session.execute("DELETE FROM traffic_minutes WHERE minute < \(minute)")
                _ = try session.execute("DELETE FROM traffic_hours WHERE hour < \(hour)")
                _ = try session.execute("DELETE FROM traffic_requests WHERE occurred_at <= \(requestCutoff)")
                _ = try session.execute("DELETE FROM block_numbers WHERE started_at <= \(blockCutoff)")
                return pruned
            }
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
