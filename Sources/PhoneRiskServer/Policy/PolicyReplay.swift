import Foundation
import PhoneVerification
import RuleEngine
import SignalStore

/// Re-evaluates stored evaluations with another policy, to see what a policy
/// change would have decided before it goes live.
///
/// Every evaluation the service stored (each verification's create and
/// confirm stages, with the exact signal set the policy saw) is evaluated
/// again with `policy`; the report counts the from → to decisions and lists
/// the evaluations whose decision moved.
///
/// ```swift
/// let report = try await PolicyReplay.run(store: store, policy: candidate, since: Date().addingTimeInterval(-7 * 86_400))
/// report.matrix[.pass]?[.block]   // how many passes the candidate would block
/// ```
public enum PolicyReplay {
    /// Replays the evaluations stored since `since` (all of them when nil), oldest first.
    ///
    /// - Parameters:
    ///   - store: The service's store.
    ///   - policy: The policy to evaluate with.
    ///   - since: The earliest evaluation time to include.
    /// - Returns: The report.
    /// - Throws: `SignalStoreError` when the database cannot be read.
    public static func run(store: ServiceStore, policy: CompiledPolicy, since: Date?) async throws -> ReplayReport {
        let evaluations = try await store.verifications.read("replay evaluations") { tx in
            try tx.evaluations(since: since)
        }
        var report = ReplayReport(policy: policy.name, version: policy.version)
        for stored in evaluations {
            report.evaluations += 1
            let result: PolicyResult
            do {
                result = try policy.evaluate(try SignalSetCoding.decode(stored.signalsJSON))
            } catch {
                report.failures.append(ReplayFailure(record: stored, reason: "\(error)"))
                continue
            }
            guard let from = Verdict(rawValue: stored.decision) else {
                report.failures.append(ReplayFailure(record: stored, reason: "unknown stored decision '\(stored.decision)'"))
                continue
            }
            report.matrix[from, default: [:]][result.verdict, default: 0] += 1
            report.decisions.append(ReplayedDecision(
                verificationID: stored.verificationID, stage: stored.stage, stored: from, replayed: result.verdict))
            if from != result.verdict {
                report.moved.append(MovedEvaluation(record: stored, from: from, result: result))
            }
        }
        return report
    }
}

/// What a replay found.
public struct ReplayReport: Sendable, Equatable {
    /// The replayed policy's name.
    public var policy: String
    /// Its version.
    public var version: Int
    /// How many stored evaluations were read.
    public var evaluations = 0
    /// `matrix[from][to]`: how many evaluations went from the stored decision to the new one.
    public var matrix: [Verdict: [Verdict: Int]] = [:]
    /// The evaluations whose decision changed, oldest first.
    public var moved: [MovedEvaluation] = []
    /// The evaluations that could not be replayed (a signal the new policy types differently, say).
    public var failures: [ReplayFailure] = []
    /// Every replayed evaluation's stored and replayed decision, oldest first.
    public var decisions: [ReplayedDecision] = []

    /// The non-zero cells of the matrix, in severity order.
    public var cells: [(from: Verdict, to: Verdict, count: Int)] {
        Verdict.allCases.sorted().flatMap { from in
            Verdict.allCases.sorted().compactMap { to in
                matrix[from]?[to].map { (from, to, $0) }
            }
        }
    }

    /// Creates an empty report.
    ///
    /// - Parameters:
    ///   - policy: The policy's name.
    ///   - version: Its version.
    public init(policy: String, version: Int) {
        self.policy = policy
        self.version = version
    }
}

/// One replayed evaluation: which verification and stage, what was decided then and what the
/// replayed policy decides.
public struct ReplayedDecision: Sendable, Equatable {
    /// The verification.
    public var verificationID: String
    /// `create` or `confirm`.
    public var stage: String
    /// The stored decision.
    public var stored: Verdict
    /// The replayed decision.
    public var replayed: Verdict
}

/// One evaluation whose decision the replayed policy changes.
public struct MovedEvaluation: Sendable, Equatable, Encodable {
    /// The verification.
    public var verificationID: String
    /// Its mode.
    public var mode: String
    /// `create` or `confirm`.
    public var stage: String
    /// When it was evaluated.
    public var evaluatedAt: Date
    /// The stored decision.
    public var from: Verdict
    /// The replayed decision.
    public var to: Verdict
    /// The stored risk score.
    public var fromRisk: Int
    /// The replayed risk score.
    public var toRisk: Int
    /// The policy and version that made the stored decision.
    public var fromPolicy: String
    /// The replayed reasons.
    public var reasons: [String]

    init(record: EvaluationRecord, from: Verdict, result: PolicyResult) {
        verificationID = record.verificationID
        mode = record.mode.rawValue
        stage = record.stage
        evaluatedAt = record.evaluatedAt
        self.from = from
        to = result.verdict
        fromRisk = record.score
        toRisk = result.risk
        fromPolicy = "\(record.policy) v\(record.policyVersion)"
        reasons = result.reasons
    }

    private enum CodingKeys: String, CodingKey {
        case verificationID = "verification_id"
        case mode, stage
        case evaluatedAt = "evaluated_at"
        case from, to
        case fromRisk = "from_risk"
        case toRisk = "to_risk"
        case fromPolicy = "from_policy"
        case reasons
    }
}

/// A stored evaluation that could not be replayed.
public struct ReplayFailure: Sendable, Equatable, Encodable {
    /// The verification.
    public var verificationID: String
    /// `create` or `confirm`.
    public var stage: String
    /// Why.
    public var reason: String

    init(record: EvaluationRecord, reason: String) {
        verificationID = record.verificationID
        stage = record.stage
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case verificationID = "verification_id"
        case stage, reason
    }
}
