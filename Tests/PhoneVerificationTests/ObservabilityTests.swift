import Foundation
@testable import PhoneVerification
import Testing

@Suite("Logs and metrics")
struct ObservabilityTests {
    @Test func logsMaskNumbersAndNeverShowCodes() async throws {
        let logs = LogRecorder()
        let harness = try ServiceHarness(logs: logs)
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account())
        _ = await harness.apiError { try await harness.confirm(started, code: "987654") }
        _ = try await harness.confirm(started, code: "123456")
        let live = try await harness.start(try await harness.account(.live), mode: .live)
        harness.scripted.fail(with: .failed("boom"))
        _ = await harness.apiError { try await harness.service.resend(accountID: live.accountID.uuidString, id: live.id.uuidString, mode: .live) }
        let text = logs.all.joined(separator: "\n")
        #expect(text.contains("+1******0123"))
        #expect(text.contains("incorrect code"))
        for secret in ["12025550123", "202555", "987654", "123456", ScriptedProvider.rightCode] {
            #expect(!text.contains(secret), "the logs show \(secret)")
        }
    }

    @Test func countsDecisionsEvaluationsAndProviderRequests() async throws {
        let metrics = MetricsRecorder()
        let harness = try ServiceHarness(metrics: metrics)
        defer { harness.removeFiles() }
        let accountID = try await harness.account(.live)
        _ = await harness.apiError { try await harness.start(accountID, ipCountry: "KP", mode: .live) }
        let started = try await harness.start(accountID, ipCountry: "FR", mode: .live)
        _ = try await harness.confirm(started, code: ScriptedProvider.rightCode, mode: .live)
        harness.scripted.fail(with: .timeout(seconds: 10))
        _ = await harness.apiError { try await harness.start(accountID, mode: .live, phone: "+12025550188") }
        #expect(metrics.count("phonerisk_decisions_total", [("stage", "create"), ("decision", "block")]) == 1)
        #expect(metrics.count("phonerisk_decisions_total", [("stage", "create"), ("decision", "pass")]) == 2)
        #expect(metrics.count("phonerisk_decisions_total", [("stage", "confirm"), ("decision", "step_up")]) == 1)
        #expect(metrics.timings("phonerisk_policy_evaluation_seconds") == 4)
        #expect(metrics.count("phonerisk_provider_requests_total", [("provider", "twilio"), ("outcome", "success")]) == 2)
        #expect(metrics.count("phonerisk_provider_requests_total", [("provider", "twilio"), ("outcome", "timeout")]) == 1)
    }
}
