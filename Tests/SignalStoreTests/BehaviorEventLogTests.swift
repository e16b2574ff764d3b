import Foundation
import GRDB
import Testing
@testable import SignalStore

@Suite("Behaviour event log")
struct BehaviorEventLogTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func event(_ kind: BehaviorEvent.Kind, _ test: TestDatabase, phone: String = "+447700900123", account: String = "acct_1",
               country: String = "GB", mode: DataMode = .live, ago seconds: TimeInterval) -> BehaviorEvent {
        BehaviorEvent(kind: kind, mode: mode, phone: test.phoneKey(phone), accountID: account, country: country,
                      occurredAt: now.addingTimeInterval(-seconds))
    }

    func query(_ test: TestDatabase, phone: String = "+447700900123", account: String = "acct_1", country: String = "GB",
               mode: DataMode = .live, pending: Bool = false) -> BehaviorCountQuery {
        BehaviorCountQuery(mode: mode, phone: test.phoneKey(phone), accountID: account, country: country, now: now,
                           includingPendingStart: pending)
    }

    @Test("windows are (now - length, now]: an event exactly one window old is out, one millisecond younger is in")
    func windowEdges() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        for ago in [0, 3_599.999, 3_600, 86_399.999, 86_400, -1] {
            try await log.record(event(.verificationStarted, test, ago: ago))
            try await log.record(event(.codeSent, test, ago: ago))
        }
        let counts = try await log.counts(query(test))
        // In the hour: 0 and 3599.999 s ago; the future event (-1) is not counted.
        #expect(counts.attempts1h == 2)
        #expect(counts.countrySends1h == 2)
        // In the day: also 3600 and 86399.999 s ago.
        #expect(counts.attempts24h == 4)
    }

    @Test("modes partition the counts: test traffic never counts toward live")
    func modesPartition() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        for _ in 0..<3 {
            try await log.record(event(.verificationStarted, test, mode: .test, ago: 10))
            try await log.record(event(.codeSent, test, mode: .test, ago: 10))
        }
        try await log.record(event(.verificationStarted, test, ago: 10))
        let live = try await log.counts(query(test))
        let testMode = try await log.counts(query(test, mode: .test))
        #expect(live == BehaviorCounts(attempts1h: 1, attempts24h: 1, countrySends1h: 0, accountsPerPhone30d: 1, phonesPerAccount30d: 1))
        #expect(testMode == BehaviorCounts(attempts1h: 3, attempts24h: 3, countrySends1h: 3, accountsPerPhone30d: 1, phonesPerAccount30d: 1))
    }

    @Test("distinct accounts per phone and phones per account over 30 days")
    func distinctCounts() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
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

    @Test("the pending start counts once, and only when it adds a new account or number")
    func pendingStart() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        let empty = try await log.counts(query(test, pending: true))
        #expect(empty == BehaviorCounts(attempts1h: 1, attempts24h: 1, countrySends1h: 0, accountsPerPhone30d: 1, phonesPerAccount30d: 1))
        try await log.record(event(.verificationStarted, test, account: "acct_1", ago: 60))
        let repeated = try await log.counts(query(test, pending: true))
        #expect(repeated == BehaviorCounts(attempts1h: 2, attempts24h: 2, countrySends1h: 0, accountsPerPhone30d: 1, phonesPerAccount30d: 1))
        let otherAccount = try await log.counts(query(test, account: "acct_2", pending: true))
        #expect(otherAccount.accountsPerPhone30d == 2)
        #expect(otherAccount.phonesPerAccount30d == 1)
    }

    @Test("country sends count every account's code_sent events for that country only")
    func countrySends() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        try await log.record(event(.codeSent, test, phone: "+447700900001", account: "x", ago: 5))
        try await log.record(event(.codeSent, test, phone: "+447700900002", account: "y", ago: 50))
        try await log.record(event(.codeSent, test, phone: "+33612345678", account: "y", country: "FR", ago: 50))
        try await log.record(event(.codeCheckedWrong, test, ago: 5))
        #expect(try await log.counts(query(test)).countrySends1h == 2)
        #expect(try await log.counts(query(test, country: "FR")).countrySends1h == 1)
    }

    @Test("an event recorded in the caller's transaction rolls back with it")
    func recordInTransaction() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await test.database.pool.write { db in
                try log.record(event(.verificationStarted, test, ago: 1), in: db)
                throw Abort()
            }
        }
        #expect(try await log.counts(query(test)).attempts1h == 0)
        try await test.database.pool.write { db in try log.record(event(.verificationStarted, test, ago: 1), in: db) }
        #expect(try await log.counts(query(test)).attempts1h == 1)
    }

    @Test("counts inside the caller's transaction see its own uncommitted events")
    func countsInTransaction() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        let inside = try await test.database.pool.write { db in
            try log.record(event(.verificationStarted, test, ago: 5), in: db)
            try log.record(event(.codeSent, test, ago: 5), in: db)
            return try log.counts(query(test), in: db)
        }
        #expect(inside == BehaviorCounts(attempts1h: 1, attempts24h: 1, countrySends1h: 1, accountsPerPhone30d: 1, phonesPerAccount30d: 1))
    }

    @Test("concurrent counts on the shared prepared statement all get the same answer")
    func concurrentCounts() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        for (index, account) in ["a", "b", "c"].enumerated() {
            try await log.record(event(.verificationStarted, test, account: account, ago: Double(index) * 4_000))
            try await log.record(event(.codeSent, test, account: account, ago: 10))
        }
        let expected = BehaviorCounts(attempts1h: 2, attempts24h: 4, countrySends1h: 3, accountsPerPhone30d: 3, phonesPerAccount30d: 1)
        let answers = try await withThrowingTaskGroup(of: BehaviorCounts.self) { group in
            for _ in 0..<64 {
                group.addTask { try await log.counts(query(test, account: "a", pending: true)) }
            }
            var answers: [BehaviorCounts] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
        #expect(answers.count == 64)
        #expect(answers.allSatisfy { $0 == expected })
    }

    @Test("pruning removes events past the retention and keeps the rest")
    func prune() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        let retention = SQLiteBehaviorEventLog.defaultRetention
        try await log.record(event(.verificationStarted, test, ago: retention + 1))
        try await log.record(event(.verificationStarted, test, ago: retention))
        try await log.record(event(.verificationStarted, test, ago: retention - 1))
        #expect(try await log.prune(now: now) == 2)
        let left = try await test.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM behavior_events") }
        #expect(left == 1)
    }

    @Test("a retention shorter than the 30-day window is refused")
    func retentionTooShort() throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        #expect(throws: SignalStoreError.self) {
            try SQLiteBehaviorEventLog(database: test.database, retention: 86_400)
        }
    }

    @Test("the counts are answered from index seeks only: four on the events, one on the send counters, no scan, no temporary B-tree")
    func queryPlanUsesIndexes() throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let plan = try test.database.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteBehaviorEventLog.countsSQLForInspection,
                             arguments: ["live", "x", "a", "GB", 10, 1, 1, 1, 1, 1])
                .map { $0["detail"] as String }
        }
        #expect(!plan.isEmpty)
        #expect(plan.allSatisfy { !$0.hasPrefix("SCAN behavior_events") && !$0.hasPrefix("SCAN country_send_minutes") })
        let seeks = plan.filter { $0.contains("COVERING INDEX") }
        #expect(seeks.count == 4)
        #expect(seeks.filter { $0.contains("behavior_events_by_country") }.count == 2)
        for index in ["behavior_events_by_account_phone", "behavior_events_by_phone "] {
            #expect(seeks.contains { $0.contains(index) }, "no seek on \(index)")
        }
        #expect(plan.contains { $0.hasPrefix("SEARCH country_send_minutes USING PRIMARY KEY (mode=? AND country=? AND minute>") })
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
    }

    @Test("counts agree with a plain recount of the events for every number, account and country, pending or not")
    func countsMatchReference() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        let phones = ["+447700900001", "+447700900002", "+447700900003", "+33612345678"]
        let accounts = ["a", "b", "", "acct_with_a_long_identifier_0123456789"]
        let countries = ["GB", "FR"]
        // Times straddle every window edge (exclusive start, inclusive end), the
        // future, and the retention margin past 30 days.
        let agos: [TimeInterval] = [-1, 0, 1, 3_599.999, 3_600, 3_600.001, 86_399.999, 86_400, 86_400.001,
                                    29 * 86_400, 30 * 86_400 - 0.001, 30 * 86_400, 30 * 86_400 + 1]
        // Co-prime strides walk every combination of the lists in a fixed order.
        let kinds = BehaviorEvent.Kind.allCases
        let events = (0..<400).map { index in
            let phone = phones[index % phones.count]
            return BehaviorEvent(
                kind: kinds[(index / 3) % kinds.count], mode: index % 5 < 3 ? .live : .test,
                phone: test.phoneKey(phone), accountID: accounts[(index / 7) % accounts.count],
                country: phone.hasPrefix("+33") ? "FR" : countries[(index / 11) % countries.count],
                occurredAt: now.addingTimeInterval(-agos[(index * 5) % agos.count])
            )
        }
        try await test.database.pool.write { db in
            for event in events { try log.record(event, in: db) }
        }
        for mode in [DataMode.live, .test] {
            for phone in phones {
                for account in accounts {
                    for country in countries {
                        for pending in [false, true] {
                            let query = BehaviorCountQuery(mode: mode, phone: test.phoneKey(phone), accountID: account,
                                                           country: country, now: now, includingPendingStart: pending)
                            let counted = try await log.counts(query)
                            #expect(counted == Self.recount(events, query), "\(mode) \(phone) \(account) \(country) \(pending)")
                        }
                    }
                }
            }
        }
    }

    /// SIGNALS.md's definitions applied to the events one by one.
    static func recount(_ events: [BehaviorEvent], _ query: BehaviorCountQuery) -> BehaviorCounts {
        func within(_ event: BehaviorEvent, _ window: TimeInterval) -> Bool {
            let age = query.now.millisecondsSince1970 - event.occurredAt.millisecondsSince1970
            return age >= 0 && age < Int64(window * 1000)
        }
        let starts = events.filter { $0.mode == query.mode && $0.kind == .verificationStarted }
        let phoneStarts = starts.filter { $0.phone == query.phone }
        let accountStarts = starts.filter { $0.accountID == query.accountID && within($0, BehaviorCounts.Window.thirtyDays) }
        var accountsOfPhone = Set(phoneStarts.filter { within($0, BehaviorCounts.Window.thirtyDays) }.map(\.accountID))
        var phonesOfAccount = Set(accountStarts.map(\.phone))
        let pending = query.includingPendingStart ? 1 : 0
        if query.includingPendingStart {
            accountsOfPhone.insert(query.accountID)
            phonesOfAccount.insert(query.phone)
        }
        return BehaviorCounts(
            attempts1h: phoneStarts.filter { within($0, BehaviorCounts.Window.hour) }.count + pending,
            attempts24h: phoneStarts.filter { within($0, BehaviorCounts.Window.day) }.count + pending,
            countrySends1h: events.filter {
                $0.mode == query.mode && $0.kind == .codeSent && $0.country == query.country && within($0, BehaviorCounts.Window.hour)
            }.count,
            accountsPerPhone30d: accountsOfPhone.count,
            phonesPerAccount30d: phonesOfAccount.count
        )
    }

    @Test("the event log stores the keyed hash, never the number")
    func noNumberInClear() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        try await log.record(event(.verificationStarted, test, ago: 1))
        let stored = try await test.database.pool.read { db in try String.fetchOne(db, sql: "SELECT phone_hash FROM behavior_events") }
        #expect(stored == test.phoneKey("+447700900123").hex)
    }
}
