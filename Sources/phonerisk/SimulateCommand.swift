import ArgumentParser
import Foundation
import PhoneRiskServer
import PhoneVerification
import RuleEngine
import Simulation

/// `phonerisk simulate`: labelled synthetic traffic through the real service, Twilio faked on loopback.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run labelled synthetic traffic through the verification service and report what the policy stopped.",
        discussion: """
            Each scenario (docs/SIMULATION.md) runs in simulated time through the service as `serve` assembles it in
            live mode, on a scratch SQLite store, with Twilio Verify and Lookup played by a local server speaking
            their published wire formats. Prints per scenario the population × outcome matrices at create and at
            the end, SMS sent per population, and four rates: pumping sends stopped, takeovers stopped, honest
            users with friction, honest users blocked. The same --seed gives the same output.
            A policy named `built-in` is the policy built into the binary.
            """
    )

    @Option(name: .long, help: "A scenario file, or a folder of them (*.json); repeatable. Default: Scenarios/.")
    var scenario: [String] = []

    @Option(name: .long, help: "The policy to run (default: the built-in policy).")
    var policy: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Two policies to run side by side on identical traffic.")
    var compare: [String] = []

    @Flag(name: .long, help: "Print one JSON object instead of tables.")
    var json = false

    @Option(name: .long, help: "The seed of the traffic and of the fake's codes.")
    var seed: UInt64 = 1

    func validate() throws {
        if !compare.isEmpty && compare.count != 2 {
            throw ValidationError("--compare takes exactly two policies, not \(compare.count)")
        }
        if !compare.isEmpty && policy != nil {
            throw ValidationError("give either --policy or --compare, not both")
        }
    }

    func run() async throws {
        let files = try scenarioFiles()
        var scenarios: [Scenario] = []
        for file in files {
            do {
                scenarios.append(try Scenario.load(file: file))
            } catch {
                throw ServiceCommandFailure(message: "\(error.description)")
            }
        }
        let sources = compare.isEmpty ? [policy ?? "built-in"] : compare
        var policies: [(String, CompiledPolicy)] = []
        for source in sources {
            do {
                policies.append((source, source == "built-in" ? try PolicyHolder().current : try PolicyLoader.compile(file: source)))
            } catch {
                throw ServiceCommandFailure(message: "\(error)")
            }
        }
        var report = SimulationReport(seed: seed, scenarios: [])
        for scenario in scenarios {
            var runs: [SimulationReport.PolicyRun] = []
            for (source, compiled) in policies {
                let tally: Tally
                do {
                    tally = try await Simulator.run(scenario, policy: compiled, seed: seed)
                } catch let error as ScenarioError {
                    throw ServiceCommandFailure(message: "\(error.description)")
                } catch {
                    throw ServiceCommandFailure(message: "the simulation of \(scenario.file) failed: \(error)")
                }
                runs.append(.init(source: source, name: compiled.name, version: compiled.version, tally: tally))
            }
            report.scenarios.append(.init(name: scenario.name, file: scenario.file, runs: runs))
        }
        if json {
            try StandardOutput.write(try report.json() + Data("\n".utf8))
        } else {
            try StandardOutput.write(Data(report.text().utf8))
        }
    }

    /// The scenario files: each file given, and the `*.json` of each folder given, sorted.
    private func scenarioFiles() throws -> [String] {
        var files: [String] = []
        for path in scenario.isEmpty ? ["Scenarios"] : scenario {
            if PolicyFiles.isDirectory(path) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let found = names.filter { $0.hasSuffix(".json") }.sorted().map { (path as NSString).appendingPathComponent($0) }
                guard !found.isEmpty else { throw ServiceCommandFailure(message: "\(path): no scenario files (*.json) in this folder") }
                files += found
            } else {
                files.append(path)
            }
        }
        return files
    }
}
