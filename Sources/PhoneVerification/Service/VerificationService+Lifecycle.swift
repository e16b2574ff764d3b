import Foundation
import SignalStore

extension VerificationService {
    /// Cancels a pending verification (`POST …/phone_verifications/{id}/cancel`), here and then at its provider.
    ///
    /// The local cancel commits first and stands whatever the provider answers: the verification is
    /// `canceled` for the API once this returns. A provider cancel that fails is logged and counted in
    /// `phonerisk_provider_requests_total`, not answered, because the caller's cancel did happen; the
    /// provider's own verification then lapses at its expiry, and no code of it is accepted here.
    /// Providers whose codes the service checks itself are not called.
    ///
    /// - Throws: 409 `verification_not_pending` from any other state (an expired one included).
    public func cancel(accountID: String, id: String, mode: APIMode) async throws(APIError) -> Verification {
        let record = try await verificationRecord(accountID: accountID, id: id, mode: mode)
        let now = clock()
        let canceled = try await write("cancel a verification") { tx -> Result<VerificationRecord, APIError> in
            guard let current = try tx.verification(id: record.id, accountID: record.accountID, mode: record.mode) else {
                return .failure(.resourceMissing("phone_verification", id: record.id))
            }
            if let refusal = try self.refuseUnlessPending(current, action: "cancel", now: now, in: tx) {
                return .failure(refusal)
            }
            guard try tx.transition(id: current.id, from: [VerificationStatus.pending.rawValue],
                                    to: VerificationStatus.canceled.rawValue, liveAt: now),
                  let updated = try tx.verification(id: current.id, accountID: current.accountID, mode: current.mode)
            else { return .failure(.verificationNotPending(action: "cancel", status: .expired)) }
            return .success(updated)
        }.get()
        logger.info("verification canceled", metadata: ["verification_id": "\(canceled.id)"])
        await cancelAtProvider(canceled)
        return try present(canceled, now: now)
    }

    /// Settles a verification held by the policy (`POST …/phone_verifications/{id}/resolve`):
    /// from `in_review` or `requires_step_up`, `approve` → `verified` (the number is linked to the
    /// account), `reject` → `failed` (`rejected`).
    ///
    /// - Throws: 400 on `outcome` unless `approve` or `reject`; 409 from any other state.
    public func resolve(accountID: String, id: String, _ request: ResolveRequest, mode: APIMode) async throws(APIError) -> Verification {
        let approve: Bool
        switch request.outcome {
        case "approve": approve = true
        case "reject": approve = false
        default: throw .invalidField("outcome", "must be 'approve' or 'reject'")
        }
        let record = try await verificationRecord(accountID: accountID, id: id, mode: mode)
        let now = clock()
        let awaiting: [VerificationStatus] = [.inReview, .requiresStepUp]
        let resolved = try await write("resolve a verification") { tx -> Result<VerificationRecord, APIError> in
            guard let current = try tx.verification(id: record.id, accountID: record.accountID, mode: record.mode),
                  let status = VerificationStatus(rawValue: current.status)
            else { return .failure(.resourceMissing("phone_verification", id: record.id)) }
            guard status.isAwaitingResolution,
                  try tx.transition(id: current.id, from: awaiting.map(\.rawValue),
                                    to: (approve ? VerificationStatus.verified : .failed).rawValue,
                                    failureReason: approve ? nil : FailureReason.rejected.rawValue)
            else {
                let shown: VerificationStatus = Self.hasExpired(current, now: now) ? .expired : status
                return .failure(.verificationNotPending(action: "resolve", status: shown, allowed: awaiting))
            }
            if approve {
                try tx.updateAccountPhone(id: current.accountID, phoneNumber: current.phoneNumber, verified: true)
            }
            guard let updated = try tx.verification(id: current.id, accountID: current.accountID, mode: current.mode) else {
                return .failure(.internalError)
            }
            return .success(updated)
        }.get()
        logger.info("verification resolved", metadata: ["verification_id": "\(resolved.id)", "outcome": "\(request.outcome)"])
        return try present(resolved, now: now)
    }
}
