import Foundation
import MobileSignals
import PhoneNumbers
@testable import PhoneVerification
import SignalStore
import Testing

/// What the service's creates, resends and confirms add to the traffic counters.
@Suite("Traffic recording")
struct TrafficRecordingTests {
    /// The traffic signals of `e164` (a +1 number) as the counters hold them at the harness's time.
    func traffic(_ harness: ServiceHarness, _ e164: String) async throws -> TrafficCounts {
        let log = try SQLiteBehaviorEventLog(database: harness.database)
        let counts = try await log.counts(BehaviorCountQuery(
            mode: .test, phone: harness.database.phoneNumberHasher.phoneNumberKey(e164), accountID: "acct_reader",
            country: "US", now: harness.clock.now,
            traffic: TrafficKeys(e164: e164, callingCode: 1, network: nil,
                                 blockHasher: KeyedHasher(secret: harness.database.secret, purpose: .numberBlock))))
        return try #require(counts.traffic)
    }

    @Test func aBlockedCreateCountsAsARequestAndItsNumberAsStartedInItsBlock() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let blocked = await harness.apiError {
            try await harness.start(try await harness.account(phone: nil), ipCountry: "KP", phone: "+12025550101")
        }
        #expect(blocked?.code == .verificationBlocked)
        _ = try await harness.start(try await harness.account(phone: nil), phone: "+12025550102")
        harness.clock.advance(seconds: 1)
        let traffic = try await self.traffic(harness, "+12025550199")
        #expect(traffic.blockRequests10m == 2)
        #expect(traffic.prefixRequests1h == 2)
        #expect(traffic.blockNumbers10m == 3)
    }

    @Test func aRightCodeCountsInTheCohortOfItsVerificationsLastSend() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        var started: [Verification] = []
        for index in 0..<19 {
            started.append(try await harness.start(try await harness.account(phone: nil), phone: "+120255501\(10 + index)"))
        }
        harness.clock.advance(seconds: 60)
        // The 20th send is a resend of the first verification, a minute later: its confirmation belongs to that minute.
        _ = try await harness.service.resend(accountID: started[0].accountID.uuidString, id: started[0].id.uuidString, mode: .test)
        harness.clock.advance(seconds: 60)
        _ = try await harness.confirm(started[0], code: SandboxProvider.expectedCodes[0])
        var traffic = try await self.traffic(harness, "+12025550199")
        #expect(traffic.blockRequests10m == 20)   // 19 creates and the resend, which reached the policy
        // The sends are younger than the 5-minute lag: no cohort yet.
        #expect(traffic.prefixConversion1h == nil)
        harness.clock.advance(seconds: 6 * 60)
        traffic = try await self.traffic(harness, "+12025550199")
        #expect(traffic.prefixConversion1h == 1.0 / 20.0)
        #expect(traffic.countryConversion1h == 1.0 / 20.0)
    }

    @Test func theResendRequestHelperMakesAnEventTheCountersCount() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account(phone: nil), phone: "+12025550150")
        let record = try await harness.service.verificationRecord(
            accountID: started.accountID.uuidString, id: started.id.uuidString, mode: .test)
        let number = try PhoneNumber.parse(record.phoneNumber)
        let event = harness.service.resendRequestedEvent(
            for: record, country: number.behaviorCountry, traffic: harness.service.trafficKeys(for: number, signals: nil),
            at: harness.clock.now)
        #expect(event.kind == .resendRequested)
        try await harness.store.write("record a resend request") { tx in try tx.record(event) }
        let traffic = try await self.traffic(harness, "+12025550199")
        #expect(traffic.blockRequests10m == 2)
    }
}
