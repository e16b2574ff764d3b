import Foundation
import Testing
@testable import PhoneRiskServer

/// No input makes any route answer a 500: odd bodies, paths, queries and headers
/// all get a 4xx in the one error shape (or succeed). The only 5xx an input can
/// reach is the documented 503 for a provider that is not configured.
@Suite("End to end: hostile input never reaches a 500")
struct HostileInputTests {
    private static let bodies: [String] = [
        "", "{}", "null", "[]", "\"x\"", "0", "{", "}", "{\"a\":}", "{\"code\":\"\u{0}\"}",
        #"{"code": 1e400}"#, #"{"code": 123456789012345678901234567890}"#, #"{"code": -0.0}"#, #"{"code": true}"#,
        #"{"code": ["123456"]}"#, #"{"code": {"value": "123456"}}"#, #"{"code": "１２３４５６"}"#, #"{"code": "12345"}"#,
        #"{"code": "1234567"}"#, #"{"code": "12 3456"}"#, #"{"outcome": "APPROVE"}"#, #"{"outcome": ""}"#,
        #"{"phone_number": ""}"#, #"{"phone_number": "+"}"#, #"{"phone_number": "+999999999999999999999"}"#,
        #"{"phone_number": "\#(String(repeating: "9", count: 5_000))"}"#, #"{"phone_number": "+44 (0) 7400 123-456 ext. 9"}"#,
        #"{"phone_number": "tel:+447400123456"}"#, #"{"phone_number": "+44\u202e7400123456"}"#, #"{"phone_number": "💥"}"#,
        #"{"type": "carrier-pigeon"}"#, #"{"type": "prove"}"#, #"{"type": "twilio"}"#, #"{"type": null}"#,
        #"{"date_of_birth": "1990-02-30"}"#, #"{"date_of_birth": "tomorrow"}"#, #"{"date_of_birth": "9999-12-31"}"#,
        #"{"profile": {"date_of_birth": "1990-13-01"}}"#, #"{"profile": []}"#, #"{"profile": null}"#, #"{"context": {"ip_country": "G"}}"#,
        #"{"context": {"ip_country": "gb"}}"#, #"{"email": "\#(String(repeating: "a", count: 60_000))"}"#,
        #"{"code": "123456", "code": "000000"}"#, "\u{FEFF}{}", "{\"code\":\"\\ud800\"}",
    ]

    @Test("every route answers odd bodies with a 4xx or a success, never a 500")
    func bodies() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount(phoneNumber: "+447400123456")
            let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            let base = "/v1/accounts/\(accountID)/phone_verifications"
            let routes = ["/v1/accounts", base, "\(base)/\(id)/confirm", "\(base)/\(id)/resend", "\(base)/\(id)/cancel", "\(base)/\(id)/resolve"]
            for route in routes {
                for body in Self.bodies {
                    let response = try await client.send(.POST, route, body: body)
                    #expect(
                        response.status < 500 || response.errorCode == "provider_not_configured",
                        "\(route) \(body.prefix(60)) → \(response.status) \(response.text)")
                    if response.status >= 400 {
                        #expect(response.errorCode != nil, "\(route) \(body.prefix(60)) → \(response.text)")
                    }
                }
            }
            let invalidUTF8 = try await client.send(.POST, "/v1/accounts", rawBody: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D])
            #expect(invalidUTF8.status == 400)
        }
    }

    @Test("odd paths, ids, queries and headers get a 4xx in the one shape")
    func pathsAndHeaders() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let paths = [
                "/v1/accounts/%00", "/v1/accounts/%2e%2e", "/v1/accounts/" + String(repeating: "a", count: 4_000),
                "/v1/accounts/\(accountID)/phone_verifications/%20", "/v1/accounts/\(accountID)/phone_verifications?limit=",
                "/v1/accounts/\(accountID)/phone_verifications?limit=-1", "/v1/accounts/\(accountID)/phone_verifications?limit=99999999999999999999",
                "/v1/accounts/\(accountID)/phone_verifications?starting_after=", "/v1/accounts/\(accountID)/phone_verifications?%ff=1",
                "/v1/accounts/\(accountID)/phone_verifications?starting_after=%27%20OR%201=1", "/v1//accounts", "/v1/accounts/\(accountID)/",
                "/v1", "/", "/metrics/", "/healthz?x=1",
            ]
            for path in paths {
                let response = try await client.send(.GET, path)
                #expect(response.status < 500, "\(path) → \(response.status)")
                if response.status >= 400 {
                    #expect(response.errorCode != nil, "\(path) → \(response.text)")
                }
            }
            let headers: [[(String, String)]] = [
                [("Idempotency-Key", "")], [("Idempotency-Key", "a\tb")], [("Content-Length", "70000")],
                [("Content-Type", "application/xml")], [("Authorization", "Bearer \(client.testKey)\(client.testKey)")],
            ]
            for extra in headers {
                let response = try await client.send(.POST, "/v1/accounts", body: "{}", headers: extra)
                #expect(response.status < 500, "\(extra) → \(response.status)")
            }
        }
    }
}
