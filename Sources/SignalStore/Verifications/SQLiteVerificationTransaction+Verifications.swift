import Foundation
import GRDB

extension SQLiteVerificationTransaction {
    /// Inserts a verification (normally as a `creating` claim) and answers its sequence number.
    @discardableResult
    public func insertVerification(_ record: VerificationRecord) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO verifications (id, mode, account_id, status, provider, phone_sealed, phone_hash,
                    wrong_codes, sends, failure_reason, code_hashes, provider_reference, created_at,
                    last_sent_at, expires_at, risk_decision, risk_score, risk_reasons, policy, policy_version,
                    fallback_from, fallback_to, fallback_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            .execute(arguments: [
                record.id, record.mode.rawValue, record.accountID, record.status, record.provider,
                try sealer.seal(record.phoneNumber), record.phoneKey.hex, record.wrongCodes, record.sends,
                record.failureReason, Self.joined(record.codeHashes), record.providerReference,
                VerificationTime.milliseconds(record.createdAt), record.lastSentAt.map(VerificationTime.milliseconds),
                record.expiresAt.map(VerificationTime.milliseconds), record.risk?.decision, record.risk?.score,
                try record.risk.map { try Self.json($0.reasons) }, record.risk?.policy, record.risk?.policyVersion,
                record.fallback?.from, record.fallback?.to, record.fallback?.reason,
            ])
        return db.lastInsertedRowID
    }

    /// The visible verification `id` of `accountID` in `mode`, or nil (unknown, other account or mode, or still `creating`).
    public func verification(id: String, accountID: String, mode: DataMode) throws -> VerificationRecord? {
        try Row.fetchOne(
            db.cachedStatement(sql: """
                SELECT * FROM verifications
                WHERE id = ? AND account_id = ? AND mode = ? AND status <> 'creating'
                """),
            arguments: [id, accountID, mode.rawValue]
        ).map(verification)
    }

    /// Up to `limit` visible verifications of the account, newest first, older than `beforeSequence` when given.
    public func verifications(accountID: String, mode: DataMode, limit: Int, beforeSequence: Int64?) throws -> [VerificationRecord] {
        try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT * FROM verifications
                WHERE mode = ? AND account_id = ? AND status <> 'creating' AND seq < ?
                ORDER BY seq DESC LIMIT ?
                """),
            arguments: [mode.rawValue, accountID, beforeSequence ?? Int64.max, limit]
        ).map(verification)
    }

    /// Verifications started for the number since `since` (every status, claims included) and the oldest one's time.
    public func startedCount(phoneKey: PhoneNumberKey, mode: DataMode, since: Date) throws -> (count: Int, oldest: Date?) {
        try startedCount(
            sql: "SELECT COUNT(*), MIN(created_at) FROM verifications WHERE mode = ? AND phone_hash = ? AND created_at > ?",
            arguments: [mode.rawValue, phoneKey.hex, VerificationTime.milliseconds(since)])
    }

    /// Verifications started by the account since `since` (every status, claims included) and the oldest one's time.
    public func startedCount(accountID: String, mode: DataMode, since: Date) throws -> (count: Int, oldest: Date?) {
        try startedCount(
            sql: "SELECT COUNT(*), MIN(created_at) FROM verifications WHERE mode = ? AND account_id = ? AND created_at > ?",
            arguments: [mode.rawValue, accountID, VerificationTime.milliseconds(since)])
    }

    /// The `pending` verifications of the number in `mode` made through `provider` whose code is still live at
    /// `liveAt` (every account), oldest first: the ones a new verification of the number supersedes.
    public func pendingVerifications(phoneKey: PhoneNumberKey, mode: DataMode, provider: String, liveAt: Date) throws -> [VerificationRecord] {
        try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT * FROM verifications
                WHERE mode = ? AND phone_hash = ? AND provider = ? AND status = 'pending' AND expires_at > ?
                ORDER BY created_at, seq
                """),
            arguments: [mode.rawValue, phoneKey.hex, provider, VerificationTime.milliseconds(liveAt)]
        ).map(verification)
    }

    /// Deletes the `creating` claims of this number or account made before `before`: creates that died
    /// between their claim and their outcome (a crash, a dropped connection), which must not hold a rate limit.
    /// Answers how many were deleted.
    @discardableResult
    public func releaseStaleClaims(phoneKey: PhoneNumberKey, accountID: String, mode: DataMode, before: Date) throws -> Int {
        let cutoff = VerificationTime.milliseconds(before)
        try db.cachedStatement(
            sql: "DELETE FROM verifications WHERE mode = ? AND phone_hash = ? AND created_at < ? AND status = 'creating'")
            .execute(arguments: [mode.rawValue, phoneKey.hex, cutoff])
        var deleted = db.changesCount
        try db.cachedStatement(
            sql: "DELETE FROM verifications WHERE mode = ? AND account_id = ? AND created_at < ? AND status = 'creating'")
            .execute(arguments: [mode.rawValue, accountID, cutoff])
        deleted += db.changesCount
        return deleted
    }

    /// Deletes a verification and its evaluations (a create claim whose send failed).
    public func deleteVerification(id: String) throws {
        try db.cachedStatement(sql: "DELETE FROM verifications WHERE id = ?").execute(arguments: [id])
    }

    /// Turns a `creating` claim into its final state; answers whether the claim existed.
    public func finishCreate(
        id: String, status: String, sends: Int, codeHashes: [String], providerReference: String?,
        lastSentAt: Date?, expiresAt: Date?, risk: StoredRisk
    ) throws -> Bool {
        try db.cachedStatement(
            sql: """
                UPDATE verifications SET status = ?, sends = ?, code_hashes = ?, provider_reference = ?,
                    last_sent_at = ?, expires_at = ?, risk_decision = ?, risk_score = ?, risk_reasons = ?,
                    policy = ?, policy_version = ?
                WHERE id = ? AND status = 'creating'
                """)
            .execute(arguments: [
                status, sends, Self.joined(codeHashes), providerReference,
                lastSentAt.map(VerificationTime.milliseconds), expiresAt.map(VerificationTime.milliseconds),
                risk.decision, risk.score, try Self.json(risk.reasons), risk.policy, risk.policyVersion, id,
            ])
        return db.changesCount == 1
    }

    /// Records on a `creating` claim that it left its provider; returns whether the claim existed.
    public func recordFallback(id: String, fallback: ProviderFallback) throws -> Bool {
        try db.cachedStatement(
            sql: """
                UPDATE verifications SET provider = ?, fallback_from = ?, fallback_to = ?, fallback_reason = ?
                WHERE id = ? AND status = 'creating'
                """)
            .execute(arguments: [fallback.to, fallback.from, fallback.to, fallback.reason, id])
        return db.changesCount == 1
    }

    /// Counts one wrong code on a live pending verification; the `maxWrongCodes`-th fails it
    /// (`max_attempts_reached`). Answers whether a row changed.
    public func recordWrongCode(id: String, maxWrongCodes: Int, now: Date) throws -> Bool {
        try db.cachedStatement(
            sql: """
                UPDATE verifications SET
                    wrong_codes = wrong_codes + 1,
                    status = CASE WHEN wrong_codes + 1 >= :max THEN 'failed' ELSE status END,
                    failure_reason = CASE WHEN wrong_codes + 1 >= :max THEN 'max_attempts_reached' ELSE NULL END
                WHERE id = :id AND status = 'pending' AND wrong_codes < :max AND expires_at > :now
                """)
            .execute(arguments: ["max": maxWrongCodes, "id": id, "now": VerificationTime.milliseconds(now)])
        return db.changesCount == 1
    }

    public func transition(_ change: StatusChange) throws -> Bool {
        let placeholders = Array(repeating: "?", count: change.from.count).joined(separator: ", ")
        var arguments: StatementArguments = [change.to, change.failureReason]
        var assignments = "status = ?, failure_reason = ?"
        if let risk = change.risk {
            assignments += ", risk_decision = ?, risk_score = ?, risk_reasons = ?, policy = ?, policy_version = ?"
            arguments += [risk.decision, risk.score, try Self.json(risk.reasons), risk.policy, risk.policyVersion]
        }
        var conditions = "id = ? AND status IN (\(placeholders))"
        arguments += [change.id]
        arguments += StatementArguments(change.from)
        if let liveAt = change.liveAt {
            conditions += " AND expires_at > ?"
            arguments += [VerificationTime.milliseconds(liveAt)]
        }
        if let maxWrongCodes = change.maxWrongCodes {
            conditions += " AND wrong_codes < ?"
            arguments += [maxWrongCodes]
        }
        try db.cachedStatement(sql: "UPDATE verifications SET \(assignments) WHERE \(conditions)").execute(arguments: arguments)
        return db.changesCount == 1
    }

    /// Marks a pending verification `expired` when its code expired at or before `now`; answers whether it changed.
    public func expire(id: String, now: Date) throws -> Bool {
        try db.cachedStatement(
            sql: "UPDATE verifications SET status = 'expired' WHERE id = ? AND status = 'pending' AND expires_at <= ?")
            .execute(arguments: [id, VerificationTime.milliseconds(now)])
        return db.changesCount == 1
    }

    /// Claims one more send for a live pending verification below `maxSends`; answers whether it was granted.
    public func claimSend(id: String, maxSends: Int, now: Date) throws -> Bool {
        try db.cachedStatement(
            sql: """
                UPDATE verifications SET sends = sends + 1
                WHERE id = ? AND status = 'pending' AND sends < ? AND expires_at > ?
                """)
            .execute(arguments: [id, maxSends, VerificationTime.milliseconds(now)])
        return db.changesCount == 1
    }

    /// Gives back a send claimed by ``claimSend(id:maxSends:now:)`` whose delivery failed.
    public func releaseSend(id: String) throws {
        try db.cachedStatement(sql: "UPDATE verifications SET sends = sends - 1 WHERE id = ? AND sends > 0").execute(arguments: [id])
    }

    /// Stores a completed resend: the new code, the provider's id and the restarted expiry.
    /// Answers whether the verification was still pending.
    public func completeSend(id: String, codeHashes: [String], providerReference: String?, sentAt: Date, expiresAt: Date) throws -> Bool {
        try db.cachedStatement(
            sql: """
                UPDATE verifications SET code_hashes = ?, provider_reference = ?, last_sent_at = ?, expires_at = ?
                WHERE id = ? AND status = 'pending'
                """)
            .execute(arguments: [Self.joined(codeHashes), providerReference, VerificationTime.milliseconds(sentAt),
                        VerificationTime.milliseconds(expiresAt), id])
        return db.changesCount == 1
    }

    private func startedCount(sql: String, arguments: StatementArguments) throws -> (count: Int, oldest: Date?) {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) else { return (0, nil) }
        let oldest: Int64? = row[1]
        return (row[0], oldest.map(VerificationTime.date))
    }

    private func verification(_ row: Row) throws -> VerificationRecord {
        guard let mode = DataMode(rawValue: row["mode"]) else {
            throw SignalStoreError.databaseFailure(operation: "read verification", reason: "unknown mode")
        }
        let lastSent: Int64? = row["last_sent_at"]
        let expires: Int64? = row["expires_at"]
        let hashes: String? = row["code_hashes"]
        var fallback: ProviderFallback?
        if let from: String = row["fallback_from"], let to: String = row["fallback_to"], let reason: String = row["fallback_reason"] {
            fallback = ProviderFallback(from: from, to: to, reason: reason)
        }
        var risk: StoredRisk?
        if let decision: String = row["risk_decision"] {
            risk = StoredRisk(
                decision: decision, score: row["risk_score"], reasons: try Self.strings(row["risk_reasons"]),
                policy: row["policy"], policyVersion: row["policy_version"])
        }
        return VerificationRecord(
            id: row["id"], sequence: row["seq"], mode: mode, accountID: row["account_id"], status: row["status"],
            provider: row["provider"], phoneNumber: try sealer.openString(row["phone_sealed"]),
            phoneKey: PhoneNumberKey(hex: row["phone_hash"]), wrongCodes: row["wrong_codes"], sends: row["sends"],
            failureReason: row["failure_reason"],
            codeHashes: hashes.map { $0.split(separator: ",").map(String.init) } ?? [],
            providerReference: row["provider_reference"], createdAt: VerificationTime.date(row["created_at"]),
            lastSentAt: lastSent.map(VerificationTime.date), expiresAt: expires.map(VerificationTime.date), risk: risk,
            fallback: fallback)
    }

    static func joined(_ hashes: [String]) -> String? {
        hashes.isEmpty ? nil : hashes.joined(separator: ",")
    }

    static func json(_ strings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
    }

    static func strings(_ json: String?) throws -> [String] {
        guard let json else { return [] }
        return try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
