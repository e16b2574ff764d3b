import Foundation
@testable import PostgresStore
import SignalStore
import Testing

/// The traffic counters of `v6_traffic_counters` in PostgreSQL: the same
/// definitions, at the same edges, as the SQLite store's.
@Suite("PostgreSQL traffic counters", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresTrafficCountersTests {
    /// 17.5 s into its minute, 14 min 17.5 s into its hour.
    let now = Date(timeIntervalSince1970: 1_790_000_057.5)
    static let number = "+447700900123"

    func keys(_ test: PostgresTestDatabase, _ e164: String, network: String? = "234-10") -> TrafficKeys {
        TrafficKeys(e164: e164, callingCode: 44, network: network,
                    blockHasher: test.database.verifications.hasher(for: .numberBlock))
    }

    func event(_ kind: BehaviorEvent.Kind, _ test: PostgresTestDatabase, _ e164: String = Self.number, at date: Date,
               mode: DataMode = .live, lastSentAt: Date? = nil) -> BehaviorEvent {
        BehaviorEvent(kind: kind, mode: mode, phone: test.phoneKey(e164), accountID: "acct_1", country: "GB",
                      occurredAt: date, traffic: keys(test, e164), lastSentAt: lastSentAt)
    }

    func traffic(_ test: PostgresTestDatabase, _ e164: String = Self.number, now: Date? = nil,
                 network: String? = "234-10", mode: DataMode = .live) async throws -> TrafficCounts {
        let counts = try await test.database.events.counts(BehaviorCountQuery(
            mode: mode, phone: test.phoneKey(e164), accountID: "acct_1", country: "GB", now: now ?? self.now,
            traffic: keys(test, e164, network: network)))
        return try #require(counts.traffic)
    }

    func record(_ events: [BehaviorEvent], _ test: PostgresTestDatabase) async throws {
        for event in events { try await test.database.events.record(event) }
    }

    func rowCount(_ table: String, _ test: PostgresTestDatabase) async throws -> Int64 {
        try await test.rows("SELECT count(*) FROM \(table)")[0].decode(Int64.self)
    }

    @Test("request windows are (now - W, now], 10 min 1 s ago is out; resends and blocked creates count")
    func requestWindows() async throws {
        try await PostgresTestDatabase.with { test in
            let offsets: [TimeInterval] = [-3_600.01, -3_600, -3_599.99, -601, -600, -599.99, -60, -0.01, 0]
            try await record(offsets.enumerated().map { index, offset in
                event(index % 2 == 0 ? .verificationStarted : .resendRequested, test, "+447700900\(100 + index)",
                      at: now.addingTimeInterval(offset))
            } + [event(.codeSent, test, at: now.addingTimeInterval(-5))], test)
            let traffic = try await traffic(test)
            #expect(traffic.blockRequests10m == 4)
            #expect(traffic.blockRequests1h == 7)
            #expect(traffic.prefixRequests10m == 4)
            #expect(traffic.prefixRequests1h == 7)
            #expect(traffic.networkRequests1h == 7)
            #expect(try await self.traffic(test, network: nil).networkRequests1h == nil)
            #expect(try await self.traffic(test, "+447700901123").blockRequests1h == 0)
            #expect(try await self.traffic(test, mode: .test).prefixRequests1h == 0)
            // Resend requests live only in the counters; starts and the send are events.
            #expect(try await rowCount("behavior_events", test) == 6)
            // The minute holding now is read whole; the next minute is out.
            try await record([event(.verificationStarted, test, "+447700900201", at: now.addingTimeInterval(40)),
                              event(.verificationStarted, test, "+447700900202", at: now.addingTimeInterval(45))], test)
            #expect(try await self.traffic(test).blockRequests10m == 5)
        }
    }

    @Test("distinct numbers of the block over 10 minutes, this one included")
    func blockNumbers() async throws {
        try await PostgresTestDatabase.with { test in
            try await record([
                event(.verificationStarted, test, "+447700900001", at: now.addingTimeInterval(-30)),
                event(.verificationStarted, test, "+447700900001", at: now.addingTimeInterval(-20)),
                event(.verificationStarted, test, "+447700900002", at: now.addingTimeInterval(-599.99)),
                event(.verificationStarted, test, "+447700900003", at: now.addingTimeInterval(-601)),
                event(.verificationStarted, test, "+447700901005", at: now.addingTimeInterval(-10)),
            ], test)
            #expect(try await traffic(test, "+447700900999").blockNumbers10m == 3)
            #expect(try await traffic(test, "+447700900001").blockNumbers10m == 2)
            #expect(try await traffic(test, "+447700902000").blockNumbers10m == 1)
        }
    }

    @Test("conversion: missing below 10 sends, exact above, by the cohort of the last send, lagging 5 minutes")
    func conversion() async throws {
        try await PostgresTestDatabase.with { test in
            var events = (0..<9).map { _ in event(.codeSent, test, at: now.addingTimeInterval(-1_800)) }
            events += (0..<2).map { _ in
                event(.codeCheckedRight, test, at: now.addingTimeInterval(-1), lastSentAt: now.addingTimeInterval(-1_800))
            }
            events += (0..<10).map { _ in event(.codeSent, test, at: now.addingTimeInterval(-120)) }
            events += [event(.codeCheckedRight, test, at: now, lastSentAt: now.addingTimeInterval(-120))]
            try await record(events, test)
            #expect(try await traffic(test).countryConversion1h == nil)
            try await record([event(.codeSent, test, at: now.addingTimeInterval(-1_800))], test)
            let traffic = try await traffic(test)
            #expect(traffic.countryConversion1h == 2.0 / 10.0)
            #expect(traffic.prefixConversion1h == 2.0 / 10.0)
            #expect(traffic.countryConversion24h == 2.0 / 10.0)
            #expect(traffic.prefixConversion24h == 2.0 / 10.0)
            #expect(try await self.traffic(test, now: now.addingTimeInterval(300)).countryConversion1h == 3.0 / 20.0)
        }
    }

    @Test("request ratios: the floor with no history, the mean of the same hour over 7 days with it")
    func ratios() async throws {
        try await PostgresTestDatabase.with { test in
            try await record((0..<6).map { event(.verificationStarted, test, at: now.addingTimeInterval(-Double($0) * 60)) }, test)
            var traffic = try await traffic(test)
            #expect(traffic.countryRequestRatio1h == 6.0 / 30.0)
            #expect(traffic.prefixRequestRatio1h == 6.0 / 10.0)
            var events: [BehaviorEvent] = []
            for dayBack in 1...7 {
                let middle = now.addingTimeInterval(-Double(dayBack) * 86_400 - 1_800)
                events += (0..<70).map { _ in event(.verificationStarted, test, at: middle) }
                events += (0..<30).map { _ in event(.verificationStarted, test, at: middle.addingTimeInterval(-7_200)) }
            }
            try await record(events, test)
            traffic = try await self.traffic(test)
            #expect(traffic.countryRequestRatio1h == 6.0 / 70.0)
            #expect(traffic.prefixRequestRatio1h == 6.0 / 70.0)
        }
    }

    @Test("pruning keeps minutes 24 h 10 min, hours 8 days, the request log 2 h and block numbers 1 h")
    func pruning() async throws {
        try await PostgresTestDatabase.with { test in
            let hour: TimeInterval = 3_600
            try await record([
                event(.verificationStarted, test, "+447700900001", at: now.addingTimeInterval(-8 * 24 * hour - 2 * hour)),
                event(.verificationStarted, test, "+447700900002", at: now.addingTimeInterval(-25 * hour)),
                event(.verificationStarted, test, "+447700900003", at: now.addingTimeInterval(-3 * hour)),
                event(.verificationStarted, test, "+447700900004", at: now.addingTimeInterval(-30)),
            ], test)
            _ = try await test.database.events.prune(now: now)
            #expect(try await rowCount("traffic_minutes", test) == 2 * 4)
            #expect(try await rowCount("traffic_hours", test) == 3 * 4)
            #expect(try await rowCount("traffic_requests", test) == 1 * 4)
            #expect(try await rowCount("block_numbers", test) == 1)
            let traffic = try await traffic(test)
            #expect(traffic.blockRequests10m == 1)
            #expect(traffic.blockNumbers10m == 2)
        }
    }

    @Test("counters are shared by instances and survive a reopened connection; no number or block in clear")
    func sharedAndHashed() async throws {
        try await PostgresTestDatabase.with { test in
            try await record([event(.verificationStarted, test, at: now.addingTimeInterval(-30))], test)
            let other = try await test.openAnotherInstance()
            let counts = try await other.events.counts(BehaviorCountQuery(
                mode: .live, phone: test.phoneKey(Self.number), accountID: "acct_1", country: "GB", now: now,
                traffic: keys(test, Self.number)))
            #expect(counts.traffic?.blockRequests10m == 1)
            await other.close()
            let stored = try await test.everyStoredValue()
            for needle in [Self.number, "447700900123", "7700900123", "+447700900", "447700900"] {
                #expect(!stored.contains(needle), "\(needle) stored in clear")
            }
            #expect(stored.contains("p:+44770"))
            #expect(stored.contains("b:" + keys(test, Self.number).blockHash))
        }
    }
}
