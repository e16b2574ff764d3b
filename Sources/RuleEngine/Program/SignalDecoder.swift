/// Reads one JSON object of signals straight into a frame, without building a
/// document tree: keys are resolved through the policy's `KeyTree`, declared
/// inputs are type-checked and stored as they are read, anything else is
/// skipped (still validated as JSON) or, in strict mode, reported. The JSON is
/// strict RFC 8259: one value, no trailing text, nesting at most 64 deep.
struct SignalDecoder {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let frame: EvaluationFrame
    private let strict: Bool
    private var offset = 0
    private var depth = 0
    /// Keys of the objects being read, innermost last, for duplicate detection.
    private var keys: [String]
    /// The keys leading to the object being read, for messages.
    private var path: [String]

    init(_ bytes: UnsafeBufferPointer<UInt8>, into frame: EvaluationFrame, strict: Bool) {
        self.bytes = bytes
        self.frame = frame
        self.strict = strict
        keys = frame.scratchKeys
        path = frame.scratchPath
        keys.removeAll(keepingCapacity: true)
        path.removeAll(keepingCapacity: true)
    }

    /// Reads the whole text; the frame must have been reset.
    mutating func decode() throws(PolicyInputError) {
        defer {
            frame.scratchKeys = keys
            frame.scratchPath = path
        }
        skipWhitespace()
        guard current == UInt8(ascii: "{") else {
            let got = try skipValue()
            try expectEnd()
            throw InputErrors.notAnObject(got: got)
        }
        try readObject(KeyTree.root)
        try expectEnd()
    }

    // MARK: Objects and members

    private mutating func readObject(_ node: Int) throws(PolicyInputError) {
        try enter()
        let keyBase = keys.count
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return
        }
        while true {
            skipWhitespace()
            let key = try readKey()
            for seen in keys[keyBase...] where seen == key { throw InputErrors.duplicateKey(pathName(key)) }
            keys.append(key)
            try readMember(key, node)
            skipWhitespace()
            if current == UInt8(ascii: ",") { offset += 1; continue }
            if current == UInt8(ascii: "}") { offset += 1; break }
            throw invalid("expected ',' or '}' in an object")
        }
        keys.removeSubrange(keyBase...)
        depth -= 1
    }

    private mutating func readKey() throws(PolicyInputError) -> String {
        guard current == UInt8(ascii: "\"") else { throw invalid("expected a string key") }
        let key = try readString()
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw invalid("expected ':' after a key") }
        offset += 1
        skipWhitespace()
        return key
    }

    private mutating func readMember(_ key: String, _ node: Int) throws(PolicyInputError) {
        let tree = frame.program.keys
        if let target = tree.resolve(key, from: node) {
            let input = tree.nodes[target].input
            if input >= 0 { return try readInput(input) }
            if current == UInt8(ascii: "{") {
                path.append(key)
                try readObject(target)
                path.removeLast()
                return
            }
        }
        if strict { try reportUndeclared(pathName(key)) }
        _ = try skipValue()
    }

    /// In strict mode: names the first undeclared leaf under `name` (an empty object names itself).
    private mutating func reportUndeclared(_ name: String) throws(PolicyInputError) {
        var name = name
        while current == UInt8(ascii: "{") {
            offset += 1
            skipWhitespace()
            if current == UInt8(ascii: "}") { break }
            name += "." + (try readKey())
        }
        throw InputErrors.undeclared(name)
    }

    private func pathName(_ key: String) -> String {
        path.isEmpty ? key : path.joined(separator: ".") + "." + key
    }

    // MARK: Input values

    private mutating func readInput(_ index: Int) throws(PolicyInputError) {
        let input = frame.program.inputs[index]
        if frame.given[index] { throw InputErrors.givenTwice(input.name) }
        frame.given[index] = true
        let bits: Int64
        switch current ?? 0 {
        case UInt8(ascii: "n"):
            try literal("null")
            return
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let flag = current == UInt8(ascii: "t")
            try literal(flag ? "true" : "false")
            guard input.type == .bool else { throw InputErrors.wrongType(input.name, input.type, got: flag ? "true" : "false") }
            bits = flag ? 1 : 0
        case UInt8(ascii: "\""):
            let text = try readString()
            switch input.type {
            case .string: bits = frame.intern(text)
            case .enumeration(let cases):
                guard cases.contains(text) else { throw InputErrors.notACase(input.name, text, cases: cases) }
                bits = frame.intern(text)
            case .duration:
                guard let seconds = EvaluationFrame.durationSeconds(text) else {
                    throw InputErrors.wrongType(input.name, input.type, got: JSONText.quoted(text))
                }
                bits = seconds
            default: throw InputErrors.wrongType(input.name, input.type, got: JSONText.quoted(text))
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (text, integer) = try readNumber()
            switch (input.type, integer) {
            case (.int, let value?), (.duration, let value?): bits = value
            case (.float, _): bits = Int64(bitPattern: (Double(text) ?? .infinity).bitPattern)
            default: throw InputErrors.wrongType(input.name, input.type, got: text)
            }
        default:
            let got = try skipValue()
            throw InputErrors.wrongType(input.name, input.type, got: got)
        }
        frame.values[index] = bits
        frame.present[index] = 1
    }

    // MARK: Scalars

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private func invalid(_ reason: String, at position: Int? = nil) -> PolicyInputError {
        InputErrors.invalidJSON(current == nil && position == nil ? "unexpected end of input" : reason, column: (position ?? offset) + 1)
    }

    private mutating func skipWhitespace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { offset += 1 }
    }

    private mutating func expectEnd() throws(PolicyInputError) {
        skipWhitespace()
        if offset < bytes.count { throw invalid("unexpected text after the value") }
    }

    private mutating func enter() throws(PolicyInputError) {
        depth += 1
        if depth > 64 { throw invalid("nested more than 64 levels deep") }
        offset += 1
    }

    private mutating func literal(_ word: StaticString) throws(PolicyInputError) {
        let start = offset
        let text = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount {
            guard current == text[index] else { throw invalid("invalid literal", at: start) }
            offset += 1
        }
    }

    private static func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

    /// A number's text, and its value when it is an integer that fits in 64 bits.
    private mutating func readNumber() throws(PolicyInputError) -> (String, Int64?) {
        let start = offset
        var integral = true
        if current == UInt8(ascii: "-") { offset += 1 }
        if current == UInt8(ascii: "0") {
            offset += 1
        } else if Self.isDigit(current) {
            while Self.isDigit(current) { offset += 1 }
        } else {
            throw invalid("invalid number", at: start)
        }
        if current == UInt8(ascii: ".") {
            integral = false
            offset += 1
            guard Self.isDigit(current) else { throw invalid("invalid number", at: start) }
            while Self.isDigit(current) { offset += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard Self.isDigit(current) else { throw invalid("invalid number", at: start) }
            while Self.isDigit(current) { offset += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        return (text, integral ? Int64(text) : nil)
    }

    private mutating func hex4() throws(PolicyInputError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current else { throw invalid("unterminated \\u escape") }
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: throw invalid("invalid \\u escape")
            }
            value = value * 16 + digit
            offset += 1
        }
        return value
    }

    /// A string at `current` (its opening quote), unescaped.
    private mutating func readString() throws(PolicyInputError) -> String {
        let start = offset
        offset += 1
        let contentStart = offset
        // Fast path: no escapes, the bytes are the string.
        while let c = current, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\"), c >= 0x20 { offset += 1 }
        if current == UInt8(ascii: "\"") {
            offset += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<offset - 1]), as: UTF8.self)
        }
        var out = Array(bytes[contentStart..<offset])
        while true {
            guard let c = current else { throw invalid("unterminated string", at: start) }
            offset += 1
            if c == UInt8(ascii: "\"") { break }
            if c < 0x20 { throw invalid("control character in a string", at: offset - 1) }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard let e = current else { throw invalid("unterminated string", at: start) }
            offset += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    guard current == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                        throw invalid("unpaired surrogate in \\u escape")
                    }
                    offset += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw invalid("unpaired surrogate in \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw invalid("unpaired surrogate in \\u escape") }
                out.append(contentsOf: String(scalar).utf8)
            default:
                throw invalid("invalid escape in a string", at: offset - 2)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Skips one value, validating it, and returns it as a message quotes it
    /// (`"3"`, `100.5`, `true`, `an object`, `a list`).
    private mutating func skipValue() throws(PolicyInputError) -> String {
        switch current ?? 0 {
        case UInt8(ascii: "{"):
            try enter()
            skipWhitespace()
            if current == UInt8(ascii: "}") { offset += 1; depth -= 1; return "an object" }
            while true {
                skipWhitespace()
                _ = try readKey()
                _ = try skipValue()
                skipWhitespace()
                if current == UInt8(ascii: ",") { offset += 1; continue }
                if current == UInt8(ascii: "}") { offset += 1; depth -= 1; return "an object" }
                throw invalid("expected ',' or '}' in an object")
            }
        case UInt8(ascii: "["):
            try enter()
            skipWhitespace()
            if current == UInt8(ascii: "]") { offset += 1; depth -= 1; return "a list" }
            while true {
                skipWhitespace()
                _ = try skipValue()
                skipWhitespace()
                if current == UInt8(ascii: ",") { offset += 1; continue }
                if current == UInt8(ascii: "]") { offset += 1; depth -= 1; return "a list" }
                throw invalid("expected ',' or ']' in a list")
            }
        case UInt8(ascii: "\""): return JSONText.quoted(try readString())
        case UInt8(ascii: "t"): try literal("true"); return "true"
        case UInt8(ascii: "f"): try literal("false"); return "false"
        case UInt8(ascii: "n"): try literal("null"); return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber().0
        case let c:
            if offset >= bytes.count { throw invalid("unexpected end of input") }
            throw invalid("unexpected character '\(Character(Unicode.Scalar(c)))'")
        }
    }
}
