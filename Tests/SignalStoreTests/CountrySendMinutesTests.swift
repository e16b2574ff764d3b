import Foundation
import GRDB
import Testing
@testable import SignalStore

/// The per-minute send counters behind `country_sends_1h` (migration
/// `v5_country_send_minutes`): the count must equal a plain recount of the
/// events at every edge, and the counters must equal a regrouping of the
/// events after every kind of write.
@Suite("Country send counters")
struct CountrySendMinutesTests {
    /// A `now` exactly on a minute boundary (1_790_000_040 s = minute 29_833_334).
    let boundary = Date(timeIntervalSince1970: 1_790_000_040)

    func send(_ test: TestDatabase, at date: Date, country: String = "GB", mode: DataMode = .live) -> BehaviorEvent {
        BehaviorEvent(kind: .codeSent, mode: mode, phone: test.phoneKey("+447700900123"), accountID: "acct_1",
                      country: country, occurredAt: date)
    }

    func query(_ test: TestDatabase, now: Date, country: String = "GB", mode: DataMode = .live) -> BehaviorCountQuery {
        BehaviorCountQuery(mode: mode, phone: test.phoneKey("+447700900123"), accountID: "acct_1", country: country,
                           now: now, includingPendingStart: false)
    }

    /// The counters as stored, and the events' code sends regrouped by floor(ms / 60000) computed here in Double.
    static func countersAndRegrouped(_ db: Database) throws -> (stored: [String: Int], regrouped: [String: Int]) {
        var stored: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT mode, country, minute, sends FROM country_send_minutes") {
            stored["\(row[0] as String) \(row[1] as String) \(row[2] as Int64)"] = row[3]
        }
        var regrouped: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT mode, country, occurred_at FROM behavior_events WHERE kind = 'code_sent'") {
            let minute = Int64((Double(row[2] as Int64) / 60_000).rounded(.down))
            regrouped["\(row[0] as String) \(row[1] as String) \(minute)", default: 0] += 1
        }
        return (stored, regrouped)
    }

    func expectCountersExact(_ test: TestDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (stored, regrouped) = try test.database.pool.read { db in try Self.countersAndRegrouped(db) }
        #expect(stored == regrouped, sourceLocation: sourceLocation)
    }

    @Test("minutes are floored, before 1970 as well")
    func minuteOfMilliseconds() {
        let cases: [(Int64, Int64)] = [(0, 0), (59_999, 0), (60_000, 1), (-1, -1), (-60_000, -1), (-60_001, -2)]
        for (milliseconds, minute) in cases {
            #expect(CountrySendWindow.minute(of: milliseconds) == minute, "\(milliseconds)")
        }
        let window = CountrySendWindow(hourStart: 3_540_000, now: 7_140_000)
        #expect(window.firstWholeMinute == 60)
        #expect(window.lastMinute == 119)
    }

    @Test("exactly one hour ago is out, one millisecond later is in, with now on a minute boundary")
    func hourEdgeOnMinuteBoundary() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        for offset in [-3_600, -3_599.999, -60, -0.001, 0, 0.001] {
            try await log.record(send(test, at: boundary.addingTimeInterval(offset)))
        }
        // -3599.999, -60, -0.001 and 0 are inside (now - 1 h, now].
        #expect(try await log.counts(query(test, now: boundary)).countrySends1h == 4)
        try expectCountersExact(test)
    }

    @Test("sends on and next to every minute boundary of the hour count as a recount does, for now on and off a boundary")
    func minuteBoundariesMatchRecount() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        let events = (-62...2).flatMap { minute in
            [-0.001, 0, 0.001, 29.5].map { delta in send(test, at: boundary.addingTimeInterval(Double(minute) * 60 + delta)) }
        } + [
            send(test, at: boundary.addingTimeInterval(-600), country: "FR"),
            send(test, at: boundary.addingTimeInterval(-600), mode: .test),
        ]
        try await test.database.pool.write { db in
            for event in events { try log.record(event, in: db) }
        }
        for offset in [0, 0.001, -0.001, 30, 59.999, -3_600] {
            for (country, mode) in [("GB", DataMode.live), ("FR", .live), ("GB", .test)] {
                let query = query(test, now: boundary.addingTimeInterval(offset), country: country, mode: mode)
                let counted = try await log.counts(query)
                #expect(counted.countrySends1h == BehaviorEventLogTests.recount(events, query).countrySends1h,
                        "now \(offset) \(country) \(mode)")
            }
        }
        try expectCountersExact(test)
    }

    @Test("pruning inside a minute keeps its counter exact: the window over it still counts the kept sends")
    func pruningKeepsCountersExact() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        let now = boundary.addingTimeInterval(30)
        let cutoff = now.addingTimeInterval(-log.retention)
        var events: [BehaviorEvent] = []
        // The cutoff is mid-minute: each of its minutes loses some sends and keeps others.
        for offset in [-61, -30, -0.001, 0, 0.001, 1, 29, 90] {
            events.append(send(test, at: cutoff.addingTimeInterval(offset)))
        }
        events.append(send(test, at: now.addingTimeInterval(-1)))
        for event in events { try await log.record(event) }
        #expect(try await log.prune(now: now) == 4)
        try expectCountersExact(test)
        let kept = events.filter { $0.occurredAt > cutoff }
        for end in [cutoff.addingTimeInterval(60), cutoff.addingTimeInterval(1_800), now] {
            let query = query(test, now: end)
            #expect(try await log.counts(query).countrySends1h == BehaviorEventLogTests.recount(kept, query).countrySends1h)
        }
    }

    @Test("a rolled-back transaction leaves the counters as they were")
    func rollbackLeavesCountersUnchanged() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        let now = boundary.addingTimeInterval(10)
        try await log.record(send(test, at: now.addingTimeInterval(-5)))
        let before = try await test.database.pool.read { db in try Self.countersAndRegrouped(db).stored }
        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await test.database.pool.write { db in
                try log.record(send(test, at: now.addingTimeInterval(-5)), in: db)
                try log.record(send(test, at: now.addingTimeInterval(-1_000)), in: db)
                throw Abort()
            }
        }
        let after = try await test.database.pool.read { db in try Self.countersAndRegrouped(db).stored }
        #expect(after == before)
        #expect(try await log.counts(query(test, now: now)).countrySends1h == 1)
    }

    @Test("sends recorded by verification writes commit with them; a failing write in a group commit takes its sends back")
    func verificationWritesKeepCountersExact() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let log = try SQLiteBehaviorEventLog(database: test.database)
        let store = SQLiteVerificationStore(database: test.database)
        let now = boundary.addingTimeInterval(10)
        struct Refused: Error {}
        let committed = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<30 {
                group.addTask {
                    do {
                        try await store.write("send") { tx in
                            try tx.record(send(test, at: now.addingTimeInterval(-Double(index) * 100)))
                            if index % 3 == 0 { throw Refused() }
                        }
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(committed == 20)
        try expectCountersExact(test)
        // All 30 sends (0 to 2,900 s ago) are inside the hour; only the committed ones count.
        let inHour = (0..<30).filter { $0 % 3 != 0 && Double($0) * 100 < 3_600 }.count
        #expect(try await log.counts(query(test, now: now)).countrySends1h == inHour)
    }

    @Test("the migration backfills the counters from the sends already recorded")
    func migrationBackfills() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("phonerisk.sqlite")
        let keys = try TestDatabase()
        defer { keys.directory.remove() }
        let events = (0..<50).map { index in
            var event = send(keys, at: boundary.addingTimeInterval(-Double(index) * 97.5), country: index % 4 == 0 ? "FR" : "GB")
            if index % 5 == 0 { event.kind = .verificationStarted }
            return event
        }
        do {
            let queue = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            for migration in SchemaMigration.all.prefix(while: { $0.identifier != "v5_country_send_minutes" }) {
                migrator.registerMigration(migration.identifier, migrate: migration.apply)
            }
            try migrator.migrate(queue)
            // The rows as a store of that schema wrote them (today's writer also fills v6's counters).
            try await queue.write { db in
                for event in events {
                    try db.execute(sql: """
                        INSERT INTO behavior_events (mode, kind, phone_hash, account_id, country, occurred_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [event.mode.rawValue, event.kind.rawValue, event.phone.hex, event.accountID,
                                         event.country, event.occurredAt.millisecondsSince1970])
                }
            }
        }
        var options = SignalDatabase.Options(environment: [:])
        options.secret = try StoreSecret(text: TestDatabase.secretText)
        let database = try SignalDatabase(path: path, options: options)
        let (stored, regrouped) = try await database.pool.read { db in try Self.countersAndRegrouped(db) }
        #expect(!stored.isEmpty)
        #expect(stored == regrouped)
        let log = try SQLiteBehaviorEventLog(database: database)
        for country in ["GB", "FR"] {
            let query = query(keys, now: boundary.addingTimeInterval(0.5), country: country)
            #expect(try await log.counts(query).countrySends1h == BehaviorEventLogTests.recount(events, query).countrySends1h)
        }
    }
}
