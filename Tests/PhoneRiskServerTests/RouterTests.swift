import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import PhoneRiskServer

/// The middleware stack, driven through the router without a socket.
@Suite("Router: middleware order, headers and the HTTP layer's own answers")
struct RouterTests {
    private func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    private func errorCode(_ response: TestResponse) throws -> String? {
        (try json(response)["error"] as? [String: Any])?["code"] as? String
    }

    @Test("every answer, errors included, carries its own Request-Id")
    func requestIDs() async throws {
        let service = try await TestService.make()
        try await service.application().test(.router) { client in
            var ids: Set<String> = []
            for uri in ["/healthz", "/nowhere", "/v1/accounts/x"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let id = try #require(response.headers[.requestID])
                    ids.insert(id)
                }
            }
            #expect(ids.count == 3)
        }
    }

    @Test("authentication comes before validation: a bad body without a key is a 401")
    func authenticationFirst() async throws {
        let service = try await TestService.make()
        try await service.application().test(.router) { client in
            let anonymous = try await client.execute(uri: "/v1/accounts", method: .post, body: ByteBuffer(string: "{not json"))
            #expect(anonymous.status == .unauthorized)
            #expect(try errorCode(anonymous) == "invalid_api_key")
            let authenticated = try await client.execute(
                uri: "/v1/accounts", method: .post, headers: [.authorization: "Bearer \(service.testKey)"],
                body: ByteBuffer(string: "{not json"))
            #expect(authenticated.status == .badRequest)
            #expect(try errorCode(authenticated) == "invalid_json")
        }
    }

    @Test("HEAD and other methods on known paths are 405 with Allow; bodies over 64 KiB are 413 before any parsing")
    func methodsAndLimits() async throws {
        let service = try await TestService.make()
        try await service.application().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/v1/accounts/abc/phone_verifications", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST, GET")
            }
            let large = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 * 1024 + 1)
            let tooLarge = try await client.execute(
                uri: "/v1/accounts", method: .post, headers: [.authorization: "Bearer \(service.testKey)"], body: large)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try errorCode(tooLarge) == "body_too_large")
            let limit = ByteBuffer(repeating: UInt8(ascii: " "), count: 64 * 1024)
            try await client.execute(
                uri: "/v1/accounts", method: .post, headers: [.authorization: "Bearer \(service.testKey)"], body: limit
            ) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("a 4xx answer under an idempotency key is kept and replayed with Idempotent-Replayed")
    func keptRefusal() async throws {
        let service = try await TestService.make()
        try await service.application().test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(service.testKey)", .idempotencyKey: "bad-body"]
            let first = try await client.execute(uri: "/v1/accounts", method: .post, headers: headers, body: ByteBuffer(string: #"{"email": 1}"#))
            #expect(first.status == .badRequest)
            #expect(first.headers[.idempotentReplayed] == nil)
            let second = try await client.execute(uri: "/v1/accounts", method: .post, headers: headers, body: ByteBuffer(string: #"{"email": 1}"#))
            #expect(second.status == .badRequest)
            #expect(second.headers[.idempotentReplayed] == "true")
            #expect(second.body == first.body)
        }
    }
}
