import Foundation
import LoopbackHTTPServer
import NIOHTTP1
import PhoneVerification
import ScratchPostgres
import Testing
@testable import PhoneRiskServer

/// Prove and Twilio Verify played by loopback servers speaking their published wire shapes.
final class VendorFakes: Sendable {
    let prove: LoopbackHTTPServer
    let twilio: LoopbackHTTPServer

    /// Prove's answers by number: clean, low trust (9133) with a SIM swap under 24 h (9135), a timeout, a 500.
    static let clean = "+12025550123"
    static let lowTrustSwap = "+12025550156"
    static let slow = "+12025550177"
    static let failing = "+12025550188"
    /// The code Twilio Verify accepts.
    static let twilioCode = "246810"

    private init(prove: LoopbackHTTPServer, twilio: LoopbackHTTPServer) {
        self.prove = prove
        self.twilio = twilio
    }

    static func start() async throws -> VendorFakes {
        let prove = try await LoopbackHTTPServer.start { request in
            switch request.path {
            case "/token":
                return .init(body: #"{"access_token": "tok-secret-1", "token_type": "Bearer", "expires_in": 3600, "refresh_token": "r"}"#)
            case "/v3/verify":
                let body = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8))) as? [String: String] ?? [:]
                let number = body["phoneNumber"] ?? ""
                switch number {
                case slow:
                    return .init(body: verify(number: number, codes: []), delay: .seconds(60))
                case failing:
                    return .init(status: .internalServerError, body: #"{"code": 8000, "message": "prove-private-message"}"#)
                case lowTrustSwap:
                    return .init(body: verify(number: number, codes: ["9133", "9135"]))
                default:
                    return .init(body: verify(number: number, codes: []))
                }
            default:
                return .init(status: .notFound, body: #"{"code": 8000, "message": "not found"}"#)
            }
        }
        let twilio = try await LoopbackHTTPServer.start { request in
            if request.path.hasSuffix("/VerificationCheck") {
                let approved = request.form["Code"] == twilioCode
                return .init(body: #"{"sid": "VE1", "status": "\#(approved ? "approved" : "pending")", "valid": \#(approved)}"#)
            }
            return .init(status: .created, body: #"{"sid": "VE1", "to": "\#(request.form["To"] ?? "")", "channel": "sms", "status": "pending", "valid": false}"#)
        }
        return VendorFakes(prove: prove, twilio: twilio)
    }

    static func verify(number: String, codes: [String]) -> String {
        let reasons = codes.map { #""\#($0)": "reason""# }.joined(separator: ", ")
        return """
            {"success": "\(codes.isEmpty)", "correlationId": "corr-\(number.suffix(4))", "phoneNumber": "\(number)",
             "identity": {"assuranceLevel": "\(codes.isEmpty ? "AL2" : "AL0")"},
             "evaluation": {"authentication": {"result": "pass", "failureReasons": {}},
                            "risk": {"result": "\(codes.isEmpty ? "pass" : "fail")", "failureReasons": {\(reasons)}}}}
            """
    }

    /// The environment of a live service using both fakes.
    func environment(fallback: String = "twilio", region: String = "us") -> [String: String] {
        [
            "PHONERISK_TWILIO_ACCOUNT_SID": "ACtest", "PHONERISK_TWILIO_AUTH_TOKEN": "twilio-token",
            "PHONERISK_TWILIO_VERIFY_SERVICE_SID": "VAservice", "PHONERISK_TWILIO_VERIFY_URL": twilio.baseURL,
            "PHONERISK_TWILIO_LOOKUP_FIELDS": "",
            "PHONERISK_PROVE_CLIENT_ID": "prove-client", "PHONERISK_PROVE_CLIENT_SECRET": "prove-client-secret",
            "PHONERISK_PROVE_URL": prove.baseURL + "/", "PHONERISK_PROVE_TIMEOUT": "5s",
            "PHONERISK_PROVE_FALLBACK": fallback, "PHONERISK_PROVE_REGION": region, "PHONERISK_LIVE_PROVIDER": "prove",
        ]
    }

    func stop() async throws {
        try await prove.stop()
        try await twilio.stop()
    }
}

/// The `prove` provider end to end: a live key, Prove and Twilio Verify on loopback.
@Suite("Prove provider end to end")
struct ProveProviderTests {
    /// The default policy's Prove lines (and the rule they feed), without the bands that depend on timing.
    static let policy = """
        policy test_prove version 1
        input stage: "create" | "confirm"
        input trust_score: int?
        input sim_swap.age: duration?
        input prove.low_trust: bool?
        input prove.public_sms_number: bool?
        input prove.fallback: bool?
        let low_trust = trust_score <= 300 or prove.low_trust
        block PUBLIC_SMS_NUMBER when prove.public_sms_number
        review TAKEOVER_LOW_TRUST when sim_swap.age < 3d and low_trust
        score +10 FELL_BACK when prove.fallback
        """

    func create(_ client: LiveClient, _ accountID: String, _ number: String, auth: LiveClient.Auth = .live, type: String? = nil) async throws -> LiveResponse {
        let typeField = type.map { #", "type": "\#($0)""# } ?? ""
        return try await client.send(
            .POST, "/v1/accounts/\(accountID)/phone_verifications", auth: auth, body: #"{"phone_number": "\#(number)"\#(typeField)}"#)
    }

    func confirm(_ client: LiveClient, _ accountID: String, _ id: String, code: String, auth: LiveClient.Auth = .live) async throws -> LiveResponse {
        try await client.send(.POST, "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm", auth: auth, body: #"{"code": "\#(code)"}"#)
    }

    @Test("the bar: a clean number verifies, low trust with a recent SIM swap is never plainly verified, a timeout still sends through Twilio")
    func theBar() async throws {
        let fakes = try await VendorFakes.start()
        let service = try await TestService.make(policy: Self.policy, environment: fakes.environment())
        try await withLiveServer(service) { client in
            // A clean number: Prove's answer is used, Twilio sends and checks the code.
            let accountID = try await client.createAccount(auth: .live)
            let clean = try await create(client, accountID, VendorFakes.clean)
            #expect(clean.status == 200, "\(clean.text)")
            let cleanObject = try clean.json()
            let cleanID = try #require(cleanObject["id"] as? String)
            #expect(cleanObject["provider"] as? String == "prove")
            #expect(cleanObject["fallback"] is NSNull)
            #expect(cleanObject["sandbox"] == nil)
            #expect(try await confirm(client, accountID, cleanID, code: "000000").errorCode == "incorrect_code")
            let verified = try await confirm(client, accountID, cleanID, code: VendorFakes.twilioCode)
            #expect(try verified.json()["status"] as? String == "verified", "\(verified.text)")

            // Exactly the documented requests reached Prove.
            let proveRequests = fakes.prove.requests
            #expect(proveRequests.map(\.path) == ["/token", "/v3/verify"])
            #expect(proveRequests[0].contentType == "application/x-www-form-urlencoded")
            #expect(proveRequests[0].form == [
                "client_id": "prove-client", "client_secret": "prove-client-secret", "grant_type": "client_credentials",
            ])
            #expect(proveRequests[1].authorization == "Bearer tok-secret-1")
            #expect(proveRequests[1].contentType == "application/json")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(proveRequests[1].body.utf8)) as? [String: String])
            #expect(body == [
                "phoneNumber": VendorFakes.clean, "verificationType": "humanAssurance",
                "clientRequestId": cleanID, "clientCustomerId": accountID,
            ])
            // Twilio sent and checked the code; Prove was not asked again at confirm.
            #expect(fakes.twilio.requests.map(\.path) == [
                "/v2/Services/VAservice/Verifications", "/v2/Services/VAservice/VerificationCheck",
                "/v2/Services/VAservice/VerificationCheck",
            ])
            #expect(fakes.twilio.requests[0].form == ["To": VendorFakes.clean, "Channel": "sms"])

            // Low trust (9133) with a SIM swap under 24 h (9135): reviewed, never plainly verified.
            let risky = try await create(client, accountID, VendorFakes.lowTrustSwap)
            #expect(risky.status == 200, "\(risky.text)")
            let riskyObject = try risky.json()
            let risk = try #require(riskyObject["risk"] as? [String: Any])
            #expect(risk["decision"] as? String == "review")
            #expect(risk["reasons"] as? [String] == ["TAKEOVER_LOW_TRUST"])
            let riskyID = try #require(riskyObject["id"] as? String)
            // Review at create sends nothing: the verification waits in review and takes no code.
            #expect(riskyObject["status"] as? String == "in_review")
            #expect(!fakes.twilio.requests.contains { $0.form["To"] == VendorFakes.lowTrustSwap })
            let held = try await confirm(client, accountID, riskyID, code: VendorFakes.twilioCode)
            #expect(held.status == 409, "\(held.text)")

            // Prove times out: the code still goes through Twilio, and the verification says it fell back.
            let twilioSends = fakes.twilio.requests.filter { $0.path.hasSuffix("/Verifications") }.count
            let slow = try await create(client, accountID, VendorFakes.slow)
            #expect(slow.status == 200, "\(slow.text)")
            let slowObject = try slow.json()
            #expect(slowObject["provider"] as? String == "twilio")
            #expect(slowObject["fallback"] as? [String: String] == ["from": "prove", "to": "twilio", "reason": "timeout"])
            #expect(fakes.twilio.requests.filter { $0.path.hasSuffix("/Verifications") }.count == twilioSends + 1)
            let slowID = try #require(slowObject["id"] as? String)
            let read = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications/\(slowID)", auth: .live).json()
            #expect(read["fallback"] as? [String: String] == ["from": "prove", "to": "twilio", "reason": "timeout"])
            #expect(try await confirm(client, accountID, slowID, code: VendorFakes.twilioCode).json()["status"] as? String == "verified")

            // A 5xx falls back as unavailable; the metrics count both.
            let failing = try await create(client, accountID, VendorFakes.failing)
            #expect(try failing.json()["fallback"] as? [String: String] == ["from": "prove", "to": "twilio", "reason": "unavailable"])
            let metrics = try await client.send(.GET, "/metrics", auth: .none).text
            #expect(metrics.contains("phonerisk_provider_fallbacks_total"))
            #expect(metrics.contains(#"reason="timeout""#))
            #expect(metrics.contains(#"provider="prove""#))
            #expect(metrics.contains(#"outcome="timeout""#))
        }
        // Secrets and tokens never reach the logs; correlation ids do.
        let logs = service.logs.all.joined(separator: "\n")
        #expect(!logs.contains("prove-client-secret"))
        #expect(!logs.contains("tok-secret-1"))
        #expect(!logs.contains("twilio-token"))
        #expect(logs.contains("corr-0123"))
        // Prove's error code is logged, its message is not.
        #expect(logs.contains("8000"))
        #expect(!logs.contains("prove-private-message"))
        try await fakes.stop()
    }

    @Test("the default policy reviews Prove's low trust with a SIM swap under 24 hours at create")
    func defaultPolicy() async throws {
        let fakes = try await VendorFakes.start()
        let service = try await TestService.make(policy: nil, environment: fakes.environment())
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount(auth: .live)
            let risky = try await create(client, accountID, VendorFakes.lowTrustSwap)
            let risk = try #require(try risky.json()["risk"] as? [String: Any])
            #expect(risk["decision"] as? String == "review")
            #expect((risk["reasons"] as? [String])?.contains("TAKEOVER_SIGNS") == true)
            #expect((risk["reasons"] as? [String])?.contains("LOW_TRUST") == true)
        }
        try await fakes.stop()
    }

    @Test("PHONERISK_PROVE_FALLBACK=none: a failed Prove step is a 502 that stores and sends nothing")
    func noFallback() async throws {
        let fakes = try await VendorFakes.start()
        let service = try await TestService.make(policy: Self.policy, environment: fakes.environment(fallback: "none"))
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount(auth: .live)
            let slow = try await create(client, accountID, VendorFakes.slow)
            #expect(slow.status == 502)
            #expect(slow.errorCode == "provider_failed")
            #expect((try slow.error("message") as? String)?.contains("no answer within 5 s") == true)
            let failing = try await create(client, accountID, VendorFakes.failing)
            #expect(failing.status == 502)
            let list = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications", auth: .live).json()
            #expect((list["data"] as? [Any])?.isEmpty == true)
            #expect(fakes.twilio.requests.isEmpty)
            // The request can be retried at once.
            #expect(try await create(client, accountID, VendorFakes.clean).status == 200)
        }
        try await fakes.stop()
    }

    @Test("a number outside the configured region falls back with nothing sent to Prove, or is a 400 on type without fallback")
    func outsideTheRegion() async throws {
        let fakes = try await VendorFakes.start()
        let service = try await TestService.make(policy: Self.policy, environment: fakes.environment(region: "eu"))
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount(auth: .live)
            let answer = try await create(client, accountID, VendorFakes.clean)
            #expect(answer.status == 200)
            #expect(try answer.json()["fallback"] as? [String: String] == ["from": "prove", "to": "twilio", "reason": "region"])
            #expect(fakes.prove.requests.isEmpty)
        }
        let strict = try await TestService.make(policy: Self.policy, environment: fakes.environment(fallback: "none", region: "eu"))
        try await withLiveServer(strict) { client in
            let accountID = try await client.createAccount(auth: .live)
            let answer = try await create(client, accountID, VendorFakes.clean)
            #expect(answer.status == 400)
            #expect(answer.errorCode == "invalid_field")
            #expect(answer.errorParam == "type")
            #expect(fakes.prove.requests.isEmpty)
        }
        try await fakes.stop()
    }

    @Test("without Prove's or Twilio's credentials a live prove create is a 503 naming the missing variables")
    func missingCredentials() async throws {
        let twilioOnly = try await TestService.make(policy: Self.policy, environment: [
            "PHONERISK_TWILIO_ACCOUNT_SID": "AC1", "PHONERISK_TWILIO_AUTH_TOKEN": "t", "PHONERISK_TWILIO_VERIFY_SERVICE_SID": "VA1",
            "PHONERISK_TWILIO_LOOKUP_FIELDS": "", "PHONERISK_LIVE_PROVIDER": "prove",
        ])
        try await withLiveServer(twilioOnly) { client in
            let accountID = try await client.createAccount(auth: .live)
            let answer = try await create(client, accountID, VendorFakes.clean)
            #expect(answer.status == 503)
            #expect(answer.errorCode == "provider_not_configured")
            let message = try #require(try answer.error("message") as? String)
            #expect(message.contains("PHONERISK_PROVE_CLIENT_ID") && message.contains("PHONERISK_PROVE_CLIENT_SECRET"))
            #expect(!message.contains("PHONERISK_TWILIO"))
        }
        let proveOnly = try await TestService.make(policy: Self.policy, environment: [
            "PHONERISK_PROVE_CLIENT_ID": "id", "PHONERISK_PROVE_CLIENT_SECRET": "secret",
        ])
        try await withLiveServer(proveOnly) { client in
            let accountID = try await client.createAccount(auth: .live)
            let answer = try await create(client, accountID, VendorFakes.clean, type: "prove")
            #expect(answer.status == 503)
            let message = try #require(try answer.error("message") as? String)
            #expect(message.contains("PHONERISK_TWILIO_VERIFY_SERVICE_SID"))
            #expect(!message.contains("PHONERISK_PROVE_CLIENT_ID"))
        }
    }

    @Test("a bad PHONERISK_PROVE_* value fails start-up naming the variable")
    func badConfiguration() throws {
        for (name, value) in [
            ("PHONERISK_PROVE_REGION", "asia"), ("PHONERISK_PROVE_TIMEOUT", "31s"), ("PHONERISK_PROVE_TIMEOUT", "0s"),
            ("PHONERISK_PROVE_TIMEOUT", "5"), ("PHONERISK_PROVE_FALLBACK", "sms"), ("PHONERISK_PROVE_URL", "platform.proveapis.com"),
            ("PHONERISK_PROVE_CLIENT_ID", "only-the-id"),
        ] {
            do {
                _ = try ServerConfiguration.resolve(flags: ServerFlags(), environment: [name: value])
                Issue.record("\(name)=\(value) was accepted")
            } catch {
                #expect(error.description.contains(name.hasSuffix("CLIENT_ID") ? "PHONERISK_PROVE_CLIENT_SECRET" : name), "\(error)")
            }
        }
        let configuration = try ServerConfiguration.resolve(flags: ServerFlags(), environment: [
            "PHONERISK_PROVE_CLIENT_ID": "id", "PHONERISK_PROVE_CLIENT_SECRET": "secret", "PHONERISK_PROVE_REGION": "eu",
            "PHONERISK_PROVE_TIMEOUT": "30s", "PHONERISK_PROVE_FALLBACK": "none", "PHONERISK_LIVE_PROVIDER": "prove",
        ])
        #expect(configuration.verification.liveProvider == "prove")
        #expect(configuration.verification.prove.fallback == .none)
        #expect(configuration.verification.prove.configuration?.baseURL == "https://platform.eu.proveapis.com")
        #expect(configuration.verification.prove.configuration?.timeout == .seconds(30))
    }

    @Test("test keys reach every sandbox Prove outcome with nothing leaving the machine")
    func sandboxFixtures() async throws {
        let service = try await TestService.make(policy: nil)
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount(auth: .test)
            let clean = try await create(client, accountID, "+61491570737", auth: .test, type: "prove").json()
            #expect(clean["provider"] as? String == "prove")
            #expect(clean["fallback"] is NSNull)
            #expect((clean["sandbox"] as? [String: [String]])?["expected_codes"] == ["123456", "000000", "111111"])

            let publicSMS = try await create(client, accountID, "+61491571491", auth: .test, type: "prove")
            #expect(publicSMS.status == 403)
            let blocked = try #require(try publicSMS.error("verification") as? [String: Any])
            #expect(((blocked["risk"] as? [String: Any])?["reasons"] as? [String])?.contains("PUBLIC_SMS_NUMBER") == true)
            #expect((blocked["risk"] as? [String: Any])?["decision"] as? String == "block")

            let lowTrust = try await create(client, accountID, "+61491571266", auth: .test, type: "prove").json()
            #expect(((lowTrust["risk"] as? [String: Any])?["reasons"] as? [String])?.contains("LOW_TRUST") == true)

            let swap = try await create(client, accountID, "+61491571804", auth: .test, type: "prove").json()
            let swapReasons = try #require((swap["risk"] as? [String: Any])?["reasons"] as? [String])
            #expect(swapReasons.contains("RECENT_SIM_SWAP") && swapReasons.contains("CALL_FORWARDING"))

            let timeoutAccountID = try await client.createAccount(auth: .test)
            let timeout = try await create(client, timeoutAccountID, "+61491572549", auth: .test, type: "prove")
            #expect(timeout.status == 200)
            let fellBack = try timeout.json()
            #expect(fellBack["provider"] as? String == "twilio")
            #expect(fellBack["fallback"] as? [String: String] == ["from": "prove", "to": "twilio", "reason": "timeout"])
            let id = try #require(fellBack["id"] as? String)
            #expect(try await client.send(.POST, "/v1/accounts/\(timeoutAccountID)/phone_verifications/\(id)/resend", auth: .test).status == 200)
            #expect(try await confirm(client, timeoutAccountID, id, code: "123456", auth: .test).status == 200)
        }
    }

    @Test("the fallback round-trips on PostgreSQL", .enabled(if: ScratchPostgresDatabase.shouldRun))
    func postgres() async throws {
        try await ScratchPostgresDatabase.with { url in
            let service = try await TestService.make(policy: Self.policy, databaseLocation: url)
            try await withLiveServer(service) { client in
                let accountID = try await client.createAccount(auth: .test)
                let created = try await create(client, accountID, "+61491572549", auth: .test, type: "prove").json()
                let id = try #require(created["id"] as? String)
                let read = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications/\(id)", auth: .test).json()
                #expect(read["fallback"] as? [String: String] == ["from": "prove", "to": "twilio", "reason": "timeout"])
                #expect(read["provider"] as? String == "twilio")
                let clean = try await create(client, accountID, "+61491570737", auth: .test, type: "prove").json()
                #expect(clean["fallback"] is NSNull)
                #expect(clean["provider"] as? String == "prove")
            }
        }
    }
}
