import Foundation
import PhoneNumbers
import RuleEngine
import SignalStore

extension VerificationService {
    /// Starts a verification (`POST /v1/accounts/{account_id}/phone_verifications`).
    ///
    /// In order: validation; the rate limits, counted and claimed in one immediate transaction;
    /// signals and policy; the provider send; then one transaction stores the outcome. A `block`
    /// sends nothing, stores the verification as `blocked` and throws 403 carrying it. A provider
    /// failure deletes the claim, so nothing is left written and the request can be retried.
    ///
    /// - Parameters:
    ///   - accountID: the account's id from the path.
    ///   - request: the decoded body.
    ///   - mode: the caller's mode.
    /// - Returns: the verification, `pending`.
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

        let signalSet: [String: SignalValue]
        do {
            signalSet = try await signals.signals(for: SignalRequest(
                number: number, phoneKey: claim.phoneKey, accountID: account.id, accountCreatedAt: account.createdAt,
                ipCountry: ipCountry, mode: mode, now: now))
        } catch {
            logger.error("signals could not be gathered", metadata: ["verification_id": "\(claim.id)", "error": "\(error)"])
            try await releaseClaim(claim.id)
            throw .internalError
        }
        let result = risk.evaluate(signalSet, stage: .create, verificationID: claim.id)
        let evaluation = EvaluationRecord(
            verificationID: claim.id, mode: claim.mode, stage: EvaluationStage.create.rawValue,
            signalsJSON: SignalSetCoding.encode(signalSet), decision: result.verdict.rawValue, score: result.risk,
            reasons: result.reasons, policy: result.policy, policyVersion: result.version, evaluatedAt: now)
        let country = number.region ?? "ZZ"
        let traffic = trafficKeys(for: number, signals: signalSet)

        if result.verdict == .block {
            let stored = try await finishCreate(
                claim, status: .blocked, sent: nil, sentAt: nil, evaluation: evaluation, result: result,
                dateOfBirth: dateOfBirth, country: country, traffic: traffic)
            logger.notice("verification blocked", metadata: [
                "verification_id": "\(claim.id)", "phone": "\(number.masked)", "reasons": "\(result.reasons.joined(separator: ","))",
            ])
            throw .verificationBlocked(try present(stored, now: now))
        }

        let code = VerificationCode.generate()
        let sent: SentCode
        do {
            sent = try await provider.send(CodeDelivery(phoneNumber: number.e164, code: code, verificationID: claim.id))
            metrics.providerRequest(provider.name, outcome: "success")
        } catch {
            metrics.providerRequest(provider.name, outcome: VerificationMetrics.outcome(of: error))
            logger.warning("provider send failed", metadata: [
                "verification_id": "\(claim.id)", "provider": "\(provider.name)", "phone": "\(number.masked)", "error": "\(error)",
            ])
            try await releaseClaim(claim.id)
            throw .provider(error, provider: provider.name)
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

    private func releaseClaim(_ id: String) async throws(APIError) {
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
