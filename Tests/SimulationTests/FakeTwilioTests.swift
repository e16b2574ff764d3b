import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Simulation

@Suite("The fake Twilio answers Twilio's published shapes")
struct FakeTwilioTests {
    private let start = Date(timeIntervalSince1970: 1_772_409_600)

    private struct Answer {
        var status: UInt
        var body: [String: JSONValue]
    }

    private func call(_ server: FakeTwilioServer, _ method: HTTPMethod, _ path: String, form: String? = nil,
                      authorization: String = FakeTwilio.Credentials.simulation.authorization) async throws -> Answer {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: authorization)
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard case .object(let members) = try JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) else {
            Issue.record("the body is not a JSON object")
            return Answer(status: response.status.code, body: [:])
        }
        return Answer(status: response.status.code, body: members)
    }

    private func object(_ value: JSONValue?) -> [String: JSONValue] {
        if case .object(let members) = value { return members }
        return [:]
    }

    @Test("Lookup v2 answers every requested package with Twilio's fields, and null for the others")
    func lookup() async throws {
        let clock = SimulationClock(start: start)
        let twilio = FakeTwilio(clock: clock.now, seed: 1)
        twilio.register("+447400123456", facts: NumberFacts(
            lineType: "nonFixedVoip", carrierName: "Example Mobile", mcc: "234", mnc: "15",
            simSwappedAt: start.addingTimeInterval(-7_200), callForwarding: true, pumpingRiskScore: 97, numberBlocked: true,
            lineStatus: "reachable"))
        let server = try await FakeTwilioServer.start(twilio)
        defer { Task { await server.stop() } }
        let answer = try await call(server, .GET,
            "/v2/PhoneNumbers/%2B447400123456?Fields=line_type_intelligence,sim_swap,call_forwarding,sms_pumping_risk,line_status")
        #expect(answer.status == 200)
        #expect(Set(answer.body.keys) == [
            "calling_country_code", "country_code", "phone_number", "national_format", "valid", "validation_errors",
            "caller_name", "sim_swap", "call_forwarding", "live_activity", "line_type_intelligence", "identity_match",
            "reassigned_number", "sms_pumping_risk", "phone_number_quality_score", "line_status", "url",
        ])
        #expect(answer.body["phone_number"] == "+447400123456")
        #expect(answer.body["country_code"] == "GB")
        #expect(answer.body["calling_country_code"] == "44")
        #expect(answer.body["valid"] == true)
        #expect(answer.body["caller_name"] == .null)
        #expect(object(answer.body["line_type_intelligence"]) == [
            "error_code": nil, "mobile_country_code": "234", "mobile_network_code": "15", "carrier_name": "Example Mobile",
            "type": "nonFixedVoip",
        ])
        #expect(object(answer.body["sim_swap"]) == [
            "last_sim_swap": ["last_sim_swap_date": "2026-03-01T22:00:00Z", "swapped_period": "PT24H", "swapped_in_period": true],
            "carrier_name": "Example Mobile", "mobile_country_code": "234", "mobile_network_code": "15", "error_code": nil,
        ])
        #expect(object(answer.body["call_forwarding"]) == ["call_forwarding_status": true, "error_code": nil])
        #expect(object(answer.body["sms_pumping_risk"]) == [
            "carrier_risk_category": "high", "number_blocked": true, "number_blocked_date": "2026-03-01T00:00:00Z",
            "number_blocked_last_3_months": true, "sms_pumping_risk_score": 97, "error_code": nil,
        ])
        #expect(object(answer.body["line_status"]) == ["status": "reachable", "error_code": nil])

        let some = try await call(server, .GET, "/v2/PhoneNumbers/%2B447400123456?Fields=line_type_intelligence")
        #expect(some.body["sim_swap"] == .null)
        #expect(some.body["sms_pumping_risk"] == .null)
        #expect(twilio.lookupCount == 2)
    }

    @Test("Verify v2 sends, resends the same code, checks, cancels and answers Twilio's error bodies")
    func verify() async throws {
        let clock = SimulationClock(start: start)
        let twilio = FakeTwilio(clock: clock.now, seed: 1)
        let server = try await FakeTwilioServer.start(twilio)
        defer { Task { await server.stop() } }
        let service = "/v2/Services/\(twilio.credentials.serviceSID)"

        let created = try await call(server, .POST, "\(service)/Verifications", form: "To=%2B447400123456&Channel=sms")
        #expect(created.status == 201)
        #expect(Set(created.body.keys) == [
            "sid", "service_sid", "account_sid", "to", "channel", "status", "valid", "date_created", "date_updated",
            "lookup", "amount", "payee", "send_code_attempts", "sna", "url",
        ])
        #expect(created.body["status"] == "pending")
        #expect(created.body["valid"] == false)
        #expect(created.body["to"] == "+447400123456")
        guard case .string(let sid) = created.body["sid"] else { Issue.record("no sid"); return }
        #expect(sid.hasPrefix("VE") && sid.count == 34)
        let code = try #require(twilio.code(sentTo: "+447400123456"))

        let again = try await call(server, .POST, "\(service)/Verifications", form: "To=%2B447400123456&Channel=sms")
        #expect(again.body["sid"] == .string(sid))
        if case .array(let attempts) = again.body["send_code_attempts"] {
            #expect(attempts.count == 2)
            #expect(Set(object(attempts[0]).keys) == ["time", "channel", "attempt_sid"])
        } else {
            Issue.record("send_code_attempts is not an array")
        }
        #expect(twilio.code(sentTo: "+447400123456") == code)
        #expect(twilio.sentMessages == ["+447400123456": 2])

        let wrong = try await call(server, .POST, "\(service)/VerificationCheck", form: "VerificationSid=\(sid)&Code=\(code == "000000" ? "111111" : "000000")")
        #expect(wrong.status == 201)
        #expect(Set(wrong.body.keys) == [
            "sid", "service_sid", "account_sid", "to", "channel", "status", "valid", "amount", "payee",
            "sna_attempts_error_codes", "date_created", "date_updated",
        ])
        #expect(wrong.body["status"] == "pending")
        let right = try await call(server, .POST, "\(service)/VerificationCheck", form: "To=%2B447400123456&Code=\(code)")
        #expect(right.body["status"] == "approved")
        #expect(right.body["valid"] == true)
        let gone = try await call(server, .POST, "\(service)/VerificationCheck", form: "VerificationSid=\(sid)&Code=\(code)")
        #expect(gone.status == 404)
        #expect(gone.body == [
            "code": 20404, "message": .string("The requested resource \(service)/VerificationCheck was not found"),
            "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404,
        ])

        let second = try await call(server, .POST, "\(service)/Verifications", form: "To=%2B447400123457&Channel=sms")
        guard case .string(let secondSID) = second.body["sid"] else { Issue.record("no sid"); return }
        #expect(secondSID != sid)
        let canceled = try await call(server, .POST, "\(service)/Verifications/\(secondSID)", form: "Status=canceled")
        #expect(canceled.status == 200)
        #expect(canceled.body["status"] == "canceled")
        #expect(twilio.code(sentTo: "+447400123457") == nil)

        for _ in 0..<4 { _ = try await call(server, .POST, "\(service)/Verifications", form: "To=%2B447400123458&Channel=sms") }
        let fifth = try await call(server, .POST, "\(service)/Verifications", form: "To=%2B447400123458&Channel=sms")
        #expect(fifth.status == 201)
        let sixth = try await call(server, .POST, "\(service)/Verifications", form: "To=%2B447400123458&Channel=sms")
        #expect(sixth.status == 429)
        #expect(sixth.body["code"] == 60203)

        clock.set(start.addingTimeInterval(601))
        #expect(twilio.code(sentTo: "+447400123458") == nil)

        let unauthorised = try await call(server, .POST, "\(service)/Verifications", form: "To=%2B447400123456&Channel=sms",
                                          authorization: "Basic bm8=")
        #expect(unauthorised.status == 401)
        #expect(unauthorised.body["code"] == 20003)
    }

    @Test("a scenario's send error and a landline get Twilio's Verify errors")
    func sendErrors() async throws {
        let twilio = FakeTwilio(clock: { Date(timeIntervalSince1970: 1_772_409_600) }, seed: 1)
        twilio.register("+447400123456", facts: NumberFacts(sendError: 60410))
        twilio.register("+442079460000", facts: NumberFacts(lineType: "landline"))
        let service = "/v2/Services/\(twilio.credentials.serviceSID)/Verifications"
        let auth = twilio.credentials.authorization
        let guarded = twilio.respond(.init(method: "POST", path: service, authorization: auth, form: ["To": "+447400123456", "Channel": "sms"]))
        #expect(guarded.status == 403)
        #expect(guarded.body == ["code": 60410, "message": "Verification delivery attempt blocked",
                                 "more_info": "https://www.twilio.com/docs/errors/60410", "status": 403])
        let landline = twilio.respond(.init(method: "POST", path: service, authorization: auth, form: ["To": "+442079460000", "Channel": "sms"]))
        #expect(landline.status == 400)
        #expect(object(landline.body)["code"] == 60205)
        #expect(twilio.sentMessages.isEmpty)
    }
}
