import Foundation
import PhoneNumbers
import RuleEngine
import SignalStore

extension VerificationService {
    /// Starts a verification (`POST /v1/accounts/{account_id}/phone_verifications`).
    ///
    /// In order: validation; the rate limits, counted and claimed in one immediate transaction;
    /// signals and policy; the provider send; then one transaction stores the outcome. Only a
    /// `pass` sends a code (status `pending`). `step_up` and `review` send nothing and store the
    /// verification as `requires_step_up` / `in_review`, answered 200, so a suspicious request
    /// is never paid for; a policy that cannot evaluate the signals is a `review`
    /// (`POLICY_INPUT_ERROR`). A `block` sends nothing, stores the verification as `blocked` and
    /// throws 403 carrying it. Whether the provider has credentials is asked only after the
    /// policy, before the send. A provider failure deletes the claim, so nothing is left written
    /// and the request can be retried.
    ///
    /// - Parameters:
    ///   - accountID: the account's id from the path.
    ///   - request: the decoded body.
    ///   - mode: the caller's mode.
    /// - Returns: the verification: `pending` after a send, else `requires_step_up` or `in_review`.
    public func createVerification(accountID: String, _ request: CreateVerificationRequest, mode: APIMode) async throws(APIError) -> Verification {
        let now = clock()
        let account = try await accountRecord(id: accountID, mode: mode)
        let provider = try providers.provider(named: request.type, mode: mode)
        let number = try phoneNumber(for: request, account: account)
        let dateOfBirth = try request.dateOfBirth.map { text throws(APIError) in
            try InputValidation.dateOfBirth(text, param: "date_of_birth", today: now)
        }
        let ipCountry = try request.context?.ipCountry.map { text throws(APIError) in
            try InputValidation.country(text, param: "context.ip_country")
        }

        let claim = VerificationRecord(
            id: UUID().uuidString.lowercased(), mode: mode.dataMode, accountID: account.id, status: "creating",
            provider: provider.name, phoneNumber: number.e164, phoneKey: store.phoneNumberHasher.phoneNumberKey(number.e164),
            createdAt: now)
        try await claimRateLimits(claim, now: now)

        let gathered = try await createSignals(SignalRequest(
            number: number, phoneKey: claim.phoneKey, accountID: account.id, accountCreatedAt: account.createdAt,
            ipCountry: ipCountry, mode: mode, now: now), claim: claim, provider: provider)
        let signalSet = gathered.signals
        let result = risk.evaluate(signalSet, stage: .create, verificationID: claim.id)
        let evaluation = EvaluationRecord(
            verificationID: claim.id, mode: claim.mode, stage: EvaluationStage.create.rawValue,
            signalsJSON: SignalSetCoding.encode(signalSet), decision: result.verdict.rawValue, score: result.risk,
            reasons: result.reasons, policy: result.policy, policyVersion: result.version, evaluatedAt: now)
        let country = number.behaviorCountry
        let traffic = trafficKeys(for: number, signals: signalSet)

        switch result.verdict {
        case .block:
            let stored = try await finishCreate(
                claim, status: .blocked, sent: nil, sentAt: nil, evaluation: evaluation, result: result,
                dateOfBirth: dateOfBirth, country: country, traffic: traffic)
            logger.notice("verification blocked", metadata: [
                "verification_id": "\(claim.id)", "phone": "\(number.masked)", "reasons": "\(result.reasons.joined(separator: ","))",
            ])
            throw .verificationBlocked(try present(stored, now: now))
        case .stepUp, .review:
            let held: VerificationStatus = result.verdict == .review ? .inReview : .requiresStepUp
            let stored = try await finishCreate(
                claim, status: held, sent: nil, sentAt: nil, evaluation: evaluation, result: result,
                dateOfBirth: dateOfBirth, country: country, traffic: traffic)
            logger.notice("verification held without a send", metadata: [
                "verification_id": "\(claim.id)", "phone": "\(number.masked)", "status": "\(held.rawValue)",
                "reasons": "\(result.reasons.joined(separator: ","))",
            ])
            return try present(stored, now: now)
        case .pass:
            break
        }

        let outcome: SendOutcome
        do {
            _ = try providers.usable(gathered.sender, mode: mode)
            try await supersedePending(phoneKey: claim.phoneKey, mode: claim.mode, provider: gathered.sender, except: claim.id, now: now)
            outcome = try await send(through: gathered.sender, mode: mode, to: number.e164, verificationID: claim.id)
        } catch {
            try await releaseClaim(claim.id)
            throw error
        }
        guard case .sent(let sent) = outcome else {
            let stored = try await finishCreate(
                claim, status: .blocked, sent: nil, sentAt: nil, evaluation: evaluation,
                result: Self.providerBlock(result), dateOfBirth: dateOfBirth, country: country, traffic: traffic)
            logger.notice("verification blocked by the provider", metadata: [
                "verification_id": "\(claim.id)", "provider": "\(gathered.sender.name)", "phone": "\(number.masked)",
            ])
            throw .verificationBlocked(try present(stored, now: now))
        }
        let sentAt = clock()
        let stored = try await finishCreate(
            claim, status: .pending, sent: sent, sentAt: sentAt, evaluation: evaluation, result: result,
            dateOfBirth: dateOfBirth, country: country, traffic: traffic)
        logger.info("verification started", metadata: [
            "verification_id": "\(claim.id)", "provider": "\(provider.name)", "phone": "\(number.masked)",
            "decision": "\(result.verdict.rawValue)", "score": "\(result.risk)",
        ])
        return try present(stored, now: sentAt)
    }

    /// What became of a send.
    enum SendOutcome {
        /// The provider took it.
        case sent(SentCode)
        /// The provider's own fraud defence refused the number (Twilio's Fraud Guard, 60410): the
        /// strongest pumping evidence there is, stored as a block rather than answered as a failure.
        case refusedAsFraud
    }

    /// The reason stored with a verification the provider's fraud defence refused.
    static let providerFraudReason = "PROVIDER_FRAUD_GUARD"

    /// Sends a fresh code through `provider`, which must be usable, counting the outcome.
    ///
    /// - Parameters:
    ///   - provider: the verification's provider.
    ///   - mode: the verification's mode (a provider may serve one mode and not the other).
    ///   - e164: the number.
    ///   - verificationID: the verification's id.
    /// - Returns: the provider's answer, or ``SendOutcome/refusedAsFraud``.
    /// - Throws: 503 when the provider cannot be used, else the provider's failure as an API error.
    func send(through provider: any VerificationProvider, mode: APIMode, to e164: String, verificationID: String) async throws(APIError) -> SendOutcome {
        let usable = try providers.usable(provider, mode: mode)
        do {
            let sent = try await usable.send(CodeDelivery(phoneNumber: e164, code: VerificationCode.generate(), verificationID: verificationID))
            metrics.providerRequest(usable.name, outcome: "success")
            return .sent(sent)
        } catch {
            metrics.providerRequest(usable.name, outcome: VerificationMetrics.outcome(of: error))
            logger.warning("provider send failed", metadata: [
                "verification_id": "\(verificationID)", "provider": "\(usable.name)", "phone": "\(Self.masked(e164))", "error": "\(error)",
            ])
            if error == .fraudGuard {
                metrics.providerBlock(usable.name)
                return .refusedAsFraud
            }
            throw .provider(error, provider: usable.name)
        }
    }

    /// The policy's answer turned into the block the provider's fraud defence imposed.
    static func providerBlock(_ result: PolicyResult) -> PolicyResult {
        PolicyResult(verdict: .block, risk: result.risk, reasons: result.reasons + [providerFraudReason],
                     decidedBy: providerFraudReason, policy: result.policy, version: result.version)
    }

    /// The request's number, or the account's; national forms are read in the account number's region.
    private func phoneNumber(for request: CreateVerificationRequest, account: AccountRecord) throws(APIError) -> PhoneNumber {
        let accountRegion = account.phoneNumber.flatMap { try? PhoneNumber.parse($0).region }.flatMap { $0 == "001" ? nil : $0 }
        guard let text = request.phoneNumber ?? account.phoneNumber else {
            throw .missingField("phone_number")
        }
        return try InputValidation.phoneNumber(text, param: "phone_number", defaultRegion: accountRegion)
    }

    /// Counts the verifications started in each window and inserts the claim, in one immediate transaction.
    private func claimRateLimits(_ claim: VerificationRecord, now: Date) async throws(APIError) {
        let phoneLimit = configuration.phoneRateLimit
        let accountLimit = configuration.accountRateLimit
        let staleBefore = now.addingTimeInterval(-Self.staleClaimSeconds)
        try await write("claim a verification") { tx in
            try tx.releaseStaleClaims(phoneKey: claim.phoneKey, accountID: claim.accountID, mode: claim.mode, before: staleBefore)
            let phoneWindow = now.addingTimeInterval(-Double(phoneLimit.windowSeconds))
            let byPhone = try tx.startedCount(phoneKey: claim.phoneKey, mode: claim.mode, since: phoneWindow)
            if byPhone.count >= phoneLimit.count {
                throw APIError.rateLimited(scope: "phone_number", limit: phoneLimit.description,
                                           retryAfter: Self.retryAfter(oldest: byPhone.oldest, window: phoneLimit.windowSeconds, now: now))
            }
            let accountWindow = now.addingTimeInterval(-Double(accountLimit.windowSeconds))
            let byAccount = try tx.startedCount(accountID: claim.accountID, mode: claim.mode, since: accountWindow)
            if byAccount.count >= accountLimit.count {
                throw APIError.rateLimited(scope: "account", limit: accountLimit.description,
                                           retryAfter: Self.retryAfter(oldest: byAccount.oldest, window: accountLimit.windowSeconds, now: now))
            }
            try tx.insertVerification(claim)
        }
    }

    /// How old a `creating` claim must be to count as abandoned: far beyond any provider timeout.
    static let staleClaimSeconds: TimeInterval = 300

    /// Whole seconds until the oldest verification in the window leaves it.
    static func retryAfter(oldest: Date?, window: Int64, now: Date) -> Int {
        guard let oldest else { return 1 }
        let remaining = oldest.addingTimeInterval(Double(window)).timeIntervalSince(now)
        return max(1, Int(remaining.rounded(.up)))
    }

    func releaseClaim(_ id: String) async throws(APIError) {
        try await write("release a verification claim") { tx in try tx.deleteVerification(id: id) }
    }

    /// Stores the create's outcome, its evaluation, its events and the date of birth, in one transaction.
    private func finishCreate(
        _ claim: VerificationRecord, status: VerificationStatus, sent: SentCode?, sentAt: Date?, evaluation: EvaluationRecord,
        result: PolicyResult, dateOfBirth: String?, country: String, traffic: TrafficKeys
    ) async throws(APIError) -> VerificationRecord {
        let hashes: [String]
        switch sent?.acceptance {
        case .codes(let accepted): hashes = accepted.map { codes.hash($0, verificationID: claim.id) }
        case .providerChecks, nil: hashes = []
        }
        let expiresAt = sentAt.map { $0.addingTimeInterval(Double(configuration.codeTTLSeconds)) }
        let storedRisk = StoredRisk(decision: result.verdict.rawValue, score: result.risk, reasons: result.reasons,
                                    policy: result.policy, policyVersion: result.version)
        return try await write("finish a verification") { tx in
            guard try tx.finishCreate(
                id: claim.id, status: status.rawValue, sends: sent == nil ? 0 : 1, codeHashes: hashes,
                providerReference: sent?.reference, lastSentAt: sentAt, expiresAt: expiresAt, risk: storedRisk)
            else { throw APIError.internalError }
            try tx.insertEvaluation(evaluation)
            try tx.record(BehaviorEvent(kind: .verificationStarted, mode: claim.mode, phone: claim.phoneKey,
                                        accountID: claim.accountID, country: country, occurredAt: claim.createdAt,
                                        traffic: traffic))
            if let sentAt {
                try tx.record(BehaviorEvent(kind: .codeSent, mode: claim.mode, phone: claim.phoneKey,
                                            accountID: claim.accountID, country: country, occurredAt: sentAt,
                                            traffic: traffic))
            }
            if let dateOfBirth, var account = try tx.account(id: claim.accountID, mode: claim.mode) {
                account.profile.dateOfBirth = dateOfBirth
                try tx.updateAccountProfile(id: account.id, profile: account.profile)
            }
            guard let stored = try tx.verification(id: claim.id, accountID: claim.accountID, mode: claim.mode) else {
                throw APIError.internalError
            }
            return stored
        }
    }
}
