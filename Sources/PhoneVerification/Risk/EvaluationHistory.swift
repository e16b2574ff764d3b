import Foundation
import RuleEngine
import SignalStore

/// The stored policy evaluations, read back with their typed signals for `phonerisk replay`.
///
/// ```swift
/// let history = EvaluationHistory(store: SQLiteVerificationStore(database: database))
/// for stored in try await history.evaluations(since: Date().addingTimeInterval(-86_400)) {
///     let now = try candidate.evaluate(stored.signals)
///     if now.verdict != stored.risk.decision { … }
/// }
/// ```
public struct EvaluationHistory: Sendable {
    private let store: any VerificationStore

    /// Reads the evaluations of `store`.
    ///
    /// - Parameter store: the verification tables.
    public init(store: any VerificationStore) { self.store = store }

    /// Every evaluation made at or after `since` (all when nil), oldest first, both modes.
    ///
    /// - Throws: a store error, or ``SignalSetDecodingError`` for a corrupt row.
    public func evaluations(since: Date?) async throws -> [StoredEvaluation] {
        try await store.read("read stored evaluations") { tx in try tx.evaluations(since: since) }.map(StoredEvaluation.init)
    }
}

/// One stored evaluation: the signals a policy saw and what it decided.
public struct StoredEvaluation: Sendable, Hashable {
    /// The verification evaluated.
    public let verificationID: String
    /// Its mode.
    public let mode: APIMode
    /// `create` or `confirm`.
    public let stage: EvaluationStage
    /// The signals, exactly as the policy saw them.
    public let signals: [String: SignalValue]
    /// The decision, score, reasons, policy and version at the time.
    public let risk: RiskAssessment
    /// When it was evaluated.
    public let evaluatedAt: Date

    init(_ record: EvaluationRecord) throws {
        guard let stage = EvaluationStage(rawValue: record.stage), let decision = Verdict(rawValue: record.decision) else {
            throw SignalSetDecodingError(reason: "evaluation \(record.id ?? 0) has stage '\(record.stage)' and decision '\(record.decision)'")
        }
        verificationID = record.verificationID
        mode = record.mode == .live ? .live : .test
        self.stage = stage
        signals = try SignalSetCoding.decode(record.signalsJSON)
        risk = RiskAssessment(decision: decision, score: record.score, reasons: record.reasons, policy: record.policy,
                              policyVersion: record.policyVersion)
        evaluatedAt = record.evaluatedAt
    }
}
