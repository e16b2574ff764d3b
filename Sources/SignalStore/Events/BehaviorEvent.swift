import Foundation

/// One step of a verification, as the behaviour log keeps it.
///
/// ```swift
/// let event = BehaviorEvent(
///     kind: .verificationStarted, mode: .live,
///     phone: database.phoneNumberHasher.phoneNumberKey("+447700900123"),
///     accountID: "acct_123", country: "GB", occurredAt: Date()
/// )
/// ```
public struct BehaviorEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A verification was created (blocked ones included).
        case verificationStarted = "verification_started"
        /// A code was sent (first send or resend).
        case codeSent = "code_sent"
        /// A submitted code was right.
        case codeCheckedRight = "code_checked_right"
        /// A submitted code was wrong.
        case codeCheckedWrong = "code_checked_wrong"
        /// A resend reached the policy (whether or not a code went out). Kept
        /// only in the traffic counters, not in the event log.
        case resendRequested = "resend_requested"
    }

    /// What happened.
    public var kind: Kind
    /// The mode of the key that caused it.
    public var mode: DataMode
    /// The keyed hash of the number; the number itself is never stored.
    public var phone: PhoneNumberKey
    /// The account the verification belongs to.
    public var accountID: String
    /// The number's region (ISO 3166-1 alpha-2), `"001"` for non-geographic numbers, `"ZZ"` when unknown.
    public var country: String
    /// When it happened.
    public var occurredAt: Date
    /// The number's prefix, block and network; nil counts the event under its country alone.
    public var traffic: TrafficKeys?
    /// For ``Kind/codeCheckedRight``: when the verification's last code was
    /// sent. The confirmation is counted in that minute's cohort; without it
    /// the event is not counted as confirmed.
    public var lastSentAt: Date?

    /// Creates an event.
    /// - Parameters:
    ///   - kind: what happened.
    ///   - mode: the key's mode.
    ///   - phone: the number's keyed hash.
    ///   - accountID: the account id.
    ///   - country: the number's region, `"001"` or `"ZZ"`.
    ///   - occurredAt: when it happened.
    ///   - traffic: the number's prefix, block and network keys for the traffic counters.
    ///   - lastSentAt: for a right code, when the verification's last code was sent.
    public init(
        kind: Kind, mode: DataMode, phone: PhoneNumberKey, accountID: String, country: String, occurredAt: Date,
        traffic: TrafficKeys? = nil, lastSentAt: Date? = nil
    ) {
        self.kind = kind
        self.mode = mode
        self.phone = phone
        self.accountID = accountID
        self.country = country
        self.occurredAt = occurredAt
        self.traffic = traffic
        self.lastSentAt = lastSentAt
    }
}
