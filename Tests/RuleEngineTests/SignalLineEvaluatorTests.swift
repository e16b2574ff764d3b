import Testing
@testable import RuleEngine

@Suite("NDJSON batches: lines, chunks and byte-rendered results as phonerisk eval prints them")
struct SignalLineEvaluatorTests {
    /// 70 rules, so fired rules span two 64-bit words, and every verdict can win.
    private static let wide: CompiledPolicy = {
        var source = "policy wide version 7\ninput n: int\ninput tag: string?\n"
        for rule in 0..<66 { source += "score +\(rule % 5 * 10) R\(rule) when n % \(rule + 2) == 0\n" }
        source += "block BIG when n > 900\nreview ODD when n % 7 == 3\nstep_up TAGGED when tag == \"x\"\nstep_up LOW when risk < 20\n"
        return try! CompiledPolicy(source: source, file: "wide.rules")
    }()

    private static let geo = try! CompiledPolicy(source: """
        policy geo version 2
        input phone.country: string
        input ip.country: string?
        input attempts: int
        score +300 BURST when attempts > 3
        review MISMATCH when phone.country != ip.country
        step_up BUSY when risk >= 300
        """, file: "geo.rules")

    private func run(_ policy: CompiledPolicy, _ text: String, chunk: Int? = nil, strict: Bool = false,
                     explain: Bool = false) -> (output: String, lines: Int, failed: Int) {
        var evaluator = SignalLineEvaluator(policy: policy, strict: strict, explain: explain)
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var pending: [UInt8] = []
        var position = 0
        repeat {
            let next = min(bytes.count, position + (chunk ?? bytes.count))
            pending += bytes[position..<next]
            position = next
            let final = position == bytes.count
            let used = pending.withUnsafeBufferPointer { evaluator.evaluate($0, final: final, into: &output) }
            pending.removeFirst(used)
        } while position < bytes.count
        #expect(pending.isEmpty)
        return (String(decoding: output, as: UTF8.self), evaluator.lineNumber, evaluator.failedLines)
    }

    @Test func renderedResultsEqualPolicyResultJSONLineForEveryVerdictAndBothWords() throws {
        var lines: [String] = []
        var expected = ""
        for n in stride(from: -3, through: 1000, by: 1) {
            let line = n % 3 == 0 ? #"{"n": \#(n), "tag": "x"}"# : #"{"n": \#(n)}"#
            lines.append(line)
            expected += try Self.wide.evaluate(json: line).jsonLine() + "\n"
        }
        let verdicts = Set(lines.compactMap { try? Self.wide.evaluate(json: $0).verdict })
        #expect(verdicts == Set(Verdict.allCases))
        let result = run(Self.wide, lines.joined(separator: "\n"))
        #expect(result.output == expected)
        #expect(result.lines == lines.count && result.failed == 0)
    }

    @Test func anyChunkingGivesTheSameLinesAsOneBuffer() {
        let text = "{\"n\": 4}\r\n\n  \t\n{\"n\": \"4\"}\n{\"n\": 12, \"tag\": \"caf\\u00e9\"}\r\r\nnot json\n{\"n\": 5}"
        let whole = run(Self.wide, text)
        #expect(whole.lines == 7 && whole.failed == 2)
        #expect(whole.output.split(separator: "\n").count == 5)
        #expect(whole.output.contains(#"{"error":"input 'n' must be an int (64-bit integer), got \"4\"","line":4}"#))
        #expect(whole.output.contains(#"{"error":"invalid JSON at column 1: invalid literal","line":6}"#))
        for chunk in [1, 2, 3, 5, 8, 13, 64] {
            let chunked = run(Self.wide, text, chunk: chunk)
            #expect(chunked.output == whole.output, "chunks of \(chunk)")
            #expect(chunked.lines == whole.lines && chunked.failed == whole.failed)
        }
    }

    @Test func aTrailingNewlineEndsTheLastLineWithoutAddingOne() {
        #expect(run(Self.geo, #"{"phone.country": "GB", "attempts": 1}"# + "\n").lines == 1)
        #expect(run(Self.geo, #"{"phone.country": "GB", "attempts": 1}"#).lines == 1)
        #expect(run(Self.geo, "").output.isEmpty)
    }

    @Test func incompleteLinesWaitForMoreInputUnlessFinal() {
        var evaluator = SignalLineEvaluator(policy: Self.geo)
        var output: [UInt8] = []
        let text = Array(#"{"phone.country": "GB", "attempts": 9}"#.utf8)
        let used = text.withUnsafeBufferPointer { evaluator.evaluate($0, final: false, into: &output) }
        #expect(used == 0 && output.isEmpty && evaluator.lineNumber == 0)
        let last = text.withUnsafeBufferPointer { evaluator.evaluate($0, final: true, into: &output) }
        #expect(last == text.count)
        #expect(String(decoding: output, as: UTF8.self)
            == #"{"decision":"step_up","risk":300,"reasons":["BURST","BUSY"],"decided_by":"BUSY","policy":"geo","version":2}"# + "\n")
    }

    @Test func strictAndExplainAreThoseOfTheSingleObjectPaths() throws {
        let line = #"{"phone": {"country": "ZZ"}, "ip.country": "ZZ", "attempts": 5, "extra": {"deep": 1}}"#
        let strict = run(Self.geo, line, strict: true)
        #expect(strict.output == #"{"error":"undeclared input 'extra.deep' (strict mode)","line":1}"# + "\n")
        let explained = run(Self.geo, line, explain: true)
        let frame = Self.geo.makeFrame()
        try frame.load(json: line)
        let outcome = Self.geo.evaluate(frame)
        #expect(explained.output == Self.geo.result(outcome, in: frame).jsonLine(explanation: Self.geo.explain(frame)) + "\n")
        #expect(explained.output.contains(#""phone.country":"ZZ","ip.country":"ZZ""#))
    }

    @Test func strictModeNamesAnEscapedKeyUnderAnUndeclaredObject() {
        // Found by fuzzing: the key's unescaped text must be read after the key is.
        let text = #"{"flag]": "K", "age": -2.5}"# + "\n" + #"{"age": {"name\u00e9": "EE", "line_type"1:y"mobile"}}"#
        let result = run(Self.geo, text, strict: true)
        #expect(result.output == #"{"error":"undeclared input 'flag]' (strict mode)","line":1}"# + "\n"
            + #"{"error":"undeclared input 'age.nameé' (strict mode)","line":2}"# + "\n")
    }

    @Test func framesForgetThePreviousLinesStringsAndInputs() {
        let text = """
            {"phone.country": "AA", "ip.country": "BB", "attempts": 0}
            {"phone.country": "BB", "attempts": 0}
            {"phone.country": "BB", "ip.country": "BB", "attempts": 0}
            """
        let lines = run(Self.geo, text).output.split(separator: "\n")
        #expect(lines.map { $0.contains("MISMATCH") } == [true, false, false])
    }
}
