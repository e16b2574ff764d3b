import Foundation
import Testing
@testable import Simulation

@Suite("Scenario files")
struct ScenarioDecodingTests {
    private func decode(_ text: String) throws(ScenarioError) -> Scenario {
        try Scenario.decode(Data(text.utf8), file: "Scenarios/x.json")
    }

    private func population(_ members: String) -> String {
        #"{"name": "x", "populations": [{"name": "p", "label": "honest", "flows": 3, "numbers": {"regions": {"GB": 1}}\#(members)}]}"#
    }

    @Test("a complete population decodes with its values and defaults")
    func decodesAPopulation() throws {
        let scenario = try decode(population(#", "behavior": {"confirm": 0.5, "code_entry": {"min": "8s", "max": "90s"}, "resend": {"count": 2, "interval": "10s"}}"#))
        let behavior = scenario.populations[0].behavior
        #expect(scenario.name == "x")
        #expect(behavior.confirmProbability == 0.5)
        #expect(behavior.codeEntry == Span(8, 90))
        #expect(behavior.resendProbability == 1)
        #expect(behavior.resends == Span(2, 2))
        #expect(behavior.resendInterval == Span(10, 10))
        #expect(scenario.populations[0].arrival == Arrival(from: 0, to: 86_400, shape: .uniform))
        #expect(scenario.populations[0].accounts.count == nil)
    }

    @Test("an unknown field is refused with its path")
    func unknownField() {
        #expect(throws: ScenarioError(file: "Scenarios/x.json", field: "populations[0].behaviour",
                                      problem: "unknown field; known fields here: name, label, flows, arrival, numbers, accounts, ip_country, carrier, behavior")) {
            try decode(population(#", "behaviour": {}"#))
        }
    }

    @Test("a bad duration names the nested field")
    func badDuration() {
        #expect(throws: ScenarioError(file: "Scenarios/x.json", field: "populations[0].behavior.code_entry.min",
                                      problem: "\"8q\" is not a duration such as 90s, 10m, 36h or 7d")) {
            try decode(population(#", "behavior": {"code_entry": {"min": "8q", "max": "9s"}}"#))
        }
    }

    @Test("a label outside the five is refused")
    func badLabel() throws {
        let text = #"{"name": "x", "populations": [{"name": "p", "label": "fraud", "flows": 1, "numbers": {"regions": {"GB": 1}}}]}"#
        let error = #expect(throws: ScenarioError.self) { try decode(text) }
        #expect(error?.field == "populations[0].label")
        #expect(error?.problem == "\"fraud\" is not one of honest, pumping, takeover, voip_farm, code_guessing")
    }

    @Test("wrong kinds, missing fields and unknown regions name the field")
    func otherProblems() {
        let flows = #expect(throws: ScenarioError.self) {
            try decode(#"{"name": "x", "populations": [{"name": "p", "label": "honest", "flows": "3", "numbers": {"regions": {"GB": 1}}}]}"#)
        }
        #expect(flows?.description == "Scenarios/x.json: populations[0].flows: must be a whole number, not a string")
        let numbers = #expect(throws: ScenarioError.self) {
            try decode(#"{"name": "x", "populations": [{"name": "p", "label": "honest", "flows": 3}]}"#)
        }
        #expect(numbers?.field == "populations[0].numbers")
        #expect(numbers?.problem == "is required")
        let region = #expect(throws: ScenarioError.self) { try decode(population("").replacingOccurrences(of: "GB", with: "XX")) }
        #expect(region?.field == "populations[0].numbers.regions.XX")
        let json = #expect(throws: ScenarioError.self) { try decode("{") }
        #expect(json?.field == "")
        #expect(json?.description.hasPrefix("Scenarios/x.json: is not JSON") == true)
    }

    @Test("the scenarios in the repository decode")
    func repositoryScenarios() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios")
        for name in ["baseline_day", "pumping_burst", "takeover_wave"] {
            let scenario = try Scenario.load(file: folder.appendingPathComponent("\(name).json").path)
            #expect(scenario.name == name)
            #expect(Set(scenario.populations.map(\.label)).contains(.honest))
        }
        let baseline = try Scenario.load(file: folder.appendingPathComponent("baseline_day.json").path)
        #expect(Set(baseline.populations.map(\.label)) == Set(PopulationLabel.allCases))
        var regions = Set<String>()
        for population in baseline.populations where population.label == .honest {
            if case .regions(let weights) = population.numbers.origin { regions.formUnion(weights.keys) }
        }
        #expect(regions.count >= 30)
    }
}
