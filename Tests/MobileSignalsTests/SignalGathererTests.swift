import Foundation
import PhoneNumbers
import RuleEngine
import SignalStore
import Testing
@testable import MobileSignals

@Suite("Signal gatherer")
struct SignalGathererTests {
    static let mobile = "+447400123456"

    @Test("with no sources the metadata answers alone, and nothing is guessed")
    func offlineFrame() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let request = try fixture.request(Self.mobile)
        let frame = try await fixture.gatherer().createStageSignals(request)
        #expect(frame == [
            "phone.valid": .bool(true), "phone.country": .string("GB"), "phone.country_code": .int(44),
            "phone.type": .string("mobile"), "carrier.name": .string("Three"), "carrier.line_type": .string("mobile"),
            "ip.country": .string("GB"), "account.age": .duration(seconds: 864_000),
            "behavior.attempts_1h": .int(1), "behavior.attempts_24h": .int(1), "behavior.country_sends_1h": .int(0),
            "behavior.accounts_per_phone_30d": .int(1), "behavior.phones_per_account_30d": .int(1),
            "behavior.failed_codes": .int(0), "behavior.resends": .int(0), "stage": .string("create"),
            "behavior.block_requests_10m": .int(0), "behavior.block_requests_1h": .int(0),
            "behavior.prefix_requests_10m": .int(0), "behavior.prefix_requests_1h": .int(0),
            "behavior.block_numbers_10m": .int(1),
            "behavior.country_request_ratio_1h": .int(0), "behavior.prefix_request_ratio_1h": .int(0),
        ])
    }

    @Test("carrier lookups and the trust score fill their signals, ages measured from the request time")
    func lookupFrame() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let carrier = FixtureCarrier(answers: [
            .lineType: CarrierFacts(carrierName: "Fixture Mobile", lineType: .nonFixedVoip, mobileCountryCode: "234",
                                    mobileNetworkCode: "20", ported: true, portedAt: fixture.now.addingTimeInterval(-86_400 * 10)),
            .simSwap: CarrierFacts(carrierName: "Ignored Name", simSwappedAt: fixture.now.addingTimeInterval(-7_200)),
            .callForwarding: CarrierFacts(callForwarding: true),
            .smsPumpingRisk: CarrierFacts(smsPumpingScore: 12, numberBlocked: false),
            .lineStatus: CarrierFacts(lineStatus: "active"),
        ])
        let gatherer = fixture.gatherer(carrier: carrier, trust: FixedTrust(score: 640))
        let frame = try await gatherer.createStageSignals(try fixture.request(Self.mobile))
        #expect(frame["carrier.name"] == .string("Fixture Mobile"))
        #expect(frame["carrier.line_type"] == .string("non_fixed_voip"))
        #expect(frame["carrier.mcc"] == .string("234"))
        #expect(frame["carrier.mnc"] == .string("20"))
        #expect(frame["carrier.ported"] == .bool(true))
        #expect(frame["carrier.ported_age"] == .duration(seconds: 864_000))
        #expect(frame["sim_swap.age"] == .duration(seconds: 7_200))
        #expect(frame["call_forwarding"] == .bool(true))
        #expect(frame["carrier.sms_pumping_score"] == .int(12))
        #expect(frame["carrier.number_blocked"] == .bool(false))
        #expect(frame["carrier.line_status"] == .string("active"))
        #expect(frame["trust_score"] == .int(640))
        #expect(frame["phone.type"] == .string("mobile"))

        _ = try await gatherer.createStageSignals(try fixture.request(Self.mobile))
        let restarted = fixture.gatherer(carrier: carrier, trust: FixedTrust(score: 1))
        let fromStore = try await restarted.createStageSignals(try fixture.request(Self.mobile))
        #expect(fromStore["trust_score"] == .int(640))
        #expect(CarrierField.allCases.allSatisfy { carrier.callCount($0) == 1 })
    }

    @Test("a lookup that answers 'unknown' leaves the derived line type in place")
    func unknownLineType() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let carrier = FixtureCarrier(answers: [.lineType: CarrierFacts(lineType: .unknown)])
        let frame = try await fixture.gatherer(carrier: carrier).createStageSignals(try fixture.request(Self.mobile))
        #expect(frame["carrier.line_type"] == .string("mobile"))
        #expect(frame["carrier.name"] == .string("Three"))
    }

    @Test("a failing source leaves its signals missing and is not asked again for 5 minutes")
    func failingSource() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let carrier = FixtureCarrier(answers: [.lineType: CarrierFacts(carrierName: "Fixture Mobile", lineType: .landline)])
        let failing = FailingCarrier()
        let gatherer = fixture.gatherer(carrier: failing)
        let frame = try await gatherer.createStageSignals(try fixture.request(Self.mobile))
        #expect(frame["carrier.line_type"] == .string("mobile"))
        #expect(frame["carrier.mcc"] == nil && frame["sim_swap.age"] == nil && frame["call_forwarding"] == nil)
        _ = try await gatherer.createStageSignals(try fixture.request(Self.mobile))
        #expect(failing.calls == CarrierField.allCases.count)
        fixture.clock.advance(by: 300)
        _ = try await gatherer.createStageSignals(try fixture.request(Self.mobile))
        #expect(failing.calls == 2 * CarrierField.allCases.count)
        #expect(carrier.callCount(.lineType) == 0)
    }

    @Test("a trust score outside 0…1000 is garbage: missing, cached as a failure")
    func trustOutOfRange() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let frame = try await fixture.gatherer(trust: FixedTrust(score: 5_000)).createStageSignals(try fixture.request(Self.mobile))
        #expect(frame["trust_score"] == nil)
        let none = try await fixture.gatherer(trust: FixedTrust(score: nil)).createStageSignals(try fixture.request("+33612345678"))
        #expect(none["trust_score"] == nil)
    }

    @Test("invalid numbers are never sent to a provider")
    func invalidNumber() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let request = try fixture.request("+44740012345")
        try #require(!request.number.isValid)
        let carrier = FixtureCarrier(answers: [.lineType: CarrierFacts(lineType: .mobile)])
        let frame = try await fixture.gatherer(carrier: carrier, trust: FixedTrust(score: 900)).createStageSignals(request)
        #expect(frame["phone.valid"] == .bool(false))
        #expect(frame["phone.type"] == .string("unknown"))
        #expect(frame["carrier.line_type"] == .string("unknown"))
        #expect(frame["trust_score"] == nil)
        #expect(carrier.callCount(.lineType) == 0)
    }

    @Test("non-geographic numbers have phone.country 001")
    func nonGeographic() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let frame = try await fixture.gatherer().createStageSignals(try fixture.request("+80012345678", ipCountry: nil))
        #expect(frame["phone.country"] == .string("001"))
        #expect(frame["phone.country_code"] == .int(800))
        #expect(frame["carrier.line_type"] == .string("toll_free"))
        #expect(frame["ip.country"] == nil)
    }

    @Test("+882 and +883 numbers get a complete frame, with phone.country 001 and every traffic signal",
          arguments: ["+882 1234 5678", "+883 5100 0000 0001"])
    func internationalNetworksFrame(_ text: String) async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let request = try fixture.request(text)
        let frame = try await fixture.gatherer().createStageSignals(request)
        #expect(frame["phone.country"] == .string("001"))
        #expect(frame["phone.country_code"] == .int(Int64(request.number.countryCode)))
        let always = [
            "phone.valid", "phone.type", "carrier.line_type", "account.age", "behavior.attempts_1h", "behavior.attempts_24h",
            "behavior.country_sends_1h", "behavior.accounts_per_phone_30d", "behavior.phones_per_account_30d",
            "behavior.block_requests_10m", "behavior.block_requests_1h", "behavior.prefix_requests_10m",
            "behavior.prefix_requests_1h", "behavior.block_numbers_10m", "behavior.country_request_ratio_1h",
            "behavior.prefix_request_ratio_1h", "behavior.failed_codes", "behavior.resends", "stage",
        ]
        for name in always {
            #expect(frame[name] != nil, "\(name) missing for \(text)")
        }
    }

    @Test("traffic signals count what was recorded under the gatherer's keys, the network from the carrier lookup")
    func trafficSignals() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let carrier = FixtureCarrier(answers: [
            .lineType: CarrierFacts(lineType: .mobile, mobileCountryCode: "234", mobileNetworkCode: "20"),
        ])
        let gatherer = fixture.gatherer(carrier: carrier)
        let neighbour = try PhoneNumber.parse("+447400123999")
        for secondsAgo in [30.0, 700] {
            try await fixture.events.record(BehaviorEvent(
                kind: .verificationStarted, mode: .live, phone: gatherer.phoneKey(for: neighbour), accountID: "acct_2",
                country: "GB", occurredAt: fixture.now.addingTimeInterval(-secondsAgo),
                traffic: gatherer.trafficKeys(for: neighbour, mcc: "234", mnc: "20")))
        }
        let frame = try await gatherer.createStageSignals(try fixture.request(Self.mobile))
        #expect(frame["behavior.block_requests_10m"] == .int(1))
        #expect(frame["behavior.block_requests_1h"] == .int(2))
        #expect(frame["behavior.prefix_requests_1h"] == .int(2))
        #expect(frame["behavior.network_requests_1h"] == .int(2))
        #expect(frame["behavior.block_numbers_10m"] == .int(2))
        #expect(frame["behavior.country_request_ratio_1h"] == .int(6))   // 2 ÷ 30 = 6.7 %
        #expect(frame["behavior.prefix_request_ratio_1h"] == .int(20))   // 2 ÷ 10
        #expect(frame["behavior.country_conversion_1h"] == nil)
        #expect(gatherer.trafficKeys(for: neighbour, mcc: "234", mnc: nil).network == nil)
    }

    @Test("behaviour counts include this verification and only the request's mode")
    func behaviour() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let gatherer = fixture.gatherer()
        let request = try fixture.request(Self.mobile)
        let phone = gatherer.phoneKey(for: request.number)
        for (account, mode, kind, ago) in [
            ("acct_1", DataMode.live, BehaviorEvent.Kind.verificationStarted, 600.0),
            ("acct_2", .live, .verificationStarted, 7_200),
            ("acct_2", .live, .codeSent, 60),
            ("acct_9", .test, .verificationStarted, 60),
            ("acct_9", .test, .codeSent, 60),
        ] {
            try await fixture.events.record(BehaviorEvent(kind: kind, mode: mode, phone: phone, accountID: account,
                                                          country: request.number.behaviorCountry,
                                                          occurredAt: fixture.now.addingTimeInterval(-ago)))
        }
        let frame = try await gatherer.createStageSignals(request)
        #expect(frame["behavior.attempts_1h"] == .int(2))
        #expect(frame["behavior.attempts_24h"] == .int(3))
        #expect(frame["behavior.country_sends_1h"] == .int(1))
        #expect(frame["behavior.accounts_per_phone_30d"] == .int(2))
        #expect(frame["behavior.phones_per_account_30d"] == .int(1))
        let testFrame = try await gatherer.createStageSignals(try fixture.request(Self.mobile, mode: .test))
        #expect(testFrame["behavior.attempts_1h"] == .int(2))
        #expect(testFrame["behavior.accounts_per_phone_30d"] == .int(2))
    }

    @Test("concurrent verifications of one number share one lookup per package")
    func concurrentGathers() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let carrier = SlowCarrier()
        let gatherer = fixture.gatherer(carrier: carrier)
        let request = try fixture.request(Self.mobile)
        let frames = try await withThrowingTaskGroup(of: [String: SignalValue].self) { group in
            for _ in 0..<20 {
                group.addTask { try await gatherer.createStageSignals(request) }
            }
            var all: [[String: SignalValue]] = []
            for try await frame in group { all.append(frame) }
            return all
        }
        #expect(frames.allSatisfy { $0["carrier.line_type"] == .string("landline") })
        #expect(carrier.calls == 1)
    }

    @Test("ip.country is trimmed and upper-cased, missing when blank; plain upper-case letters are taken as they are",
          arguments: [
              ("GB", "GB"), ("gb", "GB"), (" Gb\t", "GB"), ("\u{00A0}fr\u{2003}", "FR"), ("ÉT", "ÉT"), ("é", "É"),
              ("G B", "G B"), ("", nil), (" \t ", nil), ("\u{3000}", nil), ("\n", "\n"),
          ] as [(String, String?)])
    func ipCountryNormalisation(given: String, expected: String?) async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let frame = try await fixture.gatherer().createStageSignals(try fixture.request(Self.mobile, ipCountry: given))
        #expect(frame["ip.country"] == expected.map { .string($0) })
        // The fast path must give exactly what Foundation's trimming and upper-casing give.
        let reference = given.trimmingCharacters(in: .whitespaces)
        #expect(RequestContext(ipCountry: given).normalizedIPCountry == (reference.isEmpty ? nil : reference.uppercased()))
    }

    @Test("the line type derivation table of SIGNALS.md", arguments: [
        (PhoneNumberType.mobile, "mobile"), (.fixedLine, "landline"), (.fixedLineOrMobile, "unknown"),
        (.voip, "non_fixed_voip"), (.tollFree, "toll_free"), (.premiumRate, "premium"), (.sharedCost, "shared_cost"),
        (.personalNumber, "personal"), (.pager, "pager"), (.voicemail, "voicemail"), (.uan, "uan"), (.unknown, "unknown"),
    ])
    func derivation(type: PhoneNumberType, lineType: String) {
        #expect(LineType(derivedFrom: type).rawValue == lineType)
    }
}

/// A carrier source that always fails, counting its calls.
final class FailingCarrier: CarrierLookup, @unchecked Sendable {
    let source = "failing"
    let supportedFields = Set(CarrierField.allCases)
    // Guards `count`.
    private let lock = NSLock()
    private var count = 0

    var calls: Int { lock.withLock { count } }

    func lookup(_ number: PhoneNumber, field: CarrierField) async throws -> CarrierFacts {
        lock.withLock { count += 1 }
        throw FixtureCarrier.Unavailable()
    }
}

/// A carrier source that answers the line type after a pause, counting its calls.
final class SlowCarrier: CarrierLookup, @unchecked Sendable {
    let source = "slow"
    let supportedFields: Set<CarrierField> = [.lineType]
    // Guards `count`.
    private let lock = NSLock()
    private var count = 0

    var calls: Int { lock.withLock { count } }

    func lookup(_ number: PhoneNumber, field: CarrierField) async throws -> CarrierFacts {
        lock.withLock { count += 1 }
        try await Task.sleep(for: .milliseconds(200))
        return CarrierFacts(lineType: .landline)
    }
}
