import Foundation
import PostgresNIO
import SignalStore

extension PostgresVerificationTransaction {
    @discardableResult
    func insertVerification(_ record: VerificationRecord) throws -> Int64 {
        let phone = try sealer.seal(record.phoneNumber)
        let reasons = try record.risk.map { try Self.json($0.reasons) }
        let rows = try session.query("""
            INSERT INTO verifications (id, mode, account_id, status, provider, phone_sealed, phone_hash,
                wrong_codes, sends, failure_reason, code_hashes, provider_reference, created_at,
                last_sent_at, expires_at, risk_decision, risk_score, risk_reasons, policy, policy_version,
                fallback_from, fallback_to, fallback_reason)
            VALUES (\(record.id), \(record.mode.rawValue), \(record.accountID), \(record.status), \(record.provider),
                    \(phone), \(record.phoneKey.hex), \(record.wrongCodes), \(record.sends), \(record.failureReason),
                    \(Self.joined(record.codeHashes)), \(record.providerReference),
                    \(PostgresTime.milliseconds(record.createdAt)), \(record.lastSentAt.map(PostgresTime.milliseconds)),
                    \(record.expiresAt.map(PostgresTime.milliseconds)), \(record.risk?.decision), \(record.risk?.score),
                    \(reasons), \(record.risk?.policy), \(record.risk?.policyVersion),
                    \(record.fallback?.from), \(record.fallback?.to), \(record.fallback?.reason))
            RETURNING seq
            """)
        guard let sequence = try rows.first?.decode(Int64.self) else {
            throw SignalStoreError.databaseFailure(operation: "insert verification", reason: "no sequence returned")
        }
        return sequence
    }

    func verification(id: String, accountID: String, mode: DataMode) throws -> VerificationRecord? {
        try session.query("""
            SELECT \(unescaped: Self.verificationColumns) FROM verifications
            WHERE id = \(id) AND account_id = \(accountID) AND mode = \(mode.rawValue) AND status <> 'creating'
            """).first.map(verification)
    }

    func verifications(accountID: String, mode: DataMode, limit: Int, beforeSequence: Int64?) throws -> [VerificationRecord] {
        try session.query("""
            SELECT \(unescaped: Self.verificationColumns) FROM verifications
            WHERE mode = \(mode.rawValue) AND account_id = \(accountID) AND status <> 'creating'
              AND seq < \(beforeSequence ?? Int64.max)
            ORDER BY seq DESC LIMIT \(limit)
            """).map(verification)
    }

    func startedCount(phoneKey: PhoneNumberKey, mode: DataMode, since: Date) throws -> (count: Int, oldest: Date?) {
        try startedCount(session.query("""
            SELECT count(*), min(created_at) FROM verifications
            WHERE mode = \(mode.rawValue) AND phone_hash = \(phoneKey.hex) AND created_at > \(PostgresTime.milliseconds(since))
            """))
    }

    func startedCount(accountID: String, mode: DataMode, since: Date) throws -> (count: Int, oldest: Date?) {
        try startedCount(session.query("""
            SELECT count(*), min(created_at) FROM verifications
            WHERE mode = \(mode.rawValue) AND account_id = \(accountID) AND created_at > \(PostgresTime.milliseconds(since))
            """))
    }

    func pendingVerifications(phoneKey: PhoneNumberKey, mode: DataMode, provider: String, liveAt: Date) throws -> [VerificationRecord] {
        try session.query("""
            SELECT \(unescaped: Self.verificationColumns) FROM verifications
            WHERE mode = \(mode.rawValue) AND phone_hash = \(phoneKey.hex) AND provider = \(provider) AND status = 'pending'
              AND expires_at > \(PostgresTime.milliseconds(liveAt))
            ORDER BY created_at, seq
            """).map(verification)
    }

    @discardableResult
    func releaseStaleClaims(phoneKey: PhoneNumberKey, accountID: String, mode: DataMode, before: Date) throws -> Int {
        let cutoff = PostgresTime.milliseconds(before)
        let byPhone = try session.execute("""
            DELETE FROM verifications
            WHERE mode = \(mode.rawValue) AND phone_hash = \(phoneKey.hex) AND created_at < \(cutoff) AND status = 'creating'
            """)
        let byAccount = try session.execute("""
            DELETE FROM verifications
            WHERE mode = \(mode.rawValue) AND account_id = \(accountID) AND created_at < \(cutoff) AND status = 'creating'
            """)
        return byPhone + byAccount
    }

    func deleteVerification(id: String) throws {
        try session.query("DELETE FROM verifications WHERE id = \(id)")
    }

    func finishCreate(
        id: String, status: String, sends: Int, codeHashes: [String], providerReference: String?,
        lastSentAt: Date?, expiresAt: Date?, risk: StoredRisk
    ) throws -> Bool {
        let reasons = try Self.json(risk.reasons)
        return try session.execute("""
            UPDATE verifications SET status = \(status), sends = \(sends), code_hashes = \(Self.joined(codeHashes)),
                provider_reference = \(providerReference), last_sent_at = \(lastSentAt.map(PostgresTime.milliseconds)),
                expires_at = \(expiresAt.map(PostgresTime.milliseconds)), risk_decision = \(risk.decision),
                risk_score = \(risk.score), risk_reasons = \(reasons), policy = \(risk.policy),
                policy_version = \(risk.policyVersion)
            WHERE id = \(id) AND status = 'creating'
            """) == 1
    }

    func recordFallback(id: String, fallback: ProviderFallback) throws -> Bool {
        try session.execute("""
            UPDATE verifications SET provider = \(fallback.to), fallback_from = \(fallback.from),
                fallback_to = \(fallback.to), fallback_reason = \(fallback.reason)
            WHERE id = \(id) AND status = 'creating'
            """) == 1
    }

    func recordWrongCode(id: String, maxWrongCodes: Int, now: Date) throws -> Bool {
        try session.execute("""
            UPDATE verifications SET
                wrong_codes = wrong_codes + 1,
                status = CASE WHEN wrong_codes + 1 >= \(maxWrongCodes) THEN 'failed' ELSE status END,
                failure_reason = CASE WHEN wrong_codes + 1 >= \(maxWrongCodes) THEN 'max_attempts_reached' ELSE NULL END
            WHERE id = \(id) AND status = 'pending' AND wrong_codes < \(maxWrongCodes)
              AND expires_at > \(PostgresTime.milliseconds(now))
            """) == 1
    }

    func transition(_ change: StatusChange) throws -> Bool {
        let risk = change.risk
        let reasons = try risk.map { try Self.json($0.reasons) }
        let liveAt = change.liveAt.map(PostgresTime.milliseconds)
        let keepsRisk = risk == nil
        return try session.execute("""
            UPDATE verifications SET status = \(change.to), failure_reason = \(change.failureReason),
                risk_decision = CASE WHEN \(keepsRisk) THEN risk_decision ELSE \(risk?.decision) END,
                risk_score = CASE WHEN \(keepsRisk) THEN risk_score ELSE \(risk?.score) END,
                risk_reasons = CASE WHEN \(keepsRisk) THEN risk_reasons ELSE \(reasons) END,
                policy = CASE WHEN \(keepsRisk) THEN policy ELSE \(risk?.policy) END,
                policy_version = CASE WHEN \(keepsRisk) THEN policy_version ELSE \(risk?.policyVersion) END
            WHERE id = \(change.id) AND status = ANY(\(change.from))
              AND (\(liveAt)::bigint IS NULL OR expires_at > \(liveAt))
              AND (\(change.maxWrongCodes)::bigint IS NULL OR wrong_codes < \(change.maxWrongCodes))
            """) == 1
    }

    func expire(id: String, now: Date) throws -> Bool {
        try session.execute("""
            UPDATE verifications SET status = 'expired'
            WHERE id = \(id) AND status = 'pending' AND expires_at <= \(PostgresTime.milliseconds(now))
            """) == 1
    }

    func claimSend(id: String, maxSends: Int, now: Date) throws -> Bool {
        try session.execute("""
            UPDATE verifications SET sends = sends + 1
            WHERE id = \(id) AND status = 'pending' AND sends < \(maxSends) AND expires_at > \(PostgresTime.milliseconds(now))
            """) == 1
    }

    func releaseSend(id: String) throws {
        try session.query("UPDATE verifications SET sends = sends - 1 WHERE id = \(id) AND sends > 0")
    }

    func completeSend(id: String, codeHashes: [String], providerReference: String?, sentAt: Date, expiresAt: Date) throws -> Bool {
        try session.execute("""
            UPDATE verifications SET code_hashes = \(Self.joined(codeHashes)), provider_reference = \(providerReference),
                last_sent_at = \(PostgresTime.milliseconds(sentAt)), expires_at = \(PostgresTime.milliseconds(expiresAt))
            WHERE id = \(id) AND status = 'pending'
            """) == 1
    }

    private static let verificationColumns = """
        seq, id, mode, account_id, status, provider, phone_sealed, phone_hash, wrong_codes, sends, failure_reason,
        code_hashes, provider_reference, created_at, last_sent_at, expires_at,
        risk_decision, risk_score, risk_reasons, policy, policy_version, fallback_from, fallback_to, fallback_reason
        """

    private func startedCount(_ rows: PostgresQueryResult) throws -> (count: Int, oldest: Date?) {
        guard let row = rows.first else { return (0, nil) }
        let (count, oldest) = try row.decode((Int64, Int64?).self)
        return (Int(count), oldest.map(PostgresTime.date))
    }

    private func verification(_ row: PostgresRow) throws -> VerificationRecord {
        let (sequence, id, mode, accountID, status, provider, phoneSealed, phoneHash, wrongCodes, sends, failureReason,
             codeHashes, providerReference, createdAt, lastSentAt, expiresAt) =
            try row.decode((Int64, String, String, String, String, String, Data, String, Int, Int, String?,
                            String?, String?, Int64, Int64?, Int64?).self)
        let random = row.makeRandomAccess()
        var risk: StoredRisk?
        if let decision = try random["risk_decision"].decode(String?.self) {
            risk = StoredRisk(
                decision: decision, score: try random["risk_score"].decode(Int.self),
                reasons: try Self.strings(random["risk_reasons"].decode(String?.self)),
                policy: try random["policy"].decode(String.self), policyVersion: try random["policy_version"].decode(Int.self))
        }
        var fallback: ProviderFallback?
        if let from = try random["fallback_from"].decode(String?.self), let to = try random["fallback_to"].decode(String?.self),
           let reason = try random["fallback_reason"].decode(String?.self) {
            fallback = ProviderFallback(from: from, to: to, reason: reason)
        }
        return VerificationRecord(
            id: id, sequence: sequence, mode: try Self.mode(mode, reading: "verification"), accountID: accountID,
            status: status, provider: provider, phoneNumber: try sealer.openString(phoneSealed),
            phoneKey: PhoneNumberKey(hex: phoneHash), wrongCodes: wrongCodes, sends: sends, failureReason: failureReason,
            codeHashes: codeHashes.map { $0.split(separator: ",").map(String.init) } ?? [],
            providerReference: providerReference, createdAt: PostgresTime.date(createdAt),
            lastSentAt: lastSentAt.map(PostgresTime.date), expiresAt: expiresAt.map(PostgresTime.date), risk: risk,
            fallback: fallback)
    }

    static func joined(_ hashes: [String]) -> String? {
        hashes.isEmpty ? nil : hashes.joined(separator: ",")
    }
}
