/// Where a phone verification stands.
///
/// `pending` is the only state that takes a code; `requires_step_up` and
/// `in_review` wait for `resolve`; the rest are final.
public enum VerificationStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// A code was sent and waits to be confirmed.
    case pending
    /// The code was confirmed and the policy passed; the number is linked to the account.
    case verified
    /// The code was confirmed but the policy asks for a stronger proof.
    case requiresStepUp = "requires_step_up"
    /// The code was confirmed but the policy holds it for a person to look at.
    case inReview = "in_review"
    /// Too many wrong codes, blocked at confirm, or rejected on review (see `failure_reason`).
    case failed
    /// The code outlived its time to live without being confirmed.
    case expired
    /// The integrator canceled it while pending.
    case canceled
    /// The policy blocked it at create; no code was sent.
    case blocked

    /// Whether `resolve` accepts this status.
    public var isAwaitingResolution: Bool { self == .requiresStepUp || self == .inReview }
}

/// Why a verification is `failed`.
public enum FailureReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// The 5th wrong code was entered.
    case maxAttemptsReached = "max_attempts_reached"
    /// The policy answered `block` at confirm.
    case riskBlocked = "risk_blocked"
    /// A reviewer resolved it with `reject`.
    case rejected
}
