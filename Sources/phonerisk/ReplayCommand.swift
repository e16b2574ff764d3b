import ArgumentParser
import Foundation
import PhoneRiskServer
import PhoneVerification
import RuleEngine
import Simulation

/// `phonerisk replay`: what another policy would have decided on the stored evaluations.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-evaluate stored evaluations with another policy and show how the decisions would change.",
        discussion: """
            Prints JSON lines on stdout: one {"type":"moved",...} per evaluation whose decision changes
            (verification_id, mode, stage, evaluated_at, from, to, from_risk, to_risk, from_policy, reasons),
            one {"type":"error",...} per evaluation that cannot be replayed, one {"type":"matrix","from","to","count"}
            per non-zero cell of the from → to matrix, and a final {"type":"summary",...}. The matrix is also
            drawn on stderr. Exit status 1 when an evaluation could not be replayed.
            With --labels FILE (JSON lines {"verification_id": "...", "label": "honest|pumping|takeover|voip_farm|code_guessing"},
            see docs/SIMULATION.md), also one {"type":"label_matrix","label","outcome","stored","replayed"} per label
            and outcome, the population × outcome matrix of `phonerisk simulate` for the stored history, drawn on stderr
            with the replayed policy's outcome beside the stored one.
            """
    )

    @Option(help: "The policy to replay with.")
    var policy: String

    @OptionGroup var database: ServiceDatabaseOption

    @Option(help: "Only evaluations from this long ago until now, written like a policy duration (7d).")
    var since: String?

    @Option(help: "Labels found later, as JSON lines {\"verification_id\", \"label\"}: adds the population × outcome matrix.")
    var labels: String?

    func validate() throws {
        if let since {
            do {
                _ = try DurationText.seconds(since, setting: "--since")
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    func run() async throws {
        let candidate: CompiledPolicy
        do {
            candidate = try PolicyLoader.compile(file: policy)
        } catch {
            throw ServiceCommandFailure(message: error.description)
        }
        let labelled: [String: PopulationLabel]?
        do {
            labelled = try labels.map { path throws(ScenarioError) in try LabelledHistory.labels(file: path) }
        } catch {
            throw ServiceCommandFailure(message: error.description)
        }
        let start = try since.map { Date().addingTimeInterval(-Double(try DurationText.seconds($0, setting: "--since"))) }
        let report: ReplayReport
        do {
            report = try await database.withStore { store in try await PolicyReplay.run(store: store, policy: candidate, since: start) }
        } catch let failure as ServiceCommandFailure {
            throw failure
        } catch {
            throw ServiceCommandFailure(message: "cannot read the stored evaluations: \(error)")
        }
        for moved in report.moved {
            try ServiceJSONOutput.print(Tagged(type: "moved", value: moved))
        }
        for failure in report.failures {
            try ServiceJSONOutput.print(Tagged(type: "error", value: failure))
        }
        for cell in report.cells {
            try ServiceJSONOutput.print(MatrixCell(from: cell.from, to: cell.to, count: cell.count))
        }
        try ServiceJSONOutput.print(Summary(
            policy: report.policy, version: report.version, evaluations: report.evaluations,
            moved: report.moved.count, errors: report.failures.count))
        StandardError.write(Self.table(report))
        if let labelled {
            let history = LabelledHistory(report: report, labels: labelled)
            for label in PopulationLabel.allCases where history.stored[label] != nil {
                for outcome in LabelledHistory.outcomes {
                    try ServiceJSONOutput.print(LabelCell(
                        label: label.rawValue, outcome: outcome, stored: history.stored[label]?[outcome] ?? 0,
                        replayed: history.replayed[label]?[outcome] ?? 0))
                }
            }
            StandardError.write(history.table(policy: "\(report.policy) v\(report.version)"))
        }
        if !report.failures.isEmpty {
            throw ExitCode.failure
        }
    }

    /// The matrix for people: rows are stored decisions, columns replayed ones.
    static func table(_ report: ReplayReport) -> String {
        let verdicts = Verdict.allCases.sorted()
        let width = 9
        func pad(_ text: String) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        var lines = ["\(report.evaluations) evaluations replayed with \(report.policy) v\(report.version); \(report.moved.count) moved",
                     pad("from\\to") + verdicts.map { pad($0.rawValue) }.joined()]
        for from in verdicts {
            lines.append(pad(from.rawValue) + verdicts.map { pad(String(report.matrix[from]?[$0] ?? 0)) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A JSON line with a `type` member before the value's own members.
private struct Tagged<Value: Encodable>: Encodable {
    var type: String
    var value: Value

    private enum CodingKeys: String, CodingKey { case type }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try value.encode(to: encoder)
    }
}

private struct MatrixCell: Encodable {
    var type = "matrix"
    var from: Verdict
    var to: Verdict
    var count: Int
}

private struct LabelCell: Encodable {
    var type = "label_matrix"
    var label: String
    var outcome: String
    var stored: Int
    var replayed: Int
}

private struct Summary: Encodable {
    var type = "summary"
    var policy: String
    var version: Int
    var evaluations: Int
    var moved: Int
    var errors: Int
}
