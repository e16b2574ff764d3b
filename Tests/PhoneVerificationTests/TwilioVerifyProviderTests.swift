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
        let twilio = try TwilioVerifyProvider(environment: ["PHONERISK_TWILIO_ACCOUNT_SID": "AC1"])
        #expect(twilio.unavailableReason?.contains("PHONERISK_TWILIO_AUTH_TOKEN") == true)
        await #expect(throws: ProviderError.self) {
            try await twilio.send(CodeDelivery(phoneNumber: "+12025550123", code: "", verificationID: "v1"))
        }
        let configured = try TwilioVerifyProvider(environment: [
            "PHONERISK_TWILIO_ACCOUNT_SID": "AC1", "PHONERISK_TWILIO_AUTH_TOKEN": "t", "PHONERISK_TWILIO_VERIFY_SERVICE_SID": "VA1",
            "PHONERISK_TWILIO_VERIFY_URL": "http://127.0.0.1:9/",
        ])
        #expect(configured.unavailableReason == nil)
        #expect(configured.baseURL == "http://127.0.0.1:9")
    }

    func provider(_ server: LoopbackHTTPServer, channels: Set<TwilioVerifyProvider.Channel>) -> TwilioVerifyProvider {
        TwilioVerifyProvider(credentials: Self.credentials, baseURL: server.baseURL, timeoutSeconds: 5, channels: channels)
    }

    static let basicAuthorization = "Basic " + Data("ACtest:token-secret".utf8).base64EncodedString()

    /// The provider error `body` throws, or nil when it returns or throws anything else.
    func providerError(_ body: () async throws -> some Any) async -> ProviderError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error as? ProviderError
        }
    }

    @Test func aFraudGuardRefusalIsFraudGuardAndA502WithoutAVerification() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .init(status: .forbidden, body: Self.error(60410, "Verification delivery attempt blocked", status: 403))
        }
        let error = await providerError {
            try await provider(server).send(CodeDelivery(phoneNumber: "+447400123456", code: "", verificationID: "v1"))
        }
        #expect(error == .fraudGuard)
        let api = APIError.provider(try #require(error), provider: "twilio")
        #expect(api.status == 502)
        #expect(api.code == .providerFailed)
        let request = try #require(server.requests.first)
        #expect(request.path == "/v2/Services/VAservice/Verifications")
        #expect(request.form == ["To": "+447400123456", "Channel": "sms"])
        #expect(request.authorization == Self.basicAuthorization)
        try await server.stop()
    }

    @Test(arguments: [
        (20429, 429, "7", 7),
        (20429, 429, nil, TwilioVerifyProvider.defaultRetryAfterSeconds),
        (20429, 429, "Wed, 21 Oct 2026 07:28:00 GMT", TwilioVerifyProvider.defaultRetryAfterSeconds),
        (0, 429, "12", 12),
    ] as [(Int, Int, String?, Int)])
    func twilioRateLimitsAre429WithRetryAfter(_ code: Int, _ status: Int, _ retryAfter: String?, _ expected: Int) async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            var headers = [("Content-Type", "application/json")]
            if let retryAfter { headers.append(("Retry-After", retryAfter)) }
            let body = code == 0 ? "{}" : Self.error(code, "Too many requests", status: status)
            return .init(status: HTTPResponseStatus(statusCode: status), headers: headers, body: body)
        }
        let error = await providerError {
            try await provider(server).send(CodeDelivery(phoneNumber: "+12025550123", code: "", verificationID: "v1"))
        }
        #expect(error == .rateLimited(retryAfter: expected))
        let api = APIError.provider(try #require(error), provider: "twilio")
        #expect(api.status == 429)
        #expect(api.kind == .rateLimit)
        #expect(api.code == .rateLimited)
        #expect(api.retryAfter == expected)
        #expect(server.requests.count == 1)
        try await server.stop()
    }

    @Test func aLandlineRefusedForSMSIsA400NamingTheMaskedNumberWhenCallsAreNotAllowed() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .init(status: .badRequest, body: Self.error(60205, "SMS is not supported by landline phone number", status: 400))
        }
        let error = await providerError {
            try await provider(server, channels: [.sms]).send(CodeDelivery(phoneNumber: "+12025550123", code: "", verificationID: "v1"))
        }
        #expect(error == .smsUnsupported(maskedNumber: "+1******0123"))
        let api = APIError.provider(try #require(error), provider: "twilio")
        #expect(api.status == 400)
        #expect(api.code == .invalidPhoneNumber)
        #expect(api.param == "phone_number")
        #expect(api.message.contains("+1******0123"))
        #expect(api.message.contains("landline"))
        #expect(!api.message.contains("2025550123"))
        #expect(server.requests.map(\.form) == [["To": "+12025550123", "Channel": "sms"]])
        try await server.stop()
    }

    @Test func aLandlineRefusedForSMSIsCalledWhenCallsAreAllowed() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            guard request.form["Channel"] == "call" else {
                return .init(status: .badRequest, body: Self.error(60205, "SMS is not supported by landline phone number", status: 400))
            }
            return .init(status: .created, body: """
                {"sid": "VEcall", "service_sid": "VAservice", "to": "+12025550123", "channel": "call", "status": "pending"}
                """)
        }
        let sent = try await provider(server, channels: [.sms, .call])
            .send(CodeDelivery(phoneNumber: "+12025550123", code: "", verificationID: "v1"))
        #expect(sent == SentCode(acceptance: .providerChecks, reference: "VEcall"))
        #expect(server.requests.map(\.path) == Array(repeating: "/v2/Services/VAservice/Verifications", count: 2))
        #expect(server.requests.map(\.form) == [
            ["To": "+12025550123", "Channel": "sms"], ["To": "+12025550123", "Channel": "call"],
        ])
        #expect(server.requests.allSatisfy { $0.authorization == Self.basicAuthorization })
        try await server.stop()
    }

    @Test func callOnlySendsByCallAtOnce() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(status: .created, body: Self.pending) }
        _ = try await provider(server, channels: [.call]).send(CodeDelivery(phoneNumber: "+12025550123", code: "", verificationID: "v1"))
        #expect(server.requests.map(\.form) == [["To": "+12025550123", "Channel": "call"]])
        try await server.stop()
    }

    @Test func cancelPostsStatusCanceledAndAGoneVerificationIsFine() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            request.path.hasSuffix("/VEgone")
                ? .init(status: .notFound, body: Self.error(20404, "The requested resource was not found", status: 404))
                : .init(body: #"{"sid": "VE1", "status": "canceled"}"#)
        }
        let twilio = provider(server)
        try await twilio.cancel(CodeCheck(phoneNumber: "+12025550123", reference: "VE1"))
        try await twilio.cancel(CodeCheck(phoneNumber: "+12025550123", reference: "VEgone"))
        try await twilio.cancel(CodeCheck(phoneNumber: "+12025550123", reference: nil))
        #expect(server.requests.map(\.path) == ["/v2/Services/VAservice/Verifications/VE1", "/v2/Services/VAservice/Verifications/VEgone"])
        #expect(server.requests.map(\.form) == [["Status": "canceled"], ["Status": "canceled"]])
        #expect(server.requests.allSatisfy { $0.authorization == Self.basicAuthorization })
        try await server.stop()
    }

    @Test func aFailedCancelIsAnError() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .init(status: .internalServerError, body: Self.error(20500, "Internal Server Error", status: 500))
        }
        let error = await providerError { try await provider(server).cancel(CodeCheck(phoneNumber: "+12025550123", reference: "VE1")) }
        #expect(error == .failed("Twilio error 20500 (HTTP 500)"))
        try await server.stop()
    }

    @Test func theChannelsVariableIsReadOnceAndABadValueNamesIt() throws {
        let credentials = [
            "PHONERISK_TWILIO_ACCOUNT_SID": "AC1", "PHONERISK_TWILIO_AUTH_TOKEN": "t", "PHONERISK_TWILIO_VERIFY_SERVICE_SID": "VA1",
        ]
        #expect(try TwilioVerifyProvider(environment: credentials).channels == [.sms])
        let both = credentials.merging(["PHONERISK_TWILIO_CHANNELS": " sms, call "]) { $1 }
        #expect(try TwilioVerifyProvider(environment: both).channels == [.sms, .call])
        for bad in ["sms,fax", "", " , "] {
            let environment = credentials.merging(["PHONERISK_TWILIO_CHANNELS": bad]) { $1 }
            let error = #expect(throws: ConfigurationError.self) { try TwilioVerifyProvider(environment: environment) }
            #expect(error?.description.contains("PHONERISK_TWILIO_CHANNELS") == true)
            #expect(throws: ConfigurationError.self) { try ProviderSet.standard(environment: environment) }
        }
    }
}
