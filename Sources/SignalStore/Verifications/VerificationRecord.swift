import Foundation

/// A phone verification as stored, with its number opened.
///
/// `status` is the stored text: the API's statuses plus `creating`, the claim
/// a create in flight holds (counted by rate limits, never shown).
public struct VerificationRecord: Sendable, Hashable {
    /// The verification's id (lower-case UUID).
    public var id: String
    /// Insertion order; lists page on it, newest first.
    public var sequence: Int64
    /// Its mode.
    public var mode: DataMode
    /// Its account.
    public var accountID: String
    /// Its stored status.
    public var status: String
    /// The provider's name.
    public var provider: String
    /// The number, E.164 (sealed at rest).
    public var phoneNumber: String
    /// The number's keyed hash.
    public var phoneKey: PhoneNumberKey
    /// Wrong codes so far.
    public var wrongCodes: Int
    /// Codes sent so far, the create's included.
    public var sends: Int
    /// Why it failed, when `failed`.
    public var failureReason: String?
    /// Keyed hashes of the codes accepted; empty when the provider checks codes itself.
    public var codeHashes: [String]
    /// The provider's id for the verification (e.g. a Twilio `VE…` sid).
    public var providerReference: String?
    /// Creation time.
    public var createdAt: Date
    /// Time of the last send.
    public var lastSentAt: Date?
    /// Expiry of the last code.
    public var expiresAt: Date?
    /// The latest risk answer.
    public var risk: StoredRisk?
    /// Why the verification left the provider it asked for, or nil when it did not.
    public var fallback: ProviderFallback?

    /// Builds a record.
    ///
    /// - Parameters:
    ///   - id: the id.
    ///   - sequence: insertion order (0 before insertion).
    ///   - mode: the mode.
    ///   - accountID: the account.
    ///   - status: the stored status.
    ///   - provider: the provider.
    ///   - phoneNumber: the number, E.164.
    ///   - phoneKey: the number's keyed hash.
    ///   - wrongCodes: wrong codes so far.
    ///   - sends: sends so far.
    ///   - failureReason: why it failed.
    ///   - codeHashes: keyed hashes of accepted codes.
    ///   - providerReference: the provider's id.
    ///   - createdAt: creation time.
    ///   - lastSentAt: last send.
    ///   - expiresAt: expiry.
    ///   - risk: the latest risk answer.
    ///   - fallback: the provider fallback, if any.
    public init(
        id: String, sequence: Int64 = 0, mode: DataMode, accountID: String, status: String, provider: String,
        phoneNumber: String, phoneKey: PhoneNumberKey, wrongCodes: Int = 0, sends: Int = 0, failureReason: String? = nil,
        codeHashes: [String] = [], providerReference: String? = nil, createdAt: Date, lastSentAt: Date? = nil,
        expiresAt: Date? = nil, risk: StoredRisk? = nil, fallback: ProviderFallback? = nil
    ) {
        self.id = id
        self.sequence = sequence
        self.mode = mode
        self.accountID = accountID
        self.status = status
        self.provider = provider
        self.phoneNumber = phoneNumber
        self.phoneKey = phoneKey
        self.wrongCodes = wrongCodes
        self.sends = sends
        self.failureReason = failureReason
        self.codeHashes = codeHashes
        self.providerReference = providerReference
        self.createdAt = createdAt
        self.lastSentAt = lastSentAt
        self.expiresAt = expiresAt
        self.risk = risk
        self.fallback = fallback
    }
}

/// A verification that left the provider it asked for: `from` failed, `to` serves it. The API
/// shows it as it is: `{"from": "prove", "to": "twilio", "reason": "timeout"}`.
public struct ProviderFallback: Sendable, Hashable, Encodable {
    /// The provider asked for (`prove`).
    public var from: String
    /// The provider used instead (`twilio`).
    public var to: String
    /// Why (`timeout`, `unavailable`, `rate_limited`, `auth_failed`, `rejected`, `error`, `region`).
    public var reason: String

    /// Builds a fallback.
    ///
    /// - Parameters:
    ///   - from: the provider asked for.
    ///   - to: the provider used instead.
    ///   - reason: why.
    public init(from: String, to: String, reason: String) {
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// A policy's answer as stored on a verification.
public struct StoredRisk: Sendable, Hashable {
    /// `pass`, `step_up`, `review` or `block`.
    public var decision: String
    /// The risk score.
    public var score: Int
    /// The fired rules' codes.
    public var reasons: [String]
    /// The policy's name.
    public var policy: String
    /// The policy's version.
    public var policyVersion: Int

    /// Builds a stored answer.
    ///
    /// - Parameters:
    ///   - decision: the decision.
    ///   - score: the score.
    ///   - reasons: the fired rules.
    ///   - policy: the policy's name.
    ///   - policyVersion: its version.
    public init(decision: String, score: Int, reasons: [String], policy: String, policyVersion: Int) {
        self.decision = decision
        self.score = score
        self.reasons = reasons
        self.policy = policy
        self.policyVersion = policyVersion
    }
}
