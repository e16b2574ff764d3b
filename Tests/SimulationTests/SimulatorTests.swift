import Foundation
import PhoneNumbers
import PhoneVerification
import RuleEngine
import Testing
@testable import Simulation

@Suite("Simulated traffic through the service")
struct SimulatorTests {
    private func scenario(_ populations: String) throws -> Scenario {
        try Scenario.decode(Data(#"{"name": "small", "populations": [\#(populations)]}"#.utf8), file: "small.json")
    }

    private let honest = #"""
        {"name": "people", "label": "honest", "flows": 12, "arrival": {"from": "0s", "to": "1h"},
         "numbers": {"regions": {"GB": 1, "FR": 1, "DE": 1, "IN": 1}, "type": "mobile"},
         "behavior": {"confirm": 1, "code_entry": {"min": "8s", "max": "90s"}}}
        """#
    private let premiumBot = #"""
        {"name": "bot", "label": "pumping", "flows": 4, "arrival": {"from": "0s", "to": "1h"},
         "numbers": {"regions": {"GB": 1}, "type": "premium_rate"}, "accounts": {"count": 1},
         "behavior": {"resend": {"probability": 1, "count": 2, "interval": "5s"}}}
        """#

    @Test("a clean honest mobile verifies and a pumping bot on a premium-rate number sends nothing")
    func knownOutcomes() async throws {
        let tally = try await Simulator.run(try scenario(honest + "," + premiumBot), policy: try PolicyHolder().current, seed: 3)
        #expect(tally[.honest].flows == 12)
        #expect(tally[.honest].final == ["verified": 12])
        #expect(tally[.honest].smsSent == 12)
        #expect(tally[.honest].withFriction == 0)
        #expect(tally[.pumping].create == ["blocked": 4])
        #expect(tally[.pumping].final == ["blocked": 4])
        #expect(tally[.pumping].sendsRequested == 4)
        #expect(tally[.pumping].smsSent == 0)
        #expect(tally.rates.pumpingSendsStopped == 1)
        #expect(tally.rates.honestWithFriction == 0)
    }

    @Test("the same seed gives the same report, byte for byte")
    func repeatable() async throws {
        let small = try scenario(honest + "," + premiumBot + "," + #"""
            {"name": "guess", "label": "code_guessing", "flows": 2, "numbers": {"regions": {"US": 1}},
             "behavior": {"wrong_codes": {"count": 8}, "code_entry": "2s"}}
            """#)
        let policy = try PolicyHolder().current
        var reports: [Data] = []
        for _ in 0..<2 {
            let tally = try await Simulator.run(small, policy: policy, seed: 11)
            reports.append(try SimulationReport(seed: 11, scenarios: [.init(name: small.name, file: small.file, runs: [
                .init(source: "built-in", name: policy.name, version: policy.version, tally: tally),
            ])]).json())
        }
        #expect(reports[0] == reports[1])
        let tally = try await Simulator.run(small, policy: policy, seed: 11)
        #expect(tally[.codeGuessing].final == ["failed": 2])
    }

    @Test("the traffic plan draws valid numbers of the asked type, distinct, and sequential blocks in order")
    func plan() throws {
        let small = try scenario(honest + "," + #"""
            {"name": "block", "label": "pumping", "flows": 6, "numbers": {"regions": {"KG": 1}, "type": "mobile", "sequential": true}},
            {"name": "network", "label": "pumping", "flows": 3, "numbers": {"calling_code": 882, "type": "mobile"}}
            """#)
        let plan = try TrafficPlan(scenario: small, seed: 5)
        #expect(plan.flows.count == 21)
        #expect(Set(plan.flows.map(\.number)).count == 21)
        for flow in plan.flows {
            let number = try PhoneNumber.parse(flow.number)
            #expect(number.isValid)
        }
        let block = plan.flows.filter { $0.population == 1 }.map(\.number)
        #expect(block.allSatisfy { $0.hasPrefix("+996") })
        #expect(block.sorted() == block)
        #expect(plan.flows.filter { $0.population == 2 }.allSatisfy { $0.number.hasPrefix("+882") })
        #expect(plan.flows.filter { $0.population == 0 }.allSatisfy { $0.ipCountry != nil })
    }

    @Test("the rates come from the tally")
    func rates() {
        var tally = Tally()
        tally[.pumping].sendsRequested = 1_500
        tally[.pumping].smsSent = 1_120
        tally[.takeover].flows = 50
        tally[.takeover].verified = 19
        tally[.honest].flows = 1_000
        tally[.honest].withFriction = 48
        tally[.honest].blocked = 1
        tally[.voipFarm].flows = 7
        #expect(tally.rates == Rates(pumpingSendsStopped: 380.0 / 1_500, takeoversStopped: 31.0 / 50,
                                     honestWithFriction: 0.048, honestBlocked: 0.001))
        #expect(Tally().rates == Rates(pumpingSendsStopped: nil, takeoversStopped: nil, honestWithFriction: nil, honestBlocked: nil))
    }

    @Test("two policies compared on one scenario show one column each")
    func compare() async throws {
        let small = try scenario(honest)
        let builtIn = try PolicyHolder().current
        let blockAll = try CompiledPolicy(source: """
            policy block_all version 2
            input stage: "create" | "confirm"
            block EVERYTHING when stage == "create"
            """, file: "block_all.rules")
        var runs: [SimulationReport.PolicyRun] = []
        for (source, policy) in [("built-in", builtIn), ("block_all.rules", blockAll)] {
            let tally = try await Simulator.run(small, policy: policy, seed: 2)
            runs.append(.init(source: source, name: policy.name, version: policy.version, tally: tally))
        }
        #expect(runs[1].tally[.honest].create == ["blocked": 12])
        let text = SimulationReport(seed: 2, scenarios: [.init(name: small.name, file: small.file, runs: runs)]).text()
        let builtInHead = "\(builtIn.name) v\(builtIn.version) (built-in)"
        let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("rate ") })
        #expect(header.contains(builtInHead) && header.contains("block_all v2 (block_all.rules)"))
        let blocked = try #require(text.split(separator: "\n").first { $0.hasPrefix("honest users blocked") })
        #expect(blocked.contains("0.0% (0 of 12)") && blocked.contains("100.0% (12 of 12)"))
    }
}
