import Foundation
import Testing

/// `phonerisk check`, `eval` and `test`, run as the built binary in a scratch folder
/// (one per test, removed afterwards).
@Suite final class PolicyCommandsTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("policy-commands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ name: String, _ text: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    private func run(_ arguments: [String], stdin: String = "") async throws -> BuiltCommand.Run {
        try await BuiltCommand.run(arguments, stdin: stdin, directory: folder)
    }

    private let policy = """
        policy geo version 2
        input phone.country: string
        input ip.country: string?
        input attempts: int
        score +300 BURST when attempts > 3
        review MISMATCH when phone.country != ip.country
        step_up BUSY when risk >= 300

        """

    @Test func checkPrintsEveryDiagnosticRenderedAndExitsOneOnErrors() async throws {
        try write("bad.rules", "policy bad version 1\ninput a: int\nscore 1 X when a < \"1\"\nscore 1 Y when b\n")
        let result = try await run(["check", "bad.rules"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            bad.rules:3:18: error: `<` cannot take int and string (`<` compares two numbers or two durations)
              |
            3 | score 1 X when a < "1"
              |                  ^
            bad.rules:4:16: error: unknown name `b`
              |
            4 | score 1 Y when b
              |                ^

            """)
    }

    @Test func checkAcceptsWarningsAndChecksTheTestsFileBeside() async throws {
        try write("geo.rules", policy + "input unused: bool?\n")
        let warned = try await run(["check", "geo.rules"])
        #expect(warned.status == 0)
        #expect(warned.stderr.hasPrefix("geo.rules:8:7: warning: input `unused` is not read by any rule"))
        try write("geo.tests", "test \"t\" {\n  given phone.country = 44\n  expect pass\n}\n")
        let broken = try await run(["check", "geo.rules"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("geo.tests:2:25: error: input `phone.country` is a string, got an int"))
        let direct = try await run(["check", "geo.tests"])
        #expect(direct.status == 1)
        #expect(direct.stderr.contains("geo.tests:2:25: error: input `phone.country` is a string, got an int"))
    }

    @Test func checkReportsUnreadableFilesAndUsageErrors() async throws {
        #expect(try await run(["check", "absent.rules"]).status == 1)
        #expect(try await run(["check"]).status == 64)
        #expect(try await run(["eval", "--strict", "--policy"]).status == 64)
        #expect(try await run(["eval"], stdin: "{}").status == 1)
    }

    @Test func evalAnswersEveryLineInOrderWithPhysicalLineNumbersForErrors() async throws {
        try write("geo.rules", policy)
        try write("in.ndjson", """
            {"phone": {"country": "GB"}, "ip.country": "GB", "attempts": 0}

            {"phone": {"country": "GB"}, "ip": {"country": "FR"}, "attempts": 9}
            {"phone": {"country": "GB"}, "attempts": "9"}
            not json
            {"phone": {"country": "GB"}, "attempts": 1, "extra": true}

            """)
        let result = try await run(["eval", "--policy", "geo.rules", "in.ndjson"])
        #expect(result.status == 1)
        #expect(result.stdout == """
            {"decision":"pass","risk":0,"reasons":[],"decided_by":null,"policy":"geo","version":2}
            {"decision":"review","risk":300,"reasons":["BURST","MISMATCH","BUSY"],"decided_by":"MISMATCH","policy":"geo","version":2}
            {"error":"input 'attempts' must be an int (64-bit integer), got \\"9\\"","line":4}
            {"error":"invalid JSON at column 1: invalid literal","line":5}
            {"decision":"pass","risk":0,"reasons":[],"decided_by":null,"policy":"geo","version":2}

            """)
    }

    @Test func evalReadsStdinAndAppliesStrictMode() async throws {
        try write("geo.rules", policy)
        let line = #"{"phone": {"country": "GB"}, "attempts": 1, "extra": true}"#
        let lenient = try await run(["eval", "--policy", "geo.rules"], stdin: line)
        #expect(lenient.status == 0 && lenient.stdout.hasPrefix(#"{"decision":"pass""#))
        let strict = try await run(["eval", "--policy", "geo.rules", "--strict", "-"], stdin: line + "\n")
        #expect(strict.status == 1)
        #expect(strict.stdout == #"{"error":"undeclared input 'extra' (strict mode)","line":1}"# + "\n")
    }

    @Test func evalExplainAddsEachRulesValueAndInputs() async throws {
        try write("geo.rules", policy)
        let result = try await run(["eval", "--policy", "geo.rules", "--explain"], stdin: #"{"phone.country": "GB", "attempts": 5}"#)
        #expect(result.status == 0)
        #expect(result.stdout == #"{"decision":"step_up","risk":300,"reasons":["BURST","BUSY"],"decided_by":"BUSY","policy":"geo","version":2,"explain":{"BURST":{"value":"true","inputs":{"attempts":5}},"MISMATCH":{"value":"missing","inputs":{"phone.country":"GB","ip.country":null}},"BUSY":{"value":"true","inputs":{}}}}"# + "\n")
    }

    @Test func evalStreamsInputsLargerThanItsReadBufferLineForLine() async throws {
        try write("geo.rules", policy)
        let pass = #"{"decision":"pass","risk":0,"reasons":[],"decided_by":null,"policy":"geo","version":2}"#
        let busy = #"{"decision":"step_up","risk":300,"reasons":["BURST","BUSY"],"decided_by":"BUSY","policy":"geo","version":2}"#
        var text = "", expected = ""
        for index in 0..<40_000 {
            text += #"{"phone.country": "GB", "attempts": \#(index % 2 == 0 ? 0 : 9)}"# + "\n"
            expected += (index % 2 == 0 ? pass : busy) + "\n"
            if index == 20_000 {
                // One line longer than the 1 MiB read buffer, which must grow to hold it.
                text += #"{"phone.country": "GB", "attempts": 0, "padding": "\#(String(repeating: "x", count: 1_500_000))"}"# + "\n"
                expected += pass + "\n"
            }
        }
        text += "oops"
        expected += #"{"error":"invalid JSON at column 1: unexpected character 'o'","line":40002}"# + "\n"
        try write("big.ndjson", text)
        let result = try await run(["eval", "--policy", "geo.rules", "big.ndjson"])
        #expect(result.status == 1)
        #expect(result.stdout == expected)
        let piped = try await run(["eval", "--policy", "geo.rules"], stdin: text)
        #expect(piped.stdout == expected)
    }

    @Test func evalRefusesInputsItCannotRead() async throws {
        try write("geo.rules", policy)
        for input in ["absent.ndjson", "."] {
            let result = try await run(["eval", "--policy", "geo.rules", input])
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "phonerisk: cannot read '\(input)': no such file or not readable\n")
        }
    }

    @Test func evalRefusesAPolicyThatDoesNotCompile() async throws {
        try write("bad.rules", "policy bad version 1\nscore 1 X when nope\n")
        let result = try await run(["eval", "--policy", "bad.rules"], stdin: "{}")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("bad.rules:2:16: error: unknown name `nope`"))
    }

    @Test func testRunsTestsFilesUnderSubfoldersAndReportsFailuresAndCoverage() async throws {
        try write("Rules/nested/geo.rules", policy)
        try write("Rules/nested/geo.tests", """
            defaults phone.country = "GB", ip.country = "GB", attempts = 0
            test "same country passes" {
              expect pass
            }
            test "deliberately failing" {
              given attempts = 4
              expect review
            }

            """)
        let result = try await run(["test", "--coverage"])
        #expect(result.status == 1)
        #expect(result.stdout == """
            FAIL Rules/nested/geo.tests:5: "deliberately failing"
              Rules/nested/geo.tests:7:3: expect review: expected review, got step_up (decision step_up, risk 300, reasons [BURST, BUSY], decided_by BUSY)
            coverage: Rules/nested/geo.rules: no test fired MISMATCH
            1 passed, 1 failed

            """)
        try write("Rules/nested/geo.tests", "test \"ok\" {\n  given phone.country = \"GB\", attempts = 0\n  expect pass\n}\n")
        let passing = try await run(["test", "Rules"])
        #expect(passing.status == 0)
        #expect(passing.stdout == "1 passed, 0 failed\n")
    }

    @Test func aTestsFileThatDoesNotCompileCountsNeitherWayAndFailsTheRun() async throws {
        try write("t/geo.rules", policy)
        try write("t/geo.tests", "test \"x\" {\n  given nope = 1\n  expect pass\n}\n")
        let result = try await run(["test", "t"])
        #expect(result.status == 1)
        #expect(result.stdout == "0 passed, 0 failed\n")
        #expect(result.stderr.hasPrefix("t/geo.tests:2:9: error: unknown input `nope`"))
    }
}
