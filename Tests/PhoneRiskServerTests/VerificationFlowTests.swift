import Foundation
import Testing
@testable import PhoneRiskServer

/// Every route of API.md over a real socket, on the happy paths and their state errors.
@Suite("End to end: accounts and the verification state machine")
struct VerificationFlowTests {
    @Test("create an account, start a verification, confirm it: the number is linked")
    func happyPath() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let created = try await client.send(.POST, "/v1/accounts", body: #"{"email": "ada@example.com", "profile": {"first_name": "Ada"}}"#)
            #expect(created.status == 200)
            let account = try created.json()
            let accountID = try #require(account["id"] as? String)
            #expect(account["object"] as? String == "account")
            #expect(account["phone_verified"] as? Bool == false)
            #expect(account["phone_number"] is NSNull)

            let fetched = try await client.send(.GET, "/v1/accounts/\(accountID)")
            #expect(fetched.status == 200)
            #expect(try fetched.json()["email"] as? String == "ada@example.com")

            let started = try await client.createVerification(accountID: accountID, phoneNumber: "+44 7400 123456")
            #expect(started.status == 200, "\(started.text)")
            let verification = try started.json()
            let id = try #require(verification["id"] as? String)
            #expect(verification["object"] as? String == "phone_verification")
            #expect(verification["status"] as? String == "pending")
            #expect(verification["provider"] as? String == "sandbox")
            #expect(verification["phone_number"] as? String == "+447400123456")
            #expect(verification["attempts_remaining"] as? Int == 5)
            #expect(verification["failure_reason"] is NSNull)
            let risk = try #require(verification["risk"] as? [String: Any])
            #expect(risk["decision"] as? String == "pass")
            #expect(risk["policy"] as? String == "test_pass")
            #expect(risk["policy_version"] as? Int == 1)
            let sandbox = try #require(verification["sandbox"] as? [String: Any])
            #expect(sandbox["expected_codes"] as? [String] == ["123456", "000000", "111111"])

            let wrong = try await client.send(.POST, "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm", body: #"{"code": "999999"}"#)
            #expect(wrong.status == 422)
            #expect(wrong.errorCode == "incorrect_code")
            #expect(try wrong.error("attempts_remaining") as? Int == 4)

            let right = try await client.send(.POST, "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm", body: #"{"code": "000000"}"#)
            #expect(right.status == 200)
            #expect(try right.json()["status"] as? String == "verified")

            let linked = try await client.send(.GET, "/v1/accounts/\(accountID)").json()
            #expect(linked["phone_number"] as? String == "+447400123456")
            #expect(linked["phone_verified"] as? Bool == true)

            let again = try await client.send(.POST, "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm", body: #"{"code": "000000"}"#)
            #expect(again.status == 409)
            #expect(again.errorCode == "verification_not_pending")
            #expect(try again.error("type") as? String == "state_error")

            let read = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications/\(id)")
            #expect(read.status == 200)
            #expect(try read.json()["status"] as? String == "verified")
        }
    }

    @Test("a list is newest first, paged with limit and starting_after; bad paging is a 400 naming the parameter")
    func listing() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            var ids: [String] = []
            for suffix in ["10", "11", "12"] {
                let started = try await client.createVerification(accountID: accountID, phoneNumber: "+4474001234\(suffix)")
                ids.append(try #require(try started.json()["id"] as? String))
            }
            let first = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications?limit=2")
            #expect(first.status == 200)
            let page = try first.json()
            #expect(page["object"] as? String == "list")
            #expect(page["has_more"] as? Bool == true)
            let data = try #require(page["data"] as? [[String: Any]])
            #expect(data.compactMap { $0["id"] as? String } == [ids[2], ids[1]])

            let second = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications?limit=2&starting_after=\(ids[1])").json()
            #expect(second["has_more"] as? Bool == false)
            #expect((second["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids[0]])

            let all = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications").json()
            #expect((all["data"] as? [[String: Any]])?.count == 3)

            for (query, param) in [
                ("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit"), ("limit=1&limit=2", "limit"),
                ("starting_after=00000000-0000-0000-0000-000000000000", "starting_after"), ("page=2", "page"),
            ] {
                let refused = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications?\(query)")
                #expect(refused.status == 400, "\(query)")
                #expect(refused.errorParam == param, "\(query)")
            }
        }
    }

    @Test("resend keeps counting wrong codes and allows five sends in all; cancel ends a pending verification")
    func resendAndCancel() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            let base = "/v1/accounts/\(accountID)/phone_verifications/\(id)"
            let wrong = try await client.send(.POST, base + "/confirm", body: #"{"code": "999999"}"#)
            #expect(try wrong.error("attempts_remaining") as? Int == 4)
            for _ in 0..<4 {
                let resent = try await client.send(.POST, base + "/resend")
                #expect(resent.status == 200)
                #expect(try resent.json()["attempts_remaining"] as? Int == 4)
            }
            let sixth = try await client.send(.POST, base + "/resend", body: "{}")
            #expect(sixth.status == 429)
            #expect(sixth.errorCode == "max_sends_reached")
            #expect(try sixth.error("type") as? String == "rate_limit_error")

            let unknownField = try await client.send(.POST, base + "/cancel", body: #"{"reason": "user left"}"#)
            #expect(unknownField.status == 400)
            #expect(unknownField.errorCode == "unknown_field")
            #expect(unknownField.errorParam == "reason")

            let canceled = try await client.send(.POST, base + "/cancel")
            #expect(canceled.status == 200)
            #expect(try canceled.json()["status"] as? String == "canceled")
            for action in ["/cancel", "/resend"] {
                let refused = try await client.send(.POST, base + action, body: "{}")
                #expect(refused.status == 409, "\(action)")
                #expect(refused.errorCode == "verification_not_pending", "\(action)")
            }
        }
    }

    @Test("the fifth wrong code fails the verification with 429 max_attempts_reached; the right code no longer works")
    func maxAttempts() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            let confirm = "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm"
            for remaining in [4, 3, 2, 1] {
                let wrong = try await client.send(.POST, confirm, body: #"{"code": "000001"}"#)
                #expect(wrong.status == 422)
                #expect(try wrong.error("attempts_remaining") as? Int == remaining)
            }
            let fifth = try await client.send(.POST, confirm, body: #"{"code": "000001"}"#)
            #expect(fifth.status == 429)
            #expect(fifth.errorCode == "max_attempts_reached")
            let right = try await client.send(.POST, confirm, body: #"{"code": "123456"}"#)
            #expect(right.status != 200)
            let read = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications/\(id)").json()
            #expect(read["status"] as? String == "failed")
            #expect(read["failure_reason"] as? String == "max_attempts_reached")
        }
    }

    @Test("a policy-blocked create answers 403 with the stored blocked verification under error.verification")
    func blocked() async throws {
        let service = try await TestService.make(policy: TestService.Policy.blockCreate)
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let refused = try await client.createVerification(accountID: accountID)
            #expect(refused.status == 403)
            #expect(refused.errorCode == "verification_blocked")
            #expect(try refused.error("type") as? String == "risk_error")
            let stored = try #require(try refused.error("verification") as? [String: Any])
            #expect(stored["status"] as? String == "blocked")
            let risk = try #require(stored["risk"] as? [String: Any])
            #expect(risk["decision"] as? String == "block")
            #expect(risk["reasons"] as? [String] == ["BLOCKED_BY_TEST"])
            let id = try #require(stored["id"] as? String)
            let read = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications/\(id)")
            #expect(try read.json()["status"] as? String == "blocked")
        }
    }

    @Test("step_up and review at confirm hold the verification; resolve approves or rejects it")
    func resolve() async throws {
        for (policy, held) in [(TestService.Policy.stepUpConfirm, "requires_step_up"), (TestService.Policy.reviewConfirm, "in_review")] {
            let service = try await TestService.make(policy: policy)
            try await withLiveServer(service) { client in
                let accountID = try await client.createAccount()
                var ids: [String] = []
                for _ in 0..<2 {
                    let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
                    let confirmed = try await client.send(
                        .POST, "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm", body: #"{"code": "111111"}"#)
                    #expect(try confirmed.json()["status"] as? String == held)
                    ids.append(id)
                }
                let unlinked = try await client.send(.GET, "/v1/accounts/\(accountID)").json()
                #expect(unlinked["phone_verified"] as? Bool == false)

                let base = "/v1/accounts/\(accountID)/phone_verifications/"
                let badOutcome = try await client.send(.POST, base + ids[0] + "/resolve", body: #"{"outcome": "maybe"}"#)
                #expect(badOutcome.status == 400)
                #expect(badOutcome.errorParam == "outcome")
                let missing = try await client.send(.POST, base + ids[0] + "/resolve", body: "{}")
                #expect(missing.errorCode == "missing_field")

                let rejected = try await client.send(.POST, base + ids[0] + "/resolve", body: #"{"outcome": "reject"}"#).json()
                #expect(rejected["status"] as? String == "failed")
                #expect(rejected["failure_reason"] as? String == "rejected")
                let approved = try await client.send(.POST, base + ids[1] + "/resolve", body: #"{"outcome": "approve"}"#).json()
                #expect(approved["status"] as? String == "verified")
                let linked = try await client.send(.GET, "/v1/accounts/\(accountID)").json()
                #expect(linked["phone_verified"] as? Bool == true)

                let twice = try await client.send(.POST, base + ids[1] + "/resolve", body: #"{"outcome": "approve"}"#)
                #expect(twice.status == 409)
                #expect(twice.errorCode == "verification_not_pending")
            }
        }
    }

    @Test("after its TTL a verification reads expired and confirm or resend answer 410 every time")
    func expiry() async throws {
        let service = try await TestService.make(codeTTLSeconds: 1)
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            try await Task.sleep(for: .milliseconds(2_100))
            let base = "/v1/accounts/\(accountID)/phone_verifications/\(id)"
            #expect(try await client.send(.GET, base).json()["status"] as? String == "expired")
            for _ in 0..<2 {
                let confirm = try await client.send(.POST, base + "/confirm", body: #"{"code": "123456"}"#)
                #expect(confirm.status == 410)
                #expect(confirm.errorCode == "verification_expired")
            }
            let resend = try await client.send(.POST, base + "/resend")
            #expect(resend.status == 410)
        }
    }
}
