extension EvaluationFrame {
    /// Fills the frame from one JSON object of signals (RULES.md, "Inputs at
    /// evaluation time"): nested objects and dotted keys name dotted inputs,
    /// `null` or an absent key is missing, durations are seconds or `"36h"`.
    /// Undeclared keys are ignored, or an error when `strict`.
    ///
    /// ```swift
    /// try frame.load(json: Array(#"{"carrier": {"line_type": "mobile"}}"#.utf8))
    /// ```
    /// - Parameters:
    ///   - json: the UTF-8 bytes of one JSON object.
    ///   - strict: reject keys the policy does not declare.
    /// - Throws: `PolicyInputError` naming the input and what was expected.
    public func load(json: some Collection<UInt8>, strict: Bool = false) throws(PolicyInputError) {
        let contiguous = json.withContiguousStorageIfAvailable { buffer in
            Result { () throws(PolicyInputError) in try load(bytes: buffer, strict: strict) }
        }
        let result = contiguous ?? Array(json).withUnsafeBufferPointer { buffer in
            Result { () throws(PolicyInputError) in try load(bytes: buffer, strict: strict) }
        }
        try result.get()
    }

    /// Fills the frame from the JSON text of one object; see `load(json:strict:)`.
    public func load(json: String, strict: Bool = false) throws(PolicyInputError) {
        var text = json
        let result = text.withUTF8 { buffer in
            Result { () throws(PolicyInputError) in try load(json: buffer, strict: strict) }
        }
        try result.get()
    }

    private func load(bytes: UnsafeBufferPointer<UInt8>, strict: Bool) throws(PolicyInputError) {
        reset()
        var decoder = SignalDecoder(bytes, into: self, strict: strict)
        try decoder.decode()
        try checkRequired()
    }

    func checkRequired() throws(PolicyInputError) {
        for index in program.requiredInputs where present[index] == 0 {
            throw InputErrors.missingRequired(program.inputs[index].name)
        }
    }

    /// `"90s"`, `"15m"`, `"36h"`, `"7d"`: digits and one unit, as whole seconds; nil when malformed or too large.
    static func durationSeconds(_ text: String) -> Int64? {
        guard let unit = text.unicodeScalars.last, text.unicodeScalars.count >= 2 else { return nil }
        let multiplier: Int64
        switch unit {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3600
        case "d": multiplier = 86_400
        default: return nil
        }
        let digits = text.unicodeScalars.dropLast()
        guard digits.allSatisfy({ ("0"..."9").contains($0) }), let value = Int64(String(String.UnicodeScalarView(digits))) else { return nil }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : seconds
    }
}
