import Foundation
import GRDB

extension SQLiteVerificationTransaction {
    /// Stores one policy evaluation.
    public func insertEvaluation(_ evaluation: EvaluationRecord) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO evaluations (verification_id, mode, stage, signals, decision, score, reasons,
                    policy, policy_version, evaluated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            .execute(arguments: [
                evaluation.verificationID, evaluation.mode.rawValue, evaluation.stage, evaluation.signalsJSON,
                evaluation.decision, evaluation.score, try Self.json(evaluation.reasons), evaluation.policy,
                evaluation.policyVersion, VerificationTime.milliseconds(evaluation.evaluatedAt),
            ])
    }

    /// The stored evaluations made at or after `since` (all when nil), oldest first, both modes unless `mode` is given.
    public func evaluations(since: Date?, mode: DataMode?) throws -> [EvaluationRecord] {
        var sql = "SELECT * FROM evaluations WHERE evaluated_at >= ?"
        var arguments: StatementArguments = [since.map(VerificationTime.milliseconds) ?? Int64.min]
        if let mode {
            sql += " AND mode = ?"
            arguments += [mode.rawValue]
        }
        return try Row.fetchAll(db.cachedStatement(sql: sql + " ORDER BY id"), arguments: arguments).map(evaluation)
    }

    /// The latest evaluation of `stage` for the verification, or nil.
    public func latestEvaluation(verificationID: String, stage: String) throws -> EvaluationRecord? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM evaluations WHERE verification_id = ? AND stage = ? ORDER BY id DESC LIMIT 1"),
            arguments: [verificationID, stage]
        ).map(evaluation)
    }

    private func evaluation(_ row: Row) throws -> EvaluationRecord {
        guard let mode = DataMode(rawValue: row["mode"]) else {
            throw SignalStoreError.databaseFailure(operation: "read evaluation", reason: "unknown mode")
        }
        return EvaluationRecord(
            id: row["id"], verificationID: row["verification_id"], mode: mode, stage: row["stage"],
            signalsJSON: row["signals"], decision: row["decision"], score: row["score"],
            reasons: try Self.strings(row["reasons"]), policy: row["policy"], policyVersion: row["policy_version"],
            evaluatedAt: VerificationTime.date(row["evaluated_at"]))
    }
}
