/// A tests file checked against its policy: values converted to the inputs'
/// types, input names and reason codes resolved.
struct CheckedTestFile: Sendable {
    struct Case: Sendable {
        var name: String
        var span: Span
        var signals: [String: SignalValue]
        var expectations: [ExpectationSyntax]
    }
    var cases: [Case]
}

/// Checks a parsed tests file against a compiled policy, reporting every
/// unknown input, unknown reason code and value of the wrong type.
struct TestChecker {
    let policy: CompiledPolicy
    var diagnostics: TestDiagnostics

    mutating func check(_ file: TestFileSyntax) -> CheckedTestFile {
        let defaults = signals(file.defaults, base: [:])
        var cases: [CheckedTestFile.Case] = []
        for test in file.tests {
            for expectation in test.expectations { checkCodes(expectation) }
            cases.append(CheckedTestFile.Case(name: test.name, span: test.span,
                                              signals: signals(test.givens, base: defaults),
                                              expectations: test.expectations))
        }
        return CheckedTestFile(cases: cases)
    }

    private mutating func checkCodes(_ expectation: ExpectationSyntax) {
        let codes = policy.rules.map(\.code)
        for (code, span) in expectation.codes where !codes.contains(code) {
            diagnostics.unknownCode(code, span, candidates: codes)
        }
    }

    /// `base` with the assignments applied in order (later ones win; `missing` removes).
    private mutating func signals(_ assignments: [AssignmentSyntax], base: [String: SignalValue]) -> [String: SignalValue] {
        var result = base
        for assignment in assignments {
            guard let input = policy.inputs.first(where: { $0.name == assignment.name }) else {
                diagnostics.unknownInput(assignment.name, assignment.nameSpan, candidates: policy.inputNames)
                continue
            }
            guard let literal = assignment.value else {
                result[assignment.name] = nil
                continue
            }
            if let value = convert(literal, to: input, assignment.valueSpan) { result[assignment.name] = value }
        }
        return result
    }

    private mutating func convert(_ literal: LiteralValue, to input: PolicyInput, _ span: Span) -> SignalValue? {
        switch (input.type, literal) {
        case (.int, .int(let number)): return .int(number)
        case (.float, .int(let number)): return .float(Double(number))
        case (.float, .float(let number)): return .float(number)
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.string, .string(let text)): return .string(text)
        case (.duration, .duration(let seconds)): return .duration(seconds: seconds)
        case (.enumeration(let cases), .string(let text)):
            guard cases.contains(text) else {
                diagnostics.notACase(input.name, text, cases: cases, span)
                return nil
            }
            return .string(text)
        default:
            diagnostics.wrongValueType(input.name, input.type, got: literal, span)
            return nil
        }
    }
}
