import Testing
@testable import RuleEngine

@Suite("Diagnostics are rendered like rustc, sorted, with did-you-mean")
struct DiagnosticRenderingTests {
    @Test func unknownNameRendersHeadlineSourceLineAndCaretsWithSuggestion() {
        let found = diagnostics(of: """
            policy p version 1
            input trust_score: int?
            score +400 LOW_TRUST when trust_scor < 200
            """, file: "p.rules")
        #expect(found.map(\.rendered) == ["""
            p.rules:3:27: error: unknown name `trust_scor`; did you mean `trust_score`?
              |
            3 | score +400 LOW_TRUST when trust_scor < 200
              |                           ^^^^^^^^^^
            """])
    }

    @Test func enumerationCaseErrorListsTheCasesAndPointsAtTheLiteral() {
        let found = diagnostics(of: """
            policy p version 1
            input line: "mobile" | "landline"
            block X when line == "satelite"
            """, file: "p.rules")
        #expect(found.map(\.rendered) == ["""
            p.rules:3:22: error: "satelite" is not a case of the enumeration (cases: "mobile", "landline")
              |
            3 | block X when line == "satelite"
              |                      ^^^^^^^^^^
            """])
    }

    @Test func operatorTypeErrorPointsAtTheOperator() {
        let found = diagnostics(of: """
            policy p version 1
            input age: duration
            score 5 X when age < 86400
            """, file: "p.rules")
        #expect(found.map(\.rendered) == ["""
            p.rules:3:20: error: `<` cannot take duration and int (`<` compares two numbers or two durations)
              |
            3 | score 5 X when age < 86400
              |                    ^
            """])
    }

    @Test func fiveDifferentMistakesGiveFivePreciseDiagnosticsInOneRun() {
        let found = diagnostics(of: """
            policy five version 1
            input trust_score int?
            input line: "mobile" | "landline"
            score +100 A when line == "mobil"
            score +100 when line == "mobile"
            review B when risk >= "high"
            step_up B when presnt(line)
            """)
        #expect(found.map(\.headline) == [
            "test.rules:2:19: error: expected `:` after the input's name, found `int`",
            "test.rules:4:27: error: \"mobil\" is not a case of the enumeration (cases: \"mobile\", \"landline\"); did you mean \"mobile\"?",
            "test.rules:5:12: error: expected a reason code (like `LOW_TRUST`), found `when`",
            "test.rules:6:20: error: `>=` cannot take int and string (`>=` compares two numbers or two durations)",
            "test.rules:7:9: error: reason code `B` is already used on line 6; every reason code must be unique",
            "test.rules:7:16: error: unknown function `presnt`; did you mean `present`? (functions: abs, max, min, present, starts_with)",
        ])
    }

    @Test func diagnosticsAreSortedByPositionAcrossPhases() {
        let positions = errorPositions(of: """
            policy p version 1
            input a: int
            score 1 X when b > 1
            score 1 Y when a >
            score 1 Z when a + "s" > 1
            """)
        #expect(positions == ["3:16", "5:1", "5:18"])
    }

    @Test func aNameDeclaredLaterIsReportedAsUsedBeforeItsDeclaration() {
        let found = diagnostics(of: """
            policy p version 1
            score 1 X when later > 1
            input later: int
            """)
        #expect(found.map(\.headline) == ["test.rules:2:16: error: `later` is used before its declaration on line 3; declare it first"])
    }

    @Test func missingHeaderPointsAtTheFirstToken() {
        #expect(errorPositions(of: "\n\n  input a: int\nscore 1 X when a > 1\n") == ["3:3"])
    }

    @Test func lexicalErrorsAreAllReported() {
        let found = diagnostics(of: """
            policy p version 1
            input name: string?
            score 1 A when name == "open
            score 1 B when name == "bad \\q escape"
            score 1 C when 99999999999999999999 > 1
            score 1 D when 200000000000000000d > 1s
            score 1 E when name == "ok" @
            """)
        #expect(found.map { "\($0.line):\($0.column)" } == ["3:24", "4:29", "5:16", "6:16", "7:29"])
        #expect(found[0].message.hasPrefix("unterminated string"))
        #expect(found[2].message.contains("too large for int"))
        #expect(found[3].message.contains("duration `200000000000000000d` is too large"))
    }

    @Test func riskThroughALetIsReportedAtTheLetNameInTheScoreRule() {
        let found = diagnostics(of: """
            policy p version 1
            let high = risk > 500
            let very = high and true
            score 1 A when very
            review B when very
            """)
        #expect(found.map(\.headline) == [
            "test.rules:4:16: error: a score rule cannot read `risk`, and the let `very` reads it (it would be a cycle)",
        ])
    }

    @Test func declarationsThatFailToParseDoNotCascadeIntoUnknownNames() {
        let positions = errorPositions(of: """
            policy p version 1
            input broken int
            let bad = 1 +
            score 1 A when broken > 1 and bad > 2
            """)
        #expect(positions == ["2:14", "4:1"])
    }

    @Test func absurdlyDeepExpressionsAreRefusedInsteadOfExhaustingTheStack() throws {
        let parens = String(repeating: "(", count: 5000) + "a" + String(repeating: ")", count: 5000)
        let chain = Array(repeating: "a", count: 5000).joined(separator: " + ")
        let nots = String(repeating: "not ", count: 5000) + "true"
        for condition in ["\(parens) > 1", "\(chain) > 1", nots] {
            let found = diagnostics(of: "policy p version 1\ninput a: int\nscore 1 X when \(condition)\n")
            #expect(found.count == 1)
            #expect(found.first?.message == "expression nested too deeply (more than 200 levels); split it into lets")
        }
        let reasonable = Array(repeating: "a", count: 150).joined(separator: " + ")
        #expect(try compile("policy p version 1\ninput a: int\nscore 1 X when \(reasonable) > 1\n").rules.count == 1)
    }

    @Test func aLongChainOfLetsCompilesAndEvaluates() throws {
        var lines = ["policy p version 1", "input a: int", "let l0 = a > 1"]
        for index in 1..<20_000 { lines.append("let l\(index) = l\(index - 1) and a < \(index + 2)") }
        lines.append("score 1 X when l19999")
        let policy = try compile(lines.joined(separator: "\n"))
        #expect(try policy.evaluate(["a": .int(2)]).reasons == ["X"])
        #expect(try policy.evaluate(["a": .int(5)]).reasons == [])
        #expect(policy.rules[0].inputs == ["a"])
    }

    @Test func warningsDoNotRejectThePolicy() throws {
        let policy = try compile("""
            policy p version 1
            input used: int
            input unused: string?
            input only_in_dead_let: int?
            let dead = only_in_dead_let > 3
            score 1 A when used > 1
            review NEVER when false and used > 1
            review GONE when 1 / 0 > 1
            """)
        #expect(policy.warnings.map(\.headline) == [
            "test.rules:3:7: warning: input `unused` is not read by any rule",
            "test.rules:4:7: warning: input `only_in_dead_let` is not read by any rule",
            "test.rules:7:19: warning: rule `NEVER` can never fire: its condition is always false",
            "test.rules:8:18: warning: rule `GONE` can never fire: its condition is always missing",
        ])
    }

    @Test(arguments: [
        ("input risk: int", "2:7"),
        ("input a: int\nlet a = 1", "3:5"),
        ("let l = [1, \"x\"]", "2:13"),
        ("input a: int\nscore 1 X when a in [1, b]", "3:25"),
        ("input a: int\nscore 1 X when a", "3:16"),
        ("input a: int\nscore 1 X when [1, 2]", "3:16"),
        ("input a: string\nscore 1 X when a in 5", "3:18"),
        ("input a: \"x\" | \"y\"\nlet l = [\"x\", \"z\"]\nscore 1 X when a in l", "3:15"),
        ("input a: int\nscore 1 X when a ?? \"s\" > 1", "3:18"),
        ("input a: int\nscore 1 X when starts_with(a, \"1\")", "3:16"),
        ("input a: int\nscore 1 X when min(a) > 1", "3:16"),
        ("input a: bool\nscore 1 X when a < true", "3:18"),
        ("input a: int\nscore 1 X when not a", "3:16"),
    ])
    func eachErrorClassPointsAtItsToken(body: String, position: String) {
        #expect(errorPositions(of: "policy p version 1\n" + body) == [position])
    }
}
