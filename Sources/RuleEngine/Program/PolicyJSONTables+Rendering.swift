extension PolicyJSONTables {
    /// Appends the result of the last evaluation of `frame` as `PolicyResult.jsonLine()` writes
    /// it (without a newline), from the fragments computed once per policy: no `PolicyResult`,
    /// no code strings, no `String` concatenation.
    func appendResultLine(_ outcome: EvaluationOutcome, in frame: EvaluationFrame, to out: inout [UInt8]) {
        out.append(contentsOf: decisionPrefix(outcome.verdict))
        Self.appendDecimal(outcome.risk, to: &out)
        Self.append(",\"reasons\":[", to: &out)
        var first = true
        for word in 0..<frame.program.firedWords {
            var bits = frame.fired[word]
            while bits != 0 {
                guard let code = quotedCode(word << 6 | bits.trailingZeroBitCount) else { break }
                bits &= bits &- 1
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: code)
            }
        }
        Self.append("],\"decided_by\":", to: &out)
        if let rule = outcome.decidingRule, let code = quotedCode(rule) {
            out.append(contentsOf: code)
        } else {
            Self.append("null", to: &out)
        }
        out.append(contentsOf: suffix)
    }

    static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `value` in decimal, as `String(value)` writes it.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var scale: UInt = 1
        while magnitude / scale >= 10 {
            scale *= 10
            digits += 1
        }
        for _ in 0..<digits {
            out.append(UInt8(ascii: "0") + UInt8(magnitude / scale))
            magnitude %= scale
            scale /= 10
        }
    }
}
