import AsyncHTTPClient
import Foundation
import LoopbackHTTPServer
import NIOHTTP1
@testable import PhoneVerification
import Testing

/// The Twilio Verify client against a loopback server answering with Twilio's documented bodies.
@Suite("Twilio Verify provider")
struct TwilioVerifyProviderTests {
    static let credentials = TwilioVerifyProvider.Credentials(accountSID: "ACtest", authToken: "token-secret", serviceSID: "VAservice")

    static let pending = """
        {"sid": "VE0123456789abcdef0123456789abcdef", "service_sid": "VAservice", "account_sid": "ACtest",
         "to": "+12025550123", "channel": "sms", "status": "pending", "valid": false}
        """

    static func error(_ code: Int, _ message: String, status: Int) -> String {
        """
        {"code": \(code), "message": "\(message)", "more_info": "https://www.twilio.com/docs/errors/\(code)", "status": \(status)}
        """
    }

    func provider(_ server: LoopbackHTTPServer, timeout: Int = 5) -> TwilioVerifyProvider {
        TwilioVerifyProvider(credentials: Self.credentials, baseURL: server.baseURL, timeoutSeconds: timeout)
    }

    @Test func sendsAnSMSVerificationWithBasicAuthAndAFormBody() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(status: .created, body: Self.pending) }
        let sent = try await provider(server).send(CodeDelivery(phoneNumber: "+12025550123", code: "000000", verificationID: "v1"))
        #expect(sent == SentCode(acceptance: .providerChecks, reference: "VE0123456789abcdef0123456789abcdef"))
        let request = try #require(server.requests.first)
        #expect(request.path == "/v2/Services/VAservice/Verifications")
        #expect(request.form == ["To": "+12025550123", "Channel": "sms"])
        #expect(request.authorization == "Basic " + Data("ACtest:token-secret".utf8).base64EncodedString())
        try await server.stop()
    }

    @Test func checksACodeAgainstTheVerificationSid() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            let approved = request.form["Code"] == "987654"
            return .init(body: """
                {"sid": "VE1", "to": "+12025550123", "channel": "sms", "status": "\(approved ? "approved" : "pending")", "valid": \(approved)}
                """)
        }
        let twilio = provider(server)
        #expect(try await twilio.check("987654", for: CodeCheck(phoneNumber: "+12025550123", reference: "VE1")))
        #expect(try await !twilio.check("111111", for: CodeCheck(phoneNumber: "+12025550123", reference: "VE1")))
        #expect(server.requests.map(\.path) == Array(repeating: "/v2/Services/VAservice/VerificationCheck", count: 2))
        #expect(server.requests.first?.form == ["Code": "987654", "VerificationSid": "VE1"])
        try await server.stop()
    }

    @Test(arguments: [
        (60200, 400, ProviderError.invalidNumber("Twilio error 60200 (HTTP 400)"), 400, APIError.Code.invalidPhoneNumber),
        (60202, 429, .tooManyChecks, 429, .maxAttemptsReached),
        (60203, 429, .tooManySends, 429, .maxSendsReached),
        (20404, 404, .expired, 410, .verificationExpired),
        (20003, 401, .failed("Twilio error 20003 (HTTP 401)"), 502, .providerFailed),
    ])
    func mapsTwilioErrors(_ code: Int, _ status: Int, _ expected: ProviderError, _ apiStatus: Int, _ apiCode: APIError.Code) async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .init(status: HTTPResponseStatus(statusCode: status), body: Self.error(code, "Invalid parameter", status: status))
        }
        do {
            _ = try await provider(server).send(CodeDelivery(phoneNumber: "+12025550123", code: "000000", verificationID: "v1"))
            Issue.record("expected Twilio error \(code) to throw")
        } catch {
            #expect(error == expected)
            let api = APIError.provider(error, provider: "twilio")
            #expect(api.status == apiStatus)
            #expect(api.code == apiCode)
        }
        try await server.stop()
    }

    @Test func aSlowTwilioIsATimeout() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(status: .created, body: Self.pending, delay: .seconds(60)) }
        await #expect(throws: ProviderError.timeout(seconds: 1)) {
            try await provider(server, timeout: 1).send(CodeDelivery(phoneNumber: "+12025550123", code: "", verificationID: "v1"))
        }
        try await server.stop()
    }

    @Test func garbageAndUnreachableServersAreFailures() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: "<html>oops</html>") }
        await #expect(throws: ProviderError.self) {
            try await provider(server).send(CodeDelivery(phoneNumber: "+12025550123", code: "", verificationID: "v1"))
        }
        let base = server.baseURL
        try await server.stop()
        let gone = TwilioVerifyProvider(credentials: Self.credentials, baseURL: base, timeoutSeconds: 2)
        do {
            _ = try await gone.send(CodeDelivery(phoneNumber: "+12025550123", code: "", verificationID: "v1"))
            Issue.record("expected a failure")
        } catch {
            #expect(APIError.provider(error, provider: "twilio").status == 502)
        }
    }

    @Test func withoutCredentialsItIsNotConfigured() async throws {
        let twilio = TwilioVerifyProvider(environment: ["PHONERISK_TWILIO_ACCOUNT_SID": "AC1"])
        #expect(twilio.unavailableReason?.contains("PHONERISK_TWILIO_AUTH_TOKEN") == true)
        await #expect(throws: ProviderError.self) {
            try await twilio.send(CodeDelivery(phoneNumber: "+12025550123", code: "", verificationID: "v1"))
        }
        let configured = TwilioVerifyProvider(environment: [
            "PHONERISK_TWILIO_ACCOUNT_SID": "AC1", "PHONERISK_TWILIO_AUTH_TOKEN": "t", "PHONERISK_TWILIO_VERIFY_SERVICE_SID": "VA1",
            "PHONERISK_TWILIO_VERIFY_URL": "http://127.0.0.1:9/",
        ])
        #expect(configured.unavailableReason == nil)
        #expect(configured.baseURL == "http://127.0.0.1:9")
    }
}
