import Foundation
@testable import PhoneVerification
import RuleEngine
import Testing

@Suite("Confirming codes")
struct ConfirmTests {
    @Test(arguments: SandboxProvider.expectedCodes)
    func theRightSandboxCodeVerifiesAndLinksTheNumber(_ code: String) async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account(phone: nil)
        let started = try await harness.start(accountID, phone: "+12025550121")
        harness.clock.advance(seconds: 30)
        let verified = try await harness.confirm(started, code: code)
        #expect(verified.status == .verified)
        #expect(verified.risk.reasons.isEmpty)
        let account = try await harness.service.account(id: accountID, mode: .test)
        #expect(account.phoneNumber == "+12025550121")
        #expect(account.phoneVerified)
        let again = await harness.apiError { try await harness.confirm(started, code: code) }
        #expect(again?.status == 409)
        #expect(again?.code == .verificationNotPending)
    }

    @Test func wrongCodesCountDownAndTheFifthFailsIt() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account())
        for remaining in (1...4).reversed() {
            let error = try #require(await harness.apiError { try await harness.confirm(started, code: "654321") })
            #expect(error.status == 422)
            #expect(error.code == .incorrectCode)
            #expect(error.attemptsRemaining == remaining)
            #expect(try await harness.get(started).attemptsRemaining == remaining)
        }
        let fifth = try #require(await harness.apiError { try await harness.confirm(started, code: "654321") })
        #expect(fifth.status == 429)
        #expect(fifth.code == .maxAttemptsReached)
        let failed = try await harness.get(started)
        #expect(failed.status == .failed)
        #expect(failed.failureReason == .maxAttemptsReached)
        #expect(failed.attemptsRemaining == 0)
        let right = await harness.apiError { try await harness.confirm(started, code: "123456") }
        #expect(right?.status == 409)
    }

    @Test(arguments: ["12345", "1234567", "12a456", "", "１２３４５６"])
    func malformedCodesAreA400AndNotCounted(_ code: String) async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account())
        let error = await harness.apiError { try await harness.confirm(started, code: code) }
        #expect(error?.status == 400)
        #expect(error?.param == "code")
        #expect(try await harness.get(started).attemptsRemaining == 5)
    }

    @Test func expiryIsSeenByReadsAndAnswers410EveryTime() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account())
        harness.clock.advance(seconds: 599)
        #expect(try await harness.get(started).status == .pending)
        harness.clock.advance(seconds: 1)
        #expect(try await harness.get(started).status == .expired)
        for _ in 0..<2 {
            let confirm = await harness.apiError { try await harness.confirm(started, code: "123456") }
            #expect(confirm?.status == 410)
            #expect(confirm?.code == .verificationExpired)
            let resend = await harness.apiError {
                try await harness.service.resend(accountID: started.accountID.uuidString, id: started.id.uuidString, mode: .test)
            }
            #expect(resend?.status == 410)
        }
        let cancel = await harness.apiError {
            try await harness.service.cancel(accountID: started.accountID.uuidString, id: started.id.uuidString, mode: .test)
        }
        #expect(cancel?.status == 409)
        #expect(try await harness.get(started).status == .expired)
    }

    @Test func aConfiguredCodeTTLApplies() async throws {
        var configuration = VerificationConfiguration()
        configuration.codeTTLSeconds = try DurationText.seconds("90s")
        let harness = try ServiceHarness(configuration: configuration)
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account())
        #expect(started.expiresAt == harness.clock.now.addingTimeInterval(90))
        harness.clock.advance(seconds: 90)
        #expect(await harness.apiError { try await harness.confirm(started, code: "123456") }?.status == 410)
    }

    @Test(arguments: [
        ("FR", VerificationStatus.requiresStepUp, Verdict.stepUp, FailureReason?.none),
        ("RU", .inReview, .review, nil),
        ("BY", .failed, .block, .riskBlocked),
    ])
    func theConfirmStagePolicyDecidesTheStatus(_ country: String, _ status: VerificationStatus, _ verdict: Verdict, _ reason: FailureReason?) async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account(phone: nil)
        let started = try await harness.start(accountID, ipCountry: country, phone: "+12025550123")
        let confirmed = try await harness.confirm(started, code: "000000")
        #expect(confirmed.status == status)
        #expect(confirmed.risk.decision == verdict)
        #expect(confirmed.failureReason == reason)
        let account = try await harness.service.account(id: accountID, mode: .test)
        #expect(account.phoneNumber == nil)
        #expect(!account.phoneVerified)
    }

    @Test func theConfirmStageSeesBehaviourSignals() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account(.live), mode: .live)
        _ = await harness.apiError { try await harness.confirm(started, code: "999999", mode: .live) }
        _ = await harness.apiError { try await harness.confirm(started, code: "999998", mode: .live) }
        harness.clock.advance(seconds: 20)
        _ = try await harness.service.resend(accountID: started.accountID.uuidString, id: started.id.uuidString, mode: .live)
        harness.clock.advance(seconds: 42)
        _ = try await harness.confirm(started, code: ScriptedProvider.rightCode, mode: .live)
        let history = try await EvaluationHistory(store: harness.store).evaluations(since: nil)
        #expect(history.map(\.stage) == [.create, .create, .confirm])
        let resend = history[1].signals
        #expect(resend["stage"] == .string("create"))
        #expect(resend["behavior.resends"] == .int(1))
        let confirm = history[2].signals
        #expect(confirm["stage"] == .string("confirm"))
        #expect(confirm["behavior.failed_codes"] == .int(2))
        #expect(confirm["behavior.resends"] == .int(1))
        #expect(confirm["behavior.code_entry"] == .duration(seconds: 42))
        #expect(history[0].signals["behavior.code_entry"] == nil)
        #expect(history[0].signals["stage"] == .string("create"))
        #expect(history[2].risk.policy == "service_test")
        #expect(history[2].verificationID == started.id.uuidString.lowercased())
    }

    @Test func theSandboxReportsAPersonsCodeEntryExceptForTheMachineFixture() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let person = try await harness.start(try await harness.account())
        _ = try await harness.confirm(person, code: "123456")
        let machine = try await harness.start(try await harness.account(), phone: SandboxCodeEntry.machineNumber)
        _ = try await harness.confirm(machine, code: "123456")
        let confirms = try await EvaluationHistory(store: harness.store).evaluations(since: nil).filter { $0.stage == .confirm }
        #expect(confirms.map { $0.signals["behavior.code_entry"] } == [.duration(seconds: 20), .duration(seconds: 1)])
    }

    @Test func aProviderHeldCodeIsCheckedWithTheProvider() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account(.live), mode: .live)
        let wrong = await harness.apiError { try await harness.confirm(started, code: "123456", mode: .live) }
        #expect(wrong?.code == .incorrectCode)
        #expect(try await harness.confirm(started, code: ScriptedProvider.rightCode, mode: .live).status == .verified)
        #expect(harness.scripted.checks == 2)
    }

    @Test func aProviderFailureAtConfirmIs502AndCountsNothing() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account(.live), mode: .live)
        harness.scripted.fail(with: .timeout(seconds: 10))
        let error = await harness.apiError { try await harness.confirm(started, code: ScriptedProvider.rightCode, mode: .live) }
        #expect(error?.status == 502)
        harness.scripted.fail(with: nil)
        let stillPending = try await harness.get(started, mode: .live)
        #expect(stillPending.status == .pending)
        #expect(stillPending.attemptsRemaining == 5)
    }

    @Test func theProvidersOwnCheckLimitAndExpiryEndOursToo() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account(.live)
        let limited = try await harness.start(accountID, mode: .live)
        harness.scripted.fail(with: .tooManyChecks)
        let error = await harness.apiError { try await harness.confirm(limited, code: "111111", mode: .live) }
        #expect(error?.code == .maxAttemptsReached)
        let failed = try await harness.get(limited, mode: .live)
        #expect(failed.status == .failed)
        #expect(failed.failureReason == .maxAttemptsReached)
        harness.scripted.fail(with: nil)
        let gone = try await harness.start(accountID, mode: .live, phone: "+12025550166")
        harness.scripted.fail(with: .expired)
        #expect(await harness.apiError { try await harness.confirm(gone, code: "111111", mode: .live) }?.status == 410)
        #expect(try await harness.get(gone, mode: .live).status == .expired)
        #expect(await harness.apiError { try await harness.confirm(gone, code: "111111", mode: .live) }?.status == 410)
    }
}
