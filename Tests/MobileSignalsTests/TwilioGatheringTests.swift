import Foundation
import LoopbackHTTPServer
import NIOHTTP1
import PhoneNumbers
import Testing
@testable import MobileSignals

@Suite("Gathering through Twilio Lookup")
struct TwilioGatheringTests {
    func twilio(_ server: LoopbackHTTPServer, timeout: Duration = .seconds(2)) -> TwilioLookup {
        TwilioLookup(configuration: TwilioLookupConfiguration(
            accountSID: "ACtest", authToken: "token", baseURL: server.baseURL, timeout: timeout))
    }

    @Test("Twilio's answers become signals and are cached per package")
    func answers() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            if request.uri.hasSuffix("line_type_intelligence") { return .init(body: TwilioFixtures.lineType("nonFixedVoip")) }
            if request.uri.hasSuffix("sim_swap") {
                return .init(body: TwilioFixtures.simSwap(date: "2026-09-20T00:00:00Z", period: "PT15H", inPeriod: true))
            }
            if request.uri.hasSuffix("sms_pumping_risk") { return .init(body: TwilioFixtures.smsPumpingRisk(score: 97, blocked: false)) }
            if request.uri.hasSuffix("line_status") { return .init(body: TwilioFixtures.lineStatus("active")) }
            return .init(body: TwilioFixtures.callForwarding(false))
        }
        defer { Task { try? await server.stop() } }
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let gatherer = fixture.gatherer(carrier: twilio(server))
        let request = try fixture.request("+447400123456")
        let frame = try await gatherer.createStageSignals(request)
        #expect(frame["carrier.line_type"] == .string("non_fixed_voip"))
        #expect(frame["carrier.name"] == .string("Vodafone UK"))
        #expect(frame["carrier.mcc"] == .string("234"))
        let expectedAge = Int64(request.now.timeIntervalSince(Date(timeIntervalSince1970: 1_789_862_400)))
        #expect(frame["sim_swap.age"] == .duration(seconds: expectedAge))
        #expect(frame["call_forwarding"] == .bool(false))
        #expect(frame["carrier.ported"] == nil)
        #expect(frame["carrier.sms_pumping_score"] == .int(97))
        #expect(frame["carrier.number_blocked"] == .bool(false))
        #expect(frame["carrier.line_status"] == .string("active"))
        _ = try await gatherer.createStageSignals(request)
        #expect(server.requests.count == CarrierField.allCases.count)
    }

    @Test("an outage, a 429 or garbage leaves the signals missing and is cached for 5 minutes", arguments: [
        LoopbackHTTPServer.Response(status: .internalServerError, body: TwilioFixtures.error(code: 20500, status: 500)),
        LoopbackHTTPServer.Response(status: .tooManyRequests, body: TwilioFixtures.error(code: 20429, status: 429)),
        LoopbackHTTPServer.Response(body: "<html>oops</html>"),
    ])
    func failures(response: LoopbackHTTPServer.Response) async throws {
        let server = try await LoopbackHTTPServer.start { _ in response }
        defer { Task { try? await server.stop() } }
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let gatherer = fixture.gatherer(carrier: twilio(server))
        let request = try fixture.request("+447400123456")
        for _ in 0..<3 {
            let frame = try await gatherer.createStageSignals(request)
            #expect(frame["carrier.line_type"] == .string("mobile"))
            #expect(frame["carrier.name"] == .string("Three"))
            #expect(frame["carrier.mcc"] == nil && frame["sim_swap.age"] == nil && frame["call_forwarding"] == nil)
        }
        #expect(server.requests.count == CarrierField.allCases.count)
        fixture.clock.advance(by: 301)
        _ = try await gatherer.createStageSignals(request)
        #expect(server.requests.count == 2 * CarrierField.allCases.count)
    }

    @Test("a lookup slower than the timeout does not hold the frame back")
    func slowProvider() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .init(body: TwilioFixtures.lineType("landline"), delay: .seconds(60)) }
        defer { Task { try? await server.stop() } }
        let fixture = try GathererFixture()
        defer { fixture.remove() }
        let gatherer = fixture.gatherer(carrier: twilio(server, timeout: .seconds(30)), timeout: .milliseconds(300))
        let frame = try await gatherer.createStageSignals(try fixture.request("+447400123456"))
        #expect(frame["carrier.line_type"] == .string("mobile"))
        #expect(frame["carrier.mcc"] == nil)
    }
}
