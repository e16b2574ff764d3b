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
        let parsed: Result<JSONValue, JSONReader.Failure>? = json.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONReader.Failure) in try JSONReader.parse(buffer) }
        }
        let result = parsed ?? Array(json).withUnsafeBufferPointer { buffer in
            Result { () throws(JSONReader.Failure) in try JSONReader.parse(buffer) }
        }
        switch result {
        case .success(let value): try load(parsed: value, strict: strict)
        case .failure(let failure): throw InputErrors.invalidJSON(failure.reason, column: failure.offset + 1)
        }
    }

    /// Fills the frame from the JSON text of one object; see `load(json:strict:)`.
    public func load(json: String, strict: Bool = false) throws(PolicyInputError) {
        var text = json
        let result = text.withUTF8 { buffer in
            Result { () throws(PolicyInputError) in try load(json: buffer, strict: strict) }
        }
        try result.get()
    }

    func load(parsed value: JSONValue, strict: Bool) throws(PolicyInputError) {
        reset()
        guard case .object(let members) = value else { throw InputErrors.notAnObject(got: value.quoted) }
        try fill(members, prefix: "", strict: strict)
        try checkRequired()
    }

    private func fill(_ members: [(key: String, value: JSONValue)], prefix: String, strict: Bool) throws(PolicyInputError) {
        var keys: Set<String> = []
        for (key, value) in members {
            let path = prefix.isEmpty ? key : prefix + "." + key
            if !keys.insert(key).inserted { throw InputErrors.duplicateKey(path) }
            if let index = program.inputIndex[path] {
                try assign(index, value)
                continue
            }
            if case .object(let inner) = value, program.inputPrefixes.contains(path) || (strict && !inner.isEmpty) {
                try fill(inner, prefix: path, strict: strict)
                continue
            }
            if strict { throw InputErrors.undeclared(path) }
        }
    }

    private func assign(_ index: Int, _ value: JSONValue) throws(PolicyInputError) {
        let input = program.inputs[index]
        if given[index] { throw InputErrors.givenTwice(input.name) }
        given[index] = true
        if case .null = value { return }
        let wrong = InputErrors.wrongType(input.name, input.type, got: value.quoted)
        let bits: Int64
        switch (input.type, value) {
        case (.int, .number(_, let integer?, _)): bits = integer
        case (.float, .number(_, _, let double)): bits = Int64(bitPattern: double.bitPattern)
        case (.bool, .bool(let flag)): bits = flag ? 1 : 0
        case (.string, .string(let text)): bits = intern(text)
        case (.duration, .number(_, let integer?, _)): bits = integer
        case (.duration, .string(let text)):
            guard let seconds = Self.durationSeconds(text) else { throw wrong }
            bits = seconds
        case (.enumeration(let cases), .string(let text)):
            guard cases.contains(text) else { throw InputErrors.notACase(input.name, text, cases: cases) }
            bits = intern(text)
        default: throw wrong
        }
        values[index] = bits
        present[index] = 1
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
