import Foundation
import SignalStore

/// A phone verification as the API shows it (`object: "phone_verification"`).
///
/// Every documented field is always encoded, `null` when empty; `sandbox`
/// alone is absent unless the provider is `sandbox`.
///
/// ```json
/// {"id": "1dc265a7-…", "object": "phone_verification", "type": "phone",
///  "account_id": "…", "status": "pending", "provider": "sandbox",
///  "phone_number": "+447700900123", "attempts_remaining": 5,
///  "failure_reason": null, "created_at": "…", "expires_at": "…",
///  "risk": {…}, "sandbox": {"expected_codes": ["123456", "000000", "111111"]}, "fallback": null}
/// ```
public struct Verification: Sendable, Hashable, Encodable {
    /// The verification's id.
    public var id: UUID
    /// The account it belongs to.
    public var accountID: UUID
    /// Its state.
    public var status: VerificationStatus
    /// The provider that sends (or, when blocked, would have sent) the code.
    public var provider: String
    /// The number being verified, E.164.
    public var phoneNumber: String
    /// Wrong codes still allowed (5 minus the wrong codes so far).
    public var attemptsRemaining: Int
    /// Why it failed; set only when `status` is `failed`.
    public var failureReason: FailureReason?
    /// When it was created.
    public var createdAt: Date
    /// When the last sent code stops working; nil when no code was ever sent (held or blocked at create).
    public var expiresAt: Date?
    /// The policy's latest answer (the create stage, then the confirm stage once a right code came).
    public var risk: RiskAssessment
    /// The sandbox provider's expected codes; nil for other providers.
    public var sandbox: SandboxDetails?
    /// Why the verification left the provider it asked for (`prove` → `twilio`), or nil.
    public var fallback: ProviderFallback?

    /// Builds the object.
    ///
    /// - Parameters:
    ///   - id: the verification's id.
    ///   - accountID: its account.
    ///   - status: its state.
    ///   - provider: the provider's name.
    ///   - phoneNumber: the number, E.164.
    ///   - attemptsRemaining: wrong codes still allowed.
    ///   - failureReason: why it failed, when `failed`.
    ///   - createdAt: creation time.
    ///   - expiresAt: expiry of the last code, if one was sent.
    ///   - risk: the latest policy answer.
    ///   - sandbox: the sandbox details, for the sandbox provider only.
    ///   - fallback: the provider fallback, if any.
    public init(
        id: UUID, accountID: UUID, status: VerificationStatus, provider: String, phoneNumber: String,
        attemptsRemaining: Int, failureReason: FailureReason?, createdAt: Date, expiresAt: Date?,
        risk: RiskAssessment, sandbox: SandboxDetails?, fallback: ProviderFallback? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.status = status
        self.provider = provider
        self.phoneNumber = phoneNumber
        self.attemptsRemaining = attemptsRemaining
        self.failureReason = failureReason
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.risk = risk
        self.sandbox = sandbox
        self.fallback = fallback
    }

    private enum CodingKeys: String, CodingKey {
        case id, object, type
        case accountID = "account_id"
        case status, provider
        case phoneNumber = "phone_number"
        case attemptsRemaining = "attempts_remaining"
        case failureReason = "failure_reason"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case risk, sandbox, fallback
    }

    /// Encodes the object exactly as API.md shows it: every documented field, `null` when empty.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.uuidString.lowercased(), forKey: .id)
        try container.encode("phone_verification", forKey: .object)
        try container.encode("phone", forKey: .type)
        try container.encode(accountID.uuidString.lowercased(), forKey: .accountID)
        try container.encode(status, forKey: .status)
        try container.encode(provider, forKey: .provider)
        try container.encode(phoneNumber, forKey: .phoneNumber)
        try container.encode(attemptsRemaining, forKey: .attemptsRemaining)
        try container.encode(failureReason, forKey: .failureReason)
        try container.encode(APITimestamp.string(createdAt), forKey: .createdAt)
        try container.encode(expiresAt.map(APITimestamp.string), forKey: .expiresAt)
        try container.encode(risk, forKey: .risk)
        try container.encodeIfPresent(sandbox, forKey: .sandbox)
        try container.encode(fallback, forKey: .fallback)
    }
}
