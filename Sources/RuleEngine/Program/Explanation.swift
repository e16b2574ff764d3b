/// The value a rule's condition had in one evaluation.
public enum ConditionValue: String, Sendable, Hashable {
    /// The condition held: the rule fired.
    case `true`
    /// The condition was false.
    case `false`
    /// The condition could not be decided (a missing input, overflow, division by zero).
    case missing
}

/// Why a rule did or did not fire: its condition's value and the inputs it read.
public struct RuleExplanation: Sendable, Hashable {
    /// The rule's reason code.
    public var code: String
    /// `true` (it fired), `false`, or `missing`.
    public var value: ConditionValue
    /// The inputs the condition reads, with their values in this evaluation (nil = missing).
    public var inputs: [(name: String, value: SignalValue?)]

    /// Same code, value, input names and input values.
    public static func == (l: RuleExplanation, r: RuleExplanation) -> Bool {
        l.code == r.code && l.value == r.value && l.inputs.map(\.name) == r.inputs.map(\.name)
            && l.inputs.map(\.value) == r.inputs.map(\.value)
    }

    /// Hashes the code and value.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(value)
    }
}

extension CompiledPolicy {
    /// Each rule's condition value and the inputs it read, for the inputs in `frame`.
    /// It evaluates the frame again, recording which conditions were missing (the
    /// fast `evaluate(_:)` does not), so it explains the frame's current inputs.
    ///
    /// ```swift
    /// _ = policy.evaluate(frame)
    /// for rule in policy.explain(frame) { print(rule.code, rule.value) }
    /// ```
    /// - Parameter frame: a frame made by this policy and filled.
    public func explain(_ frame: EvaluationFrame) -> [RuleExplanation] {
        precondition(frame.program === program, "the frame belongs to another policy")
        _ = program.run(frame, recordingKnown: true)
        return program.rules.enumerated().map { index, rule in
            let bit: UInt64 = 1 << UInt64(index & 63)
            let value: ConditionValue = frame.known[index >> 6] & bit == 0 ? .missing
                : (frame.fired[index >> 6] & bit != 0 ? .true : .false)
            let inputs = rule.inputs.map { name in (name: name, value: signal(program.inputIndex[name]!, in: frame)) }
            return RuleExplanation(code: rule.code, value: value, inputs: inputs)
        }
    }

    /// The current value of input number `index` in `frame`, nil when missing.
    public func signal(_ index: Int, in frame: EvaluationFrame) -> SignalValue? {
        guard frame.present[index] != 0 else { return nil }
        let bits = frame.values[index]
        switch program.inputs[index].type {
        case .int: return .int(bits)
        case .float: return .float(Double(bitPattern: UInt64(bitPattern: bits)))
        case .bool: return .bool(bits != 0)
        case .duration: return .duration(seconds: bits)
        case .string, .enumeration: return .string(frame.string(bits))
        }
    }
}
