import Foundation
@testable import PostgresStore
import SignalStore
import Testing

@Suite("PostgreSQL behaviour event log", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresBehaviorEventLogTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func event(_ kind: BehaviorEvent.Kind, _ test: PostgresTestDatabase, phone: String = "+447700900123",
               account: String = "acct_1", country: String = "GB", mode: DataMode = .live, ago seconds: TimeInterval) -> BehaviorEvent {
        BehaviorEvent(kind: kind, mode: mode, phone: test.phoneKey(phone), accountID: account, country: country,
                      occurredAt: now.addingTimeInterval(-seconds))
    }

    func query(_ test: PostgresTestDatabase, phone: String = "+447700900123", account: String = "acct_1", country: String = "GB",
               mode: DataMode = .live, pending: Bool = false) -> BehaviorCountQuery {
        BehaviorCountQuery(mode: mode, phone: test.phoneKey(phone), accountID: account, country: country, now: now,
                           includingPendingStart: pending)
    }

    @Test("windows are (now - length, now]: an event exactly one window old is out, one millisecond younger is in")
    func windowEdges() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            for ago in [0, 3_599.999, 3_600, 86_399.999, 86_400, -1] {
                try await log.record(event(.verificationStarted, test, ago: ago))
                try await log.record(event(.codeSent, test, ago: ago))
            }
            let counts = try await log.counts(query(test))
            #expect(counts.attempts1h == 2)
            #expect(counts.countrySends1h == 2)
            #expect(counts.attempts24h == 4)
        }
    }

    @Test("modes partition the counts: test traffic never counts toward live")
    func modesPartition() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            for _ in 0..<3 {
                try await log.record(event(.verificationStarted, test, mode: .test, ago: 10))
                try await log.record(event(.codeSent, test, mode: .test, ago: 10))
            }
            try await log.record(event(.verificationStarted, test, ago: 10))
            #expect(try await log.counts(query(test)) == BehaviorCounts(
                attempts1h: 1, attempts24h: 1, countrySends1h: 0, accountsPerPhone30d: 1, phonesPerAccount30d: 1))
            #expect(try await log.counts(query(test, mode: .test)) == BehaviorCounts(
                attempts1h: 3, attempts24h: 3, countrySends1h: 3, accountsPerPhone30d: 1, phonesPerAccount30d: 1))
        }
    }

    @Test("distinct accounts per phone and phones per account over 30 days")
    func distinctCounts() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            let day: TimeInterval = 86_400
            try await log.record(event(.verificationStarted, test, account: "a", ago: 1 * day))
            try await log.record(event(.verificationStarted, test, account: "a", ago: 2 * day))
            try await log.record(event(.verificationStarted, test, account: "b", ago: 29 * day))
            try await log.record(event(.verificationStarted, test, account: "c", ago: 30 * day))
            try await log.record(event(.verificationStarted, test, phone: "+447700900999", account: "a", ago: 5 * day))
            try await log.record(event(.verificationStarted, test, phone: "+447700900888", account: "a", ago: 31 * day))
            try await log.record(event(.codeSent, test, phone: "+447700900777", account: "a", ago: 1 * day))
            let forA = try await log.counts(query(test, account: "a"))
            #expect(forA.accountsPerPhone30d == 2)
            #expect(forA.phonesPerAccount30d == 2)
            #expect(forA.attempts24h == 0)
            #expect(forA.countrySends1h == 0)
        }
    }

    @Test("the pending start counts once, and only when it adds a new account or number")
    func pendingStart() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            #expect(try await log.counts(query(test, pending: true)) == BehaviorCounts(
                attempts1h: 1, attempts24h: 1, countrySends1h: 0, accountsPerPhone30d: 1, phonesPerAccount30d: 1))
            try await log.record(event(.verificationStarted, test, account: "acct_1", ago: 60))
            #expect(try await log.counts(query(test, pending: true)) == BehaviorCounts(
                attempts1h: 2, attempts24h: 2, countrySends1h: 0, accountsPerPhone30d: 1, phonesPerAccount30d: 1))
            let otherAccount = try await log.counts(query(test, account: "acct_2", pending: true))
            #expect(otherAccount.accountsPerPhone30d == 2)
            #expect(otherAccount.phonesPerAccount30d == 1)
        }
    }

    @Test("country sends count every account's code_sent events for that country only")
    func countrySends() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            try await log.record(event(.codeSent, test, phone: "+447700900001", account: "x", ago: 5))
            try await log.record(event(.codeSent, test, phone: "+447700900002", account: "y", ago: 50))
            try await log.record(event(.codeSent, test, phone: "+33612345678", account: "y", country: "FR", ago: 50))
            try await log.record(event(.codeCheckedWrong, test, ago: 5))
            #expect(try await log.counts(query(test)).countrySends1h == 2)
            #expect(try await log.counts(query(test, country: "FR")).countrySends1h == 1)
        }
    }

    @Test("an event recorded in a verification write rolls back with it")
    func recordInTransaction() async throws {
        try await PostgresTestDatabase.with { test in
            struct Abort: Error {}
            let started = event(.verificationStarted, test, ago: 1)
            await #expect(throws: Abort.self) {
                try await test.database.verifications.write("abort") { tx in
                    try tx.record(started)
                    throw Abort()
                }
            }
            #expect(try await test.database.events.counts(query(test)).attempts1h == 0)
            try await test.database.verifications.write("record") { tx in try tx.record(started) }
            #expect(try await test.database.events.counts(query(test)).attempts1h == 1)
        }
    }

    @Test("pruning removes events past the retention and keeps the rest")
    func prune() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            let retention = PostgresBehaviorEventLog.defaultRetention
            try await log.record(event(.verificationStarted, test, ago: retention + 1))
            try await log.record(event(.verificationStarted, test, ago: retention))
            try await log.record(event(.verificationStarted, test, ago: retention - 1))
            #expect(try await log.prune(now: now) == 2)
            #expect(try await test.rows("SELECT count(*) FROM behavior_events").first?.decode(Int64.self) == 1)
        }
    }

    @Test("a retention shorter than the 30-day window is refused")
    func retentionTooShort() async throws {
        var options = PostgresSignalDatabase.Options()
        options.eventRetention = 86_400
        let url = try PostgresTestServer.requireURL()
        await #expect {
            try await PostgresSignalDatabase(url: url, environment: PostgresTestDatabase.environment, options: options)
        } throws: { error in
            guard case PostgresStoreError.invalidSetting(let name, _) = error else { return false }
            return name == "event retention"
        }
    }

    @Test("the event log stores the keyed hash, never the number")
    func noNumberInClear() async throws {
        try await PostgresTestDatabase.with { test in
            try await test.database.events.record(event(.verificationStarted, test, ago: 1))
            let stored = try await test.rows("SELECT phone_hash FROM behavior_events").first?.decode(String.self)
            #expect(stored == test.phoneKey("+447700900123").hex)
        }
    }

    // The per-minute send counters (migration v5_country_send_minutes), as in SignalStore's CountrySendMinutesTests.

    /// A `now` exactly on a minute boundary (1_790_000_040 s = minute 29_833_334).
    static let boundary = Date(timeIntervalSince1970: 1_790_000_040)

    func send(_ test: PostgresTestDatabase, at date: Date, country: String = "GB", mode: DataMode = .live) -> BehaviorEvent {
        BehaviorEvent(kind: .codeSent, mode: mode, phone: test.phoneKey("+447700900123"), accountID: "acct_1",
                      country: country, occurredAt: date)
    }

    func sendsQuery(_ test: PostgresTestDatabase, now: Date, country: String = "GB", mode: DataMode = .live) -> BehaviorCountQuery {
        BehaviorCountQuery(mode: mode, phone: test.phoneKey("+447700900123"), accountID: "acct_1", country: country,
                           now: now, includingPendingStart: false)
    }

    /// The sends of `events` inside `(now - 1 h, now]` for the query's mode and country, counted one by one.
    static func recountSends(_ events: [BehaviorEvent], _ query: BehaviorCountQuery) -> Int {
        let end = Int64((query.now.timeIntervalSince1970 * 1000).rounded(.down))
        return events.filter { event in
            let age = end - Int64((event.occurredAt.timeIntervalSince1970 * 1000).rounded(.down))
            return event.kind == .codeSent && event.mode == query.mode && event.country == query.country && age >= 0 && age < 3_600_000
        }.count
    }

    /// Expects the counters to equal the events' code sends regrouped by floor(ms / 60000), computed here in Double.
    func expectCountersExact(_ test: PostgresTestDatabase, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        var stored: [String: Int64] = [:]
        for row in try await test.rows("SELECT mode, country, minute, sends FROM country_send_minutes") {
            let (mode, country, minute, sends) = try row.decode((String, String, Int64, Int64).self)
            stored["\(mode) \(country) \(minute)"] = sends
        }
        var regrouped: [String: Int64] = [:]
        for row in try await test.rows("SELECT mode, country, occurred_at FROM behavior_events WHERE kind = 'code_sent'") {
            let (mode, country, occurredAt) = try row.decode((String, String, Int64).self)
            regrouped["\(mode) \(country) \(Int64((Double(occurredAt) / 60_000).rounded(.down)))", default: 0] += 1
        }
        #expect(stored == regrouped, sourceLocation: sourceLocation)
    }

    @Test("country sends: exactly one hour ago is out, one millisecond later is in, with now on a minute boundary")
    func hourEdgeOnMinuteBoundary() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            for offset in [-3_600, -3_599.999, -60, -0.001, 0, 0.001] {
                try await log.record(send(test, at: Self.boundary.addingTimeInterval(offset)))
            }
            #expect(try await log.counts(sendsQuery(test, now: Self.boundary)).countrySends1h == 4)
            try await expectCountersExact(test)
        }
    }

    @Test("country sends on and next to every minute boundary count as a recount does, for now on and off a boundary")
    func minuteBoundariesMatchRecount() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            let events = (-62...2).flatMap { minute in
                [-0.001, 0, 0.001, 29.5].map { delta in send(test, at: Self.boundary.addingTimeInterval(Double(minute) * 60 + delta)) }
            } + [
                send(test, at: Self.boundary.addingTimeInterval(-600), country: "FR"),
                send(test, at: Self.boundary.addingTimeInterval(-600), mode: .test),
            ]
            try await test.database.verifications.write("sends") { tx in
                for event in events { try tx.record(event) }
            }
            for offset in [0, 0.001, -0.001, 30, 59.999, -3_600] {
                for (country, mode) in [("GB", DataMode.live), ("FR", .live), ("GB", .test)] {
                    let query = sendsQuery(test, now: Self.boundary.addingTimeInterval(offset), country: country, mode: mode)
                    #expect(try await log.counts(query).countrySends1h == Self.recountSends(events, query), "now \(offset) \(country) \(mode)")
                }
            }
            try await expectCountersExact(test)
        }
    }

    @Test("pruning inside a minute keeps its counter exact: the window over it still counts the kept sends")
    func pruningKeepsCountersExact() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            let now = Self.boundary.addingTimeInterval(30)
            let cutoff = now.addingTimeInterval(-PostgresBehaviorEventLog.defaultRetention)
            let events = [-61, -30, -0.001, 0, 0.001, 1, 29, 90].map { send(test, at: cutoff.addingTimeInterval($0)) }
                + [send(test, at: now.addingTimeInterval(-1))]
            for event in events { try await log.record(event) }
            #expect(try await log.prune(now: now) == 4)
            try await expectCountersExact(test)
            let kept = events.filter { $0.occurredAt > cutoff }
            for end in [cutoff.addingTimeInterval(60), cutoff.addingTimeInterval(1_800), now] {
                let query = sendsQuery(test, now: end)
                #expect(try await log.counts(query).countrySends1h == Self.recountSends(kept, query))
            }
        }
    }

    @Test("a rolled-back verification write leaves the send counters as they were")
    func rollbackLeavesCountersUnchanged() async throws {
        try await PostgresTestDatabase.with { test in
            let log = test.database.events
            let now = Self.boundary.addingTimeInterval(10)
            try await log.record(send(test, at: now.addingTimeInterval(-5)))
            let before = try await test.rows("SELECT sends FROM country_send_minutes").map { try $0.decode(Int64.self) }
            struct Abort: Error {}
            let sends = [send(test, at: now.addingTimeInterval(-5)), send(test, at: now.addingTimeInterval(-1_000))]
            await #expect(throws: Abort.self) {
                try await test.database.verifications.write("abort") { tx in
                    for event in sends { try tx.record(event) }
                    throw Abort()
                }
            }
            #expect(try await test.rows("SELECT sends FROM country_send_minutes").map { try $0.decode(Int64.self) } == before)
            try await expectCountersExact(test)
            #expect(try await log.counts(sendsQuery(test, now: now)).countrySends1h == 1)
        }
    }

    @Test("the migration backfills the send counters from the sends already recorded")
    func migrationBackfills() async throws {
        try await PostgresTestDatabase.with { test in
            let events = (0..<50).map { index in
                var event = send(test, at: Self.boundary.addingTimeInterval(-Double(index) * 97.5), country: index % 4 == 0 ? "FR" : "GB")
                if index % 5 == 0 { event.kind = .verificationStarted }
                return event
            }
            for event in events { try await test.database.events.record(event) }
            // Take v5 back out, as if these events had been recorded before it shipped; the next instance migrates again.
            for statement in [
                "DROP TRIGGER country_send_minutes_counted_insert ON behavior_events",
                "DROP TRIGGER country_send_minutes_counted_delete ON behavior_events",
                "DROP FUNCTION country_send_minutes_counted_insert(), country_send_minutes_counted_delete()",
                "DROP TABLE country_send_minutes",
                "DELETE FROM phonerisk_migrations WHERE identifier = 'v5_country_send_minutes'",
            ] {
                _ = try await test.rows(statement)
            }
            let reopened = try await test.openAnotherInstance()
            do {
                #expect(try await test.rows("SELECT count(*) FROM country_send_minutes").first?.decode(Int64.self) ?? 0 > 0)
                try await expectCountersExact(test)
                for country in ["GB", "FR"] {
                    let query = sendsQuery(test, now: Self.boundary.addingTimeInterval(0.5), country: country)
                    #expect(try await reopened.events.counts(query).countrySends1h == Self.recountSends(events, query))
                }
                await reopened.close()
            } catch {
                await reopened.close()
                throw error
            }
        }
    }
}
