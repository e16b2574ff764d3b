import Foundation
import LoopbackHTTPServer
import NIOCore
import NIOHTTP1
import PhoneNumbers
import Testing
@testable import MobileSignals

@Suite("Twilio Lookup v2")
struct TwilioLookupTests {
    let number = try! PhoneNumber.parse("+447700900123")

    func lookup(_ server: LoopbackHTTPServer, timeout: Duration = .seconds(2)) -> TwilioLookup {
        TwilioLookup(configuration: TwilioLookupConfiguration(
            accountSID: "ACtest", authToken: "token-secret", baseURL: server.baseURL, timeout: timeout))
    }

    @Test("line type intelligence maps Twilio's names onto SIGNALS.md's", arguments: [
        ("landline", LineType.landline), ("mobile", .mobile), ("fixedVoip", .fixedVoip), ("nonFixedVoip", .nonFixedVoip),
        ("personal", .personal), ("tollFree", .tollFree), ("premium", .premium), ("sharedCost", .sharedCost),
        ("uan", .uan), ("voicemail", .voicemail), ("pager", .pager), ("unknown", .unknown), ("satellite", .unknown),
    ])
    func lineType(twilio: String, expected: LineType) async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.lineType(twilio)) }
        defer { Task { try? await server.stop() } }
        let facts = try await lookup(server).lookup(number, field: .lineType)
        #expect(facts == CarrierFacts(carrierName: "Vodafone UK", lineType: expected, mobileCountryCode: "234", mobileNetworkCode: "15"))
    }

    @Test("the request is GET /v2/PhoneNumbers/{E.164} with one Fields package and basic auth")
    func requestShape() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.lineType("mobile")) }
        defer { Task { try? await server.stop() } }
        _ = try await lookup(server).lookup(number, field: .lineType)
        let request = try #require(server.requests.first)
        #expect(request.uri == "/v2/PhoneNumbers/%2B447700900123?Fields=line_type_intelligence")
        #expect(request.authorization == "Basic " + Data("ACtest:token-secret".utf8).base64EncodedString())
    }

    @Test("last_sim_swap_date gives the exact SIM change time")
    func simSwapDate() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .init(body: TwilioFixtures.simSwap(date: "2020-04-27T10:18:50Z", period: "PT15282H33M44S", inPeriod: true))
        }
        defer { Task { try? await server.stop() } }
        let facts = try await lookup(server).lookup(number, field: .simSwap)
        #expect(facts.simSwappedAt == Date(timeIntervalSince1970: 1_587_982_730))
        #expect(facts.carrierName == "Vodafone UK")
    }

    @Test("swapped_in_period bounds the change by swapped_period; false leaves it missing")
    func simSwapPeriod() async throws {
        let inPeriod = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.simSwap(date: nil, period: "PT24H", inPeriod: true)) }
        let outOfPeriod = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.simSwap(date: nil, period: "PT24H", inPeriod: false)) }
        defer { Task { try? await inPeriod.stop(); try? await outOfPeriod.stop() } }
        let before = Date()
        let swapped = try #require(try await lookup(inPeriod).lookup(number, field: .simSwap).simSwappedAt)
        #expect(swapped <= Date().addingTimeInterval(-86_400) && swapped >= before.addingTimeInterval(-86_400))
        #expect(try await lookup(outOfPeriod).lookup(number, field: .simSwap).simSwappedAt == nil)
    }

    @Test("call forwarding reads call_forwarding_enabled")
    func callForwarding() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.callForwarding(true)) }
        defer { Task { try? await server.stop() } }
        #expect(try await lookup(server).lookup(number, field: .callForwarding).callForwarding == true)
    }

    @Test("a package that is null means the provider cannot tell")
    func nullPackage() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.callForwarding(true)) }
        defer { Task { try? await server.stop() } }
        #expect(try await lookup(server).lookup(number, field: .simSwap) == CarrierFacts())
    }

    @Test("a package error_code is a failure naming the package and code")
    func packageError() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.packageError("sim_swap", code: 60620)) }
        defer { Task { try? await server.stop() } }
        await #expect(throws: TwilioLookupError.packageError(.simSwap, code: 60620)) {
            try await lookup(server).lookup(number, field: .simSwap)
        }
    }

    @Test("Twilio's error body gives the status and its code, never its message")
    func errorShape() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .init(status: .notFound, body: TwilioFixtures.error(code: 20404, status: 404))
        }
        defer { Task { try? await server.stop() } }
        do {
            _ = try await lookup(server).lookup(number, field: .lineType)
            Issue.record("a 404 was accepted")
        } catch let error as TwilioLookupError {
            #expect(error == .httpStatus(404, twilioCode: 20404))
            #expect(!error.description.contains("447700900123"))
        }
    }

    @Test("429 is reported as rate limiting with Retry-After")
    func rateLimited() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .init(status: .tooManyRequests, headers: [("Content-Type", "application/json"), ("Retry-After", "30")],
                  body: TwilioFixtures.error(code: 20429, status: 429))
        }
        defer { Task { try? await server.stop() } }
        await #expect(throws: TwilioLookupError.rateLimited(retryAfter: "30")) {
            try await lookup(server).lookup(number, field: .lineType)
        }
    }

    @Test("garbage bodies are malformed answers", arguments: [
        "<html>Bad gateway</html>", "[]", "{\"unexpected\": true}",
        "{\"phone_number\": \"+447700900123\", \"line_type_intelligence\": {\"type\": 42}}",
    ])
    func garbage(body: String) async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: body) }
        defer { Task { try? await server.stop() } }
        do {
            _ = try await lookup(server).lookup(number, field: .lineType)
            Issue.record("garbage was accepted")
        } catch let error as TwilioLookupError {
            guard case .malformedResponse = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test("an unreadable SIM swap date or period is a malformed answer")
    func badDates() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .init(body: TwilioFixtures.simSwap(date: "yesterday", period: "PT1H", inPeriod: true))
        }
        defer { Task { try? await server.stop() } }
        await #expect(throws: TwilioLookupError.malformedResponse("last_sim_swap_date \"yesterday\" is not an ISO 8601 time")) {
            try await lookup(server).lookup(number, field: .simSwap)
        }
    }

    @Test("a server slower than the timeout fails the lookup")
    func timeout() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.lineType("mobile"), delay: .seconds(60)) }
        defer { Task { try? await server.stop() } }
        do {
            _ = try await lookup(server, timeout: .milliseconds(200)).lookup(number, field: .lineType)
            Issue.record("a slow answer was accepted")
        } catch let error as TwilioLookupError {
            guard case .transport = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test("sms_pumping_risk gives the score and Fraud Guard's block; the request asks for that package alone")
    func smsPumpingRisk() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.smsPumpingRisk(score: 97, blocked: true)) }
        defer { Task { try? await server.stop() } }
        let facts = try await lookup(server).lookup(number, field: .smsPumpingRisk)
        #expect(facts == CarrierFacts(smsPumpingScore: 97, numberBlocked: true))
        let request = try #require(server.requests.first)
        #expect(request.uri == "/v2/PhoneNumbers/%2B447700900123?Fields=sms_pumping_risk")
        #expect(request.authorization == "Basic " + Data("ACtest:token-secret".utf8).base64EncodedString())
    }

    @Test("an absent sms_pumping_risk package or absent fields leave the signals missing")
    func smsPumpingRiskAbsent() async throws {
        let empty = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.smsPumpingRisk(score: nil, blocked: nil)) }
        let null = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.lineStatus("active")) }
        defer { Task { try? await empty.stop(); try? await null.stop() } }
        #expect(try await lookup(empty).lookup(number, field: .smsPumpingRisk) == CarrierFacts())
        #expect(try await lookup(null).lookup(number, field: .smsPumpingRisk) == CarrierFacts())
    }

    @Test("a pumping score outside 0…100 is a malformed answer")
    func smsPumpingScoreOutOfRange() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.smsPumpingRisk(score: 101, blocked: false)) }
        defer { Task { try? await server.stop() } }
        await #expect(throws: TwilioLookupError.malformedResponse("sms_pumping_risk_score 101 is outside 0…100")) {
            try await lookup(server).lookup(number, field: .smsPumpingRisk)
        }
    }

    @Test("line_status is passed through in lower case; absent, it stays missing", arguments: [
        ("active", "active"), ("Unreachable", "unreachable"), ("inactive", "inactive"), ("unknown", "unknown"),
    ])
    func lineStatus(twilio: String, expected: String) async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.lineStatus(twilio)) }
        let absent = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.lineStatus(nil)) }
        defer { Task { try? await server.stop(); try? await absent.stop() } }
        #expect(try await lookup(server).lookup(number, field: .lineStatus) == CarrierFacts(lineStatus: expected))
        #expect(server.requests.first?.uri == "/v2/PhoneNumbers/%2B447700900123?Fields=line_status")
        #expect(try await lookup(absent).lookup(number, field: .lineStatus) == CarrierFacts())
    }

    @Test("the gatherer asks for sms_pumping_risk except for US and Canadian numbers, and line_status for all")
    func pumpingRiskOnlyWhereTwilioCoversIt() async throws {
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let server = try await LoopbackHTTPServer.start { request in
            let number = request.path.replacingOccurrences(of: "/v2/PhoneNumbers/", with: "").replacingOccurrences(of: "%2B", with: "+")
            return .init(body: request.uri.hasSuffix("Fields=sms_pumping_risk")
                ? TwilioFixtures.smsPumpingRisk(score: 97, blocked: true, number: number)
                : TwilioFixtures.lineStatus("Reachable", number: number))
        }
        defer { Task { try? await server.stop() } }
        let twilio = TwilioLookup(configuration: TwilioLookupConfiguration(
            accountSID: "ACtest", authToken: "token-secret", baseURL: server.baseURL, fields: [.smsPumpingRisk, .lineStatus]))
        let gatherer = fixture.gatherer(carrier: twilio)

        let british = try await gatherer.createStageSignals(try fixture.request("+447400123456"))
        #expect(british["carrier.sms_pumping_score"] == .int(97))
        #expect(british["carrier.number_blocked"] == .bool(true))
        #expect(british["carrier.line_status"] == .string("reachable"))

        for northAmerican in ["+12025550123", "+16135550123"] {
            let frame = try await gatherer.createStageSignals(try fixture.request(northAmerican))
            #expect(frame["carrier.sms_pumping_score"] == nil)
            #expect(frame["carrier.number_blocked"] == nil)
            #expect(frame["carrier.line_status"] == .string("reachable"))
        }
        #expect(server.requests.map(\.uri).sorted() == [
            "/v2/PhoneNumbers/%2B12025550123?Fields=line_status",
            "/v2/PhoneNumbers/%2B16135550123?Fields=line_status",
            "/v2/PhoneNumbers/%2B447400123456?Fields=line_status",
            "/v2/PhoneNumbers/%2B447400123456?Fields=sms_pumping_risk",
        ])
    }

    @Test("configuration comes from the environment; none without credentials")
    func environment() throws {
        #expect(try TwilioLookupConfiguration(environment: [:]) == nil)
        let full = try #require(try TwilioLookupConfiguration(environment: [
            "PHONERISK_TWILIO_ACCOUNT_SID": "AC1", "PHONERISK_TWILIO_AUTH_TOKEN": "t",
            "PHONERISK_TWILIO_LOOKUP_URL": "http://127.0.0.1:9/", "PHONERISK_TWILIO_LOOKUP_FIELDS": "line_type_intelligence, sim_swap",
        ]))
        #expect(full.baseURL == "http://127.0.0.1:9")
        #expect(full.fields == [.lineType, .simSwap])
        let defaults = try #require(try TwilioLookupConfiguration(environment: [
            "PHONERISK_TWILIO_ACCOUNT_SID": "AC1", "PHONERISK_TWILIO_AUTH_TOKEN": "t",
        ]))
        #expect(defaults.fields == [.lineType, .simSwap, .callForwarding, .smsPumpingRisk, .lineStatus])
        let pumping = try #require(try TwilioLookupConfiguration(environment: [
            "PHONERISK_TWILIO_ACCOUNT_SID": "AC1", "PHONERISK_TWILIO_AUTH_TOKEN": "t",
            "PHONERISK_TWILIO_LOOKUP_FIELDS": "sms_pumping_risk,line_status",
        ]))
        #expect(pumping.fields == [.smsPumpingRisk, .lineStatus])
        #expect(throws: TwilioLookupError.self) {
            try TwilioLookupConfiguration(environment: ["PHONERISK_TWILIO_ACCOUNT_SID": "AC1"])
        }
        #expect(throws: TwilioLookupError.self) {
            try TwilioLookupConfiguration(environment: [
                "PHONERISK_TWILIO_ACCOUNT_SID": "AC1", "PHONERISK_TWILIO_AUTH_TOKEN": "t", "PHONERISK_TWILIO_LOOKUP_FIELDS": "caller_name",
            ])
        }
    }

    @Test("ISO 8601 durations", arguments: [
        ("PT24H", 86_400.0), ("P7D", 604_800.0), ("PT15282H33M44S", 55_017_224.0), ("P1W", 604_800.0), ("P1DT1M", 86_460.0),
    ])
    func durations(text: String, seconds: Double) {
        #expect(ISO8601Duration.seconds(text) == seconds)
    }

    @Test("not ISO 8601 durations", arguments: ["", "P", "PT", "24H", "P1M", "PT1D", "P1H", "PT-1H", "PT1H2"])
    func badDurations(text: String) {
        #expect(ISO8601Duration.seconds(text) == nil)
    }
}
