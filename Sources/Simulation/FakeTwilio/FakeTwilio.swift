import Foundation
import NIOConcurrencyHelpers
import PhoneNumbers

/// Twilio Lookup v2 and Verify v2 as their published OpenAPI descriptions (twilio/twilio-oai,
/// `twilio_lookups_v2.json`, `twilio_verify_v2.json`) and error pages define them, for the numbers
/// of a simulation: Lookup answers each number's scenario facts; Verify makes a 6-digit code per
/// verification, reuses a pending verification of the same number as Twilio does (a resend of the
/// same code, at most 5 sends), allows 5 checks, expires a verification 10 minutes after it was
/// made, and records every message sent, so a simulated user can read its code and the report can
/// count what was really sent.
///
/// The logic is here, the HTTP server in ``FakeTwilioServer``.
///
/// ```swift
/// let twilio = FakeTwilio(credentials: .simulation, clock: clock.now, seed: 1)
/// twilio.register("+447400123456", facts: NumberFacts(lineType: "mobile"))
/// let answer = twilio.respond(FakeTwilio.Request(method: "GET", path: "/v2/PhoneNumbers/+447400123456",
///                                                query: ["Fields": "line_type_intelligence"], authorization: auth))
/// ```
public final class FakeTwilio: Sendable {
    /// The account and Verify service the fake accepts.
    public struct Credentials: Sendable, Hashable {
        /// `AC…`: the HTTP basic user.
        public var accountSID: String
        /// The HTTP basic password.
        public var authToken: String
        /// `VA…`: the Verify service in the paths.
        public var serviceSID: String

        /// Fixed, recognisable values for simulations and tests.
        public static let simulation = Credentials(
            accountSID: "AC" + String(repeating: "5", count: 32), authToken: "simulated-token",
            serviceSID: "VA" + String(repeating: "5", count: 32))

        /// `Basic …` for these credentials.
        public var authorization: String {
            "Basic " + Data("\(accountSID):\(authToken)".utf8).base64EncodedString()
        }
    }

    /// One HTTP request as the fake needs it.
    public struct Request: Sendable {
        /// `GET` or `POST`.
        public var method: String
        /// The path, percent-decoded.
        public var path: String
        /// The query parameters.
        public var query: [String: String]
        /// The `Authorization` header.
        public var authorization: String?
        /// The `application/x-www-form-urlencoded` body's fields.
        public var form: [String: String]

        /// Creates a request.
        ///
        /// - Parameters:
        ///   - method: `GET` or `POST`.
        ///   - path: The percent-decoded path.
        ///   - query: The query parameters.
        ///   - authorization: The `Authorization` header.
        ///   - form: The form body's fields.
        public init(method: String, path: String, query: [String: String] = [:], authorization: String?, form: [String: String] = [:]) {
            self.method = method
            self.path = path
            self.query = query
            self.authorization = authorization
            self.form = form
        }
    }

    /// The answer: a status and a JSON body.
    public struct Response: Sendable {
        /// The HTTP status.
        public var status: Int
        /// The JSON body.
        public var body: JSONValue
    }

    /// How long a Twilio verification lives after it is made.
    public static let verificationLifetime: TimeInterval = 600
    /// Twilio's limits per verification.
    public static let maxSends = 5
    /// Checks Twilio allows per verification before 60202.
    public static let maxChecks = 5

    private struct Verification {
        var sid: String
        var to: String
        var channel: String
        var code: String
        var status: String
        var createdAt: Date
        var updatedAt: Date
        var attempts: [(sid: String, channel: String, time: Date)]
        var checks: Int
    }

    private struct State {
        var facts: [String: NumberFacts] = [:]
        var verifications: [String: Verification] = [:]
        var pendingByNumber: [String: String] = [:]
        var sent: [String: Int] = [:]
        var lookups = 0
        var nextSID: UInt64 = 1
        var generator: SeededGenerator
    }

    /// The credentials requests must carry.
    public let credentials: Credentials
    private let clock: @Sendable () -> Date
    private let state: NIOLockedValueBox<State>

    /// Creates the fake.
    ///
    /// - Parameters:
    ///   - credentials: What requests must authenticate with.
    ///   - clock: Simulated time: verification expiry and the dates answered.
    ///   - seed: Seeds the codes, so a run is repeatable.
    public init(credentials: Credentials = .simulation, clock: @escaping @Sendable () -> Date, seed: UInt64) {
        self.credentials = credentials
        self.clock = clock
        state = NIOLockedValueBox(State(generator: SeededGenerator(seed: seed, stream: 0x7417_7110)))
    }

    /// Sets what Lookup answers for `number` (E.164) and whether Verify sends to it.
    public func register(_ number: String, facts: NumberFacts) {
        state.withLockedValue { $0.facts[number] = facts }
    }

    /// The code of the verification pending for `number`, as the SMS showed it; nil when none.
    public func code(sentTo number: String) -> String? {
        let now = clock()
        return state.withLockedValue { state in
            guard let sid = state.pendingByNumber[number], let verification = state.verifications[sid],
                  verification.status == "pending", now < verification.createdAt.addingTimeInterval(Self.verificationLifetime)
            else { return nil }
            return verification.code
        }
    }

    /// Messages sent, by number.
    public var sentMessages: [String: Int] { state.withLockedValue { $0.sent } }

    /// Lookup requests answered.
    public var lookupCount: Int { state.withLockedValue { $0.lookups } }

    /// Answers one request.
    public func respond(_ request: Request) -> Response {
        guard request.authorization == credentials.authorization else {
            return Self.error(20003, status: 401, "Authenticate")
        }
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch (request.method, parts.count) {
        case ("GET", 3) where parts[0] == "v2" && parts[1] == "PhoneNumbers":
            return lookup(parts[2], fields: request.query["Fields"] ?? "")
        case ("POST", 4) where parts[0] == "v2" && parts[1] == "Services" && parts[3] == "Verifications":
            guard parts[2] == credentials.serviceSID else { return Self.notFound(request.path) }
            return startVerification(request.form)
        case ("POST", 4) where parts[0] == "v2" && parts[1] == "Services" && parts[3] == "VerificationCheck":
            guard parts[2] == credentials.serviceSID else { return Self.notFound(request.path) }
            return check(request.form, path: request.path)
        case ("POST", 5) where parts[0] == "v2" && parts[1] == "Services" && parts[3] == "Verifications":
            guard parts[2] == credentials.serviceSID else { return Self.notFound(request.path) }
            return update(sid: parts[4], form: request.form, path: request.path)
        case ("GET", 5) where parts[0] == "v2" && parts[1] == "Services" && parts[3] == "Verifications":
            guard parts[2] == credentials.serviceSID else { return Self.notFound(request.path) }
            return fetch(sid: parts[4], path: request.path)
        default:
            return Self.notFound(request.path)
        }
    }

    // MARK: Lookup v2

    private func lookup(_ text: String, fields: String) -> Response {
        let requested = Set(fields.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let now = clock()
        guard let number = try? PhoneNumber.parse(text), number.isValid else {
            return Response(status: 200, body: [
                "calling_country_code": nil, "country_code": nil, "phone_number": .string(text), "national_format": nil,
                "valid": false, "validation_errors": ["INVALID_BUT_POSSIBLE"], "caller_name": nil, "sim_swap": nil,
                "call_forwarding": nil, "live_activity": nil, "line_type_intelligence": nil, "identity_match": nil,
                "reassigned_number": nil, "sms_pumping_risk": nil, "phone_number_quality_score": nil, "line_status": nil,
                "url": .string("https://lookups.twilio.com/v2/PhoneNumbers/\(text)"),
            ])
        }
        let facts = state.withLockedValue { state in
            state.lookups += 1
            return state.facts[number.e164]
        } ?? NumberFacts(lineType: NumberFacts.twilioLineType(for: number.type), carrierName: number.carrier)
        func package(_ name: String, _ body: () -> JSONValue) -> JSONValue { requested.contains(name) ? body() : .null }
        let carrierName: JSONValue = facts.carrierName.map { .string($0) } ?? .null
        let mcc: JSONValue = facts.mcc.map { .string($0) } ?? .null
        let mnc: JSONValue = facts.mnc.map { .string($0) } ?? .null
        let region = number.region.flatMap { $0 == "001" ? nil : $0 }
        return Response(status: 200, body: [
            "calling_country_code": .string(String(number.countryCode)),
            "country_code": region.map { .string($0) } ?? .null,
            "phone_number": .string(number.e164),
            "national_format": .string(number.nationalNumber),
            "valid": true,
            "validation_errors": [],
            "caller_name": nil,
            "sim_swap": package("sim_swap") {
                let swapped = facts.simSwappedAt
                return [
                    "last_sim_swap": [
                        "last_sim_swap_date": swapped.map { .string(Self.timestamp($0)) } ?? .null,
                        "swapped_period": "PT24H",
                        "swapped_in_period": .bool(swapped.map { now.timeIntervalSince($0) <= 86_400 } ?? false),
                    ],
                    "carrier_name": carrierName, "mobile_country_code": mcc, "mobile_network_code": mnc, "error_code": nil,
                ]
            },
            "call_forwarding": package("call_forwarding") {
                ["call_forwarding_status": .bool(facts.callForwarding), "error_code": nil]
            },
            "live_activity": nil,
            "line_type_intelligence": package("line_type_intelligence") {
                ["error_code": nil, "mobile_country_code": mcc, "mobile_network_code": mnc, "carrier_name": carrierName,
                 "type": .string(facts.lineType)]
            },
            "identity_match": nil,
            "reassigned_number": nil,
            "sms_pumping_risk": package("sms_pumping_risk") {
                ["carrier_risk_category": .string(Self.riskCategory(facts.pumpingRiskScore)),
                 "number_blocked": .bool(facts.numberBlocked),
                 "number_blocked_date": facts.numberBlocked ? .string(Self.timestamp(now.addingTimeInterval(-86_400))) : .null,
                 "number_blocked_last_3_months": .bool(facts.numberBlocked),
                 "sms_pumping_risk_score": .number(Double(facts.pumpingRiskScore)),
                 "error_code": nil]
            },
            "phone_number_quality_score": nil,
            "line_status": package("line_status") { ["status": .string(facts.lineStatus), "error_code": nil] },
            "url": .string("https://lookups.twilio.com/v2/PhoneNumbers/\(number.e164)"),
        ])
    }

    private static func riskCategory(_ score: Int) -> String {
        switch score {
        case ..<40: "low"
        case ..<60: "mild"
        case ..<75: "moderate"
        default: "high"
        }
    }

    // MARK: Verify v2

    private func startVerification(_ form: [String: String]) -> Response {
        guard let to = form["To"], let number = try? PhoneNumber.parse(to), number.e164 == to else {
            return Self.error(60200, status: 400, "Invalid parameter `To`")
        }
        let channel = form["Channel"] ?? ""
        guard ["sms", "call", "whatsapp"].contains(channel) else {
            return Self.error(60200, status: 400, "Invalid parameter `Channel`")
        }
        let now = clock()
        return state.withLockedValue { state -> Response in
            let facts = state.facts[to]
            if let code = facts?.sendError {
                return Self.error(code, status: Self.httpStatus(ofError: code), Self.message(ofError: code))
            }
            if channel == "sms", facts?.lineType == "landline" {
                return Self.error(60205, status: 400, "SMS is not supported by landline phone number")
            }
            let attemptSID = Self.sid("VL", &state.nextSID)
            if let sid = state.pendingByNumber[to], var verification = state.verifications[sid], verification.status == "pending",
               now < verification.createdAt.addingTimeInterval(Self.verificationLifetime) {
                guard verification.attempts.count < Self.maxSends else {
                    return Self.error(60203, status: 429, "Max send attempts reached")
                }
                verification.attempts.append((attemptSID, channel, now))
                verification.updatedAt = now
                state.verifications[sid] = verification
                state.sent[to, default: 0] += 1
                return Response(status: 201, body: self.verificationBody(verification))
            }
            let code = String(format: "%06d", Int.random(in: 0..<1_000_000, using: &state.generator))
            let verification = Verification(
                sid: Self.sid("VE", &state.nextSID), to: to, channel: channel, code: code, status: "pending", createdAt: now,
                updatedAt: now, attempts: [(attemptSID, channel, now)], checks: 0)
            state.verifications[verification.sid] = verification
            state.pendingByNumber[to] = verification.sid
            state.sent[to, default: 0] += 1
            return Response(status: 201, body: self.verificationBody(verification))
        }
    }

    private func check(_ form: [String: String], path: String) -> Response {
        guard let code = form["Code"], !code.isEmpty else { return Self.error(60200, status: 400, "Invalid parameter `Code`") }
        let now = clock()
        return state.withLockedValue { state -> Response in
            let sid = form["VerificationSid"] ?? form["To"].flatMap { state.pendingByNumber[$0] }
            guard let sid, var verification = state.verifications[sid], verification.status == "pending" else {
                return Self.notFound(path)
            }
            guard now < verification.createdAt.addingTimeInterval(Self.verificationLifetime) else {
                verification.status = "expired"
                state.verifications[sid] = verification
                state.pendingByNumber[verification.to] = nil
                return Self.notFound(path)
            }
            guard verification.checks < Self.maxChecks else {
                return Self.error(60202, status: 429, "Max check attempts reached")
            }
            verification.updatedAt = now
            if code == verification.code {
                verification.status = "approved"
                state.pendingByNumber[verification.to] = nil
            } else {
                verification.checks += 1
            }
            state.verifications[sid] = verification
            return Response(status: 201, body: [
                "sid": .string(verification.sid), "service_sid": .string(credentials.serviceSID),
                "account_sid": .string(credentials.accountSID), "to": .string(verification.to),
                "channel": .string(verification.channel), "status": .string(verification.status),
                "valid": .bool(verification.status == "approved"), "amount": nil, "payee": nil,
                "sna_attempts_error_codes": [],
                "date_created": .string(Self.timestamp(verification.createdAt)),
                "date_updated": .string(Self.timestamp(verification.updatedAt)),
            ])
        }
    }

    private func update(sid: String, form: [String: String], path: String) -> Response {
        let status = form["Status"] ?? ""
        guard status == "canceled" || status == "approved" else {
            return Self.error(60200, status: 400, "Invalid parameter `Status`")
        }
        let now = clock()
        return state.withLockedValue { state -> Response in
            guard var verification = state.verifications[sid], verification.status == "pending",
                  now < verification.createdAt.addingTimeInterval(Self.verificationLifetime)
            else { return Self.notFound(path) }
            verification.status = status
            verification.updatedAt = now
            state.verifications[sid] = verification
            state.pendingByNumber[verification.to] = nil
            return Response(status: 200, body: self.verificationBody(verification))
        }
    }

    private func fetch(sid: String, path: String) -> Response {
        state.withLockedValue { state -> Response in
            guard let verification = state.verifications[sid] else { return Self.notFound(path) }
            return Response(status: 200, body: self.verificationBody(verification))
        }
    }

    private func verificationBody(_ verification: Verification) -> JSONValue {
        [
            "sid": .string(verification.sid), "service_sid": .string(credentials.serviceSID),
            "account_sid": .string(credentials.accountSID), "to": .string(verification.to),
            "channel": .string(verification.channel), "status": .string(verification.status),
            "valid": .bool(verification.status == "approved"),
            "date_created": .string(Self.timestamp(verification.createdAt)),
            "date_updated": .string(Self.timestamp(verification.updatedAt)),
            "lookup": [:], "amount": nil, "payee": nil,
            "send_code_attempts": .array(verification.attempts.map { attempt in
                ["time": .string(Self.timestamp(attempt.time)), "channel": .string(attempt.channel.uppercased()),
                 "attempt_sid": .string(attempt.sid)]
            }),
            "sna": nil,
            "url": .string("https://verify.twilio.com/v2/Services/\(credentials.serviceSID)/Verifications/\(verification.sid)"),
        ]
    }

    // MARK: Shapes shared by both APIs

    /// Twilio's error body: `{"code", "message", "more_info", "status"}`.
    static func error(_ code: Int, status: Int, _ message: String) -> Response {
        Response(status: status, body: [
            "code": .number(Double(code)), "message": .string(message),
            "more_info": .string("https://www.twilio.com/docs/errors/\(code)"), "status": .number(Double(status)),
        ])
    }

    private static func notFound(_ path: String) -> Response {
        error(20404, status: 404, "The requested resource \(path) was not found")
    }

    /// The HTTP status Twilio's error pages give each Verify error a scenario may ask for.
    static func httpStatus(ofError code: Int) -> Int {
        switch code {
        case 60202, 60203, 20429: 429
        case 60410, 60605, 60238: 403
        case 20404: 404
        case 20500, 20503: 503
        default: 400
        }
    }

    private static func message(ofError code: Int) -> String {
        switch code {
        case 60410: "Verification delivery attempt blocked"
        case 60605: "Verification delivery attempt blocked"
        case 60205: "SMS is not supported by landline phone number"
        case 60203: "Max send attempts reached"
        case 20429: "Too Many Requests"
        default: "Error \(code)"
        }
    }

    private static func sid(_ prefix: String, _ counter: inout UInt64) -> String {
        defer { counter += 1 }
        let hex = String(counter, radix: 16)
        return prefix + String(repeating: "0", count: 32 - hex.count) + hex
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
