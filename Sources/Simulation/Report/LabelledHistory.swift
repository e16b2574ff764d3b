import Foundation
import PhoneRiskServer
import RuleEngine

/// Stored history with labels found later (`phonerisk replay --labels FILE`): the population ×
/// outcome matrix of the simulator for real verifications, under the stored decisions and under a
/// replayed policy.
///
/// An outcome is what the decisions made of the verification: `blocked` (a create-stage `block`),
/// then the confirm stage's `verified` (`pass`), `requires_step_up`, `in_review` or `failed`
/// (`block`), and `no_right_code` for a verification never confirmed (pending, expired, canceled,
/// or failed on wrong codes: outcomes no policy decides).
///
/// ```swift
/// let labels = try LabelledHistory.labels(file: "labels.jsonl")
/// let history = LabelledHistory(report: replayReport, labels: labels)
/// history.stored[.pumping]?["blocked"]
/// ```
public struct LabelledHistory: Sendable, Equatable {
    /// The outcome columns, in order.
    public static let outcomes = ["blocked", "verified", "requires_step_up", "in_review", "failed", "no_right_code"]

    /// Outcome counts per label under the stored decisions.
    public var stored: [PopulationLabel: [String: Int]] = [:]
    /// Outcome counts per label under the replayed policy.
    public var replayed: [PopulationLabel: [String: Int]] = [:]
    /// Labelled verifications with no stored evaluation in the replayed period.
    public var notFound = 0

    /// Builds the matrices from a replay and the labels.
    ///
    /// - Parameters:
    ///   - report: A replay of the stored evaluations.
    ///   - labels: Each labelled verification's label, by id.
    public init(report: ReplayReport, labels: [String: PopulationLabel]) {
        var create: [String: (stored: Verdict, replayed: Verdict)] = [:]
        var confirm: [String: (stored: Verdict, replayed: Verdict)] = [:]
        for decision in report.decisions where labels[decision.verificationID] != nil {
            if decision.stage == "create" {
                create[decision.verificationID] = (decision.stored, decision.replayed)
            } else {
                confirm[decision.verificationID] = (decision.stored, decision.replayed)
            }
        }
        for (id, label) in labels.sorted(by: { $0.key < $1.key }) {
            guard let created = create[id] else {
                notFound += 1
                continue
            }
            let confirmed = confirm[id]
            stored[label, default: [:]][Self.outcome(create: created.stored, confirm: confirmed?.stored), default: 0] += 1
            replayed[label, default: [:]][Self.outcome(create: created.replayed, confirm: confirmed?.replayed), default: 0] += 1
        }
    }

    static func outcome(create: Verdict, confirm: Verdict?) -> String {
        if create == .block { return "blocked" }
        switch confirm {
        case .pass: return "verified"
        case .stepUp: return "requires_step_up"
        case .review: return "in_review"
        case .block: return "failed"
        case nil: return "no_right_code"
        }
    }

    /// Reads a labels file: JSON lines `{"verification_id": "…", "label": "honest|pumping|…"}`;
    /// blank lines are skipped.
    ///
    /// - Parameter path: The file.
    /// - Throws: ``ScenarioError`` naming the file, the line and the problem.
    public static func labels(file path: String) throws(ScenarioError) -> [String: PopulationLabel] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, field: "", problem: "cannot be read (no such file, or not readable)")
        }
        var labels: [String: PopulationLabel] = [:]
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            let field = "line \(index + 1)"
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
                  case .object(let members) = value
            else { throw ScenarioError(file: path, field: field, problem: "is not a JSON object") }
            guard case .string(let id) = members["verification_id"] ?? .null else {
                throw ScenarioError(file: path, field: "\(field): verification_id", problem: "is required, a string")
            }
            guard case .string(let name) = members["label"] ?? .null, let label = PopulationLabel(rawValue: name) else {
                throw ScenarioError(file: path, field: "\(field): label",
                                    problem: "must be one of \(PopulationLabel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let unknown = members.keys.sorted().first(where: { $0 != "verification_id" && $0 != "label" }) {
                throw ScenarioError(file: path, field: "\(field): \(unknown)", problem: "unknown field; known fields: verification_id, label")
            }
            labels[id.lowercased()] = label
        }
        return labels
    }

    /// The two matrices for people, stored beside replayed.
    public func table(policy: String) -> String {
        var rows = [["label", "decided"] + Self.outcomes]
        for label in PopulationLabel.allCases where stored[label] != nil {
            rows.append([label.rawValue, "stored"] + Self.outcomes.map { String(stored[label]?[$0] ?? 0) })
            rows.append(["", policy] + Self.outcomes.map { String(replayed[label]?[$0] ?? 0) })
        }
        var text = SimulationReport.table(rows)
        if notFound > 0 { text += "\(notFound) labelled verifications have no stored evaluation in the period\n" }
        return text
    }
}
