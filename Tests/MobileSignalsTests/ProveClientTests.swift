import Foundation
import LoopbackHTTPServer
@testable import MobileSignals
import NIOHTTP1
import PhoneNumbers
import RuleEngine
import Testing

/// Prove's wire shapes, as `prove-sdk-server-go`'s models publish them.
enum ProveWire {
    static func token(_ value: String, expiresIn: Int = 3600, type: String = "Bearer") -> String {
        #"{"access_token": "\#(value)", "refresh_token": "unused", "refresh_expires_in": 3600, "token_type": "\#(type)", "expires_in": \#(expiresIn)}"#
    }

    static func verify(success: String = #""true""#, codes: [String] = [], level: String = "AL2", correlation: String = "c0ffee-1") -> String {
        let reasons = codes.map { #""\#($0)": "reason \#($0)""# }.joined(separator: ", ")
        return """
            {"success": \(success), "correlationId": "\(correlation)", "clientRequestId": "v-1", "clientCustomerId": "a-1",
             "phoneNumber": "+12025550123", "proveId": "p-1", "provePhoneAlias": "alias-1",
             "identity": {"firstName": "Ada", "assuranceLevel": "\(level)"},
             "evaluation": {"authentication": {"result": "pass", "failureReasons": {}},
                            "risk": {"result": "\(codes.isEmpty ? "pass" : "fail")", "failureReasons": {\(reasons)}}}}
            """
    }

    static func error(_ code: Int, _ message: String) -> String {
        #"{"code": \#(code), "message": "\#(message)"}"#
    }
}

/// A scripted Prove: `/token` hands out `tok-1`, `tok-2`, …; `/v3/verify` answers what the test says.
final class ProveScript: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens = 0
    var tokenResponse: (Int) -> LoopbackHTTPServer.Response = { .init(body: ProveWire.token("tok-\($0)")) }
    var verifyResponse: (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response = { _ in .init(body: ProveWire.verify()) }

    func respond(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
        lock.lock()
        defer { lock.unlock() }
        switch request.path {
        case "/token":
            tokens += 1
            return tokenResponse(tokens)
        case "/v3/verify":
            return verifyResponse(request)
        default:
            return .init(status: .notFound, body: ProveWire.error(8000, "not found"))
        }
    }
}

@Suite("Prove client")
struct ProveClientTests {
    static let request = ProveVerifyRequest(phoneNumber: "+12025550123", verificationID: "v-1", accountID: "a-1")

    func start(_ script: ProveScript) async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start { script.respond($0) }
    }

    /// A client of `server`; the deadline is Prove's longest, so a loaded machine never turns an answer into a timeout.
    func client(_ server: LoopbackHTTPServer, clock: TestClock, timeout: Duration = .seconds(30), region: ProveRegion = .us) -> ProveClient {
        ProveClient(
            configuration: ProveConfiguration(clientID: "client-1", clientSecret: "s3cret+/=", region: region, baseURL: server.baseURL + "/", timeout: timeout),
            clock: clock.reader)
    }

    @Test func sendsTheTokenFormAndExactlyTheDocumentedVerifyBody() async throws {
        let script = ProveScript()
        script.verifyResponse = { _ in .init(body: ProveWire.verify(codes: ["9133"], level: "AL-1")) }
        let server = try await start(script)
        let answer = try await client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000))).verify(Self.request)

        #expect(answer.success)
        #expect(answer.correlationID == "c0ffee-1")
        #expect(answer.assuranceLevel == -1)
        #expect(answer.authentication == "pass")
        #expect(answer.risk == "fail")
        #expect(answer.failureCodes == ["9133"])

        let requests = server.requests
        #expect(requests.map(\.path) == ["/token", "/v3/verify"])
        #expect(requests[0].contentType == "application/x-www-form-urlencoded")
        #expect(requests[0].authorization == nil)
        #expect(requests[0].form == ["client_id": "client-1", "client_secret": "s3cret+/=", "grant_type": "client_credentials"])
        #expect(requests[0].body.contains("client_secret=s3cret%2B%2F%3D"))
        #expect(requests[1].contentType == "application/json")
        #expect(requests[1].authorization == "Bearer tok-1")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(requests[1].body.utf8)) as? [String: String])
        #expect(body == [
            "phoneNumber": "+12025550123", "verificationType": "humanAssurance", "clientRequestId": "v-1", "clientCustomerId": "a-1",
        ])
        try await server.stop()
    }

    @Test func oneTokenServesCallsUntilLessThanAMinuteIsLeft() async throws {
        let script = ProveScript()
        script.tokenResponse = { .init(body: ProveWire.token("tok-\($0)", expiresIn: 120)) }
        let server = try await start(script)
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let prove = client(server, clock: clock)
        _ = try await prove.verify(Self.request)
        clock.advance(by: 60)
        _ = try await prove.verify(Self.request)
        clock.advance(by: 1)
        _ = try await prove.verify(Self.request)
        #expect(server.requests.map(\.path) == ["/token", "/v3/verify", "/v3/verify", "/token", "/v3/verify"])
        #expect(server.requests.filter { $0.path == "/v3/verify" }.map(\.authorization) == ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"])
        try await server.stop()
    }

    @Test func concurrentCallsShareOneTokenRequest() async throws {
        let script = ProveScript()
        let server = try await start(script)
        let prove = client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await prove.verify(Self.request) } }
            try await group.waitForAll()
        }
        #expect(server.requests.filter { $0.path == "/token" }.count == 1)
        #expect(server.requests.filter { $0.path == "/v3/verify" }.count == 8)
        try await server.stop()
    }

    @Test func aMidLife401RefreshesTheTokenOnceAndRetriesOnce() async throws {
        let script = ProveScript()
        script.verifyResponse = { request in
            request.authorization == "Bearer tok-1"
                ? .init(status: .unauthorized, body: ProveWire.error(8002, "token expired"))
                : .init(body: ProveWire.verify())
        }
        let server = try await start(script)
        let answer = try await client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000))).verify(Self.request)
        #expect(answer.success)
        #expect(server.requests.map(\.path) == ["/token", "/v3/verify", "/token", "/v3/verify"])
        #expect(server.requests.last?.authorization == "Bearer tok-2")
        try await server.stop()
    }

    @Test func a401AfterTheRetryIsAnAuthFailure() async throws {
        let script = ProveScript()
        script.verifyResponse = { _ in .init(status: .unauthorized, body: ProveWire.error(8002, "unauthorized")) }
        let server = try await start(script)
        await #expect(throws: ProveFailure.authFailed(status: 401, code: 8002)) {
            try await client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000))).verify(Self.request)
        }
        #expect(server.requests.map(\.path) == ["/token", "/v3/verify", "/token", "/v3/verify"])
        try await server.stop()
    }

    @Test(arguments: [
        (HTTPResponseStatus.badRequest, ProveWire.error(1001, "field 'clientId' is missing"), ProveFailure.authFailed(status: 400, code: 1001)),
        (.unauthorized, ProveWire.error(8001, "invalid client"), .authFailed(status: 401, code: 8001)),
        (.internalServerError, ProveWire.error(8000, "internal"), .unavailable("Prove answered HTTP 500")),
        (.ok, #"{"token_type": "Bearer", "expires_in": 3600}"#, .unreadable("the /token answer has no bearer access_token with a positive expires_in")),
        (.ok, ProveWire.token("t", type: "mac"), .unreadable("the /token answer has no bearer access_token with a positive expires_in")),
        (.ok, ProveWire.token("t", expiresIn: 0), .unreadable("the /token answer has no bearer access_token with a positive expires_in")),
    ])
    func tokenFailuresMapOntoFallbackReasons(_ status: HTTPResponseStatus, _ body: String, _ expected: ProveFailure) async throws {
        let script = ProveScript()
        script.tokenResponse = { _ in .init(status: status, body: body) }
        let server = try await start(script)
        await #expect(throws: expected) {
            try await client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000))).verify(Self.request)
        }
        #expect(server.requests.map(\.path) == ["/token"])
        try await server.stop()
    }

    @Test(arguments: [
        (HTTPResponseStatus.badRequest, ProveWire.error(1001, "field 'flowType' is missing"), ProveFailure?.some(.rejected(status: 400, code: 1001)), "rejected"),
        (.forbidden, ProveWire.error(1003, "step not allowed"), .rejected(status: 403, code: 1003), "rejected"),
        (.badRequest, ProveWire.error(8007, "not a test user"), .rejected(status: 400, code: 8007), "rejected"),
        (.badGateway, "<html>bad gateway</html>", .unavailable("Prove answered HTTP 502"), "unavailable"),
        (.ok, "<html>not json</html>", .unreadable("the /v3/verify answer is not Prove's JSON (21 bytes)"), "error"),
        (.ok, ProveWire.verify(success: #""maybe""#), nil, "error"),
        (.ok, #"{"success": "true", "correlationId": "c", "evaluation": "pass"}"#, nil, "error"),
    ])
    func verifyFailuresMapOntoFallbackReasons(_ status: HTTPResponseStatus, _ body: String, _ expected: ProveFailure?, _ reason: String) async throws {
        let script = ProveScript()
        script.verifyResponse = { _ in .init(status: status, body: body) }
        let server = try await start(script)
        do {
            _ = try await client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000))).verify(Self.request)
            Issue.record("expected \(reason)")
        } catch {
            if let expected { #expect(error == expected) }
            #expect(error.reason == reason)
        }
        try await server.stop()
    }

    @Test func successFalseIsAnAnswerAndBooleansReadTheSame() async throws {
        let script = ProveScript()
        let flags = ProveFlags()
        script.verifyResponse = { _ in .init(body: ProveWire.verify(success: flags.next(), codes: ["9175", "9177"])) }
        let server = try await start(script)
        let prove = client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(try await prove.verify(Self.request).success == false)
        #expect(try await prove.verify(Self.request).success == true)
        #expect(try await prove.verify(Self.request).failureCodes == ["9175", "9177"])
        try await server.stop()
    }

    @Test func a429PausesEveryCallUntilRetryAfter() async throws {
        let script = ProveScript()
        let limited = ProveFlags()
        script.verifyResponse = { _ in
            limited.once()
                ? .init(status: .tooManyRequests, headers: [("Content-Type", "application/json"), ("Retry-After", "30")],
                        body: ProveWire.error(8008, "too many requests"))
                : .init(body: ProveWire.verify())
        }
        let server = try await start(script)
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let prove = client(server, clock: clock)
        await #expect(throws: ProveFailure.self) { try await prove.verify(Self.request) }
        let sent = server.requests.count
        clock.advance(by: 29)
        do {
            _ = try await prove.verify(Self.request)
            Issue.record("expected the pause to hold")
        } catch {
            #expect(error.reason == "rate_limited")
        }
        #expect(server.requests.count == sent)
        clock.advance(by: 1)
        #expect(try await prove.verify(Self.request).success)
        #expect(server.requests.count == sent + 1)
        try await server.stop()
    }

    @Test func atMost25RequestsLeaveInOneSecond() async throws {
        let server = try await start(ProveScript())
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let prove = client(server, clock: clock)
        for _ in 0..<24 { _ = try await prove.verify(Self.request) }
        #expect(server.requests.count == 25)
        do {
            _ = try await prove.verify(Self.request)
            Issue.record("expected PhoneRisk's own cap")
        } catch {
            #expect(error.reason == "rate_limited")
        }
        #expect(server.requests.count == 25)
        clock.advance(by: 1)
        _ = try await prove.verify(Self.request)
        #expect(server.requests.count == 26)
        try await server.stop()
    }

    @Test func noAnswerWithinTheDeadlineIsATimeout() async throws {
        let script = ProveScript()
        script.verifyResponse = { _ in .init(body: ProveWire.verify(), delay: .seconds(60)) }
        let server = try await start(script)
        await #expect(throws: ProveFailure.timeout(.seconds(1))) {
            try await client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000)), timeout: .seconds(1)).verify(Self.request)
        }
        try await server.stop()
    }

    @Test func anUnreachableProveIsUnavailable() async throws {
        let server = try await start(ProveScript())
        let prove = client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000)))
        try await server.stop()
        do {
            _ = try await prove.verify(Self.request)
            Issue.record("expected a failure")
        } catch {
            #expect(error.reason == "unavailable")
        }
    }

    @Test func theSecretNeverShowsInDescriptions() {
        let configuration = ProveConfiguration(clientID: "client-1", clientSecret: "s3cret-value")
        #expect(!"\(configuration)".contains("s3cret-value"))
        #expect(!String(reflecting: configuration).contains("s3cret-value"))
        #expect(!"\([configuration])".contains("s3cret-value"))
        #expect(!"\(Optional(configuration) as Any)".contains("s3cret-value"))
    }

    @Test func aNumberOutsideTheRegionIsNeverSent() async throws {
        let server = try await start(ProveScript())
        let prove = client(server, clock: TestClock(Date(timeIntervalSince1970: 1_800_000_000)), region: .eu)
        await #expect(throws: ProveFailure.outsideRegion) { try await prove.verify(Self.request) }
        #expect(server.requests.isEmpty)
        #expect(prove.serves(try PhoneNumber.parse("+447400123456")))
        try await server.stop()
    }
}

/// Prove answers that change from one call to the next.
final class ProveFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0

    /// `"false"`, then `true`, then `"true"`: Prove's string and a JSON boolean.
    func next() -> String {
        lock.withLock {
            calls += 1
            return [#""false""#, "true", #""true""#][min(calls, 3) - 1]
        }
    }

    /// True on the first call only.
    func once() -> Bool {
        lock.withLock {
            calls += 1
            return calls == 1
        }
    }
}

@Suite("Prove signals")
struct ProveSignalTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func everyCodeSetsItsSignal() {
        var frame: [String: SignalValue] = [:]
        let answer = ProveAnswer(
            success: false, assuranceLevel: 1, authentication: "pass", risk: "fail",
            failureCodes: ["9177", "9131", "9132", "9133", "9161", "9163", "9171", "9999"], answeredAt: Self.now)
        frame.addProve(answer, now: Self.now)
        #expect(frame[SignalName.proveFailureReasons] == .string("9131,9132,9133,9161,9163,9171,9177,9999"))
        for name in [SignalName.proveOSRNonMobile, SignalName.provePublicSMSNumber, SignalName.proveLowTrust,
                     SignalName.proveTenureVeryShort, SignalName.proveTenureShort, SignalName.proveRecycledNumber,
                     SignalName.proveInjectionAttack, SignalName.proveNoIdentity, SignalName.proveOtherFailure] {
            #expect(frame[name] == .bool(true), "\(name)")
        }
        #expect(frame[SignalName.proveAssuranceLevel] == .int(1))
        #expect(frame[SignalName.proveAuthentication] == .string("pass"))
        #expect(frame[SignalName.proveRisk] == .string("fail"))
        #expect(frame[SignalName.proveFallback] == .bool(false))
        #expect(frame[SignalName.simSwapAge] == nil)
    }

    @Test func anEvaluationWithoutCodesSetsEveryFlagFalseAndNoneWithoutAnEvaluation() {
        var clean: [String: SignalValue] = [:]
        clean.addProve(ProveAnswer(success: true, failureCodes: [], answeredAt: Self.now), now: Self.now)
        #expect(clean[SignalName.proveLowTrust] == .bool(false))
        #expect(clean[SignalName.proveTenureShort] == .bool(false))
        #expect(clean[SignalName.proveOtherFailure] == .bool(false))
        #expect(clean[SignalName.proveFailureReasons] == .string(""))

        var bare: [String: SignalValue] = [:]
        bare.addProve(ProveAnswer(success: true, answeredAt: Self.now), now: Self.now)
        #expect(bare[SignalName.proveLowTrust] == nil)
        #expect(bare[SignalName.proveAssuranceLevel] == nil)
        #expect(bare[SignalName.proveFallback] == .bool(false))
    }

    @Test func carrierCodesWinOverOtherSourcesWithinTheirBounds() {
        var frame: [String: SignalValue] = [
            SignalName.carrierLineType: .string("mobile"), SignalName.simSwapAge: .duration(seconds: 3_600),
            SignalName.carrierPorted: .bool(false), SignalName.callForwarding: .bool(false),
        ]
        // Answered 2 hours before the request (from the cache).
        let answer = ProveAnswer(success: false, failureCodes: ["9134", "9135", "9136", "9137"], answeredAt: Self.now.addingTimeInterval(-7_200))
        frame.addProve(answer, now: Self.now)
        #expect(frame[SignalName.carrierLineType] == .string("non_fixed_voip"))
        #expect(frame[SignalName.simSwapAge] == .duration(seconds: 3_600))
        #expect(frame[SignalName.carrierPorted] == .bool(true))
        #expect(frame[SignalName.carrierPortedAge] == .duration(seconds: 86_400 + 7_200))
        #expect(frame[SignalName.callForwarding] == .bool(true))
        #expect(frame[SignalName.proveOtherFailure] == .bool(false))

        var untouched: [String: SignalValue] = [SignalName.callForwarding: .bool(false)]
        untouched.addProve(ProveAnswer(success: true, failureCodes: ["9133"], answeredAt: Self.now), now: Self.now)
        #expect(untouched[SignalName.callForwarding] == .bool(false))
        #expect(untouched[SignalName.simSwapAge] == nil)
    }

    @Test func aFallbackSetsOnlyProveFallback() {
        var frame: [String: SignalValue] = [:]
        frame.addProveFallback()
        #expect(frame == [SignalName.proveFallback: .bool(true)])
    }
}
