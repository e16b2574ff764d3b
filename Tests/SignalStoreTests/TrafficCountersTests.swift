import Foundation
import GRDB
import Testing
@testable import SignalStore

/// The traffic counters of migration `v6_traffic_counters` and the signals
/// read from them (``TrafficCounts``), each at the edges of its definition.
@Suite("Traffic counters")
struct TrafficCountersTests {
    /// Off a minute boundary (17.5 s into its minute), so windows start mid-minute.
    static let now = Date(timeIntervalSince1970: 1_790_000_057.5)
    /// On a minute boundary (1_790_000_040 s = minute 29_833_334).
    static let boundary = Date(timeIntervalSince1970: 1_790_000_040)
    static let number = "+447700900123"

    struct Fixture {
        let test: TestDatabase
        let log: SQLiteBehaviorEventLog
        let blockHasher: KeyedHasher

        init() throws {
            test = try TestDatabase()
            log = try SQLiteBehaviorEventLog(database: test.database)
            blockHasher = KeyedHasher(secret: test.database.secret, purpose: .numberBlock)
        }

        func keys(_ e164: String, network: String? = "234-10") -> TrafficKeys {
            TrafficKeys(e164: e164, callingCode: 44, network: network, blockHasher: blockHasher)
        }

        func event(
            _ kind: BehaviorEvent.Kind, _ e164: String = TrafficCountersTests.number, at date: Date, country: String = "GB",
            mode: DataMode = .live, network: String? = "234-10", lastSentAt: Date? = nil
        ) -> BehaviorEvent {
            BehaviorEvent(kind: kind, mode: mode, phone: test.phoneKey(e164), accountID: "acct_1", country: country,
                          occurredAt: date, traffic: keys(e164, network: network), lastSentAt: lastSentAt)
        }

        func record(_ events: [BehaviorEvent]) async throws {
            try await test.database.pool.write { db in
                for event in events { try log.record(event, in: db) }
            }
        }

        func traffic(_ e164: String = TrafficCountersTests.number, now: Date = TrafficCountersTests.now,
                     country: String = "GB", network: String? = "234-10", mode: DataMode = .live) async throws -> TrafficCounts {
            let counts = try await log.counts(BehaviorCountQuery(
                mode: mode, phone: test.phoneKey(e164), accountID: "acct_1", country: country, now: now,
                traffic: keys(e164, network: network)))
            return try #require(counts.traffic)
        }

        func rowCount(_ table: String) throws -> Int {
            try test.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
        }
    }

    @Test("prefix is + calling code + 3 national digits; block is hashed; network is MCC-MNC")
    func keys() throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let hasher = fixture.blockHasher
        #expect(TrafficKeys(e164: "+447700900123", callingCode: 44, network: nil, blockHasher: hasher).prefix == "+44770")
        #expect(TrafficKeys(e164: "+14155550123", callingCode: 1, network: nil, blockHasher: hasher).prefix == "+1415")
        #expect(TrafficKeys(e164: "+882345678901", callingCode: 882, network: nil, blockHasher: hasher).prefix == "+882345")
        #expect(TrafficKeys(e164: "+29012", callingCode: 290, network: nil, blockHasher: hasher).prefix == "+29012")
        let first = TrafficKeys(e164: "+447700900123", callingCode: 44, network: "234-10", blockHasher: hasher)
        let sameBlock = TrafficKeys(e164: "+447700900999", callingCode: 44, network: nil, blockHasher: hasher)
        let otherBlock = TrafficKeys(e164: "+447700901123", callingCode: 44, network: nil, blockHasher: hasher)
        #expect(first.blockHash == hasher.hexDigest("+447700900"))
        #expect(first.blockHash == sameBlock.blockHash)
        #expect(first.blockHash != otherBlock.blockHash)
        #expect(first.blockHash != fixture.test.phoneKey("+447700900").hex)
        #expect(TrafficKeys.network(mcc: "234", mnc: "10") == "234-10")
        #expect(TrafficKeys.network(mcc: "234", mnc: nil) == nil)
        #expect(TrafficKeys.network(mcc: "", mnc: "10") == nil)
    }

    @Test("request windows are (now - W, now]: 10 min 1 s ago is out of 10 m, exactly 10 min ago is out, 10 ms later is in",
          arguments: [TrafficCountersTests.now, TrafficCountersTests.boundary])
    func requestWindowEdges(now: Date) async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        // Other numbers of the same block and prefix; a resend request counts like a start.
        let offsets: [TimeInterval] = [-3_600.01, -3_600, -3_599.99, -601, -600, -599.99, -60, -0.01, 0]
        try await fixture.record(offsets.enumerated().map { index, offset in
            fixture.event(index % 2 == 0 ? .verificationStarted : .resendRequested, "+447700900\(100 + index)",
                          at: now.addingTimeInterval(offset))
        })
        let traffic = try await fixture.traffic(now: now)
        // 10 m: -599.99, -60, -0.01, 0. 1 h: those and -3599.99, -601, -600.
        #expect(traffic.blockRequests10m == 4)
        #expect(traffic.blockRequests1h == 7)
        #expect(traffic.prefixRequests10m == 4)
        #expect(traffic.prefixRequests1h == 7)
        #expect(traffic.networkRequests1h == 7)
        #expect(try await fixture.traffic(now: now, network: nil).networkRequests1h == nil)
        #expect(try await fixture.traffic("+447700901123", now: now).blockRequests1h == 0)
        #expect(try await fixture.traffic("+447700901123", now: now).prefixRequests1h == 7)
    }

    @Test("request counts equal a recount at every minute boundary of the hour, for now on and off a boundary")
    func requestsMatchRecount() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let offsets = (-62...2).flatMap { minute in [-0.001, 0, 0.001, 29.5].map { Double(minute) * 60 + $0 } }
        let events = offsets.map { fixture.event(.verificationStarted, at: Self.boundary.addingTimeInterval($0)) }
        try await fixture.record(events)
        // The recount reads the stored milliseconds, so it agrees with the store on every rounding.
        let stored = events.map(\.occurredAt.millisecondsSince1970)
        for now in [Self.boundary, Self.boundary.addingTimeInterval(0.001), Self.boundary.addingTimeInterval(17.5),
                    Self.boundary.addingTimeInterval(-0.001)] {
            let delta = now.timeIntervalSince(Self.boundary)
            let nowMilliseconds = now.millisecondsSince1970
            // The minute holding now is read whole (see docs/SIGNALS_AND_STORE.md): its end bounds the window.
            let minuteEnd = (TrafficWindows.minute(of: nowMilliseconds) + 1) * 60_000
            func recount(_ window: Int64) -> Int {
                stored.filter { $0 > nowMilliseconds - window * 1000 && $0 < minuteEnd }.count
            }
            let traffic = try await fixture.traffic(now: now)
            #expect(traffic.blockRequests10m == recount(600), "now \(delta)")
            #expect(traffic.blockRequests1h == recount(3_600), "now \(delta)")
            #expect(traffic.prefixRequests10m == recount(600), "now \(delta)")
            #expect(traffic.networkRequests1h == recount(3_600), "now \(delta)")
        }
    }

    @Test("the minute holding now is read whole: a request stamped later in it counts, one in the next minute does not")
    func minuteHoldingNow() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        // now is 17.5 s into its minute.
        try await fixture.record([
            fixture.event(.verificationStarted, "+447700900001", at: Self.now.addingTimeInterval(40)),
            fixture.event(.verificationStarted, "+447700900002", at: Self.now.addingTimeInterval(45)),
        ])
        let traffic = try await fixture.traffic()
        #expect(traffic.blockRequests10m == 1)
        #expect(traffic.blockRequests1h == 1)
    }

    @Test("a blocked create (a start without a send) counts as a request; sends alone do not")
    func blockedCreatesCount() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        try await fixture.record([
            fixture.event(.verificationStarted, at: Self.now.addingTimeInterval(-30)),
            fixture.event(.codeSent, at: Self.now.addingTimeInterval(-20)),
            fixture.event(.codeCheckedWrong, at: Self.now.addingTimeInterval(-10)),
        ])
        let traffic = try await fixture.traffic()
        #expect(traffic.blockRequests10m == 1)
        #expect(traffic.prefixRequests1h == 1)
        #expect(try fixture.rowCount("behavior_events") == 3)
    }

    @Test("a resend request is counted but never enters the event log")
    func resendRequestsOnlyInCounters() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        try await fixture.log.record(fixture.event(.resendRequested, at: Self.now.addingTimeInterval(-5)))
        #expect(try fixture.rowCount("behavior_events") == 0)
        #expect(try await fixture.traffic().blockRequests10m == 1)
    }

    @Test("modes partition the counters")
    func modesPartition() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        try await fixture.record([fixture.event(.verificationStarted, at: Self.now.addingTimeInterval(-5), mode: .test)])
        #expect(try await fixture.traffic().blockRequests10m == 0)
        #expect(try await fixture.traffic(mode: .test).blockRequests10m == 1)
    }

    @Test("distinct numbers of the block over 10 minutes, this one included")
    func blockNumbers() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        try await fixture.record([
            fixture.event(.verificationStarted, "+447700900001", at: Self.now.addingTimeInterval(-30)),
            fixture.event(.verificationStarted, "+447700900001", at: Self.now.addingTimeInterval(-20)),
            fixture.event(.verificationStarted, "+447700900002", at: Self.now.addingTimeInterval(-599.999)),
            fixture.event(.verificationStarted, "+447700900003", at: Self.now.addingTimeInterval(-601)),
            fixture.event(.verificationStarted, "+447700900004", at: Self.now.addingTimeInterval(-600)),
            fixture.event(.verificationStarted, "+447700901005", at: Self.now.addingTimeInterval(-10)),
            fixture.event(.codeSent, "+447700900006", at: Self.now.addingTimeInterval(-10)),
        ])
        // In the window: 001 and 002; a new number adds itself, one already there does not.
        #expect(try await fixture.traffic("+447700900999").blockNumbers10m == 3)
        #expect(try await fixture.traffic("+447700900001").blockNumbers10m == 2)
        #expect(try await fixture.traffic("+447700900003").blockNumbers10m == 3)
        #expect(try await fixture.traffic("+447700902000").blockNumbers10m == 1)
    }

    @Test("conversion is missing below 10 sends, exact above, by the cohort of the last send, lagging 5 minutes")
    func conversion() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let now = Self.now
        // 9 sends 30 minutes ago, 2 of them confirmed (now, in their send's cohort).
        var events: [BehaviorEvent] = (0..<9).map { _ in fixture.event(.codeSent, at: now.addingTimeInterval(-1_800)) }
        events += (0..<2).map { _ in
            fixture.event(.codeCheckedRight, at: now.addingTimeInterval(-1), lastSentAt: now.addingTimeInterval(-1_800))
        }
        // Sends and confirmations younger than 5 minutes are not in the cohort yet; a right code without its send time is not counted.
        events += (0..<10).map { _ in fixture.event(.codeSent, at: now.addingTimeInterval(-120)) }
        events += [fixture.event(.codeCheckedRight, at: now, lastSentAt: now.addingTimeInterval(-120)),
                   fixture.event(.codeCheckedRight, at: now)]
        try await fixture.record(events)
        var traffic = try await fixture.traffic()
        #expect(traffic.countryConversion1h == nil)
        #expect(traffic.prefixConversion1h == nil)
        #expect(traffic.countryConversion24h == nil)

        try await fixture.record([fixture.event(.codeSent, at: now.addingTimeInterval(-1_800))])
        traffic = try await fixture.traffic()
        #expect(traffic.countryConversion1h == 2.0 / 10.0)
        #expect(traffic.prefixConversion1h == 2.0 / 10.0)
        // The 24 h cohort is the whole hours before the hour holding now - 5 min (now is 14 min 17.5 s into its hour).
        #expect(traffic.countryConversion24h == 2.0 / 10.0)
        #expect(traffic.prefixConversion24h == 2.0 / 10.0)
        // Another prefix and country have no cohort.
        #expect(try await fixture.traffic("+447900900123", country: "FR").prefixConversion1h == nil)
        #expect(try await fixture.traffic("+447900900123", country: "FR").countryConversion1h == nil)
        // Once the minute holding the 2-minute-old sends is 5 minutes old, they join: 3 confirmed of 20.
        let afterLag = try await fixture.traffic(now: now.addingTimeInterval(300))
        #expect(afterLag.countryConversion1h == 3.0 / 20.0)
        #expect(afterLag.countryConversion24h == 2.0 / 10.0)
    }

    @Test("the 1 h cohort is the 60 minutes before the minute holding now - 5 min")
    func cohortEdges() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let now = Self.boundary
        // 20 sends in the oldest minute of the cohort (65 min before now), 20 in the minute before it.
        try await fixture.record(
            (0..<20).map { _ in fixture.event(.codeSent, at: now.addingTimeInterval(-3_900)) }
                + (0..<20).map { _ in fixture.event(.codeSent, at: now.addingTimeInterval(-3_900.001)) }
                + [fixture.event(.codeCheckedRight, at: now, lastSentAt: now.addingTimeInterval(-3_900))])
        #expect(try await fixture.traffic(now: now).countryConversion1h == 1.0 / 20.0)
        #expect(try await fixture.traffic(now: now.addingTimeInterval(60)).countryConversion1h == nil)
    }

    @Test("request ratios: the floor with no history (30 country, 10 prefix)")
    func ratioFloor() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        var traffic = try await fixture.traffic()
        #expect(traffic.countryRequestRatio1h == 0)
        #expect(traffic.prefixRequestRatio1h == 0)
        try await fixture.record((0..<6).map { fixture.event(.verificationStarted, at: Self.now.addingTimeInterval(-Double($0) * 60)) })
        traffic = try await fixture.traffic()
        #expect(traffic.countryRequestRatio1h == 6.0 / 30.0)
        #expect(traffic.prefixRequestRatio1h == 6.0 / 10.0)
    }

    @Test("request ratios against the mean of the same hour over 7 days")
    func ratioWithHistory() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let day: TimeInterval = 86_400
        var events: [BehaviorEvent] = []
        for dayBack in 1...7 {
            // 70 requests a day in the window ending now - d·24h (in the hour holding its middle), other numbers of the prefix.
            let middle = Self.now.addingTimeInterval(-Double(dayBack) * day - 1_800)
            events += (0..<70).map { index in
                fixture.event(.verificationStarted, "+44770\(String(format: "%07d", index))", at: middle.addingTimeInterval(Double(index % 10)))
            }
            // Two hours off the same hour of the day: not in the baseline.
            events += (0..<500).map { _ in fixture.event(.verificationStarted, at: middle.addingTimeInterval(-7_200)) }
        }
        // 8 days ago: outside the 7 days.
        events += (0..<700).map { _ in fixture.event(.verificationStarted, at: Self.now.addingTimeInterval(-8 * day - 1_800)) }
        events += (0..<140).map { _ in fixture.event(.verificationStarted, at: Self.now.addingTimeInterval(-100)) }
        try await fixture.record(events)
        let traffic = try await fixture.traffic()
        #expect(traffic.countryRequestRatio1h == 140.0 / 70.0)
        #expect(traffic.prefixRequestRatio1h == 140.0 / 70.0)
    }

    @Test("counters survive reopening the database")
    func survivesReopening() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        try await fixture.record([
            fixture.event(.verificationStarted, at: Self.now.addingTimeInterval(-30)),
            fixture.event(.resendRequested, at: Self.now.addingTimeInterval(-20)),
        ] + (0..<20).map { _ in fixture.event(.codeSent, at: Self.now.addingTimeInterval(-1_200)) }
            + [fixture.event(.codeCheckedRight, at: Self.now, lastSentAt: Self.now.addingTimeInterval(-1_200))])
        let before = try await fixture.traffic()
        let path = fixture.test.database.path
        let reopened = try SignalDatabase(path: path, options: SignalDatabase.Options(
            secret: try StoreSecret(text: TestDatabase.secretText), environment: [:]))
        let log = try SQLiteBehaviorEventLog(database: reopened)
        let after = try await log.counts(BehaviorCountQuery(
            mode: .live, phone: reopened.phoneNumberHasher.phoneNumberKey(Self.number), accountID: "acct_1", country: "GB",
            now: Self.now,
            traffic: TrafficKeys(e164: Self.number, callingCode: 44, network: "234-10",
                                 blockHasher: KeyedHasher(secret: reopened.secret, purpose: .numberBlock))))
        #expect(after.traffic == before)
        #expect(before.blockRequests10m == 2)
        #expect(before.countryConversion1h == 1.0 / 20.0)
    }

    @Test("pruning keeps minutes 24 h 10 min, hours 8 days, the request log 2 h and block numbers 1 h")
    func pruning() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let hour: TimeInterval = 3_600
        try await fixture.record([
            fixture.event(.verificationStarted, "+447700900001", at: Self.now.addingTimeInterval(-8 * 24 * hour - 2 * hour)),
            fixture.event(.verificationStarted, "+447700900002", at: Self.now.addingTimeInterval(-25 * hour)),
            fixture.event(.verificationStarted, "+447700900003", at: Self.now.addingTimeInterval(-3 * hour)),
            fixture.event(.verificationStarted, "+447700900004", at: Self.now.addingTimeInterval(-30)),
        ])
        let keysPerEvent = 4
        #expect(try fixture.rowCount("traffic_minutes") == 4 * keysPerEvent)
        _ = try await fixture.log.prune(now: Self.now)
        // Minutes: the 3 h and 30 s ones; hours: all but the 8-day one; log: the 30 s one; block numbers: the 30 s one.
        #expect(try fixture.rowCount("traffic_minutes") == 2 * keysPerEvent)
        #expect(try fixture.rowCount("traffic_hours") == 3 * keysPerEvent)
        #expect(try fixture.rowCount("traffic_requests") == 1 * keysPerEvent)
        #expect(try fixture.rowCount("block_numbers") == 1)
        let traffic = try await fixture.traffic()
        #expect(traffic.blockRequests10m == 1)
        #expect(traffic.blockNumbers10m == 2)
    }

    @Test("the traffic counts are answered from index seeks only: no scan, no temporary B-tree")
    func queryPlanUsesIndexes() throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let plan = try fixture.test.database.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + TrafficCountStatement.sql,
                             arguments: ["live", "c:GB", "p:+44770", "b:x", "n:234-10", 10, 1, 1, 1, 1, 1, 1, 1, 1, "x"])
                .map { $0["detail"] as String }
        }
        let searches = plan.filter { $0.hasPrefix("SEARCH") }
        // Per key one minute range and one or two start edges (the 10-minute one for the prefix and the block);
        // the 24 h cohort and the baseline for the country and the prefix; one read of the block's numbers.
        #expect(searches.count == 4 + 6 + 4 + 1, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
        #expect(searches.filter { $0.contains("traffic_requests USING COVERING INDEX traffic_requests_by_key") }.count == 6)
        #expect(searches.filter { $0.contains("traffic_minutes USING PRIMARY KEY (mode=? AND key=? AND minute>") }.count == 4)
        #expect(searches.filter { $0.contains("traffic_hours USING PRIMARY KEY (mode=? AND key=? AND hour>") }.count == 2)
        #expect(searches.filter { $0.contains("traffic_hours USING COVERING INDEX traffic_hours_by_hour_of_day") }.count == 2)
        #expect(searches.filter { $0.contains("block_numbers USING COVERING INDEX block_numbers_by_start") }.count == 1)
    }

    @Test("neither a number nor its block is ever in clear in the database files")
    func noNumberOrBlockInClear() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let numbers = ["+447700900123", "+447700900456"]
        for number in numbers {
            try await fixture.log.record(fixture.event(.verificationStarted, number, at: Self.now.addingTimeInterval(-10)))
            try await fixture.log.record(fixture.event(.codeSent, number, at: Self.now.addingTimeInterval(-9)))
            try await fixture.log.record(fixture.event(.resendRequested, number, at: Self.now.addingTimeInterval(-5)))
        }
        var bytes: [UInt8] = []
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: fixture.test.database.path + suffix) { bytes += data }
        }
        #expect(bytes.count > 4096)
        for text in numbers + ["+447700900"] {
            let national = String(text.dropFirst(3))
            for needle in [text, String(text.dropFirst()), national] {
                #expect(!bytes.contains(subsequence: Array(needle.utf8)), "\(needle) found in the database files")
            }
        }
        #expect(bytes.contains(subsequence: Array("p:+44770".utf8)))
        #expect(bytes.contains(subsequence: Array(fixture.keys(numbers[0]).blockHash.utf8)))
    }
}
