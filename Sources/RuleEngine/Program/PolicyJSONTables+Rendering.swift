extension PolicyJSONTables {
    /// Appends the result of the last evaluation of `frame` as `PolicyResult.jsonLine()` writes
    /// it (without a newline), from the fragments computed once per policy: no `PolicyResult`,
    /// no code strings, no `String` concatenation.
    func appendResultLine(_ outcome: EvaluationOutcome, in frame: EvaluationFrame, to out: inout [UInt8]) {
        // Room for the longest line is claimed once and trimmed after: one capacity check
        // instead of one per fragment.
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: longestResultLine))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            let begin = buffer.baseAddress! + start
            var cursor = begin
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                cursor.update(from: bytes.baseAddress!, count: bytes.count)
                cursor += bytes.count
            }
            put(decisionPrefix(outcome.verdict))
            cursor += Self.writeDecimal(outcome.risk, to: cursor)
            put(Self.bytes(",\"reasons\":["))
            var first = true
            for word in 0..<frame.program.firedWords {
                var bits = frame.fired[word]
                while bits != 0 {
                    guard let code = quotedCode(word << 6 | bits.trailingZeroBitCount) else { break }
                    bits &= bits &- 1
                    if !first {
                        cursor.pointee = UInt8(ascii: ",")
                        cursor += 1
                    }
                    first = false
                    put(code)
                }
            }
            put(Self.bytes("],\"decided_by\":"))
            if let rule = outcome.decidingRule, let code = quotedCode(rule) {
                put(code)
            } else {
                put(Self.bytes("null"))
            }
            put(suffix)
            return cursor - begin
        }
        out.removeLast(longestResultLine - written)
    }

    private static func bytes(_ text: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Writes `value` in decimal, as `String(value)` writes it (at most 20 bytes); returns the byte count.
    static func writeDecimal(_ value: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var cursor = out
        if value < 0 {
            cursor.pointee = UInt8(ascii: "-")
            cursor += 1
        }
        var magnitude = value.magnitude
        var digits = 1
        var scale: UInt = 1
        while magnitude / scale >= 10 {
            scale *= 10
            digits += 1
        }
        for _ in 0..<digits {
            cursor.pointee = UInt8(ascii: "0") + UInt8(magnitude / scale)
            cursor += 1
            magnitude %= scale
            scale /= 10
        }
        return cursor - out
    }
}
