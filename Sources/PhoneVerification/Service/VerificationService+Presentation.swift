import Foundation
import RuleEngine
import SignalStore

extension VerificationService {
    /// The API object of a stored verification as of `now`: a pending one whose code expired reads as `expired`.
    func present(_ record: VerificationRecord, now: Date) throws(APIError) -> Verification {
        guard var status = VerificationStatus(rawValue: record.status), let stored = record.risk,
              let decision = Verdict(rawValue: stored.decision)
        else {
            logger.error("stored verification is unreadable", metadata: ["verification_id": "\(record.id)"])
            throw .internalError
        }
        if Self.hasExpired(record, now: now) { status = .expired }
        return Verification(
            id: try Self.storedUUID(record.id), accountID: try Self.storedUUID(record.accountID), status: status,
            provider: record.provider, phoneNumber: record.phoneNumber,
            attemptsRemaining: max(0, configuration.maxWrongCodes - record.wrongCodes),
            failureReason: status == .failed ? record.failureReason.flatMap(FailureReason.init(rawValue:)) : nil,
            createdAt: record.createdAt, expiresAt: record.expiresAt,
            risk: RiskAssessment(decision: decision, score: stored.score, reasons: stored.reasons, policy: stored.policy,
                                 policyVersion: stored.policyVersion),
            sandbox: Self.acceptsSandboxCodes(record) ? SandboxDetails(expectedCodes: SandboxProvider.expectedCodes) : nil,
            fallback: record.fallback)
    }

    /// Whether a stored `pending` verification's code has expired at `now`.
    static func hasExpired(_ record: VerificationRecord, now: Date) -> Bool {
        guard record.status == VerificationStatus.pending.rawValue, let expiresAt = record.expiresAt else { return false }
        return expiresAt <= now
    }
}
