extension PolicyResult {
    /// The result as one line of JSON, keys in the contract's order:
    /// `{"decision","risk","reasons","decided_by","policy","version"}` (`decided_by` null for pass).
    ///
    /// ```swift
    /// print(result.jsonLine())
    /// // {"decision":"step_up","risk":400,"reasons":["LOW_TRUST","ELEVATED_RISK"],"decided_by":"ELEVATED_RISK","policy":"phone_verification","version":3}
    /// ```
    /// - Parameter explanation: when given, adds an `explain` object: for each rule, its value and the inputs it read.
    public func jsonLine(explanation: [RuleExplanation]? = nil) -> String {
        var out = "{\"decision\":\"\(verdict.rawValue)\",\"risk\":\(risk),\"reasons\":["
        out += reasons.map(JSONText.quoted).joined(separator: ",")
        out += "],\"decided_by\":\(decidedBy.map(JSONText.quoted) ?? "null"),\"policy\":\(JSONText.quoted(policy)),\"version\":\(version)"
        if let explanation {
            out += ",\"explain\":{"
            out += explanation.map { rule in
                let inputs = rule.inputs.map { "\(JSONText.quoted($0.name)):\($0.value.map(\.json) ?? "null")" }.joined(separator: ",")
                return "\(JSONText.quoted(rule.code)):{\"value\":\"\(rule.value.rawValue)\",\"inputs\":{\(inputs)}}"
            }.joined(separator: ",")
            out += "}"
        }
        return out + "}"
    }
}

extension PolicyInputError {
    /// The error as the `eval` command prints it: `{"error": MESSAGE, "line": N}`.
    /// - Parameter line: the physical input line, from 1.
    public func jsonLine(line: Int) -> String {
        "{\"error\":\(JSONText.quoted(message)),\"line\":\(line)}"
    }
}

extension SignalValue {
    /// The value as JSON: numbers, bools, quoted strings; a duration as its seconds.
    public var json: String {
        switch self {
        case .int(let number): String(number)
        case .float(let number): number.isFinite ? String(number) : "null"
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): JSONText.quoted(text)
        case .duration(let seconds): String(seconds)
        }
    }
}
