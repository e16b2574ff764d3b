/// Runs `.tests` files (RULES.md, "Tests") against compiled policies; shared by
/// `phonerisk test` and the package's own tests.
///
/// ```swift
/// let policy = try CompiledPolicy(source: rules, file: "velocity.rules")
/// let report = PolicyTestRunner.run(tests: text, file: "velocity.tests", policy: policy)
/// print(report.failureReport)
/// print("\(report.passed) passed, \(report.failed) failed")
/// ```
public enum PolicyTestRunner {
    /// Checks a tests file against its policy without running it.
    /// - Returns: every error in the tests file (unknown inputs or codes, wrong value types, syntax).
    public static func check(tests text: String, file: String, policy: CompiledPolicy) -> [Diagnostic] {
        compile(tests: text, file: file, policy: policy).1
    }

    /// Runs every test of a tests file.
    /// - Parameters:
    ///   - text: the `.tests` file's text.
    ///   - file: its name, for messages.
    ///   - policy: the compiled policy beside it.
    public static func run(tests text: String, file: String, policy: CompiledPolicy) -> PolicyTestReport {
        let (checked, errors, source) = compile(tests: text, file: file, policy: policy)
        var report = PolicyTestReport(testsFile: file, errors: errors, results: [], unfiredRules: [])
        guard errors.isEmpty else { return report }
        var fired = Set<Int>()
        let frame = policy.makeFrame()
        for test in checked.cases {
            var failures: [String] = []
            let outcome: Result<PolicyResult, PolicyInputError>
            do {
                try frame.load(test.signals)
                let result = policy.result(policy.evaluate(frame), in: frame)
                for index in policy.rules.indices where policy.fired(index, in: frame) { fired.insert(index) }
                outcome = .success(result)
            } catch {
                outcome = .failure(error)
            }
            for expectation in test.expectations {
                if let failure = failure(of: expectation, outcome) {
                    let (line, column) = source.position(of: expectation.span.start)
                    failures.append("\(file):\(line):\(column): \(failure)")
                }
            }
            report.results.append(.init(name: test.name, line: source.position(of: test.span.start).line, failures: failures))
        }
        report.unfiredRules = policy.rules.indices.filter { !fired.contains($0) }.map { policy.rules[$0].code }
        return report
    }

    private static func compile(tests text: String, file: String, policy: CompiledPolicy) -> (CheckedTestFile, [Diagnostic], SourceText) {
        let source = SourceText(text, file: file)
        var parser = TestParser(source: source)
        let syntax = parser.parse()
        var checker = TestChecker(policy: policy, diagnostics: parser.diagnostics)
        let checked = checker.check(syntax)
        return (checked, checker.diagnostics.list.sortedByPosition(), source)
    }

    /// Nil when the expectation holds, else what went wrong.
    private static func failure(of expectation: ExpectationSyntax, _ outcome: Result<PolicyResult, PolicyInputError>) -> String? {
        let result: PolicyResult
        switch (expectation.kind, outcome) {
        case (.error, .failure): return nil
        case (.error, .success(let actual)): return "expect error: expected an evaluation error, got \(summary(actual))"
        case (_, .failure(let error)): return "\(describe(expectation.kind)): expected a decision, got the evaluation error \(JSONText.quoted(error.message))"
        case (_, .success(let actual)): result = actual
        }
        let what = describe(expectation.kind)
        let context = "(\(summary(result)))"
        switch expectation.kind {
        case .verdict(let verdict):
            return result.verdict == verdict ? nil : "\(what): expected \(verdict.rawValue), got \(result.verdict.rawValue) \(context)"
        case .decidedBy(let code):
            return result.decidedBy == code ? nil : "\(what): expected \(code), got \(result.decidedBy ?? "none (the decision is pass)") \(context)"
        case .include(let codes):
            let absent = codes.filter { !result.reasons.contains($0) }
            return absent.isEmpty ? nil : "\(what): expected \(absent.joined(separator: ", ")) among the reasons, got [\(result.reasons.joined(separator: ", "))]"
        case .exclude(let codes):
            let present = codes.filter { result.reasons.contains($0) }
            return present.isEmpty ? nil : "\(what): expected no \(present.joined(separator: ", ")), got [\(result.reasons.joined(separator: ", "))]"
        case .exactly(let codes):
            return result.reasons == codes ? nil : "\(what): expected [\(codes.joined(separator: ", "))], got [\(result.reasons.joined(separator: ", "))]"
        case .risk(let op, let value):
            return Arithmetic.compare(op, Int64(result.risk), value) ? nil : "\(what): expected risk \(op.symbol) \(value), got \(result.risk) \(context)"
        case .error:
            return nil
        }
    }

    private static func summary(_ result: PolicyResult) -> String {
        "decision \(result.verdict.rawValue), risk \(result.risk), reasons [\(result.reasons.joined(separator: ", "))], decided_by \(result.decidedBy ?? "none")"
    }

    private static func describe(_ kind: ExpectationSyntax.Kind) -> String {
        switch kind {
        case .verdict(let verdict): "expect \(verdict.rawValue)"
        case .decidedBy(let code): "expect decided_by \(code)"
        case .include(let codes): "expect reasons include \(codes.joined(separator: ", "))"
        case .exclude(let codes): "expect reasons exclude \(codes.joined(separator: ", "))"
        case .exactly(let codes): "expect reasons == [\(codes.joined(separator: ", "))]"
        case .risk(let op, let value): "expect risk \(op.symbol) \(value)"
        case .error: "expect error"
        }
    }
}

extension ComparisonOperator {
    var symbol: String {
        switch self {
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        }
    }
}
