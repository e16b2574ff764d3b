import Foundation
import PhoneNumbers
import RuleEngine
import SignalStore

extension VerificationService {
    /// Confirms a code (`POST …/phone_verifications/{id}/confirm`).
    ///
    /// Everything happens in one immediate transaction with conditional updates: a wrong code is
    /// counted (`wrong_codes = wrong_codes + 1 WHERE status = 'pending' AND wrong_codes < 5`), the
    /// right one moves the verification out of `pending` only if it still is, so two concurrent
    /// right codes never both succeed. The right code re-evaluates the policy at `stage = "confirm"`
    /// with the create-stage signals plus `behavior.failed_codes`, `behavior.resends` and
    /// `behavior.code_entry`: `pass` → `verified` (the number is linked to the account),
    /// `step_up` → `requires_step_up`, `review` → `in_review`, `block` → `failed` (`risk_blocked`).
    ///
    /// - Throws: 400 on `code` unless it is 6 digits (not counted as an attempt); 409 unless pending;
    ///   410 once expired; 422 `incorrect_code` with `attempts_remaining`; 429 `max_attempts_reached`
    ///   on the last allowed wrong code.
    public func confirm(accountID: String, id: String, _ request: ConfirmRequest, mode: APIMode) async throws(APIError) -> Verification {
        guard VerificationCode.isWellFormed(request.code) else {
            throw .invalidField("code", "must be exactly \(VerificationCode.length) digits")
        }
        let record = try await verificationRecord(accountID: accountID, id: id, mode: mode)
        let providerSaysRight = try await checkWithProvider(request.code, record: record)
        let now = clock()
        let code = request.code
        let outcome = try await write("confirm a verification") { tx -> Result<VerificationRecord, APIError> in
            try self.confirm(code, providerSaysRight: providerSaysRight, record: record, now: now, in: tx)
        }
        switch outcome {
        case .success(let confirmed):
            logger.info("verification confirmed", metadata: [
                "verification_id": "\(confirmed.id)", "status": "\(confirmed.status)", "phone": "\(Self.masked(confirmed.phoneNumber))",
            ])
            return try present(confirmed, now: now)
        case .failure(let error):
            throw error
        }
    }

    /// For a provider that holds the code (and a verification that can still take it), the provider's verdict.
    private func checkWithProvider(_ code: String, record: VerificationRecord) async throws(APIError) -> Bool? {
        guard record.codeHashes.isEmpty, record.status == VerificationStatus.pending.rawValue,
              !Self.hasExpired(record, now: clock())
        else { return nil }
        guard let provider = providers.codeSender(for: record) else {
            throw .providerNotConfigured(provider: record.provider, reason: "this server has no such provider")
        }
        do {
            let right = try await provider.check(code, for: CodeCheck(phoneNumber: record.phoneNumber, reference: record.providerReference))
            metrics.providerRequest(provider.name, outcome: "success")
            return right
        } catch {
            metrics.providerRequest(provider.name, outcome: VerificationMetrics.outcome(of: error))
            try await adoptProviderState(error, record: record)
            throw .provider(error, provider: provider.name)
        }
    }

    /// When the provider's own limit or expiry ended its verification, ends ours the same way,
    /// so a later read tells the truth (`failed`/`max_attempts_reached`, or `expired`).
    private func adoptProviderState(_ error: ProviderError, record: VerificationRecord) async throws(APIError) {
        let target: (VerificationStatus, FailureReason?)
        switch error {
        case .tooManyChecks: target = (.failed, .maxAttemptsReached)
        case .expired: target = (.expired, nil)
        case .notConfigured, .invalidNumber, .tooManySends, .fraudGuard, .rateLimited, .smsUnsupported, .timeout, .failed: return
        }
        _ = try await write("adopt the provider's state") { tx in
            try tx.transition(id: record.id, from: [VerificationStatus.pending.rawValue], to: target.0.rawValue,
                              failureReason: target.1?.rawValue)
        }
    }

    /// The confirm transaction; refusals are returned rather than thrown so that what they changed
    /// (a counted wrong code, an expiry) commits.
    private func confirm(
        _ code: String, providerSaysRight: Bool?, record: VerificationRecord, now: Date, in tx: any VerificationTransaction
    ) throws -> Result<VerificationRecord, APIError> {
        guard let current = try tx.verification(id: record.id, accountID: record.accountID, mode: record.mode) else {
            return .failure(.resourceMissing("phone_verification", id: record.id))
        }
        if let refusal = try refuseUnlessPending(current, action: "confirm", now: now, in: tx) {
            return .failure(refusal)
        }
        let right = providerSaysRight ?? codes.matches(code, anyOf: current.codeHashes, verificationID: current.id)
        let number = try? PhoneNumber.parse(current.phoneNumber)
        let country = number?.region
        let traffic = number.map { trafficKeys(for: $0, signals: nil) }
        func event(_ kind: BehaviorEvent.Kind) -> BehaviorEvent {
            BehaviorEvent(kind: kind, mode: current.mode, phone: current.phoneKey, accountID: current.accountID,
                          country: country ?? "ZZ", occurredAt: now, traffic: traffic, lastSentAt: current.lastSentAt)
        }
        let maxWrongCodes = configuration.maxWrongCodes
        guard right else {
            guard try tx.recordWrongCode(id: current.id, maxWrongCodes: maxWrongCodes, now: now) else {
                return .failure(.verificationNotPending(action: "confirm", status: .failed))
            }
            try tx.record(event(.codeCheckedWrong))
            let wrongCodes = current.wrongCodes + 1
            logger.info("incorrect code", metadata: ["verification_id": "\(current.id)", "wrong_codes": "\(wrongCodes)"])
            return .failure(wrongCodes >= maxWrongCodes
                ? .maxAttemptsReached(maxAttempts: maxWrongCodes)
                : .incorrectCode(attemptsRemaining: maxWrongCodes - wrongCodes))
        }

        let signalSet = try confirmSignals(for: current, now: now, in: tx)
        let result = risk.evaluate(signalSet, stage: .confirm, verificationID: current.id)
        let (status, failureReason) = Self.confirmedStatus(result.verdict)
        let storedRisk = StoredRisk(decision: result.verdict.rawValue, score: result.risk, reasons: result.reasons,
                                    policy: result.policy, policyVersion: result.version)
        guard try tx.transition(
            id: current.id, from: [VerificationStatus.pending.rawValue], to: status.rawValue,
            failureReason: failureReason?.rawValue, risk: storedRisk, liveAt: now, maxWrongCodes: maxWrongCodes)
        else { return .failure(.verificationNotPending(action: "confirm", status: .failed)) }
        try tx.insertEvaluation(EvaluationRecord(
            verificationID: current.id, mode: current.mode, stage: EvaluationStage.confirm.rawValue,
            signalsJSON: SignalSetCoding.encode(signalSet), decision: result.verdict.rawValue, score: result.risk,
            reasons: result.reasons, policy: result.policy, policyVersion: result.version, evaluatedAt: now))
        try tx.record(event(.codeCheckedRight))
        if status == .verified {
            try tx.updateAccountPhone(id: current.accountID, phoneNumber: current.phoneNumber, verified: true)
        }
        guard let confirmed = try tx.verification(id: current.id, accountID: current.accountID, mode: current.mode) else {
            return .failure(.internalError)
        }
        return .success(confirmed)
    }

    /// The create stage's signals with the confirm stage's behaviour on top; a sandbox verification
    /// reports the simulated person's code-entry time (``SandboxCodeEntry``).
    private func confirmSignals(for record: VerificationRecord, now: Date, in tx: any VerificationTransaction) throws -> [String: SignalValue] {
        guard let created = try tx.latestEvaluation(verificationID: record.id, stage: EvaluationStage.create.rawValue) else {
            logger.error("verification has no create-stage evaluation", metadata: ["verification_id": "\(record.id)"])
            throw APIError.internalError
        }
        var signalSet: [String: SignalValue]
        do {
            signalSet = try SignalSetCoding.decode(created.signalsJSON)
        } catch {
            logger.error("stored signals are unreadable", metadata: ["verification_id": "\(record.id)", "error": "\(error)"])
            throw APIError.internalError
        }
        signalSet["stage"] = .string(EvaluationStage.confirm.rawValue)
        signalSet["behavior.failed_codes"] = .int(Int64(record.wrongCodes))
        signalSet["behavior.resends"] = .int(Int64(max(0, record.sends - 1)))
        if record.provider == ProviderName.sandbox {
            signalSet["behavior.code_entry"] = .duration(seconds: SandboxCodeEntry.seconds(for: record.phoneNumber))
        } else if let lastSent = record.lastSentAt {
            signalSet["behavior.code_entry"] = .duration(seconds: Int64(max(0, now.timeIntervalSince(lastSent)).rounded(.down)))
        }
        return signalSet
    }

    /// The status a right code leads to under `verdict`.
    static func confirmedStatus(_ verdict: Verdict) -> (VerificationStatus, FailureReason?) {
        switch verdict {
        case .pass: (.verified, nil)
        case .stepUp: (.requiresStepUp, nil)
        case .review: (.inReview, nil)
        case .block: (.failed, .riskBlocked)
        }
    }

    /// Nil when `record` is pending and live; otherwise the refusal, after persisting an expiry that just happened.
    /// Confirm and resend answer 410 for an expired verification every time; other actions answer 409.
    func refuseUnlessPending(_ record: VerificationRecord, action: String, now: Date, in tx: any VerificationTransaction) throws -> APIError? {
        let expiredAnswer: APIError = action == "confirm" || action == "resend"
            ? .verificationExpired : .verificationNotPending(action: action, status: .expired)
        if Self.hasExpired(record, now: now) {
            _ = try tx.expire(id: record.id, now: now)
            return expiredAnswer
        }
        guard let status = VerificationStatus(rawValue: record.status) else { return .internalError }
        if status == .expired { return expiredAnswer }
        return status == .pending ? nil : .verificationNotPending(action: action, status: status)
    }
}
