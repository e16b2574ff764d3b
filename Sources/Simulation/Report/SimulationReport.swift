import Foundation
import RuleEngine

/// The runs of `phonerisk simulate`: every scenario under every policy asked for, and how to show them.
public struct SimulationReport: Sendable {
    /// One policy a run used.
    public struct PolicyRun: Sendable {
        /// How the report names it: the file, or `built-in`.
        public var source: String
        /// The policy's declared name.
        public var name: String
        /// The policy's declared version.
        public var version: Int
        /// What the run produced.
        public var tally: Tally

        /// Creates a run's entry.
        ///
        /// - Parameters:
        ///   - source: The file, or `built-in`.
        ///   - name: The policy's name.
        ///   - version: The policy's version.
        ///   - tally: What the run produced.
        public init(source: String, name: String, version: Int, tally: Tally) {
            self.source = source
            self.name = name
            self.version = version
            self.tally = tally
        }
    }

    /// One scenario under each policy.
    public struct ScenarioRuns: Sendable {
        /// The scenario's name.
        public var name: String
        /// The file it came from.
        public var file: String
        /// One run per policy, in the order asked for.
        public var runs: [PolicyRun]

        /// Creates a scenario's entry.
        ///
        /// - Parameters:
        ///   - name: The scenario's name.
        ///   - file: Its file.
        ///   - runs: One run per policy.
        public init(name: String, file: String, runs: [PolicyRun]) {
            self.name = name
            self.file = file
            self.runs = runs
        }
    }

    /// The seed every run used.
    public var seed: UInt64
    /// The scenarios, in the order given.
    public var scenarios: [ScenarioRuns]

    /// Creates a report.
    ///
    /// - Parameters:
    ///   - seed: The seed of the runs.
    ///   - scenarios: Each scenario's runs.
    public init(seed: UInt64, scenarios: [ScenarioRuns]) {
        self.seed = seed
        self.scenarios = scenarios
    }

    /// The report as one JSON object (keys sorted, so the same seed gives the same bytes).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(JSONReport(self))
    }

    /// The report for people: per scenario, the create and final matrices and the messages of
    /// each policy, then the rates of all policies side by side.
    public func text() -> String {
        var out = ""
        for scenario in scenarios {
            let flows = scenario.runs.first.map { $0.tally.labels.values.reduce(0) { $0 + $1.flows } } ?? 0
            out += "Scenario \(scenario.name) (\(scenario.file)): \(flows) flows, seed \(seed)\n"
            for run in scenario.runs {
                out += "\nPolicy \(run.name) v\(run.version) (\(run.source))\n\n"
                out += Self.matrix(run.tally, title: "at create", columns: Self.createColumns, path: \.create)
                out += "\n"
                out += Self.matrix(run.tally, title: "final", columns: Self.finalColumns, path: \.final)
            }
            out += "\n" + Self.sideBySide(scenario.runs)
            out += "\n"
        }
        return out
    }

    static let createColumns = ["pending", "requires_step_up", "in_review", "blocked"]
    static let finalColumns = ["verified", "requires_step_up", "in_review", "failed", "expired", "canceled", "blocked", "pending", "refused"]

    /// Rows by label, the fixed columns then every other outcome seen, sorted.
    static func matrix(_ tally: Tally, title: String, columns fixed: [String], path: KeyPath<LabelTally, [String: Int]>) -> String {
        let labels = PopulationLabel.allCases.filter { tally.labels[$0] != nil }
        let seen = Set(labels.flatMap { tally[$0][keyPath: path].keys })
        let columns = fixed + seen.subtracting(fixed).sorted()
        var rows = [[title, "flows"] + columns]
        for label in labels {
            let row = tally[label]
            rows.append([label.rawValue, String(row.flows)] + columns.map { String(row[keyPath: path][$0] ?? 0) })
        }
        return table(rows)
    }

    /// Messages and the four rates, one column per policy.
    static func sideBySide(_ runs: [PolicyRun]) -> String {
        let heads = runs.map { "\($0.name) v\($0.version) (\($0.source))" }
        var rows = [["SMS sent / requested"] + heads]
        for label in PopulationLabel.allCases where runs.contains(where: { $0.tally.labels[label] != nil }) {
            rows.append([label.rawValue] + runs.map { "\($0.tally[label].smsSent) / \($0.tally[label].sendsRequested)" })
        }
        let out = table(rows) + "\n"
        let rates: [(String, (Rates) -> Double?, (Tally) -> String)] = [
            ("pumping sends stopped", \.pumpingSendsStopped, { "\($0[.pumping].sendsRequested - $0[.pumping].smsSent) of \($0[.pumping].sendsRequested)" }),
            ("takeovers stopped", \.takeoversStopped, { "\($0[.takeover].flows - $0[.takeover].verified) of \($0[.takeover].flows)" }),
            ("honest users with friction", \.honestWithFriction, { "\($0[.honest].withFriction) of \($0[.honest].flows)" }),
            ("honest users blocked", \.honestBlocked, { "\($0[.honest].blocked) of \($0[.honest].flows)" }),
        ]
        var rateRows = [["rate"] + heads]
        for (name, value, detail) in rates {
            rateRows.append([name] + runs.map { run in
                value(run.tally.rates).map { String(format: "%.1f%%", $0 * 100) + " (\(detail(run.tally)))" } ?? "n/a"
            })
        }
        return out + table(rateRows)
    }

    /// Left-aligned first column, right-aligned others, two spaces apart.
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

/// The JSON shape of a report.
private struct JSONReport: Encodable {
    struct Run: Encodable {
        var source: String
        var policy: String
        var version: Int
        var labels: [String: LabelTally]
        var rates: Rates
    }

    struct ScenarioRuns: Encodable {
        var name: String
        var file: String
        var runs: [Run]
    }

    var seed: UInt64
    var scenarios: [ScenarioRuns]

    init(_ report: SimulationReport) {
        seed = report.seed
        scenarios = report.scenarios.map { scenario in
            ScenarioRuns(name: scenario.name, file: scenario.file, runs: scenario.runs.map { run in
                Run(source: run.source, policy: run.name, version: run.version,
                    labels: Dictionary(uniqueKeysWithValues: run.tally.labels.map { ($0.key.rawValue, $0.value) }),
                    rates: run.tally.rates)
            })
        }
    }
}
