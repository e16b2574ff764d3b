extension EvaluationFrame {
    /// Fills the frame from typed signals keyed by dotted input name (absent = missing).
    /// An `int` is accepted for a `float` input; everything else must match the declared type.
    ///
    /// ```swift
    /// try frame.load(["phone.country": .string("GB"), "behavior.attempts_1h": .int(1)])
    /// ```
    /// - Parameters:
    ///   - signals: values by dotted input name.
    ///   - strict: reject names the policy does not declare.
    /// - Throws: `PolicyInputError` naming the input and what was expected.
    public func load(_ signals: [String: SignalValue], strict: Bool = false) throws(PolicyInputError) {
        reset()
        for name in signals.keys.sorted() {
            let value = signals[name]!
            guard let index = program.inputIndex[name] else {
                if strict { throw InputErrors.undeclared(name) }
                continue
            }
            try assign(index, value)
        }
        try checkRequired()
    }

    private func assign(_ index: Int, _ value: SignalValue) throws(PolicyInputError) {
        let input = program.inputs[index]
        let bits: Int64
        switch (input.type, value) {
        case (.int, .int(let number)): bits = number
        case (.float, .float(let number)): bits = Int64(bitPattern: number.bitPattern)
        case (.float, .int(let number)): bits = Int64(bitPattern: Double(number).bitPattern)
        case (.bool, .bool(let flag)): bits = flag ? 1 : 0
        case (.string, .string(let text)): bits = intern(text)
        case (.duration, .duration(let seconds)): bits = seconds
        case (.enumeration(let cases), .string(let text)):
            guard cases.contains(text) else { throw InputErrors.notACase(input.name, text, cases: cases) }
            bits = intern(text)
        default:
            throw InputErrors.wrongType(input.name, input.type, got: value.quoted)
        }
        values[index] = bits
        present[index] = 1
    }
}

extension SignalValue {
    /// The value as a message quotes it.
    var quoted: String {
        switch self {
        case .int(let number): String(number)
        case .float(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): JSONText.quoted(text)
        case .duration(let seconds): "a duration of \(seconds)s"
        }
    }
}
