import Foundation
import PostgresNIO
import SignalStore

extension PostgresVerificationTransaction {
    func insertEvaluation(_ evaluation: EvaluationRecord) throws {
        let reasons = try Self.json(evaluation.reasons)
        try session.query("""
            INSERT INTO evaluations (verification_id, mode, stage, signals, decision, score, reasons,
                policy, policy_version, evaluated_at)
            VALUES (\(evaluation.verificationID), \(evaluation.mode.rawValue), \(evaluation.stage),
                    \(evaluation.signalsJSON), \(evaluation.decision), \(evaluation.score), \(reasons),
                    \(evaluation.policy), \(evaluation.policyVersion), \(PostgresTime.milliseconds(evaluation.evaluatedAt)))
            """)
    }

    func evaluations(since: Date?, mode: DataMode?) throws -> [EvaluationRecord] {
        let since = since.map(PostgresTime.milliseconds) ?? Int64.min
        let mode = mode?.rawValue
        return try session.query("""
            SELECT \(unescaped: Self.evaluationColumns) FROM evaluations
            WHERE evaluated_at >= \(since) AND (\(mode)::text IS NULL OR mode = \(mode))
            ORDER BY id
            """).map(evaluation)
    }

    func latestEvaluation(verificationID: String, stage: String) throws -> EvaluationRecord? {
        try session.query("""
            SELECT \(unescaped: Self.evaluationColumns) FROM evaluations
            WHERE verification_id = \(verificationID) AND stage = \(stage) ORDER BY id DESC LIMIT 1
            """).first.map(evaluation)
    }

    private static let evaluationColumns =
        "id, verification_id, mode, stage, signals, decision, score, reasons, policy, policy_version, evaluated_at"

    private func evaluation(_ row: PostgresRow) throws -> EvaluationRecord {
        let (id, verificationID, mode, stage, signals, decision, score, reasons, policy, policyVersion, evaluatedAt) =
            try row.decode((Int64, String, String, String, String, String, Int, String, String, Int, Int64).self)
        return EvaluationRecord(
            id: id, verificationID: verificationID, mode: try Self.mode(mode, reading: "evaluation"), stage: stage,
            signalsJSON: signals, decision: decision, score: score, reasons: try Self.strings(reasons), policy: policy,
            policyVersion: policyVersion, evaluatedAt: PostgresTime.date(evaluatedAt))
    }
}
