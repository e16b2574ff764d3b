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

    /// Records `event` on `session`, inside whatever transaction it is in.
    static func record(_ event: BehaviorEvent, in session: PostgresSession) throws {
        try session.query("""
            INSERT INTO behavior_events (mode, kind, phone_hash, account_id, country, occurred_at)
            VALUES (\(event.mode.rawValue), \(event.kind.rawValue), \(event.phone.hex), \(event.accountID),
                    \(event.country), \(PostgresTime.milliseconds(event.occurredAt)))
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
        return BehaviorCounts(
            attempts1h: Int(row.0) + pending,
            attempts24h: Int(row.1) + pending,
            countrySends1h: Int(row.2),
            accountsPerPhone30d: Int(row.3) + addsNewPair,
            phonesPerAccount30d: Int(row.4) + addsNewPair
        )
    }

    /// Deletes events at least ``retention`` older than `now`; returns how many.
    public func prune(now: Date) async throws -> Int {
        let cutoff = PostgresTime.milliseconds(now) - Int64(retention * 1000)
        return try await run("pruning behaviour events") { session in
            try session.execute("DELETE FROM behavior_events WHERE occurred_at <= \(cutoff)")
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
