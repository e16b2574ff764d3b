import Foundation
import LoopbackHTTPServer
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Testing
@testable import PhoneRiskServer

/// A carrier lookup that hangs, fails, answers garbage or answers slowly under
/// load, over the real service: live keys with `PHONERISK_TWILIO_*` pointing at
/// a loopback fake of Twilio Verify and Lookup. Its signals stay missing, the
/// create still answers (the lookup's own 3 s deadline cuts a hang), and the
/// cache never serves a bad answer, in this process or the next.
@Suite("End to end: bad carrier lookups")
struct BadSignalSourceTests {
    /// Reasons tell which carrier signals the policy saw: `carrier.mcc` is set
    /// only by a Lookup answer, and the fake's good answer says "234".
    static let probePolicy = """
        policy bad_source_probe version 1
        input stage: "create" | "confirm"
        input phone.valid: bool
        input carrier.mcc: string?
        score +1 NUMBER_READ when phone.valid
        score +10 CARRIER_ANSWERED when present(carrier.mcc)
        score +20 CARRIER_MISSING when not present(carrier.mcc)
        score +100 CARRIER_GARBAGE when carrier.mcc != "234"
        """

    @Test("a lookup that never answers: the create answers with carrier signals missing, and the failure is remembered")
    func hangingLookup() async throws {
        try await withFakeTwilio(.hang) { twilio, service in
            try await withLiveServer(service) { client in
                let first = try await client.liveCreate("+447400111001")
                #expect(first.status == 200)
                #expect(try first.reasons() == ["NUMBER_READ", "CARRIER_MISSING"])
                let asked = twilio.lookups(for: "+447400111001")
                #expect(asked >= 1)

                twilio.behaviour = .answer(delay: nil)
                let again = try await client.liveCreate("+447400111001")
                #expect(try again.reasons() == ["NUMBER_READ", "CARRIER_MISSING"], "the failure is cached for 5 minutes")
                #expect(twilio.lookups(for: "+447400111001") == asked)
                let other = try await client.liveCreate("+447400111002")
                #expect(try other.reasons() == ["NUMBER_READ", "CARRIER_ANSWERED"])
            }
        }
    }

    @Test("a 500 or a garbage answer leaves the signals missing; neither the failure nor a good answer is corrupted across a restart",
          arguments: BadAnswer.allCases)
    func failingLookup(_ bad: BadAnswer) async throws {
        try await withFakeTwilio(.bad(bad)) { twilio, service in
            try await withLiveServer(service) { client in
                let failed = try await client.liveCreate("+447400111011")
                #expect(failed.status == 200)
                #expect(try failed.reasons() == ["NUMBER_READ", "CARRIER_MISSING"])
                twilio.behaviour = .answer(delay: nil)
                let good = try await client.liveCreate("+447400111012")
                #expect(try good.reasons() == ["NUMBER_READ", "CARRIER_ANSWERED"])
            }
            let before = (twilio.lookups(for: "+447400111011"), twilio.lookups(for: "+447400111012"))
            try await withLiveServer(service) { client in
                let failed = try await client.liveCreate("+447400111011")
                #expect(try failed.reasons() == ["NUMBER_READ", "CARRIER_MISSING"], "the failure is kept in SQLite for 5 minutes")
                let good = try await client.liveCreate("+447400111012")
                #expect(try good.reasons() == ["NUMBER_READ", "CARRIER_ANSWERED"], "the good answer comes back from SQLite intact")
            }
            #expect(twilio.lookups(for: "+447400111011") == before.0)
            #expect(twilio.lookups(for: "+447400111012") == before.1)
        }
    }

    @Test("under load, answers slower than the deadline leave every create answered with its signals missing")
    func slowLookupsUnderLoad() async throws {
        try await withFakeTwilio(.answer(delay: .seconds(6))) { twilio, service in
            try await withLiveServer(service) { client in
                let numbers = (0..<12).map { "+4474001112\(String(format: "%02d", $0))" }
                let answers = try await withThrowingTaskGroup(of: LiveResponse.self) { group in
                    for number in numbers {
                        group.addTask { try await client.liveCreate(number) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.count == numbers.count)
                for answer in answers {
                    #expect(answer.status == 200, "\(answer.text)")
                    #expect(try answer.reasons() == ["NUMBER_READ", "CARRIER_MISSING"])
                }
                // The HTTP client's per-host connection limit queues some lookups past their deadline
                // before they are sent: those are missing too, and count as asked by no one.
                #expect(numbers.contains { twilio.lookups(for: $0) >= 1 })
            }
        }
    }

    @Test("under load, answers slower than usual but within the deadline all arrive, one lookup per number and package")
    func lateButInTimeUnderLoad() async throws {
        try await withFakeTwilio(.answer(delay: .milliseconds(250))) { twilio, service in
            try await withLiveServer(service) { client in
                let number = "+447400111301"
                let answers = try await withThrowingTaskGroup(of: LiveResponse.self) { group in
                    for _ in 0..<5 {
                        group.addTask { try await client.liveCreate(number) }
                    }
                    for index in 0..<4 {
                        group.addTask { try await client.liveCreate("+4474001113\(String(format: "%02d", index + 10))") }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                for answer in answers {
                    #expect(answer.status == 200, "\(answer.text)")
                    #expect(try answer.reasons() == ["NUMBER_READ", "CARRIER_ANSWERED"])
                }
                #expect(twilio.lookups(for: number) == twilio.packagesPerNumber, "concurrent creates share one lookup per package")
            }
        }
    }
}

/// The Lookup failures tried.
enum BadAnswer: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case serverError, notJSON, emptyObject, wrongTypes, truncated

    var testDescription: String { rawValue }

    var status: HTTPResponseStatus { self == .serverError ? .internalServerError : .ok }

    var body: String {
        switch self {
        case .serverError: #"{"code": 20500, "message": "Internal Server Error", "status": 500}"#
        case .notJSON: "<html><body>502 Bad Gateway</body></html>"
        case .emptyObject: "{}"
        case .wrongTypes:
            #"{"phone_number": "+447400111011", "valid": true, "line_type_intelligence": {"mobile_country_code": 999, "type": ["mobile"]}}"#
        case .truncated: #"{"phone_number": "+447400111011", "valid": true, "line_type_intelligence": {"mobile_country_code": "99"#
        }
    }
}

extension LiveClient {
    /// A live-mode create for `number` on a fresh live account.
    fileprivate func liveCreate(_ number: String) async throws -> LiveResponse {
        let account = try await createAccount(auth: .live)
        return try await createVerification(accountID: account, phoneNumber: number, auth: .live)
    }
}

extension LiveResponse {
    /// `risk.reasons` of a verification.
    fileprivate func reasons() throws -> [String] {
        let risk = try #require(try json()["risk"] as? [String: any Sendable], "no risk in \(text)")
        return try #require(risk["reasons"] as? [String])
    }
}

/// Runs `body` with a fake Twilio on loopback and a service whose live keys use it.
private func withFakeTwilio(
    _ behaviour: FakeTwilio.Behaviour, _ body: (FakeTwilio, TestService) async throws -> Void
) async throws {
    let twilio = try await FakeTwilio.start(behaviour)
    do {
        let service = try await TestService.make(policy: BadSignalSourceTests.probePolicy, environment: [
            "PHONERISK_TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000", "PHONERISK_TWILIO_AUTH_TOKEN": "token-for-tests",
            "PHONERISK_TWILIO_VERIFY_SERVICE_SID": "VA00000000000000000000000000000000",
            "PHONERISK_TWILIO_VERIFY_URL": twilio.baseURL, "PHONERISK_TWILIO_LOOKUP_URL": twilio.baseURL,
        ])
        try await body(twilio, service)
        try await twilio.stop()
    } catch {
        try? await twilio.stop()
        throw error
    }
}

/// Twilio Verify (every send starts a verification) and Lookup v2 (as scripted)
/// on 127.0.0.1; counts the lookups of each number.
private final class FakeTwilio: Sendable {
    enum Behaviour: Sendable {
        case answer(delay: TimeAmount?)
        case hang
        case bad(BadAnswer)
    }

    private struct State {
        var behaviour: Behaviour
        var lookups: [String: Int] = [:]
    }

    private let state: NIOLockedValueBox<State>
    private let server: LoopbackHTTPServer
    /// Lookup packages the service asks for each (British) number: every one by default.
    let packagesPerNumber = 5

    private init(state: NIOLockedValueBox<State>, server: LoopbackHTTPServer) {
        self.state = state
        self.server = server
    }

    static func start(_ behaviour: Behaviour) async throws -> FakeTwilio {
        let state = NIOLockedValueBox(State(behaviour: behaviour))
        let server = try await LoopbackHTTPServer.start { request in respond(to: request.uri, state: state) }
        return FakeTwilio(state: state, server: server)
    }

    var baseURL: String { server.baseURL }

    var behaviour: Behaviour {
        get { state.withLockedValue { $0.behaviour } }
        set { state.withLockedValue { $0.behaviour = newValue } }
    }

    /// How many Lookup requests named `e164`.
    func lookups(for e164: String) -> Int { state.withLockedValue { $0.lookups[e164, default: 0] } }

    func stop() async throws { try await server.stop() }

    /// What to answer to `uri`; a hang is an answer later than any deadline of the service.
    private static func respond(to uri: String, state: NIOLockedValueBox<State>) -> LoopbackHTTPServer.Response {
        if uri.contains("/Verifications") {
            return .init(status: .created, body: #"{"sid": "VE\#(UUID().uuidString.replacingOccurrences(of: "-", with: ""))", "status": "pending"}"#)
        }
        let number = uri.components(separatedBy: "/PhoneNumbers/").last?.components(separatedBy: "?").first?
            .removingPercentEncoding ?? uri
        let behaviour = state.withLockedValue { state -> Behaviour in
            state.lookups[number, default: 0] += 1
            return state.behaviour
        }
        switch behaviour {
        case .hang:
            return .init(body: "{}", delay: .hours(1))
        case .bad(let bad):
            return .init(status: bad.status, body: bad.body)
        case .answer(let delay):
            let body = """
                {"calling_country_code": "44", "country_code": "GB", "phone_number": "\(number)", "valid": true,
                 "line_type_intelligence": {"carrier_name": "Fake UK", "mobile_country_code": "234",
                   "mobile_network_code": "15", "type": "mobile", "error_code": null},
                 "sim_swap": null, "call_forwarding": null}
                """
            return .init(body: body, delay: delay)
        }
    }
}
