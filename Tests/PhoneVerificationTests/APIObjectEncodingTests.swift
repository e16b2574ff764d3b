import Foundation
@testable import PhoneVerification
import Testing

@Suite("API JSON shapes")
struct APIObjectEncodingTests {
    static func json(_ value: some Encodable) throws -> [String: Any] {
        let data = try JSONEncoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static let verification = Verification(
        id: UUID(uuidString: "1DC265A7-0000-4000-8000-000000000001")!, accountID: UUID(uuidString: "2DC265A7-0000-4000-8000-000000000002")!,
        status: .pending, provider: "twilio", phoneNumber: "+12025550123", attemptsRemaining: 5, failureReason: nil,
        createdAt: Date(timeIntervalSince1970: 1_800_000_000), expiresAt: nil,
        risk: RiskAssessment(decision: .stepUp, score: 120, reasons: ["VOIP"], policy: "phone_verification", policyVersion: 3),
        sandbox: nil)

    @Test func aVerificationHasEveryFieldWithNullsAndNoSandboxForOtherProviders() throws {
        let object = try Self.json(Self.verification)
        #expect(Set(object.keys) == ["id", "object", "type", "account_id", "status", "provider", "phone_number",
                                     "attempts_remaining", "failure_reason", "created_at", "expires_at", "risk", "fallback"])
        #expect(object["fallback"] is NSNull)
        #expect(object["id"] as? String == "1dc265a7-0000-4000-8000-000000000001")
        #expect(object["object"] as? String == "phone_verification")
        #expect(object["type"] as? String == "phone")
        #expect(object["failure_reason"] is NSNull)
        #expect(object["expires_at"] is NSNull)
        #expect(object["created_at"] as? String == "2027-01-15T08:00:00Z")
        let risk = try #require(object["risk"] as? [String: Any])
        #expect(risk["decision"] as? String == "step_up")
        #expect(risk["policy_version"] as? Int == 3)
        var sandbox = Self.verification
        sandbox.sandbox = SandboxDetails(expectedCodes: SandboxProvider.expectedCodes)
        sandbox.failureReason = .maxAttemptsReached
        let withSandbox = try Self.json(sandbox)
        #expect((withSandbox["sandbox"] as? [String: Any])?["expected_codes"] as? [String] == ["123456", "000000", "111111"])
        #expect(withSandbox["failure_reason"] as? String == "max_attempts_reached")
    }

    @Test func anAccountAlwaysHasItsProfileObject() throws {
        let account = Account(id: UUID(), phoneNumber: nil, phoneVerified: false, email: nil, profile: AccountProfile(),
                              createdAt: Date(timeIntervalSince1970: 0))
        let object = try Self.json(account)
        #expect(Set(object.keys) == ["id", "object", "phone_number", "phone_verified", "email", "profile", "created_at"])
        #expect(object["object"] as? String == "account")
        #expect(object["phone_number"] is NSNull)
        let profile = try #require(object["profile"] as? [String: Any])
        #expect(Set(profile.keys) == ["first_name", "last_name", "date_of_birth"])
        #expect(profile.values.allSatisfy { $0 is NSNull })
        #expect(object["created_at"] as? String == "1970-01-01T00:00:00Z")
    }

    @Test func listsAndErrorsHaveTheirEnvelopes() throws {
        let list = try Self.json(ListPage(data: [Self.verification], hasMore: true))
        #expect(list["object"] as? String == "list")
        #expect(list["has_more"] as? Bool == true)
        #expect((list["data"] as? [Any])?.count == 1)

        let plain = try #require(try Self.json(APIError.resourceMissing("account", id: "x"))["error"] as? [String: Any])
        #expect(Set(plain.keys) == ["type", "code", "message", "param"])
        #expect(plain["type"] as? String == "not_found_error")
        #expect(plain["param"] is NSNull)

        let wrong = try #require(try Self.json(APIError.incorrectCode(attemptsRemaining: 2))["error"] as? [String: Any])
        #expect(wrong["attempts_remaining"] as? Int == 2)
        #expect(wrong["code"] as? String == "incorrect_code")

        var blockedObject = Self.verification
        blockedObject.status = .blocked
        let blocked = try #require(try Self.json(APIError.verificationBlocked(blockedObject))["error"] as? [String: Any])
        #expect(blocked["type"] as? String == "risk_error")
        #expect((blocked["verification"] as? [String: Any])?["status"] as? String == "blocked")

        let limited = APIError.rateLimited(scope: "phone_number", limit: "5/10m", retryAfter: 42)
        #expect(limited.retryAfter == 42)
        #expect(limited.status == 429)
        #expect(try #require(try Self.json(limited)["error"] as? [String: Any])["retry_after"] == nil)
    }

    @Test func everyErrorFactoryMatchesTheStatusTable() {
        let table: [(APIError, Int, String, String)] = [
            (.invalidJSON("x"), 400, "invalid_request_error", "invalid_json"),
            (.invalidField("a", "b"), 400, "invalid_request_error", "invalid_field"),
            (.unknownField("a"), 400, "invalid_request_error", "unknown_field"),
            (.missingField("a"), 400, "invalid_request_error", "missing_field"),
            (.invalidPhoneNumber(reason: "r"), 400, "invalid_request_error", "invalid_phone_number"),
            (.bodyTooLarge(limit: 65_536), 413, "invalid_request_error", "body_too_large"),
            (.invalidAPIKey, 401, "authentication_error", "invalid_api_key"),
            (.resourceMissing("a", id: "b"), 404, "not_found_error", "resource_missing"),
            (.verificationBlocked(Self.verification), 403, "risk_error", "verification_blocked"),
            (.verificationNotPending(action: "confirm", status: .failed), 409, "state_error", "verification_not_pending"),
            (.verificationExpired, 410, "state_error", "verification_expired"),
            (.incorrectCode(attemptsRemaining: 1), 422, "invalid_request_error", "incorrect_code"),
            (.idempotencyKeyReused, 422, "invalid_request_error", "idempotency_key_reused"),
            (.idempotencyKeyInUse, 409, "state_error", "idempotency_key_in_use"),
            (.maxAttemptsReached(maxAttempts: 5), 429, "rate_limit_error", "max_attempts_reached"),
            (.maxSendsReached(maxSends: 5), 429, "rate_limit_error", "max_sends_reached"),
            (.rateLimited(scope: "account", limit: "10/1h", retryAfter: 1), 429, "rate_limit_error", "rate_limited"),
            (.providerFailed(provider: "twilio", reason: "r"), 502, "provider_error", "provider_failed"),
            (.providerNotConfigured(provider: "prove", reason: "r"), 503, "provider_error", "provider_not_configured"),
            (.internalError, 500, "api_error", "internal_error"),
        ]
        #expect(Set(table.map(\.3)) == Set(APIError.Code.allCases.map(\.rawValue)))
        for (error, status, type, code) in table {
            #expect(error.status == status, "\(code)")
            #expect(error.kind.rawValue == type, "\(code)")
            #expect(error.code.rawValue == code)
        }
    }
}
