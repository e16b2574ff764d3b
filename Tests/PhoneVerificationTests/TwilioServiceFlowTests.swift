import Foundation
import LoopbackHTTPServer
import Logging
import NIOHTTP1
@testable import PhoneVerification
import RuleEngine
import SignalStore
import Testing

/// The verification service on the real Twilio Verify client against a loopback Twilio that behaves
/// as Twilio documents: one pending verification per number, handed again to a new send for that
/// number, canceled by `Status=canceled`, approved by its right code and unknown (404, 20404) after.
@Suite("Twilio Verify through the service")
struct TwilioServiceFlowTests {
    static let rightCode = "739102"
    static let number = "+12025550123"

    /// The service over `harness`'s store with Twilio as its only real provider.
    static func service(_ harness: ServiceHarness, twilio: FakeVerify) throws -> VerificationService {
        let provider = TwilioVerifyProvider(
            credentials: TwilioVerifyProviderTests.credentials, baseURL: twilio.baseURL, timeoutSeconds: 5)
        return VerificationService(
            store: harness.store,
            policy: PolicyHolder(try CompiledPolicy(source: ServiceHarness.policySource, file: "service_test.rules")),
            providers: ProviderSet([SandboxProvider(), provider]), signals: StaticSignals(),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, clock: harness.clock.function)
    }

    static func start(_ service: VerificationService, account: String) async throws -> Verification {
        try await service.createVerification(accountID: account, CreateVerificationRequest(), mode: .live)
    }

    static func confirm(_ service: VerificationService, _ verification: Verification) async throws -> Verification {
        try await service.confirm(accountID: verification.accountID.uuidString, id: verification.id.uuidString,
                                  ConfirmRequest(code: rightCode), mode: .live)
    }

    @Test func aSecondVerificationOfANumberCancelsTheFirstHereAndAtTwilio() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let twilio = try await FakeVerify.start(rightCode: Self.rightCode)
        let service = try Self.service(harness, twilio: twilio)
        let account = try await harness.account(.live, phone: Self.number)

        let first = try await Self.start(service, account: account)
        harness.clock.advance(seconds: 30)
        let second = try await Self.start(service, account: account)

        #expect(twilio.requests.map(\.path) == [
            "/v2/Services/VAservice/Verifications", "/v2/Services/VAservice/Verifications/VE1",
            "/v2/Services/VAservice/Verifications",
        ])
        #expect(twilio.requests.map(\.form) == [
            ["To": Self.number, "Channel": "sms"], ["Status": "canceled"], ["To": Self.number, "Channel": "sms"],
        ])
        #expect(try await harness.get(first, mode: .live).status == .canceled)

        let refused = await harness.apiError { try await Self.confirm(service, first) }
        #expect(refused?.status == 409)
        #expect(refused?.code == .verificationNotPending)
        #expect(refused?.message.contains("'canceled'") == true)
        #expect(try await Self.confirm(service, second).status == .verified)
        #expect(twilio.requests.last?.form == ["Code": Self.rightCode, "VerificationSid": "VE2"])
        try await twilio.stop()
    }

    @Test func theFirstStaysCanceledWhenTwilioCannotCancelIt() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let twilio = try await FakeVerify.start(rightCode: Self.rightCode, cancelFails: true)
        let service = try Self.service(harness, twilio: twilio)
        let account = try await harness.account(.live, phone: Self.number)

        let first = try await Self.start(service, account: account)
        let second = try await Self.start(service, account: account)
        // Twilio handed its still-pending VE1 to the second send; the second verification holds it.
        #expect(twilio.requests.map(\.path).filter { $0.hasSuffix("/Verifications/VE1") }.count == 1)
        #expect(try await harness.get(first, mode: .live).status == .canceled)
        #expect(await harness.apiError { try await Self.confirm(service, first) }?.code == .verificationNotPending)
        #expect(try await Self.confirm(service, second).status == .verified)
        #expect(twilio.requests.last?.form == ["Code": Self.rightCode, "VerificationSid": "VE1"])
        try await twilio.stop()
    }

    @Test func verificationsOfOtherNumbersAndExpiredOnesAreLeftAlone() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let twilio = try await FakeVerify.start(rightCode: Self.rightCode)
        let service = try Self.service(harness, twilio: twilio)
        let account = try await harness.account(.live, phone: Self.number)
        let other = try await harness.account(.live, phone: "+12025550188")

        let first = try await Self.start(service, account: account)
        let elsewhere = try await Self.start(service, account: other)
        harness.clock.advance(seconds: 601)
        _ = try await Self.start(service, account: account)

        #expect(!twilio.requests.contains { $0.form["Status"] == "canceled" })
        #expect(try await harness.get(first, mode: .live).status == .expired)
        #expect(try await harness.get(elsewhere, mode: .live).status == .expired)
        try await twilio.stop()
    }

    @Test func cancelCancelsAtTwilioAndStandsWhenTwilioFails() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        for cancelFails in [false, true] {
            let twilio = try await FakeVerify.start(rightCode: Self.rightCode, cancelFails: cancelFails)
            let service = try Self.service(harness, twilio: twilio)
            let account = try await harness.account(.live, phone: Self.number)
            let started = try await Self.start(service, account: account)
            let canceled = try await service.cancel(accountID: account, id: started.id.uuidString, mode: .live)
            #expect(canceled.status == .canceled)
            #expect(twilio.requests.last?.path == "/v2/Services/VAservice/Verifications/VE1")
            #expect(twilio.requests.last?.form == ["Status": "canceled"])
            #expect(twilio.requests.last?.authorization == "Basic " + Data("ACtest:token-secret".utf8).base64EncodedString())
            #expect(try await harness.get(started, mode: .live).status == .canceled)
            try await twilio.stop()
        }
    }

    @Test func aTwilioRateLimitAnswers429WithRetryAfterAndStoresNothing() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let twilio = try await FakeVerify.start(rightCode: Self.rightCode, refusal: (429, 20429, "9"))
        let service = try Self.service(harness, twilio: twilio)
        let account = try await harness.account(.live, phone: Self.number)
        let limited = await harness.apiError { try await Self.start(service, account: account) }
        #expect(limited?.status == 429)
        #expect(limited?.code == .rateLimited)
        #expect(limited?.retryAfter == 9)
        #expect(try await service.listVerifications(accountID: account, ListRequest(), mode: .live).data.isEmpty)
        try await twilio.stop()
    }
}

/// Twilio Verify on loopback: one pending verification per number (a new send for a number that has one
/// gets the same sid back, as Twilio does within its window), `Status=canceled` cancels, the right code
/// approves, and a verification that is no longer pending is unknown (404, 20404).
final class FakeVerify: @unchecked Sendable {
    private struct Entry {
        var sid: String
        var to: String
        var status: String
    }

    // Guards `entries`.
    private let lock = NSLock()
    private var entries: [Entry] = []
    private var server: LoopbackHTTPServer?
    private let rightCode: String
    private let cancelFails: Bool
    private let refusal: (Int, Int, String?)?

    private init(rightCode: String, cancelFails: Bool, refusal: (Int, Int, String?)?) {
        self.rightCode = rightCode
        self.cancelFails = cancelFails
        self.refusal = refusal
    }

    /// Starts the fake.
    /// - Parameters:
    ///   - rightCode: the code every verification accepts.
    ///   - cancelFails: answer every cancel with HTTP 500.
    ///   - refusal: answer every send with this HTTP status, Twilio code and `Retry-After`.
    static func start(rightCode: String, cancelFails: Bool = false, refusal: (Int, Int, String?)? = nil) async throws -> FakeVerify {
        let fake = FakeVerify(rightCode: rightCode, cancelFails: cancelFails, refusal: refusal)
        fake.server = try await LoopbackHTTPServer.start { [fake] request in fake.respond(to: request) }
        return fake
    }

    var baseURL: String { server?.baseURL ?? "" }
    var requests: [LoopbackHTTPServer.Request] { server?.requests ?? [] }
    func stop() async throws { try await server?.stop() }

    private static func error(_ status: HTTPResponseStatus, _ code: Int, headers: [(String, String)] = []) -> LoopbackHTTPServer.Response {
        .init(status: status, headers: [("Content-Type", "application/json")] + headers, body: """
            {"code": \(code), "message": "refused", "more_info": "https://www.twilio.com/docs/errors/\(code)", "status": \(status.code)}
            """)
    }

    private static func verification(_ entry: Entry, status: HTTPResponseStatus = .ok) -> LoopbackHTTPServer.Response {
        .init(status: status, body: """
            {"sid": "\(entry.sid)", "service_sid": "VAservice", "to": "\(entry.to)", "channel": "sms", "status": "\(entry.status)"}
            """)
    }

    private func respond(to request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
        let form = request.form
        let prefix = "/v2/Services/VAservice/"
        let resource = request.path.hasPrefix(prefix) ? String(request.path.dropFirst(prefix.count)) : ""
        return lock.withLock {
            switch resource {
            case "Verifications":
                if case let (status, code, retryAfter)? = refusal {
                    return Self.error(HTTPResponseStatus(statusCode: status), code,
                                      headers: retryAfter.map { [("Retry-After", $0)] } ?? [])
                }
                let to = form["To"] ?? ""
                if let pending = entries.first(where: { $0.to == to && $0.status == "pending" }) {
                    return Self.verification(pending, status: .created)
                }
                let entry = Entry(sid: "VE\(entries.count + 1)", to: to, status: "pending")
                entries.append(entry)
                return Self.verification(entry, status: .created)
            case "VerificationCheck":
                guard let index = entries.firstIndex(where: { $0.sid == form["VerificationSid"] && $0.status == "pending" }) else {
                    return Self.error(.notFound, 20404)
                }
                if form["Code"] == rightCode { entries[index].status = "approved" }
                return Self.verification(entries[index])
            case let path where path.hasPrefix("Verifications/"):
                if cancelFails { return Self.error(.internalServerError, 20500) }
                let sid = path.dropFirst("Verifications/".count)
                guard form["Status"] == "canceled",
                      let index = entries.firstIndex(where: { $0.sid == sid && $0.status == "pending" })
                else { return Self.error(.notFound, 20404) }
                entries[index].status = "canceled"
                return Self.verification(entries[index])
            default:
                return Self.error(.notFound, 20404)
            }
        }
    }
}
