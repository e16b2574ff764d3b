/// A parsed, type-checked and compiled policy, ready to be evaluated many
/// times from many threads (it is immutable; each thread uses its own frame).
///
/// ```swift
/// let policy = try CompiledPolicy(source: text, file: "phone_verification.rules")
/// let result = try policy.evaluate(["phone.country": .string("GB"), "behavior.attempts_1h": .int(2)])
/// print(result.verdict, result.risk, result.reasons)
/// ```
public struct CompiledPolicy: Sendable {
    let program: Program

    /// Warnings found while compiling (rules that can never fire, unread inputs).
    public let warnings: [Diagnostic]

    /// Compiles a policy.
    /// - Parameters:
    ///   - source: the text of a `.rules` file.
    ///   - file: the file name diagnostics show.
    /// - Throws: `PolicyCompileError` with every error found (and the warnings).
    public init(source: String, file: String) throws(PolicyCompileError) {
        let output = try PolicyCompiler.compile(source: source, file: file)
        program = output.program
        warnings = output.warnings
    }

    /// The name from the `policy NAME version N` header.
    public var name: String { program.name }
    /// The version from the header.
    public var version: Int { program.version }
    /// The declared inputs, in declaration order.
    public var inputs: [PolicyInput] { program.inputs }
    /// The dotted names of the declared inputs, in declaration order.
    public var inputNames: [String] { program.inputs.map(\.name) }
    /// The rules, in file order.
    public var rules: [PolicyRule] { program.rules }

    /// A new frame for this policy; keep one per thread and reuse it.
    public func makeFrame() -> EvaluationFrame { EvaluationFrame(program: program) }

    /// Evaluates a filled frame. Allocates nothing.
    /// - Parameter frame: a frame made by this policy's `makeFrame()` and filled by one of its `load` methods.
    public func evaluate(_ frame: EvaluationFrame) -> EvaluationOutcome {
        precondition(frame.program === program, "the frame belongs to another policy")
        return program.run(frame)
    }

    /// Whether rule number `index` (file order) fired in the last evaluation of `frame`.
    public func fired(_ index: Int, in frame: EvaluationFrame) -> Bool {
        frame.fired[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// The reason codes of the rules that fired in the last evaluation of `frame`, in file order.
    public func reasons(in frame: EvaluationFrame) -> [String] {
        program.rules.indices.filter { fired($0, in: frame) }.map { program.rules[$0].code }
    }

    /// The full result of the last evaluation of `frame`.
    public func result(_ outcome: EvaluationOutcome, in frame: EvaluationFrame) -> PolicyResult {
        PolicyResult(verdict: outcome.verdict, risk: outcome.risk, reasons: reasons(in: frame),
                     decidedBy: outcome.decidingRule.map { program.rules[$0].code },
                     policy: program.name, version: program.version)
    }

    /// Evaluates typed signals keyed by dotted input name (absent = missing).
    /// - Parameters:
    ///   - signals: the signals; keys the policy does not declare are ignored unless `strict`.
    ///   - strict: reject undeclared keys.
    /// - Throws: `PolicyInputError` for a missing required input, a wrong type or a non-case string.
    public func evaluate(_ signals: [String: SignalValue], strict: Bool = false) throws(PolicyInputError) -> PolicyResult {
        let frame = makeFrame()
        try frame.load(signals, strict: strict)
        return result(evaluate(frame), in: frame)
    }

    /// Evaluates one JSON object of signals (UTF-8 text).
    /// - Parameters:
    ///   - json: the JSON text.
    ///   - strict: reject undeclared keys.
    /// - Throws: `PolicyInputError` for malformed JSON or bad signals.
    public func evaluate(json: String, strict: Bool = false) throws(PolicyInputError) -> PolicyResult {
        let frame = makeFrame()
        try frame.load(json: json, strict: strict)
        return result(evaluate(frame), in: frame)
    }
}
