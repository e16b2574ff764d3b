import AsyncHTTPClient
import Foundation
import NIOCore
import PhoneVerification
import Testing
@testable import PhoneRiskServer

/// Every error of API.md's table, and the HTTP layer's own, over a real socket.
@Suite("End to end: the one error shape for every refusal")
struct HTTPErrorTests {
    @Test("a missing, malformed, unknown or revoked key all get the same 401 body")
    func authentication() async throws {
        let service = try await TestService.make()
        let store = try ServiceStore(path: service.configuration.databasePath, environment: service.configuration.environment)
        let revoked = try await store.keys.create(mode: .test)
        _ = try await store.keys.revoke(id: revoked.info.id)
        try await withLiveServer(service) { client in
            var bodies: Set<String> = []
            let attempts: [LiveClient.Auth] = [
                .none, .header("Basic dXNlcjpwYXNz"), .header("Bearer"), .header("Bearer sk_test_short"),
                .header("Bearer sk_test_" + String(repeating: "A", count: 32)), .header("Bearer \(revoked.key)"),
                .header("Bearer " + String(repeating: "x", count: 10_000)),
            ]
            for auth in attempts {
                let response = try await client.send(.GET, "/v1/accounts/00000000-0000-0000-0000-000000000000", auth: auth)
                #expect(response.status == 401)
                #expect(response.errorCode == "invalid_api_key")
                #expect(try response.error("type") as? String == "authentication_error")
                bodies.insert(response.text)
            }
            #expect(bodies.count == 1, "\(bodies)")
            let ok = try await client.send(.GET, "/v1/accounts/00000000-0000-0000-0000-000000000000", auth: .header("bearer \(client.testKey)"))
            #expect(ok.status == 404)
        }
    }

    @Test("bad bodies are 400s naming the field: invalid_json, invalid_field, unknown_field, missing_field, invalid_phone_number")
    func badBodies() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let create = "/v1/accounts/\(accountID)/phone_verifications"
            let cases: [(path: String, body: String, code: String, param: String?)] = [
                ("/v1/accounts", #"{"email": "a@example.com""#, "invalid_json", nil),
                ("/v1/accounts", "[]", "invalid_json", nil),
                ("/v1/accounts", #"{"email": 42}"#, "invalid_field", "email"),
                ("/v1/accounts", #"{"profile": {"date_of_birth": true}}"#, "invalid_field", "profile.date_of_birth"),
                ("/v1/accounts", #"{"profile": {"nickname": "x"}}"#, "unknown_field", "profile.nickname"),
                ("/v1/accounts", #"{"phone_number": "not a number"}"#, "invalid_phone_number", "phone_number"),
                (create, #"{"phone_number": "12"}"#, "invalid_phone_number", "phone_number"),
                (create, #"{"phone_number": "07400 123456"}"#, "invalid_phone_number", "phone_number"),
                (create, #"{"context": {"ip_country": 7}}"#, "invalid_field", "context.ip_country"),
                (create, #"{"kind": "sms"}"#, "unknown_field", "kind"),
                (create + "/00000000-0000-0000-0000-000000000000/confirm", "", "missing_field", "code"),
            ]
            for (path, body, code, param) in cases {
                let response = try await client.send(.POST, path, body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.errorCode == code, "\(body)")
                #expect(response.errorParam == param, "\(body)")
                #expect(try response.error("type") as? String == "invalid_request_error")
                #expect(try response.error("message") is String)
            }
        }
    }

    @Test("a body over 64 KiB is a 413, declared or streamed")
    func bodyTooLarge() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let large = #"{"email": ""# + String(repeating: "a", count: 70_000) + #""}"#
            let declared = try await client.send(.POST, "/v1/accounts", body: large)
            #expect(declared.status == 413)
            #expect(declared.errorCode == "body_too_large")

            var request = HTTPClientRequest(url: client.baseURL + "/v1/accounts")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(client.testKey)")
            let chunk = ByteBuffer(string: String(repeating: " ", count: 8_192))
            request.body = .stream(Chunks(chunk: chunk, count: 200), length: .unknown)
            let streamed = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(streamed.status.code == 413)

            let justUnder = #"{"email": ""# + String(repeating: "a", count: 60_000) + #""}"#
            let accepted = try await client.send(.POST, "/v1/accounts", body: justUnder)
            #expect(accepted.status != 413)
        }
    }

    @Test("unknown routes are 404 and known paths with another method 405, in the one shape")
    func routing() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let missing = try await client.send(.GET, "/v2/accounts")
            #expect(missing.status == 404)
            #expect(missing.errorCode == "resource_missing")
            #expect(try missing.error("type") as? String == "not_found_error")
            let missingV1 = try await client.send(.POST, "/v1/nothing", body: "{}")
            #expect(missingV1.status == 404)
            let wrongMethod = try await client.send(.DELETE, "/v1/accounts")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.errorCode == "method_not_allowed")
            #expect(wrongMethod.headers["Allow"] == ["POST"])
            let wrongOnItem = try await client.send(.PUT, "/v1/accounts/abc/phone_verifications/def/confirm", body: "{}")
            #expect(wrongOnItem.status == 405)
        }
    }

    @Test("unknown ids and the other mode's objects are 404 resource_missing")
    func modesAndIds() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            let paths = [
                "/v1/accounts/\(accountID)", "/v1/accounts/\(accountID)/phone_verifications/\(id)",
                "/v1/accounts/\(accountID)/phone_verifications",
            ]
            for path in paths {
                let live = try await client.send(.GET, path, auth: .live)
                #expect(live.status == 404, "\(path)")
                #expect(live.errorCode == "resource_missing", "\(path)")
            }
            let otherMode = try await client.send(
                .POST, "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm", auth: .live, body: #"{"code": "123456"}"#)
            #expect(otherMode.status == 404)
            for path in ["/v1/accounts/not-a-uuid", "/v1/accounts/\(UUID().uuidString)", "/v1/accounts/\(accountID)/phone_verifications/\(UUID().uuidString)"] {
                let unknown = try await client.send(.GET, path)
                #expect(unknown.status == 404, "\(path)")
                #expect(unknown.errorCode == "resource_missing", "\(path)")
            }
        }
    }

    @Test("past the per-number limit a create is 429 rate_limited with Retry-After, and stores nothing")
    func rateLimited() async throws {
        let service = try await TestService.make(environment: ["PHONERISK_RATE_LIMIT_PHONE": "2/10m"])
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            for _ in 0..<2 {
                #expect(try await client.createVerification(accountID: accountID).status == 200)
            }
            let limited = try await client.createVerification(accountID: accountID)
            #expect(limited.status == 429)
            #expect(limited.errorCode == "rate_limited")
            #expect(try limited.error("type") as? String == "rate_limit_error")
            let retryAfter = try #require(limited.headers["Retry-After"].first.flatMap(Int.init))
            #expect((1...600).contains(retryAfter))
            let list = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications").json()
            #expect((list["data"] as? [Any])?.count == 2)
        }
    }

    @Test("a provider without credentials is 503 provider_not_configured; a failing provider 502 provider_failed")
    func providers() async throws {
        let unconfigured = try await TestService.make()
        try await withLiveServer(unconfigured) { client in
            let accountID = try await client.createAccount(auth: .live)
            let response = try await client.createVerification(accountID: accountID, auth: .live)
            #expect(response.status == 503)
            #expect(response.errorCode == "provider_not_configured")
            #expect(try response.error("type") as? String == "provider_error")
            let prove = try await client.send(
                .POST, "/v1/accounts/\(accountID)/phone_verifications", auth: .live, body: #"{"type": "prove", "phone_number": "+447400123456"}"#)
            #expect(prove.status == 503)
        }
        let failing = try await TestService.make(environment: [
            "PHONERISK_TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000", "PHONERISK_TWILIO_AUTH_TOKEN": "token-for-tests",
            "PHONERISK_TWILIO_VERIFY_SERVICE_SID": "VA00000000000000000000000000000000",
            "PHONERISK_TWILIO_VERIFY_URL": "http://127.0.0.1:9", "PHONERISK_TWILIO_LOOKUP_URL": "http://127.0.0.1:9",
        ])
        try await withLiveServer(failing) { client in
            let accountID = try await client.createAccount(auth: .live)
            let response = try await client.createVerification(accountID: accountID, auth: .live)
            #expect(response.status == 502)
            #expect(response.errorCode == "provider_failed")
            let list = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications", auth: .live).json()
            #expect((list["data"] as? [Any])?.isEmpty == true)
        }
    }
}

/// `count` copies of one chunk, for streaming a body without a length.
private struct Chunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let chunk: ByteBuffer
    let count: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        let chunk: ByteBuffer
        var remaining: Int

        mutating func next() async -> ByteBuffer? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunk: chunk, remaining: count)
    }
}
