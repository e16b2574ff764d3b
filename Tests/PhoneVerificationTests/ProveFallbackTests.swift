import Foundation
import Logging
import LoopbackHTTPServer
import MobileSignals
import NIOHTTP1
@testable import PhoneVerification
import RuleEngine
import SignalStore
import Testing

/// The `prove` provider inside the service, on a manual clock: Prove and Twilio Verify on loopback.
@Suite("Prove fallback in the service")
struct ProveFallbackTests {
    static let policy = """
        policy prove_test version 1
        input stage: "create" | "confirm"
        input prove.fallback: bool?
        score +10 FELL_BACK when prove.fallback
        """

    /// A service whose `prove` provider talks to `prove` and sends codes through `twilio`.
    static func service(
        prove: LoopbackHTTPServer, twilio: LoopbackHTTPServer, harness: ServiceHarness, metrics: MetricsRecorder, fallback: ProveSettings.Fallback = .twilio
    ) throws -> VerificationService {
        let settings = ProveSettings(
            configuration: ProveConfiguration(clientID: "id-\(UUID().uuidString)", clientSecret: "secret", baseURL: prove.baseURL, timeout: .seconds(30)),
            fallback: fallback)
        let twilioProvider = TwilioVerifyProvider(
            credentials: .init(accountSID: "AC1", authToken: "token", serviceSID: "VA1"), baseURL: twilio.baseURL)
        let proveProvider = ProveProvider(
            settings: settings, twilio: twilioProvider, cacheStore: try SQLiteSignalCacheStore(database: harness.database),
            clock: harness.clock.function)
        return VerificationService(
            store: harness.store, policy: PolicyHolder(try CompiledPolicy(source: policy, file: "prove_test.rules")),
            providers: ProviderSet([SandboxProvider(), twilioProvider, proveProvider], liveDefault: ProviderName.prove),
            signals: StaticSignals(), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            clock: harness.clock.function, metricsFactory: metrics)
    }

    static func twilio() async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start { _ in
            .init(status: .created, body: #"{"sid": "VE1", "to": "+12025550123", "channel": "sms", "status": "pending", "valid": false}"#)
        }
    }

    @Test func a429FallsBackAndNoProveRequestLeavesUntilRetryAfter() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let limited = LockedFlag()
        let prove = try await LoopbackHTTPServer.start { request in
            if request.path == "/token" {
                return .init(body: #"{"access_token": "t1", "token_type": "Bearer", "expires_in": 3600}"#)
            }
            return limited.takeFirst()
                ? .init(status: .tooManyRequests, headers: [("Content-Type", "application/json"), ("Retry-After", "20")],
                        body: #"{"code": 8008, "message": "too many requests"}"#)
                : .init(body: #"{"success": "true", "correlationId": "c1", "evaluation": {"risk": {"result": "pass", "failureReasons": {}}}}"#)
        }
        let twilio = try await Self.twilio()
        let metrics = MetricsRecorder()
        let service = try Self.service(prove: prove, twilio: twilio, harness: harness, metrics: metrics)
        let accountID = try await service.createAccount(CreateAccountRequest(), mode: .live).id.uuidString

        func start(_ number: String) async throws -> Verification {
            try await service.createVerification(accountID: accountID, CreateVerificationRequest(phoneNumber: number), mode: .live)
        }
        let first = try await start("+12025550121")
        #expect(first.provider == "twilio")
        #expect(first.fallback == ProviderFallback(from: "prove", to: "twilio", reason: "rate_limited"))
        let proveRequests = prove.requests.count
        harness.clock.advance(seconds: 19)
        let second = try await start("+12025550119")
        #expect(second.fallback?.reason == "rate_limited")
        #expect(prove.requests.count == proveRequests)
        harness.clock.advance(seconds: 1)
        let third = try await start("+12025550166")
        #expect(third.provider == "prove")
        #expect(third.fallback == nil)
        #expect(prove.requests.count == proveRequests + 1)
        // Twilio sent every code.
        #expect(twilio.requests.count == 3)
        #expect(metrics.count("phonerisk_provider_fallbacks_total", [("from", "prove"), ("to", "twilio"), ("reason", "rate_limited")]) == 2)
        #expect(metrics.count("phonerisk_provider_requests_total", [("provider", "prove"), ("outcome", "rejected")]) == 2)
        #expect(metrics.count("phonerisk_provider_requests_total", [("provider", "prove"), ("outcome", "success")]) == 1)
        try await prove.stop()
        try await twilio.stop()
    }

    @Test func aMalformedAnswerFallsBackAsErrorOrFailsWithoutFallback() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let prove = try await LoopbackHTTPServer.start { request in
            request.path == "/token"
                ? .init(body: #"{"access_token": "t1", "token_type": "Bearer", "expires_in": 3600}"#)
                : .init(body: #"{"success": "yes", "correlationId": "c1"}"#)
        }
        let twilio = try await Self.twilio()
        let lenient = try Self.service(prove: prove, twilio: twilio, harness: harness, metrics: MetricsRecorder())
        let accountID = try await lenient.createAccount(CreateAccountRequest(), mode: .live).id.uuidString
        let fellBack = try await lenient.createVerification(
            accountID: accountID, CreateVerificationRequest(phoneNumber: "+12025550121"), mode: .live)
        #expect(fellBack.fallback?.reason == "error")
        #expect(fellBack.risk.reasons == ["FELL_BACK"])

        let strict = try Self.service(prove: prove, twilio: twilio, harness: harness, metrics: MetricsRecorder(), fallback: .none)
        let sends = twilio.requests.count
        let error = await #expect(throws: APIError.self) {
            try await strict.createVerification(accountID: accountID, CreateVerificationRequest(phoneNumber: "+12025550119"), mode: .live)
        }
        #expect(error?.status == 502)
        #expect(error?.code == .providerFailed)
        #expect(twilio.requests.count == sends)
        let stored = try await strict.listVerifications(accountID: accountID, ListRequest(), mode: .live)
        #expect(stored.data.map(\.id) == [fellBack.id])
        try await prove.stop()
        try await twilio.stop()
    }
}

/// True once, then false.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false

    func takeFirst() -> Bool {
        lock.withLock {
            defer { taken = true }
            return !taken
        }
    }
}
