import Foundation
import PhoneNumbers
import SignalStore

extension VerificationService {
    /// Sends a new code (`POST …/phone_verifications/{id}/resend`): only from `pending`, at most
    /// ``VerificationConfiguration/maxSends`` sends per verification (the create's included); the
    /// expiry restarts and wrong codes already counted stay counted.
    ///
    /// The send is claimed first (`sends = sends + 1 WHERE sends < 5`), so concurrent resends never
    /// exceed the limit; a provider failure gives the claim back.
    ///
    /// - Throws: 409 unless pending; 410 once expired; 429 `max_sends_reached`; 502/503 for the provider.
    public func resend(accountID: String, id: String, mode: APIMode) async throws(APIError) -> Verification {
        let record = try await verificationRecord(accountID: accountID, id: id, mode: mode)
        let now = clock()
        let maxSends = configuration.maxSends
        let claimed = try await write("claim a resend") { tx -> Result<VerificationRecord, APIError> in
            guard let current = try tx.verification(id: record.id, accountID: record.accountID, mode: record.mode) else {
                return .failure(.resourceMissing("phone_verification", id: record.id))
            }
            if let refusal = try self.refuseUnlessPending(current, action: "resend", now: now, in: tx) {
                return .failure(refusal)
            }
            guard current.sends < maxSends, try tx.claimSend(id: current.id, maxSends: maxSends, now: now) else {
                return .failure(.maxSendsReached(maxSends: maxSends))
            }
            return .success(current)
        }.get()

        guard let provider = providers.existing(claimed.provider) else {
            try await giveBackSend(claimed.id)
            throw .providerNotConfigured(provider: claimed.provider, reason: "this server has no such provider")
        }
        let sent: SentCode
        do {
            sent = try await provider.send(CodeDelivery(phoneNumber: claimed.phoneNumber, code: VerificationCode.generate(),
                                                        verificationID: claimed.id))
            metrics.providerRequest(provider.name, outcome: "success")
        } catch {
            metrics.providerRequest(provider.name, outcome: VerificationMetrics.outcome(of: error))
            logger.warning("provider resend failed", metadata: [
                "verification_id": "\(claimed.id)", "provider": "\(provider.name)", "error": "\(error)",
            ])
            try await giveBackSend(claimed.id)
            throw .provider(error, provider: provider.name)
        }

        let sentAt = clock()
        let hashes: [String]
        switch sent.acceptance {
        case .codes(let accepted): hashes = accepted.map { codes.hash($0, verificationID: claimed.id) }
        case .providerChecks: hashes = []
        }
        let expiresAt = sentAt.addingTimeInterval(Double(configuration.codeTTLSeconds))
        let number = try? PhoneNumber.parse(claimed.phoneNumber)
        let country = number?.region
        let traffic = number.map { trafficKeys(for: $0, signals: nil) }
        let completed = try await write("complete a resend") { tx -> Result<VerificationRecord, APIError> in
            guard try tx.completeSend(id: claimed.id, codeHashes: hashes, providerReference: sent.reference ?? claimed.providerReference,
                                      sentAt: sentAt, expiresAt: expiresAt)
            else {
                let status = try tx.verification(id: claimed.id, accountID: claimed.accountID, mode: claimed.mode)
                    .flatMap { VerificationStatus(rawValue: $0.status) } ?? .canceled
                return .failure(.verificationNotPending(action: "resend", status: status))
            }
            try tx.record(BehaviorEvent(kind: .codeSent, mode: claimed.mode, phone: claimed.phoneKey, accountID: claimed.accountID,
                                        country: country ?? "ZZ", occurredAt: sentAt, traffic: traffic))
            guard let updated = try tx.verification(id: claimed.id, accountID: claimed.accountID, mode: claimed.mode) else {
                return .failure(.internalError)
            }
            return .success(updated)
        }.get()
        logger.info("code resent", metadata: ["verification_id": "\(completed.id)", "sends": "\(completed.sends)"])
        return try present(completed, now: sentAt)
    }

    private func giveBackSend(_ id: String) async throws(APIError) {
        try await write("give back a send") { tx in try tx.releaseSend(id: id) }
    }
}
