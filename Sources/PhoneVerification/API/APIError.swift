/// Every error the API answers, in the one shape of API.md:
/// `{"error": {"type", "code", "message", "param", …}}`.
///
/// Each row of API.md's error table has a factory here, and errors are built
/// only through them, so a status, a type and a code always agree.
///
/// ```swift
/// throw APIError.invalidPhoneNumber(param: "phone_number", reason: "too short")
/// throw APIError.incorrectCode(attemptsRemaining: 3)
/// ```
public struct APIError: Error, Sendable, Hashable {
    /// The error's `type`, one per family of statuses.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The request itself is wrong (400, 413, 422).
        case invalidRequest = "invalid_request_error"
        /// No valid API key (401).
        case authentication = "authentication_error"
        /// No such object in this mode (404).
        case notFound = "not_found_error"
        /// The policy refused (403).
        case risk = "risk_error"
        /// The object is not in a state that allows the action (409, 410).
        case state = "state_error"
        /// A limit was reached (429).
        case rateLimit = "rate_limit_error"
        /// The code provider failed or is not configured (502, 503).
        case provider = "provider_error"
        /// A bug (500).
        case api = "api_error"
    }

    /// The error's machine-readable `code`.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The body is not well-formed JSON.
        case invalidJSON = "invalid_json"
        /// A field has the wrong type or value.
        case invalidField = "invalid_field"
        /// A field the route does not take.
        case unknownField = "unknown_field"
        /// A required field is absent.
        case missingField = "missing_field"
        /// A number that cannot be read or is not valid.
        case invalidPhoneNumber = "invalid_phone_number"
        /// The body is over 64 KiB.
        case bodyTooLarge = "body_too_large"
        /// A missing, malformed, unknown or revoked key.
        case invalidAPIKey = "invalid_api_key"
        /// An unknown id, or an object of the other mode.
        case resourceMissing = "resource_missing"
        /// The policy blocked the create.
        case verificationBlocked = "verification_blocked"
        /// The action is not allowed from the current status.
        case verificationNotPending = "verification_not_pending"
        /// Confirm or resend after expiry.
        case verificationExpired = "verification_expired"
        /// A wrong code.
        case incorrectCode = "incorrect_code"
        /// The same Idempotency-Key with a different body.
        case idempotencyKeyReused = "idempotency_key_reused"
        /// The same Idempotency-Key while the first request runs.
        case idempotencyKeyInUse = "idempotency_key_in_use"
        /// The last allowed wrong code.
        case maxAttemptsReached = "max_attempts_reached"
        /// No sends left on this verification.
        case maxSendsReached = "max_sends_reached"
        /// Too many verifications for the number or account.
        case rateLimited = "rate_limited"
        /// The provider failed.
        case providerFailed = "provider_failed"
        /// The provider has no credentials or is not available.
        case providerNotConfigured = "provider_not_configured"
        /// A bug; never reachable by input.
        case internalError = "internal_error"
    }

    /// The HTTP status to answer with.
    public let status: Int
    /// The error's `type`.
    public let kind: Kind
    /// The error's `code`.
    public let code: Code
    /// A sentence for people, naming what was wrong.
    public let message: String
    /// The offending field (dotted for nested fields), or nil.
    public let param: String?
    /// Wrong codes still allowed; set for `incorrect_code` and `max_attempts_reached`.
    public let attemptsRemaining: Int?
    /// The stored verification of a policy-blocked create (`error.verification`).
    public let verification: Verification?
    /// Seconds to send as the `Retry-After` header; set for `rate_limited`.
    public let retryAfter: Int?

    /// Builds an error; prefer the factories below, which keep status, type and code consistent.
    ///
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - kind: the `type`.
    ///   - code: the `code`.
    ///   - message: the human-readable message.
    ///   - param: the offending field, if any.
    ///   - attemptsRemaining: wrong codes still allowed, if relevant.
    ///   - verification: the blocked verification, if relevant.
    ///   - retryAfter: seconds for `Retry-After`, if relevant.
    public init(
        status: Int, kind: Kind, code: Code, message: String, param: String? = nil,
        attemptsRemaining: Int? = nil, verification: Verification? = nil, retryAfter: Int? = nil
    ) {
        self.status = status
        self.kind = kind
        self.code = code
        self.message = message
        self.param = param
        self.attemptsRemaining = attemptsRemaining
        self.verification = verification
        self.retryAfter = retryAfter
    }
}

// MARK: - 400 / 413: invalid requests

extension APIError {
    /// 400 `invalid_json`: the body is not well-formed JSON.
    ///
    /// - Parameters:
    ///   - detail: what the parser found wrong.
    ///   - param: the field being read when it failed, if known.
    public static func invalidJSON(_ detail: String, param: String? = nil) -> APIError {
        APIError(status: 400, kind: .invalidRequest, code: .invalidJSON,
                 message: "The request body is not valid JSON: \(detail).", param: param)
    }

    /// 400 `invalid_field`: a field has the wrong type or a value out of its domain.
    ///
    /// - Parameters:
    ///   - param: the field, dotted when nested (`profile.date_of_birth`).
    ///   - reason: what is wrong with it, e.g. "must be a date written YYYY-MM-DD".
    public static func invalidField(_ param: String, _ reason: String) -> APIError {
        APIError(status: 400, kind: .invalidRequest, code: .invalidField,
                 message: "Invalid value for '\(param)': \(reason).", param: param)
    }

    /// 400 `unknown_field`: the body holds a field the route does not take.
    ///
    /// - Parameter param: the unknown field, dotted when nested.
    public static func unknownField(_ param: String) -> APIError {
        APIError(status: 400, kind: .invalidRequest, code: .unknownField,
                 message: "Unknown field '\(param)'.", param: param)
    }

    /// 400 `missing_field`: a required field is absent.
    ///
    /// - Parameter param: the missing field, dotted when nested.
    public static func missingField(_ param: String) -> APIError {
        APIError(status: 400, kind: .invalidRequest, code: .missingField,
                 message: "Missing required field '\(param)'.", param: param)
    }

    /// 400 `invalid_phone_number`: the number cannot be read, or is not a valid number.
    ///
    /// - Parameters:
    ///   - param: the field that held it (`phone_number`).
    ///   - reason: why, e.g. "a national number needs a region".
    public static func invalidPhoneNumber(param: String = "phone_number", reason: String) -> APIError {
        APIError(status: 400, kind: .invalidRequest, code: .invalidPhoneNumber,
                 message: "Invalid phone number in '\(param)': \(reason).", param: param)
    }

    /// 413 `body_too_large`: the body is over the limit.
    ///
    /// - Parameter limit: the limit in bytes.
    public static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: 413, kind: .invalidRequest, code: .bodyTooLarge,
                 message: "The request body is larger than \(limit) bytes.")
    }
}

// MARK: - 401 / 404

extension APIError {
    /// 401 `invalid_api_key`: one identical error for a missing, malformed, unknown or revoked key.
    public static var invalidAPIKey: APIError {
        APIError(status: 401, kind: .authentication, code: .invalidAPIKey,
                 message: "Invalid API key: send 'Authorization: Bearer sk_…' with an active key.")
    }

    /// 404 `resource_missing`: an unknown id, or an object of the other mode.
    ///
    /// - Parameters:
    ///   - resource: what was looked up (`account`, `phone_verification`, or a route).
    ///   - id: the id asked for.
    ///   - param: the field or path parameter that held the id, if any.
    public static func resourceMissing(_ resource: String, id: String, param: String? = nil) -> APIError {
        APIError(status: 404, kind: .notFound, code: .resourceMissing,
                 message: "No such \(resource): '\(id)'.", param: param)
    }
}

// MARK: - 403 / 409 / 410 / 422: risk and state

extension APIError {
    /// 403 `verification_blocked`: the policy blocked the create; the stored verification rides along.
    ///
    /// - Parameter verification: the verification, stored with status `blocked`.
    public static func verificationBlocked(_ verification: Verification) -> APIError {
        let reasons = verification.risk.reasons.joined(separator: ", ")
        return APIError(status: 403, kind: .risk, code: .verificationBlocked,
                        message: "The verification was blocked by policy \(verification.risk.policy) v\(verification.risk.policyVersion)"
                            + (reasons.isEmpty ? "." : " (\(reasons))."),
                        verification: verification)
    }

    /// 409 `verification_not_pending`: the action needs a state the verification is not in.
    ///
    /// - Parameters:
    ///   - action: `confirm`, `resend`, `cancel` or `resolve`.
    ///   - status: the verification's current status.
    ///   - allowed: the statuses the action is allowed from.
    public static func verificationNotPending(action: String, status: VerificationStatus, allowed: [VerificationStatus] = [.pending]) -> APIError {
        let from = allowed.map { "'\($0.rawValue)'" }.joined(separator: " or ")
        return APIError(status: 409, kind: .state, code: .verificationNotPending,
                        message: "Cannot \(action) a verification whose status is '\(status.rawValue)'; only from \(from).")
    }

    /// 410 `verification_expired`: confirm or resend after the code expired.
    public static var verificationExpired: APIError {
        APIError(status: 410, kind: .state, code: .verificationExpired,
                 message: "The verification has expired; start a new one.")
    }

    /// 422 `incorrect_code`: a wrong code, with how many more may be tried.
    ///
    /// - Parameter attemptsRemaining: wrong codes still allowed before the verification fails.
    public static func incorrectCode(attemptsRemaining: Int) -> APIError {
        APIError(status: 422, kind: .invalidRequest, code: .incorrectCode,
                 message: "The code is incorrect; \(attemptsRemaining) attempt\(attemptsRemaining == 1 ? "" : "s") remaining.",
                 param: "code", attemptsRemaining: attemptsRemaining)
    }

    /// 422 `idempotency_key_reused`: the same Idempotency-Key came with a different body.
    public static var idempotencyKeyReused: APIError {
        APIError(status: 422, kind: .invalidRequest, code: .idempotencyKeyReused,
                 message: "This Idempotency-Key was already used with a different request body.")
    }

    /// 409 `idempotency_key_in_use`: the first request with this Idempotency-Key is still running.
    public static var idempotencyKeyInUse: APIError {
        APIError(status: 409, kind: .state, code: .idempotencyKeyInUse,
                 message: "A request with this Idempotency-Key is still being processed; retry later.")
    }
}

// MARK: - 429: limits

extension APIError {
    /// 429 `max_attempts_reached`: the 5th wrong code failed the verification (or it had failed so already).
    ///
    /// - Parameter maxAttempts: the number of wrong codes allowed.
    public static func maxAttemptsReached(maxAttempts: Int) -> APIError {
        APIError(status: 429, kind: .rateLimit, code: .maxAttemptsReached,
                 message: "Too many incorrect codes (\(maxAttempts)); the verification has failed.",
                 attemptsRemaining: 0)
    }

    /// 429 `max_sends_reached`: the verification already sent as many codes as allowed.
    ///
    /// - Parameter maxSends: the number of sends allowed, the create's included.
    public static func maxSendsReached(maxSends: Int) -> APIError {
        APIError(status: 429, kind: .rateLimit, code: .maxSendsReached,
                 message: "This verification already sent \(maxSends) codes, the most allowed; start a new one later.")
    }

    /// 429 `rate_limited`: too many verifications started for this number or account.
    ///
    /// - Parameters:
    ///   - scope: `phone_number` or `account`.
    ///   - limit: the limit that was hit, e.g. "5 per 10m".
    ///   - retryAfter: whole seconds until a new verification is allowed (at least 1).
    public static func rateLimited(scope: String, limit: String, retryAfter: Int) -> APIError {
        let what = scope == "account" ? "this account" : "this phone number"
        return APIError(status: 429, kind: .rateLimit, code: .rateLimited,
                        message: "Too many verifications started for \(what) (limit \(limit)); retry in \(retryAfter) s.",
                        retryAfter: max(1, retryAfter))
    }

    /// 429 `rate_limited`: the code provider limited the request rate; nothing was stored or sent.
    ///
    /// - Parameters:
    ///   - provider: the provider's name.
    ///   - retryAfter: whole seconds the provider asked to wait (at least 1), sent as `Retry-After`.
    public static func providerRateLimited(provider: String, retryAfter: Int) -> APIError {
        APIError(status: 429, kind: .rateLimit, code: .rateLimited,
                 message: "The \(provider) provider is limiting requests; retry in \(max(1, retryAfter)) s.",
                 retryAfter: max(1, retryAfter))
    }
}

// MARK: - 502 / 503 / 500

extension APIError {
    /// 502 `provider_failed`: the provider failed; nothing was stored, and the request can be retried.
    ///
    /// - Parameters:
    ///   - provider: the provider's name.
    ///   - reason: what failed, without secrets.
    public static func providerFailed(provider: String, reason: String) -> APIError {
        APIError(status: 502, kind: .provider, code: .providerFailed,
                 message: "The \(provider) provider failed: \(reason).")
    }

    /// 503 `provider_not_configured`: the provider has no credentials or is not available yet.
    ///
    /// - Parameters:
    ///   - provider: the provider's name.
    ///   - reason: what is missing, e.g. the unset environment variables.
    public static func providerNotConfigured(provider: String, reason: String) -> APIError {
        APIError(status: 503, kind: .provider, code: .providerNotConfigured,
                 message: "The \(provider) provider is not configured: \(reason).")
    }

    /// 500 `internal_error`: a bug; no input should ever reach it.
    public static var internalError: APIError {
        APIError(status: 500, kind: .api, code: .internalError,
                 message: "An internal error occurred.")
    }
}
