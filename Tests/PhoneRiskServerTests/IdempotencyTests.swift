import Foundation
import Testing
@testable import PhoneRiskServer

/// API.md's Idempotency-Key semantics over a real socket.
@Suite("End to end: idempotency keys")
struct IdempotencyTests {
    @Test("the same key and body replay the first answer byte for byte and create nothing more")
    func replay() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let key = [("Idempotency-Key", "create-1")]
            let first = try await client.createVerification(accountID: accountID, headers: key)
            #expect(first.status == 200)
            #expect(first.headers["Idempotent-Replayed"].isEmpty)
            let second = try await client.createVerification(accountID: accountID, headers: key)
            #expect(second.status == 200)
            #expect(second.body == first.body)
            #expect(second.headers["Idempotent-Replayed"] == ["true"])
            let list = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications").json()
            #expect((list["data"] as? [Any])?.count == 1)

            let reused = try await client.send(
                .POST, "/v1/accounts/\(accountID)/phone_verifications", body: #"{"phone_number": "+447400123457"}"#, headers: key)
            #expect(reused.status == 422)
            #expect(reused.errorCode == "idempotency_key_reused")

            let otherKey = try await client.createVerification(accountID: accountID, auth: .live, headers: key)
            #expect(otherKey.status == 404)
        }
    }

    @Test("4xx answers are kept and replayed; 429 and 5xx answers are not kept")
    func whatIsKept() async throws {
        let service = try await TestService.make(environment: ["PHONERISK_RATE_LIMIT_PHONE": "1/10m"])
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            let confirm = "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm"
            let wrong = try await client.send(.POST, confirm, body: #"{"code": "999999"}"#, headers: [("Idempotency-Key", "confirm-1")])
            #expect(wrong.status == 422)
            let replayed = try await client.send(.POST, confirm, body: #"{"code": "999999"}"#, headers: [("Idempotency-Key", "confirm-1")])
            #expect(replayed.body == wrong.body)
            let read = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications/\(id)").json()
            #expect(read["attempts_remaining"] as? Int == 4)

            let limited = try await client.createVerification(accountID: accountID, headers: [("Idempotency-Key", "limited")])
            #expect(limited.status == 429)
            let notKept = try await client.createVerification(
                accountID: accountID, phoneNumber: "+447400123458", headers: [("Idempotency-Key", "limited")])
            #expect(notKept.status == 200)

            let failing = try await client.createVerification(
                accountID: try await client.createAccount(auth: .live), auth: .live, headers: [("Idempotency-Key", "provider")])
            #expect(failing.status == 503)
            let retried = try await client.send(
                .POST, "/v1/accounts/\(accountID)/phone_verifications", auth: .live, body: "{}", headers: [("Idempotency-Key", "provider")])
            #expect(retried.errorCode != "idempotency_key_reused")
        }
    }

    @Test("a key longer than 255 characters or with control characters is a 400 on Idempotency-Key")
    func badKeys() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let long = try await client.send(.POST, "/v1/accounts", body: "{}", headers: [("Idempotency-Key", String(repeating: "k", count: 256))])
            #expect(long.status == 400)
            #expect(long.errorParam == "Idempotency-Key")
            let longest = try await client.send(.POST, "/v1/accounts", body: "{}", headers: [("Idempotency-Key", String(repeating: "k", count: 255))])
            #expect(longest.status == 200)
        }
    }

    @Test("identical requests sent together run once: one answer, the others replay it or are told it is in use")
    func parallel() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let responses = try await withThrowingTaskGroup(of: LiveResponse.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await client.createVerification(accountID: accountID, headers: [("Idempotency-Key", "together")]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let succeeded = responses.filter { $0.status == 200 }
            #expect(!succeeded.isEmpty)
            #expect(Set(succeeded.map(\.body)).count == 1)
            for response in responses where response.status != 200 {
                #expect(response.status == 409)
                #expect(response.errorCode == "idempotency_key_in_use")
            }
            let list = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications").json()
            #expect((list["data"] as? [Any])?.count == 1)
        }
    }
}
