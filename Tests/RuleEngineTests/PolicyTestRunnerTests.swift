import Foundation
import Testing
@testable import RuleEngine

@Suite("The .tests runner")
struct PolicyTestRunnerTests {
    private let policy: CompiledPolicy

    init() throws {
        policy = try compile("""
            policy velocity version 1
            input attempts: int
            input trust: int?
            input age: duration?
            input ratio: float?
            score +200 BURST when attempts > 3
            score -100 TRUSTED when trust >= 800
            score +50 YOUNG when age < 1d
            score +10 RATIO when ratio > 0.5
            review HIGH when risk >= 200
            """, file: "velocity.rules")
    }

    @Test func defaultsGivenMissingAndEveryExpectationForm() {
        let report = PolicyTestRunner.run(tests: """
            test "all forms" {
              given attempts = 4, trust = 100
              given trust = missing, age = 2h, ratio = missing
              expect review
              expect decided_by HIGH
              expect reasons include BURST, YOUNG
              expect reasons exclude TRUSTED
              expect reasons == [BURST, YOUNG, HIGH]
              expect risk == 250
              expect risk >= 250
              expect risk != 0
            }
            defaults attempts = 0, ratio = 1
            test "an int is accepted for a float input" {
              expect reasons == [RATIO]
            }
            test "a missing required input" {
              given attempts = missing
              expect error
            }
            """, file: "velocity.tests", policy: policy)
        #expect(report.errors.isEmpty)
        #expect(report.results.map(\.passed) == [true, true, true])
        #expect(report.unfiredRules == ["TRUSTED"])
    }

    @Test func failuresNameTheTestThePositionAndExpectedAndActual() {
        let report = PolicyTestRunner.run(tests: """
            defaults attempts = 0
            test "wrong" {
              expect block
              expect decided_by HIGH
              expect risk > 10
              expect reasons include BURST
              expect reasons exclude RATIO
              expect error
            }
            test "errors are not decisions" {
              given attempts = missing
              expect pass
            }
            """, file: "velocity.tests", policy: policy)
        #expect(report.passed == 0 && report.failed == 2)
        #expect(report.failureReport == """
            FAIL velocity.tests:2: "wrong"
              velocity.tests:3:3: expect block: expected block, got pass (decision pass, risk 0, reasons [], decided_by none)
              velocity.tests:4:3: expect decided_by HIGH: expected HIGH, got none (the decision is pass) (decision pass, risk 0, reasons [], decided_by none)
              velocity.tests:5:3: expect risk > 10: expected risk > 10, got 0 (decision pass, risk 0, reasons [], decided_by none)
              velocity.tests:6:3: expect reasons include BURST: expected BURST among the reasons, got []
              velocity.tests:8:3: expect error: expected an evaluation error, got decision pass, risk 0, reasons [], decided_by none
            FAIL velocity.tests:10: "errors are not decisions"
              velocity.tests:12:3: expect pass: expected a decision, got the evaluation error "missing required input 'attempts'"
            """)
    }

    @Test func aTestsFileIsCheckedAgainstItsPolicy() {
        let errors = PolicyTestRunner.check(tests: """
            defaults atempts = 1, trust = "high"
            test "x" {
              given age = 5, ratio = true
              expect reasons include BRUST
              expect decided_by NOPE
              expect sideways
            }
            test "y" { given attempts = 1 expect pass }
            """, file: "velocity.tests", policy: policy)
        #expect(errors.map(\.headline) == [
            "velocity.tests:1:10: error: unknown input `atempts`: the policy does not declare it; did you mean `attempts`?",
            "velocity.tests:1:31: error: input `trust` is an int, got a string",
            "velocity.tests:3:15: error: input `age` is a duration, got an int",
            "velocity.tests:3:26: error: input `ratio` is a float, got a bool",
            "velocity.tests:4:26: error: unknown reason code `BRUST`: no rule of the policy has it; did you mean `BURST`?",
            "velocity.tests:5:21: error: unknown reason code `NOPE`: no rule of the policy has it",
            "velocity.tests:6:10: error: expected `pass`, `step_up`, `review`, `block`, `decided_by`, `reasons`, `risk` or `error`, found name `sideways`",
        ])
        let report = PolicyTestRunner.run(tests: "test \"x\" { expect pass", file: "velocity.tests", policy: policy)
        #expect(!report.compiled && report.results.isEmpty)
    }

    /// Every `Rules/*.tests` of the repository passes, and fires every rule of its policy.
    @Test func theRepositoryPoliciesPassTheirTestsAndFireEveryRule() throws {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules")
        let testsFiles = try FileManager.default.contentsOfDirectory(atPath: rules.path).filter { $0.hasSuffix(".tests") }.sorted()
        #expect(!testsFiles.isEmpty)
        for name in testsFiles {
            let testsPath = rules.appendingPathComponent(name).path
            let policyPath = String(testsPath.dropLast(".tests".count)) + ".rules"
            let policy = try CompiledPolicy(source: String(contentsOfFile: policyPath, encoding: .utf8), file: policyPath)
            #expect(policy.warnings.isEmpty, "\(policy.warnings.map(\.rendered))")
            let report = PolicyTestRunner.run(tests: try String(contentsOfFile: testsPath, encoding: .utf8), file: name, policy: policy)
            #expect(report.errors.isEmpty, "\(report.errors.map(\.rendered))")
            #expect(report.failed == 0, "\(report.failureReport)")
            #expect(report.passed >= 30)
            #expect(report.unfiredRules.isEmpty)
        }
    }
}
