import Foundation
import Testing

/// `phonerisk simulate`, run as the built binary in a scratch folder (one per test, removed afterwards).
@Suite final class SimulateCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("simulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private let small = #"""
        {"name": "small", "populations": [
          {"name": "people", "label": "honest", "flows": 4, "arrival": {"from": "0s", "to": "1h"},
           "numbers": {"regions": {"GB": 1, "FR": 1}}, "behavior": {"confirm": 1}},
          {"name": "bot", "label": "pumping", "flows": 2, "numbers": {"regions": {"GB": 1}, "type": "premium_rate"}}
        ]}
        """#

    @Test func tablesJSONAndTheSameOutputForTheSameSeed() async throws {
        try write("small.json", small)
        let text = try await BuiltCommand.run(["simulate", "--scenario", "small.json", "--seed", "5"], directory: folder)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Scenario small (small.json): 6 flows, seed 5\n"))
        #expect(text.stdout.contains("pumping sends stopped"))
        let first = try await BuiltCommand.run(["simulate", "--scenario", folder.path, "--json", "--seed", "5"])
        let second = try await BuiltCommand.run(["simulate", "--scenario", folder.path, "--json", "--seed", "5"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let report = try #require(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(report["seed"] as? Int == 5)
        let runs = try #require((report["scenarios"] as? [[String: Any]])?.first?["runs"] as? [[String: Any]])
        let rates = try #require(runs.first?["rates"] as? [String: Any])
        #expect(rates["pumping_sends_stopped"] as? Double == 1)
        #expect(rates["takeovers_stopped"] is NSNull)
    }

    @Test func aBadScenarioNamesTheFileAndFieldAndExitsOne() async throws {
        try write("bad.json", #"{"name": "bad", "populations": [{"name": "p", "label": "honest", "flows": 1, "numbers": {"regions": {"GB": 1}}, "behavior": {"confirm": 2}}]}"#)
        let result = try await BuiltCommand.run(["simulate", "--scenario", "bad.json"], directory: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.json: populations[0].behavior.confirm: 2.0 is outside 0.0–1.0"))
    }

    @Test func usageErrorsExitSixtyFour() async throws {
        let one = try await BuiltCommand.run(["simulate", "--compare", "a.rules"], directory: folder)
        #expect(one.status == 64)
        #expect(one.stderr.contains("--compare takes exactly two policies, not 1"))
        let both = try await BuiltCommand.run(["simulate", "--policy", "a.rules", "--compare", "a.rules", "b.rules"], directory: folder)
        #expect(both.status == 64)
    }
}
