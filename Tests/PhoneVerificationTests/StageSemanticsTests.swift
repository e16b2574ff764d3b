import Foundation
@testable import PhoneVerification
import RuleEngine
import SignalStore
import Testing

/// What each decision does to the send at create and at resend: only `pass` sends.
@Suite("Decisions and sends at each stage")
struct StageSemanticsTests {
    @Test func stepUpAtCreateSendsNothingAndHoldsTheVerification() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let held = try await harness.start(try await harness.account(.live), ipCountry: "DE", mode: .live)
        #expect(held.status == .requiresStepUp)
        #expect(held.risk.decision == .stepUp)
        #expect(held.risk.reasons == ["CREATED", "CREATE_STEP"])
        #expect(held.expiresAt == nil)
        #expect(harness.scripted.sends.isEmpty)
        #expect(try await harness.get(held, mode: .live).status == .requiresStepUp)
        let confirm = await harness.apiError { try await harness.confirm(held, code: ScriptedProvider.rightCode, mode: .live) }
        #expect(confirm?.code == .verificationNotPending)
    }

    @Test func reviewAtCreateSendsNothingAndWaitsForAPerson() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let held = try await harness.start(try await harness.account(.live), ipCountry: "IT", mode: .live)
        #expect(held.status == .inReview)
        #expect(harness.scripted.sends.isEmpty)
        let resolved = try await harness.service.resolve(
            accountID: held.accountID.uuidString, id: held.id.uuidString, ResolveRequest(outcome: "reject"), mode: .live)
        #expect(resolved.status == .failed)
    }

    @Test func aPolicyThatCannotEvaluateSendsNothingAndIsCounted() async throws {
        let metrics = MetricsRecorder()
        let harness = try ServiceHarness(metrics: metrics)
        defer { harness.removeFiles() }
        harness.service.policy.replace(with: try CompiledPolicy(source: """
            policy needs_mcc version 1
            input carrier.mcc: string
            block FOREIGN_NETWORK when carrier.mcc == "901"
            """, file: "needs_mcc.rules"))
        let held = try await harness.start(try await harness.account(.live), mode: .live)
        #expect(held.status == .inReview)
        #expect(held.risk.reasons == [RiskEvaluator.inputErrorReason])
        #expect(harness.scripted.sends.isEmpty)
        #expect(metrics.count("phonerisk_policy_errors_total", [("stage", "create")]) == 1)
    }

    @Test func aResendRunsThePolicyAgainAndABlockSendsNothing() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account(.live), ipCountry: "ES", mode: .live)
        #expect(started.status == .pending)
        let first = try await harness.service.resend(accountID: started.accountID.uuidString, id: started.id.uuidString, mode: .live)
        #expect(first.status == .pending)
        #expect(harness.scripted.sends.count == 2)
        let error = await harness.apiError {
            try await harness.service.resend(accountID: started.accountID.uuidString, id: started.id.uuidString, mode: .live)
        }
        #expect(error?.status == 403)
        #expect(error?.code == .verificationBlocked)
        #expect(error?.verification?.status == .blocked)
        #expect(error?.verification?.risk.reasons.contains("RESEND_BLOCK") == true)
        #expect(harness.scripted.sends.count == 2)
        let stored = try await harness.get(started, mode: .live)
        #expect(stored.status == .blocked)
        let history = try await EvaluationHistory(store: harness.store).evaluations(since: nil)
        #expect(history.map(\.risk.decision) == [.pass, .pass, .block])
        #expect(history.last?.signals["behavior.resends"] == .int(2))
    }

    @Test func aResendTheStepUpHoldsGivesItsSendBack() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account(.live), ipCountry: "PT", mode: .live)
        let held = try await harness.service.resend(accountID: started.accountID.uuidString, id: started.id.uuidString, mode: .live)
        #expect(held.status == .requiresStepUp)
        #expect(harness.scripted.sends.count == 1)
        let record = try await harness.store.read("read") { tx in
            try tx.verification(id: started.id.uuidString.lowercased(), accountID: started.accountID.uuidString.lowercased(), mode: .live)
        }
        #expect(record?.sends == 1)
    }

    @Test func thePolicyComesBeforeTheProvidersCredentials() async throws {
        let harness = try ServiceHarness(realSignals: true)
        defer { harness.removeFiles() }
        let accountID = try await harness.account(.live)
        let premium = await harness.apiError { try await harness.start(accountID, mode: .live, phone: "+449098790000") }
        #expect(premium?.status == 403)
        #expect(premium?.verification?.status == .blocked)
        #expect(premium?.verification?.risk.reasons.contains("PREMIUM_LINE") == true)
        let clean = await harness.apiError { try await harness.start(accountID, mode: .live, phone: "+61491570006") }
        #expect(clean?.status == 503)
        #expect(clean?.code == .providerNotConfigured)
        let list = try await harness.service.listVerifications(accountID: accountID, ListRequest(), mode: .live)
        #expect(list.data.map(\.status) == [.blocked])
    }

    @Test func aFraudGuardRefusalIsStoredAsABlockAndCounted() async throws {
        let metrics = MetricsRecorder()
        let harness = try ServiceHarness(metrics: metrics)
        defer { harness.removeFiles() }
        let accountID = try await harness.account(.live)
        harness.scripted.fail(with: .fraudGuard)
        let error = await harness.apiError { try await harness.start(accountID, mode: .live) }
        #expect(error?.status == 403)
        #expect(error?.code == .verificationBlocked)
        let blocked = try #require(error?.verification)
        #expect(blocked.status == .blocked)
        #expect(blocked.risk.decision == .block)
        #expect(blocked.risk.reasons == ["CREATED", VerificationService.providerFraudReason])
        #expect(try await harness.get(blocked, mode: .live).status == .blocked)
        #expect(metrics.count("phonerisk_provider_blocks_total", [("provider", harness.scripted.name)]) == 1)
    }

    @Test func aFraudGuardRefusalAtResendBlocksTheVerification() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account(.live), mode: .live)
        harness.scripted.fail(with: .fraudGuard)
        let error = await harness.apiError {
            try await harness.service.resend(accountID: started.accountID.uuidString, id: started.id.uuidString, mode: .live)
        }
        #expect(error?.code == .verificationBlocked)
        #expect(error?.verification?.risk.reasons.last == VerificationService.providerFraudReason)
        let record = try await harness.store.read("read") { tx in
            try tx.verification(id: started.id.uuidString.lowercased(), accountID: started.accountID.uuidString.lowercased(), mode: .live)
        }
        #expect(record?.status == "blocked")
        #expect(record?.sends == 1)
    }
}
