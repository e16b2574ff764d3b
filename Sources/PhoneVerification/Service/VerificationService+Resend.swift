import Foundation
import MobileSignals
import PhoneNumbers
import RuleEngine
import SignalStore

extension VerificationService {
    /// Sends a new code (`POST …/phone_verifications/{id}/resend`): only from `pending`, at most
    /// ``VerificationConfiguration/maxSends`` sends per verification (the create's included); the
    /// expiry restarts and wrong codes already counted stay counted.
    ///
    /// A resend is a new send, so it runs the create-stage policy again on fresh signals (the
    /// behaviour counts of now, `behavior.resends` counting this resend, the create's IP country)
    /// before anything is sent, exactly as a create does: only `pass` sends; `step_up` and
    /// `review` send nothing and move the verification to `requires_step_up` / `in_review`
    /// (answered 200); `block` sends nothing, moves it to `blocked` and throws 403 carrying it.
    /// The send is claimed first (`sends = sends + 1 WHERE sends < 5`), so concurrent resends never
    /// exceed the limit; a resend that sends nothing (held, blocked, failed) gives the claim back.
    ///
    /// - Throws: 409 unless pending; 410 once expired; 429 `max_sends_reached`; 403 when the policy
    ///   blocks; 502/503 for the provider.
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

        let decided: ResendDecision
        do {
            decided = try await resendDecision(for: claimed, now: now)
        } catch {
            try await giveBackSend(claimed.id)
            throw error
        }
        let result = decided.result
        let evaluation = EvaluationRecord(
            verificationID: claimed.id, mode: claimed.mode, stage: EvaluationStage.create.rawValue,
            signalsJSON: SignalSetCoding.encode(decided.signals), decision: result.verdict.rawValue, score: result.risk,
            reasons: result.reasons, policy: result.policy, policyVersion: result.version, evaluatedAt: now)
        if result.verdict != .pass {
            return try await holdResend(claimed, result: result, evaluation: evaluation, requested: decided.requested, now: now)
        }

        guard let provider = providers.codeSender(for: claimed) else {
            try await giveBackSend(claimed.id)
            throw .providerNotConfigured(provider: claimed.provider, reason: "this server has no such provider")
        }
        let outcome: SendOutcome
        do {
            outcome = try await send(through: provider, mode: APIMode(claimed.mode), to: claimed.phoneNumber, verificationID: claimed.id)
        } catch {
            try await giveBackSend(claimed.id)
            throw error
        }
        guard case .sent(let sent) = outcome else {
            return try await holdResend(
                claimed, result: Self.providerBlock(result), evaluation: evaluation, requested: decided.requested, now: now)
        }

        let sentAt = clock()
        let hashes: [String]
        switch sent.acceptance {
        case .codes(let accepted): hashes = accepted.map { codes.hash($0, verificationID: claimed.id) }
        case .providerChecks: hashes = []
        }
        let expiresAt = sentAt.addingTimeInterval(Double(configuration.codeTTLSeconds))
        let requested = decided.requested
        let completed = try await write("complete a resend") { tx -> Result<VerificationRecord, APIError> in
            guard try tx.completeSend(id: claimed.id, codeHashes: hashes, providerReference: sent.reference ?? claimed.providerReference,
                                      sentAt: sentAt, expiresAt: expiresAt)
            else {
                let status = try tx.verification(id: claimed.id, accountID: claimed.accountID, mode: claimed.mode)
                    .flatMap { VerificationStatus(rawValue: $0.status) } ?? .canceled
                return .failure(.verificationNotPending(action: "resend", status: status))
            }
            try tx.insertEvaluation(evaluation)
            try tx.record(BehaviorEvent(kind: .codeSent, mode: claimed.mode, phone: claimed.phoneKey, accountID: claimed.accountID,
                                        country: requested.country, occurredAt: sentAt, traffic: requested.traffic))
            try tx.record(requested)
            guard let updated = try tx.verification(id: claimed.id, accountID: claimed.accountID, mode: claimed.mode) else {
                return .failure(.internalError)
            }
            return .success(updated)
        }.get()
        logger.info("code resent", metadata: ["verification_id": "\(completed.id)", "sends": "\(completed.sends)"])
        return try present(completed, now: sentAt)
    }

    /// What a resend was decided on: the frame, the policy's answer, and the request event that counts it
    /// under the number's traffic keys (computed once, for the request and for a send).
    private struct ResendDecision {
        var signals: [String: SignalValue]
        var result: PolicyResult
        var requested: BehaviorEvent
    }

    /// The create-stage signals of now for a resend of `record`, and the policy's answer.
    ///
    /// The frame is gathered as for a create (not counting a new start: no verification starts),
    /// with the create's IP country and `behavior.resends` counting this resend.
    private func resendDecision(for record: VerificationRecord, now: Date) async throws(APIError) -> ResendDecision {
        let (account, created) = try await read("read a verification's account") { tx in
            (try tx.account(id: record.accountID, mode: record.mode),
             try tx.latestEvaluation(verificationID: record.id, stage: EvaluationStage.create.rawValue))
        }
        guard let account, let number = try? PhoneNumber.parse(record.phoneNumber) else { throw .internalError }
        let ipCountry: String?
        switch created.flatMap({ try? SignalSetCoding.decode($0.signalsJSON) })?[SignalName.ipCountry] {
        case .string(let country): ipCountry = country
        default: ipCountry = nil
        }
        var signalSet: [String: SignalValue]
        do {
            signalSet = try await signals.signals(for: SignalRequest(
                number: number, phoneKey: record.phoneKey, accountID: account.id, accountCreatedAt: account.createdAt,
                ipCountry: ipCountry, mode: APIMode(record.mode), now: now, startsVerification: false))
        } catch {
            logger.error("signals could not be gathered", metadata: ["verification_id": "\(record.id)", "error": "\(error)"])
            throw .internalError
        }
        signalSet[SignalName.resends] = .int(Int64(record.sends))
        return ResendDecision(
            signals: signalSet, result: risk.evaluate(signalSet, stage: .create, verificationID: record.id),
            requested: resendRequestedEvent(for: record, country: number.behaviorCountry,
                                            traffic: trafficKeys(for: number, signals: signalSet), at: now))
    }

    /// Ends a resend the policy did not pass: nothing is sent, the claimed send is given back, and the
    /// verification moves to `blocked` (thrown as 403), `in_review` or `requires_step_up`, in one transaction
    /// that also counts the request in the traffic counters (a stopped flood keeps counting).
    private func holdResend(
        _ claimed: VerificationRecord, result: PolicyResult, evaluation: EvaluationRecord, requested: BehaviorEvent, now: Date
    ) async throws(APIError) -> Verification {
        let target: VerificationStatus = switch result.verdict {
        case .block: .blocked
        case .review: .inReview
        case .stepUp, .pass: .requiresStepUp
        }
        let storedRisk = StoredRisk(decision: result.verdict.rawValue, score: result.risk, reasons: result.reasons,
                                    policy: result.policy, policyVersion: result.version)
        let held = try await write("hold a resend") { tx -> Result<VerificationRecord, APIError> in
            try tx.releaseSend(id: claimed.id)
            guard try tx.transition(StatusChange(id: claimed.id, from: [VerificationStatus.pending.rawValue],
                                                 to: target.rawValue, risk: storedRisk))
            else {
                let status = try tx.verification(id: claimed.id, accountID: claimed.accountID, mode: claimed.mode)
                    .flatMap { VerificationStatus(rawValue: $0.status) } ?? .canceled
                return .failure(.verificationNotPending(action: "resend", status: status))
            }
            try tx.insertEvaluation(evaluation)
            try tx.record(requested)
            guard let updated = try tx.verification(id: claimed.id, accountID: claimed.accountID, mode: claimed.mode) else {
                return .failure(.internalError)
            }
            return .success(updated)
        }.get()
        logger.notice("resend held without a send", metadata: [
            "verification_id": "\(held.id)", "status": "\(target.rawValue)", "reasons": "\(result.reasons.joined(separator: ","))",
        ])
        let shown = try present(held, now: now)
        if target == .blocked { throw .verificationBlocked(shown) }
        return shown
    }

    private func giveBackSend(_ id: String) async throws(APIError) {
        try await write("give back a send") { tx in try tx.releaseSend(id: id) }
    }
}
