import DefaultPolicy
import Testing
@testable import RuleEngine

/// Rules whose condition is a comparison, a bool, a small membership, the
/// `and` of two comparisons, the equality of two slots or the `or` of two tests
/// run from tables (`RangeRule`, `MemberRule`, `RangePairRule`, `SameRule`,
/// `EitherRule`) instead of instructions. Each test here evaluates the same
/// condition through a table and through instructions (the subject wrapped in
/// `+ 0`, or the membership spelt as `or`s, so the code generator cannot table
/// it) and requires the same value (true, false or missing) on every input.
@Suite("Rule tables agree with the instructions")
struct RuleTableTests {
    static let operators = ["<", "<=", ">", ">=", "==", "!="]
    static let constants = ["-9223372036854775807 - 1", "-9223372036854775807", "-1", "0", "1", "30",
                            "9223372036854775806", "9223372036854775807"]
    static let values: [SignalValue?] = [nil, .int(.min), .int(.min + 1), .int(-1), .int(0), .int(1), .int(29), .int(30),
                                         .int(31), .int(.max - 1), .int(.max)]

    /// How many rules of each kind a policy's tables hold.
    private func tableRows(_ policy: CompiledPolicy) -> (ranges: Int, members: Int, pairs: Int, sames: Int, eithers: Int) {
        let phases = policy.program.phases
        return (phases.reduce(0) { $0 + $1.ranges.count }, phases.reduce(0) { $0 + $1.members.count },
                phases.reduce(0) { $0 + $1.pairs.count }, phases.reduce(0) { $0 + $1.sames.count },
                phases.reduce(0) { $0 + $1.eithers.count })
    }

    /// The value of each rule's condition, in file order, for one set of signals.
    private func conditions(_ policy: CompiledPolicy, _ signals: [String: SignalValue]) throws -> [ConditionValue] {
        let frame = policy.makeFrame()
        try frame.load(signals)
        _ = policy.evaluate(frame)
        let fired = policy.rules.indices.map { policy.fired($0, in: frame) }
        let explained = policy.explain(frame).map(\.value)
        #expect(fired == explained.map { $0 == .true }, "evaluate and explain disagree on \(signals)")
        return explained
    }

    @Test(arguments: operators)
    func comparisonsWithConstants(op: String) throws {
        var tabled = "policy p version 1\ninput x: int?\n", reference = tabled
        for (index, constant) in Self.constants.enumerated() {
            tabled += "score 1 R\(index) when x \(op) (\(constant))\nscore 1 L\(index) when (\(constant)) \(op) x\n"
            reference += "score 1 R\(index) when x + 0 \(op) (\(constant))\nscore 1 L\(index) when (\(constant)) \(op) x + 0\n"
        }
        let table = try compile(tabled), instructions = try compile(reference)
        #expect(tableRows(table).ranges >= 2 * Self.constants.count - 2)   // all but x < min and x >= min
        #expect(tableRows(instructions).ranges == 0)
        for value in Self.values {
            let signals = value.map { ["x": $0] } ?? [:]
            #expect(try conditions(table, signals) == conditions(instructions, signals), "x \(op) k with x = \(String(describing: value))")
        }
    }

    @Test func pairsKeepThreeValuedAnd() throws {
        let conditions = ["x >= 3 and y < 14", "x != 0 and y == 30", "b and x < 30", "not b and y > 1", "x > 9223372036854775806 and y <= 0"]
        var tabled = "policy p version 1\ninput x: int?\ninput y: int?\ninput b: bool?\n", reference = tabled
        for (index, condition) in conditions.enumerated() {
            tabled += "score 1 S\(index) when \(condition)\nblock D\(index) when \(condition)\n"
            let spelt = condition.replacingOccurrences(of: "x ", with: "x + 0 ").replacingOccurrences(of: "y ", with: "y + 0 ")
                .replacingOccurrences(of: "b and", with: "(b or b) and")
            reference += "score 1 S\(index) when \(spelt)\nblock D\(index) when \(spelt)\n"
        }
        let table = try compile(tabled), instructions = try compile(reference)
        #expect(tableRows(table).pairs == 2 * conditions.count)
        #expect(tableRows(instructions).pairs == 0)
        let ints: [SignalValue?] = [nil, .int(0), .int(2), .int(3), .int(13), .int(14), .int(30), .int(.max)]
        for x in ints {
            for y in ints {
                for b in [nil, SignalValue.bool(true), .bool(false)] {
                    var signals: [String: SignalValue] = [:]
                    signals["x"] = x
                    signals["y"] = y
                    signals["b"] = b
                    #expect(try self.conditions(table, signals) == self.conditions(instructions, signals), "\(signals)")
                    #expect(try table.evaluate(signals) == instructions.evaluate(signals), "\(signals)")
                }
            }
        }
    }

    @Test func smallMembershipsMatchTheirOrs() throws {
        let header = "policy p version 1\ninput line: \"mobile\" | \"voip\" | \"premium\" | \"pager\"\ninput country: string?\n"
        let table = try compile(header + """
            score 10 A when line in ["voip", "premium"]
            score 20 B when country in ["NG", "PK", "US"]
            block C when line in ["pager"]
            """)
        let instructions = try compile(header + """
            score 10 A when (line == "voip" and line == "voip") or (line == "premium" and line == "premium")
            score 20 B when (country == "NG" and country == "NG") or (country == "PK" and country == "PK")
                            or (country == "US" and country == "US")
            block C when (line == "pager" and line == "pager") or (line == "pager" and line == "pager")
            """)
        #expect(tableRows(table).members == 3 && tableRows(instructions).members == 0)
        #expect(tableRows(instructions).eithers == 0 && instructions.program.eitherTests.isEmpty)
        for line in ["mobile", "voip", "premium", "pager"] {
            for country: SignalValue? in [nil, .string("NG"), .string("US"), .string("GB"), .string("")] {
                var signals: [String: SignalValue] = ["line": .string(line)]
                signals["country"] = country
                #expect(try conditions(table, signals) == conditions(instructions, signals), "\(signals)")
                #expect(try table.evaluate(signals) == instructions.evaluate(signals), "\(signals)")
            }
        }
    }

    @Test func slotEqualitiesMatchTheInstructions() throws {
        let header = "policy p version 1\ninput x: int?\ninput y: int?\ninput s: string?\ninput t: string?\n"
        let table = try compile(header + "score 1 A when x == y\nscore 1 B when x != y\nblock C when s != t\nreview D when s == t\n")
        let instructions = try compile(header + """
            score 1 A when x + 0 == y
            score 1 B when x + 0 != y
            block C when s != t or s != t
            review D when s == t or s == t
            """)
        #expect(tableRows(table).sames == 4 && tableRows(instructions).sames == 0)
        let ints: [SignalValue?] = [nil, .int(.min), .int(-1), .int(0), .int(1), .int(.max)]
        let strings: [SignalValue?] = [nil, .string("GB"), .string("US"), .string("")]
        for (x, y) in zip(ints + ints, ints + ints.reversed()) {
            for (s, t) in zip(strings + strings, strings + strings.reversed()) {
                var signals: [String: SignalValue] = [:]
                (signals["x"], signals["y"], signals["s"], signals["t"]) = (x, y, s, t)
                #expect(try conditions(table, signals) == conditions(instructions, signals), "\(signals)")
                #expect(try table.evaluate(signals) == instructions.evaluate(signals), "\(signals)")
            }
        }
    }

    /// Tables run after the phase's instructions, so the deciding rule cannot depend on
    /// the order rules ran in: it is the most severe, then the first in the file.
    @Test func theFirstMostSevereDecisionDecides() throws {
        let policy = try compile("""
            policy p version 1
            input x: int
            step_up S when x > 0
            review R when x + 0 > 1
            block B1 when x + 0 > 3
            block B2 when x > 2
            block B3 when x > 2
            """)
        let expected: [(Int64, Verdict, String?)] = [(0, .pass, nil), (1, .stepUp, "S"), (2, .review, "R"), (3, .block, "B2"), (4, .block, "B1")]
        for (x, verdict, rule) in expected {
            let result = try policy.evaluate(["x": .int(x)])
            #expect(result.verdict == verdict && result.decidedBy == rule, "x = \(x)")
        }
    }

    /// More than 64 rules, or points whose magnitudes could overflow 64 bits, take the
    /// wide evaluation (bits in the frame, 128-bit sum); it must give the same results.
    @Test func widePoliciesEvaluateExactly() throws {
        var many = "policy p version 1\ninput x: int\n"
        for index in 0..<70 { many += "score 10 R\(index) when x > \(index)\n" }
        let wide = try compile(many)
        #expect(!wide.program.compact)
        let result = try wide.evaluate(["x": .int(66)])
        #expect(result.risk == 660 && result.reasons == (0..<66).map { "R\($0)" })

        let huge = try compile("""
            policy p version 1
            input x: int
            score +9223372036854775807 A when x > 0
            score +9223372036854775807 B when x > 1
            score -9223372036854775807 C when x > 2
            score -9223372036854775807 D when x > 3
            score -9223372036854775807 E when x > 4
            """)
        #expect(!huge.program.compact)
        #expect(try huge.evaluate(["x": .int(3)]).risk == 1000)   // max + max - max: no overflow on the way
        #expect(try huge.evaluate(["x": .int(5)]).risk == 0)
        #expect(try compile("policy p version 1\ninput x: int\nscore 5 A when x > 0\n").program.compact)
    }

    /// Frames carved from one block work like frames of their own, and each keeps the block alive.
    @Test func framesFromOneBlockAreIndependent() throws {
        let policy = try compile("""
            policy p version 1
            input x: int
            input name: string
            score 100 BIG when x > 5
            score 50 NAMED when starts_with(name, "ab")
            block HUGE when x > 50
            """)
        let inputs: [(Int64, String)] = [(1, "abc"), (6, "zz"), (60, "ab"), (3, "a"), (7, "abba")]
        var frames = policy.makeFrames(inputs.count)
        for (frame, input) in zip(frames, inputs) {
            try frame.load(["x": .int(input.0), "name": .string(input.1)])
        }
        let last = frames[inputs.count - 1]
        let batch = frames.map { policy.result(policy.evaluate($0), in: $0) }
        let single = try inputs.map { try policy.evaluate(["x": .int($0.0), "name": .string($0.1)]) }
        #expect(batch == single)
        frames.removeAll()
        #expect(policy.evaluate(last).risk == 150)
        #expect(policy.makeFrames(0).isEmpty)
    }

    /// `or` of two tests, each a comparison with a constant, a bool or a membership of values
    /// within 64 of each other: a rule becomes an `EitherRule` row, a let one `either`
    /// instruction; with one side computed (no such test), rules and lets alike run one
    /// `either` instruction that tests the computed bool. The reference spells each side
    /// `(side and side)`, which has the same value but no table shape.
    @Test(arguments: [false, true])
    func orsOfTestsKeepThreeValuedOr(oneSideComputed: Bool) throws {
        let tests = [("x < 3", "y >= 14"), ("s in [\"NG\", \"PK\"]", "x == 30"), ("b", "line in [\"voip\", \"premium\"]"),
                     ("not b", "s == \"US\""), ("line == \"pager\"", "s in [\"GB\", \"US\"]"),
                     ("x > 9223372036854775806", "y != 0"), ("s != \"GB\"", "not b"),
                     ("x in [870, 881, 883, 933]", "b"), ("y in [-5, 0, 58]", "x > 1"),
                     ("x in [-9223372036854775807, -9223372036854775746]", "y in [9223372036854775807, 9223372036854775744]")]
        let computed = [("x + 1 > 3", "s == \"US\""), ("b", "starts_with(s ?? \"\", \"U\")"),
                        ("x in [1, 65]", "y == 0"), ("x in [870, 881]", "y * 2 == x"), ("x - y < 0", "not b")]
        let sides = oneSideComputed ? computed : tests
        let header = """
            policy p version 1
            input x: int?
            input y: int?
            input b: bool?
            input s: string?
            input line: "mobile" | "voip" | "premium" | "pager"

            """
        var tabled = header, reference = header
        for (index, (first, second)) in sides.enumerated() {
            let condition = "\(first) or \(second)", spelt = "(\(first) and \(first)) or (\(second) and \(second))"
            tabled += "let l\(index) = \(condition)\nscore 1 S\(index) when \(condition)\nblock D\(index) when \(condition)\nstep_up L\(index) when l\(index)\n"
            reference += "let l\(index) = \(spelt)\nscore 1 S\(index) when \(spelt)\nblock D\(index) when \(spelt)\nstep_up L\(index) when l\(index)\n"
        }
        let table = try compile(tabled), instructions = try compile(reference)
        if oneSideComputed {
            #expect(tableRows(table).eithers == 0 && table.program.eitherTests.count == 3 * sides.count)
        } else {
            #expect(tableRows(table).eithers == 2 * sides.count && table.program.eitherTests.count == sides.count)
        }
        #expect(tableRows(instructions).eithers == 0 && instructions.program.eitherTests.isEmpty)
        let ints: [SignalValue?] = [nil, .int(.min), .int(.min + 1), .int(.min + 62), .int(-5), .int(0), .int(2), .int(3), .int(14), .int(30),
                                    .int(58), .int(65), .int(870), .int(933), .int(934), .int(.max - 63), .int(.max)]
        let strings: [SignalValue?] = [nil, .string("NG"), .string("US"), .string("GB"), .string("")]
        for (x, y) in zip(ints + ints, ints + ints.reversed()) {
            for s in strings {
                for b in [nil, SignalValue.bool(true), .bool(false)] {
                    for line in ["mobile", "voip", "premium", "pager"] {
                        var signals: [String: SignalValue] = ["line": .string(line)]
                        (signals["x"], signals["y"], signals["s"], signals["b"]) = (x, y, s, b)
                        #expect(try conditions(table, signals) == conditions(instructions, signals), "\(signals)")
                        #expect(try table.evaluate(signals) == instructions.evaluate(signals), "\(signals)")
                    }
                }
            }
        }
    }

    /// The shapes of the default policy's `PERSONAL_NUMBER`, `NO_SMS_LINE` and `voip`: no
    /// `or` instruction is left, and the results are the policy's.
    @Test func orRulesAndLetsLeaveNoOrInstruction() throws {
        let policy = try CompiledPolicy(source: """
            policy p version 1
            input line: "mobile" | "personal" | "pager" | "uan"
            input kind: "mobile" | "personal_number" | "pager" | "uan"
            let personal = line == "personal" or kind == "personal_number"
            score +250 PERSONAL when personal
            block NO_SMS when line in ["pager", "uan"] or kind in ["pager", "uan"]
            """, file: "p.rules")
        #expect(tableRows(policy).eithers == 1 && policy.program.eitherTests.count == 1)
        #expect(!policy.program.code.contains { $0.op == .or || $0.op == .orRule })
        #expect(try policy.evaluate(["line": .string("mobile"), "kind": .string("personal_number")]).reasons == ["PERSONAL"])
        #expect(try policy.evaluate(["line": .string("uan"), "kind": .string("mobile")]).verdict == .block)
        #expect(try policy.evaluate(["line": .string("mobile"), "kind": .string("mobile")]).verdict == .pass)
    }

    /// Every rule of the default policy runs from a table row; only its lets are instructions.
    @Test func theDefaultPolicyRunsEveryRuleFromTables() throws {
        let policy = try CompiledPolicy(source: DefaultPolicy.source, file: DefaultPolicy.fileName)
        let rows = tableRows(policy)
        #expect(rows.ranges + rows.members + rows.pairs + rows.sames + rows.eithers == policy.rules.count)
        let ruleOps: Set<Opcode> = [.rule, .eqIKRule, .neIKRule, .ltIKRule, .leIKRule, .gtIKRule, .geIKRule, .eqFKRule, .neFKRule,
                                    .ltFKRule, .leFKRule, .gtFKRule, .geFKRule, .eqIRule, .neIRule, .inMaskRule, .notInMaskRule,
                                    .andRule, .orRule, .andKKRule, .eitherRule]
        #expect(!policy.program.code.contains { ruleOps.contains($0.op) || $0.op == .or })
    }

    /// A bool in any slot `and` a comparison just emitted is one `andKK` (the bool tested
    /// `!= 0`), in lets and in rules with no table shape; the reference spells the bool
    /// `(b and b)`, which leaves an `and` instruction.
    @Test func aBoolAndAComparisonFuse() throws {
        let header = "policy p version 1\ninput x: int?\ninput y: int?\ninput b: bool?\n"
        let conditions = ["b and x < 3", "not b and x + 1 >= 3", "(y > 2 or b) and x != 0", "b and y * 2 == 6"]
        var fused = header, reference = header
        for (index, condition) in conditions.enumerated() {
            let spelt = condition.replacingOccurrences(of: "b and", with: "(b and b) and")
            fused += "let l\(index) = \(condition)\nscore 1 S\(index) when l\(index)\nblock D\(index) when \(condition) or x + y > 1\n"
            reference += "let l\(index) = \(spelt)\nscore 1 S\(index) when l\(index)\nblock D\(index) when \(spelt) or x + y > 1\n"
        }
        let table = try compile(fused), instructions = try compile(reference)
        #expect(!table.program.code.contains { $0.op == .and } && instructions.program.code.contains { $0.op == .and })
        let ints: [SignalValue?] = [nil, .int(-1), .int(0), .int(2), .int(3), .int(.max)]
        for x in ints {
            for y in ints {
                for b in [nil, SignalValue.bool(true), .bool(false)] {
                    var signals: [String: SignalValue] = [:]
                    (signals["x"], signals["y"], signals["b"]) = (x, y, b)
                    #expect(try self.conditions(table, signals) == self.conditions(instructions, signals), "\(signals)")
                    #expect(try table.evaluate(signals) == instructions.evaluate(signals), "\(signals)")
                }
            }
        }
    }
}
