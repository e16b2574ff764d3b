import Foundation
import MobileSignals
@testable import PhoneVerification
import PhoneNumbers
import RuleEngine
import Testing

@Suite("Sandbox signal fixtures")
struct SandboxFixtureTests {
    @Test(arguments: SandboxFixture.all)
    func everyFixtureIsAValidNumberOfTheExpectedType(_ fixture: SandboxFixture) throws {
        let number = try PhoneNumber.parse(fixture.phoneNumber)
        #expect(number.isValid)
        #expect(number.e164 == fixture.phoneNumber)
        #expect(number.region == (fixture.lineType == .premium ? "GB" : "AU"))
        #expect(number.type == (fixture.lineType == .premium ? .premiumRate : .mobile))
    }

    @Test func fixtureFactsAreSplitByPackage() async throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let lookup = SandboxCarrierLookup(clock: { now })
        let swapped = try PhoneNumber.parse("+61491570157")
        #expect(try await lookup.lookup(swapped, field: .simSwap).simSwappedAt == now.addingTimeInterval(-86_400))
        #expect(try await lookup.lookup(swapped, field: .simSwap).lineType == nil)
        let ported = try await lookup.lookup(try PhoneNumber.parse("+61491570158"), field: .lineType)
        #expect(ported.ported == true)
        #expect(ported.portedAt == now.addingTimeInterval(-2 * 86_400))
        #expect(try await lookup.lookup(try PhoneNumber.parse("+61491570159"), field: .callForwarding).callForwarding == true)
        #expect(try await lookup.lookup(try PhoneNumber.parse("+12025550199"), field: .lineType) == CarrierFacts())
        #expect(try await SandboxTrustScores().trustScore(for: try PhoneNumber.parse("+61491570110")) == 100)
        #expect(try await SandboxTrustScores().trustScore(for: try PhoneNumber.parse("+12025550199")) == nil)
    }

    /// Through the real signal gatherer and the default policy, the fixtures reach every decision in test mode.
    @Test func fixturesReachEveryDecisionOfTheDefaultPolicyInTestMode() async throws {
        let harness = try ServiceHarness(realSignals: true)
        defer { harness.removeFiles() }
        var decisions: [String: Verdict] = [:]
        for fixture in SandboxFixture.all {
            let accountID = try await harness.account(phone: nil)
            do {
                let started = try await harness.start(accountID, ipCountry: "AU", phone: fixture.phoneNumber)
                decisions[fixture.phoneNumber] = started.risk.decision
            } catch let error as APIError {
                let blocked = try #require(error.verification)
                decisions[fixture.phoneNumber] = blocked.risk.decision
            }
        }
        #expect(Set(decisions.values) == Set(Verdict.allCases))
        #expect(decisions["+449098790000"] == .block)
        #expect(decisions["+61491570006"] == .pass)
        #expect(decisions["+61491570157"] == .review)
        #expect(decisions["+61491570158"] == .stepUp)
        let history = try await EvaluationHistory(store: harness.store).evaluations(since: nil)
        let swap = try #require(history.first { $0.signals["trust_score"] == .int(250) })
        #expect(swap.signals["sim_swap.age"] == .duration(seconds: 86_400))
        #expect(swap.signals["stage"] == .string("create"))
        #expect(swap.signals["carrier.line_type"] == .string("mobile"))
    }

    @Test func aCleanNumberConfirmedAtOnceIsVerifiedAndTheMachineFixtureIsNot() async throws {
        let harness = try ServiceHarness(realSignals: true)
        defer { harness.removeFiles() }
        let clean = try await harness.start(try await harness.account(phone: nil), ipCountry: "AU", phone: "+61491570006")
        #expect(try await harness.confirm(clean, code: "123456").status == .verified)
        let machine = try await harness.start(try await harness.account(phone: nil), ipCountry: "AU", phone: SandboxCodeEntry.machineNumber)
        #expect(machine.status == .pending)
        let confirmed = try await harness.confirm(machine, code: "123456")
        #expect(confirmed.status == .requiresStepUp)
        #expect(confirmed.risk.reasons.contains("FAST_CODE_ENTRY"))
    }
}
