import Testing
@testable import RuleEngine

@Suite("Evaluation follows RULES.md exactly")
struct EvaluationSemanticsTests {
    /// Evaluates `condition` as the only rule of a policy over the given inputs;
    /// true when it fired.
    private func fires(_ condition: String, inputs: String = "input a: int?\ninput b: int?",
                       _ signals: [String: SignalValue] = [:]) throws -> Bool {
        let policy = try compile("policy p version 1\n\(inputs)\nscore 1 X when \(condition)\n")
        return try policy.evaluate(signals).reasons == ["X"]
    }

    @Test func kleeneAndOrNot() throws {
        let bools = "input a: bool?\ninput b: bool?"
        let t: SignalValue = .bool(true), f: SignalValue = .bool(false)
        #expect(try fires("not (a and b)", inputs: bools, ["a": f]))          // false and missing = false
        #expect(try fires("a or b", inputs: bools, ["a": t]))                 // true or missing = true
        #expect(try !fires("a or b", inputs: bools, ["a": f]))                // false or missing = missing
        #expect(try !fires("not (a or b)", inputs: bools, ["a": f]))
        #expect(try !fires("not a", inputs: bools))                           // not missing = missing
        #expect(try fires("not present(a)", inputs: bools))
        #expect(try fires("a and b", inputs: bools, ["a": t, "b": t]))
    }

    /// `x CMP k and y CMP k` compiles to one fused instruction; it must keep Kleene logic.
    @Test func fusedRangeChecksKeepThreeValuedLogic() throws {
        #expect(try fires("not (a > 1 and b < 5)", ["b": .int(10)]))           // missing and false = false
        #expect(try !fires("not (a > 1 and b < 5)", ["b": .int(1)]))           // missing and true = missing
        #expect(try !fires("a > 1 and b < 5", ["b": .int(1)]))
        #expect(try fires("a >= 200 and a < 500", ["a": .int(200)]))
        #expect(try !fires("a >= 200 and a < 500", ["a": .int(500)]))
        #expect(try fires("a != 3 and b == -4", ["a": .int(2), "b": .int(-4)]))
        let policy = try compile("policy p version 1\ninput a: int?\ninput b: int?\nreview R when a > 1 and b <= 5\n")
        let frame = policy.makeFrame()
        for (signals, value) in [([:], ConditionValue.missing), (["a": SignalValue.int(0)], .false),
                                 (["a": .int(2), "b": .int(5)], .true), (["a": .int(2), "b": .int(6)], .false)] {
            try frame.load(signals)
            _ = policy.evaluate(frame)
            #expect(policy.explain(frame)[0].value == value)
        }
    }

    @Test func integerOverflowAndDivisionByZeroAreMissing() throws {
        let max: SignalValue = .int(.max), min: SignalValue = .int(.min)
        #expect(try fires("not present(a + 1)", ["a": max]))
        #expect(try fires("not present(a - 1)", ["a": min]))
        #expect(try fires("not present(a * 2)", ["a": max]))
        #expect(try fires("not present(-a)", ["a": min]))
        #expect(try fires("not present(abs(a))", ["a": min]))
        #expect(try fires("not present(a / -1)", ["a": min]))
        #expect(try fires("a % -1 == 0", ["a": min]))
        #expect(try fires("not present(a / b)", ["a": .int(1), "b": .int(0)]))
        #expect(try fires("not present(a % b)", ["a": .int(1), "b": .int(0)]))
        #expect(try fires("(a / 0 ?? 7) == 7", ["a": .int(1)]))
    }

    @Test func integerDivisionTruncatesAndRemainderTakesTheDividendsSign() throws {
        #expect(try fires("a / 2 == -3", ["a": .int(-7)]))
        #expect(try fires("a % 2 == -1", ["a": .int(-7)]))
        #expect(try fires("a % -2 == 1", ["a": .int(7)]))
    }

    @Test func floatsWidenIntsAndFloatDivisionByZeroIsMissing() throws {
        let inputs = "input a: int?\ninput f: float?"
        #expect(try fires("a / 2.0 == 3.5", inputs: inputs, ["a": .int(7)]))
        #expect(try fires("f % 2 == 1.5", inputs: inputs, ["f": .float(5.5)]))
        #expect(try fires("f % -2 == -1.5", inputs: inputs, ["f": .float(-5.5)]))
        #expect(try fires("not present(f / 0)", inputs: inputs, ["f": .float(1)]))
        #expect(try fires("not present(f % 0.0)", inputs: inputs, ["f": .float(1)]))
        #expect(try fires("min(a, f) == 1.5", inputs: inputs, ["a": .int(2), "f": .float(1.5)]))
        #expect(try fires("a in [1.5, 2.0]", inputs: inputs, ["a": .int(2)]))
        #expect(try fires("f in [1, 2]", inputs: inputs, ["f": .float(2)]))
    }

    @Test func durationsCompareAddAndTakeMinMaxAbs() throws {
        let inputs = "input d: duration?\ninput e: duration?"
        #expect(try fires("d + e == 1d", inputs: inputs, ["d": .duration(seconds: 3600), "e": .duration(seconds: 82_800)]))
        #expect(try fires("abs(d - e) == 90m", inputs: inputs, ["d": .duration(seconds: 0), "e": .duration(seconds: 5400)]))
        #expect(try fires("max(d, e) == 2h", inputs: inputs, ["d": .duration(seconds: 60), "e": .duration(seconds: 7200)]))
        #expect(try fires("d < -1s", inputs: inputs, ["d": .duration(seconds: -5)]))
    }

    @Test func stringsCompareByInternedIdIncludingStringsThePolicyNeverMentions() throws {
        let inputs = "input s: string?\ninput t: string?\ninput line: \"mobile\" | \"landline\"?"
        #expect(try fires("s == t", inputs: inputs, ["s": .string("never mentioned"), "t": .string("never mentioned")]))
        #expect(try !fires("s == t", inputs: inputs, ["s": .string("one"), "t": .string("two")]))
        #expect(try fires("s == line", inputs: inputs, ["s": .string("mobile"), "line": .string("mobile")]))
        #expect(try fires("starts_with(s, t)", inputs: inputs, ["s": .string("Twilio Inc"), "t": .string("Twil")]))
        #expect(try !fires("starts_with(t, s)", inputs: inputs, ["s": .string("Twilio Inc"), "t": .string("Twil")]))
        #expect(try fires("starts_with(line, \"mob\")", inputs: inputs, ["line": .string("mobile")]))
        #expect(try fires("starts_with(s, \"\")", inputs: inputs, ["s": .string("")]))
        #expect(try fires("(line ?? \"landline\") == \"landline\"", inputs: inputs))
        #expect(try fires("s not in [\"a\", \"b\"]", inputs: inputs, ["s": .string("c")]))
        #expect(try !fires("s not in [\"a\", \"b\"]", inputs: inputs))
    }

    @Test func membershipInLargeIntSetsAndEmptyLists() throws {
        #expect(try fires("a in [1000, 2000, -5]", ["a": .int(-5)]))
        #expect(try !fires("a in [1000, 2000, -5]", ["a": .int(5)]))
        #expect(try fires("a not in []", ["a": .int(5)]))
        #expect(try fires("a in [63, 0]", ["a": .int(63)]))
        #expect(try !fires("a in [63, 0]", ["a": .int(64)]))
    }

    @Test func riskIsSummedExactlyThenClampedAndDecisionsFollowSeverityThenFileOrder() throws {
        let policy = try compile("""
            policy p version 7
            input a: int
            score +9223372036854775807 HUGE when a > 0
            score +9223372036854775807 HUGE2 when a > 1
            score -9223372036854775807 DOWN when a > 2
            score -9223372036854775807 DOWN2 when a > 3
            step_up S when risk > 0
            review R1 when a > 1
            block B when risk == 1000 and a == 2
            review R2 when risk == 0
            """)
        let one = try policy.evaluate(["a": .int(1)])
        #expect(one == PolicyResult(verdict: .stepUp, risk: 1000, reasons: ["HUGE", "S"], decidedBy: "S", policy: "p", version: 7))
        let two = try policy.evaluate(["a": .int(2)])
        #expect(two.verdict == .block && two.decidedBy == "B" && two.risk == 1000)
        let three = try policy.evaluate(["a": .int(3)])
        #expect(three.risk == 1000 && three.decidedBy == "R1")
        let four = try policy.evaluate(["a": .int(4)])
        #expect(four.risk == 0 && four.decidedBy == "R1" && four.reasons == ["HUGE", "HUGE2", "DOWN", "DOWN2", "R1", "R2"])
    }

    @Test func letsAreComputedOnceAndMayReadRiskFromDecisionRules() throws {
        let policy = try compile("""
            policy p version 1
            input a: int
            let big = a * a
            let high = risk >= 10
            score +10 A when big > 3
            score +5 B when big > 8
            review R when high and big > 8
            step_up S when high
            """)
        #expect(try policy.evaluate(["a": .int(2)]).reasons == ["A", "S"])
        #expect(try policy.evaluate(["a": .int(3)]).reasons == ["A", "B", "R", "S"])
    }

    @Test func evaluationFromManyThreadsOnOneCompiledPolicyAgrees() async throws {
        let policy = try compile("""
            policy p version 1
            input a: int
            input name: string?
            score +10 A when a % 2 == 0
            score +20 B when name == "x" or starts_with(name ?? "", "local")
            step_up S when risk >= 20
            """)
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let frame = policy.makeFrame()
                    for a in 0..<2000 {
                        let name = a % 3 == 0 ? "x" : "local-\(task)-\(a)"
                        guard (try? frame.load(["a": .int(Int64(a)), "name": .string(name)])) != nil else { return false }
                        let outcome = policy.evaluate(frame)
                        if outcome.risk != (a % 2 == 0 ? 30 : 20) || outcome.verdict != .stepUp { return false }
                    }
                    return true
                }
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(results)
    }

    @Test func explainGivesEachRulesValueAndTheInputsItRead() throws {
        let policy = try compile("""
            policy p version 1
            input a: int
            input b: string?
            let big = a > 10
            score 1 BIG when big
            score 1 NAMED when b == "x"
            review R when big and b == "y"
            """)
        let frame = policy.makeFrame()
        try frame.load(["a": .int(5)])
        _ = policy.evaluate(frame)
        let explained = policy.explain(frame)
        #expect(explained.map(\.code) == ["BIG", "NAMED", "R"])
        #expect(explained.map(\.value) == [.false, .missing, .false])
        #expect(explained[0].inputs.map(\.name) == ["a"] && explained[0].inputs[0].value == .int(5))
        #expect(explained[2].inputs.map(\.name) == ["a", "b"] && explained[2].inputs[1].value == nil)
    }
}
