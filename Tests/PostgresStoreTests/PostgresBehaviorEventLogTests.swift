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
}
