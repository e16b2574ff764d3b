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
        var decoder = SignalDecoder(into: self, tables: program.jsonTables, strict: strict)
        try load(bytes: bytes, with: &decoder)
    }

    /// Fills the frame through a decoder made for it, which a caller decoding many texts keeps.
    func load(bytes: UnsafeBufferPointer<UInt8>, with decoder: inout SignalDecoder) throws(PolicyInputError) {
        reset()
        try decoder.decode(bytes)
        try checkRequired()
    }

    func checkRequired() throws(PolicyInputError) {
        for index in program.requiredInputs where present[index] == 0 {
            throw InputErrors.missingRequired(program.inputs[index].name)
        }
    }
}
