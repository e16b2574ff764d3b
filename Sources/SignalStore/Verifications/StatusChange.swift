import Foundation

/// A conditional status change of one verification, applied by
/// ``VerificationTransaction/transition(_:)`` only when every condition holds.
///
/// ```swift
/// let change = StatusChange(id: id, from: ["pending"], to: "verified", liveAt: now, maxWrongCodes: 5)
/// let changed = try tx.transition(change)
/// ```
public struct StatusChange: Sendable, Equatable {
    /// The verification.
    public var id: String
    /// The statuses it may be in now.
    public var from: [String]
    /// The status it moves to.
    public var to: String
    /// The failure reason stored with the new status (nil clears it).
    public var failureReason: String?
    /// The latest risk answer to store with the change, or nil to keep the stored one.
    public var risk: StoredRisk?
    /// When given, the code must not have expired at this time.
    public var liveAt: Date?
    /// When given, fewer wrong codes than this must have been counted.
    public var maxWrongCodes: Int?

    /// Describes a change.
    ///
    /// - Parameters:
    ///   - id: the verification.
    ///   - from: the statuses it may be in now.
    ///   - to: the status it moves to.
    ///   - failureReason: the failure reason stored with the new status.
    ///   - risk: the latest risk answer, or nil to keep the stored one.
    ///   - liveAt: when given, the code must not have expired at this time.
    ///   - maxWrongCodes: when given, fewer wrong codes than this must have been counted.
    public init(
        id: String, from: [String], to: String, failureReason: String? = nil, risk: StoredRisk? = nil,
        liveAt: Date? = nil, maxWrongCodes: Int? = nil
    ) {
        self.id = id
        self.from = from
        self.to = to
        self.failureReason = failureReason
        self.risk = risk
        self.liveAt = liveAt
        self.maxWrongCodes = maxWrongCodes
    }
}
