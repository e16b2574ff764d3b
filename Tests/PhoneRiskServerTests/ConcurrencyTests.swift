import Foundation
import Testing
@testable import PhoneRiskServer

/// Many requests at once on one verification or one number, over a real socket.
@Suite("End to end: concurrent requests")
struct ConcurrencyTests {
    private func parallel(_ count: Int, _ request: @escaping @Sendable () async throws -> LiveResponse) async throws -> [LiveResponse] {
        try await withThrowingTaskGroup(of: LiveResponse.self) { group in
            for _ in 0..<count {
                group.addTask(operation: request)
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("50 confirms with the right code at once: exactly one verifies")
    func rightCodes() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            let path = "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm"
            let responses = try await parallel(50) { try await client.send(.POST, path, body: #"{"code": "123456"}"#) }
            let verified = responses.filter { $0.status == 200 }
            #expect(verified.count == 1)
            #expect(try verified.first?.json()["status"] as? String == "verified")
            for response in responses where response.status != 200 {
                #expect(response.status == 409)
                #expect(response.errorCode == "verification_not_pending")
            }
            let read = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications/\(id)").json()
            #expect(read["status"] as? String == "verified")
        }
    }

    @Test("30 wrong codes at once: each is counted and the verification ends failed")
    func wrongCodes() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            let path = "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm"
            let responses = try await parallel(30) { try await client.send(.POST, path, body: #"{"code": "654321"}"#) }
            let incorrect = responses.filter { $0.errorCode == "incorrect_code" }
            let remaining = try incorrect.compactMap { try $0.error("attempts_remaining") as? Int }.sorted()
            #expect(remaining == [1, 2, 3, 4])
            #expect(responses.filter { $0.errorCode == "max_attempts_reached" }.count >= 1)
            #expect(responses.allSatisfy { $0.status != 200 && $0.status < 500 })
            let read = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications/\(id)").json()
            #expect(read["status"] as? String == "failed")
            #expect(read["failure_reason"] as? String == "max_attempts_reached")
            #expect(read["attempts_remaining"] as? Int == 0)
        }
    }

    @Test("creates for one number at once respect the per-number limit exactly")
    func rateLimit() async throws {
        let service = try await TestService.make(environment: ["PHONERISK_RATE_LIMIT_PHONE": "5/10m", "PHONERISK_RATE_LIMIT_ACCOUNT": "100/1h"])
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let responses = try await parallel(12) { try await client.createVerification(accountID: accountID) }
            #expect(responses.filter { $0.status == 200 }.count == 5)
            let limited = responses.filter { $0.status == 429 }
            #expect(limited.count == 7)
            #expect(limited.allSatisfy { $0.errorCode == "rate_limited" && !$0.headers["Retry-After"].isEmpty })
            let list = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications?limit=100").json()
            #expect((list["data"] as? [Any])?.count == 5)
        }
    }
}
