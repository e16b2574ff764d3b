/// Reads one JSON object of signals straight into a frame, without building a
/// document tree: keys are resolved through the policy's `PolicyJSONTables`
/// by their bytes, declared inputs are type-checked and stored as they are
/// read, anything else is skipped (still validated as JSON) or, in strict mode,
/// reported. The JSON is strict RFC 8259: one value, no trailing text, nesting
/// at most 64 deep.
///
/// Keys and string values stay byte spans of the input (or of the unescape
/// buffer when they hold escapes); a `String` is made only for an error
/// message, for text the policy has never seen (a frame-local string), or for
/// text with a non-ASCII byte, which is compared as `String`s compare
/// (canonical equivalence), exactly as before the byte tables existed.
struct SignalDecoder {
    private let frame: EvaluationFrame
    private let tables: PolicyJSONTables
    private let strict: Bool
    // The text being read.
    private var base = UnsafePointer<UInt8>(bitPattern: 1)!
    private var count = 0
    private var offset = 0
    private var depth = 0
    /// Keys of the objects being read, innermost last, for duplicate detection.
    private var keys: [TextSpan] = []
    /// The keys leading to the object being read, for messages.
    private var path: [TextSpan] = []
    /// The number of this decode, which `storage.given` records per input named.
    private var decodeNumber: UInt32 = 0
    private let storage: DecoderStorage
    /// Unescaped text of strings with escapes (in `storage`), which is never longer than the input.
    private var unescaped: UnsafeMutablePointer<UInt8>?
    private var unescapedCount = 0
    /// Strings of this text the policy does not know (frame-local ids above the policy's),
    /// collected here and handed to the frame once, at the end of the decode.
    private var locals: DecoderStorage.Locals?
    private var localCount = 0

    /// A decoder into `frame`; keep it to decode many texts, it reuses its storage.
    init(into frame: EvaluationFrame, tables: PolicyJSONTables, strict: Bool) {
        self.frame = frame
        self.tables = tables
        self.strict = strict
        storage = DecoderStorage(inputs: tables.inputKinds.count)
    }

    /// Reads the whole text into the frame, which must have been reset.
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(PolicyInputError) {
        base = bytes.baseAddress ?? base
        count = bytes.count
        offset = 0
        depth = 0
        keys.removeAll(keepingCapacity: true)
        path.removeAll(keepingCapacity: true)
        unescaped = nil
        unescapedCount = 0
        locals = nil
        localCount = 0
        decodeNumber &+= 1
        if decodeNumber == 0 {
            storage.given.update(repeating: 0)
            decodeNumber = 1
        }
        defer {
            if let locals, localCount > 0 {
                frame.appendLocals(bytes: UnsafeBufferPointer(start: locals.bytes, count: locals.offsets[localCount]),
                                   offsets: UnsafeBufferPointer(start: locals.offsets, count: localCount + 1), count: localCount)
            }
        }
        try decodeObject()
    }

    private func isGiven(_ input: Int) -> Bool { storage.given[input] == decodeNumber }

    private mutating func decodeObject() throws(PolicyInputError) {
        skipWhitespace()
        guard current == UInt8(ascii: "{") else {
            let got = try skipValue()
            try expectEnd()
            throw InputErrors.notAnObject(got: describe(got))
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
            let target = resolve(key, from: node)
            let input = target.map { tables.nodeInputs[$0] } ?? -1
            // An ASCII key naming an input not yet given cannot repeat an earlier key of this
            // object: that key would have named the same input. Every other key is compared.
            if !key.ascii || input < 0 || isGiven(input) { try checkDuplicate(key, since: keyBase) }
            keys.append(key)
            try readMember(key, target, input)
            skipWhitespace()
            if current == UInt8(ascii: ",") { offset += 1; continue }
            if current == UInt8(ascii: "}") { offset += 1; break }
            throw invalid("expected ',' or '}' in an object")
        }
        keys.removeLast(keys.count - keyBase)
        depth -= 1
    }

    private mutating func readKey() throws(PolicyInputError) -> TextSpan {
        guard current == UInt8(ascii: "\"") else { throw invalid("expected a string key") }
        let key = try readString()
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw invalid("expected ':' after a key") }
        offset += 1
        skipWhitespace()
        return key
    }

    /// The KeyTree node a key leads to from `node`; a key with dots walks one segment per dot.
    private func resolve(_ key: TextSpan, from node: Int) -> Int? {
        guard key.ascii else { return frame.program.keys.resolve(text(key), from: node) }
        let start = pointer(key)
        // Segments never hold a dot, so a whole-key match is a key without one: the usual case.
        if let child = tables.child(of: node, start, key.count) { return child }
        var current = node
        var segment = 0
        for index in 0...key.count where index == key.count || start[index] == UInt8(ascii: ".") {
            guard let next = tables.child(of: current, start + segment, index - segment) else { return nil }
            current = next
            segment = index + 1
        }
        return current
    }

    private func checkDuplicate(_ key: TextSpan, since keyBase: Int) throws(PolicyInputError) {
        for index in keyBase..<keys.count where same(keys[index], key) {
            throw InputErrors.duplicateKey(pathName(key))
        }
    }

    /// Equal as `String`s are: byte-equal texts always are; two ASCII texts only then.
    private func same(_ a: TextSpan, _ b: TextSpan) -> Bool {
        if a.count == b.count, PolicyJSONTables.equal(pointer(a), pointer(b), a.count) { return true }
        if a.ascii && b.ascii { return false }
        return text(a) == text(b)
    }

    private mutating func readMember(_ key: TextSpan, _ target: Int?, _ input: Int) throws(PolicyInputError) {
        if let target {
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
            // Read the key before calling `text`: a call's receiver is evaluated before its
            // arguments, so `text(try readKey())` would see the unescape buffer as it was.
            let key = try readKey()
            name += "." + text(key)
        }
        throw InputErrors.undeclared(name)
    }

    private func pathName(_ key: TextSpan) -> String {
        (path.map(text) + [text(key)]).joined(separator: ".")
    }

    // MARK: Input values

    private mutating func readInput(_ index: Int) throws(PolicyInputError) {
        if isGiven(index) { throw InputErrors.givenTwice(frame.program.inputs[index].name) }
        storage.given[index] = decodeNumber
        let kind = tables.inputKinds[index]
        let bits: Int64
        switch current ?? 0 {
        case UInt8(ascii: "n"):
            try literal("null")
            return
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let flag = current == UInt8(ascii: "t")
            try literal(flag ? "true" : "false")
            guard kind == .bool else { throw wrongType(index, got: flag ? "true" : "false") }
            bits = flag ? 1 : 0
        case UInt8(ascii: "\""):
            let value = try readString()
            switch kind {
            case .string: bits = intern(value)
            case .enumeration: bits = try enumerationCase(value, of: index)
            case .duration:
                guard let seconds = Self.durationSeconds(pointer(value), value.count) else {
                    throw wrongType(index, got: JSONText.quoted(text(value)))
                }
                bits = seconds
            default: throw wrongType(index, got: JSONText.quoted(text(value)))
            }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (start, integral) = try readNumber()
            switch kind {
            case .int, .duration:
                guard integral, let value = Self.integer(base + start, offset - start) else {
                    throw wrongType(index, got: text(start, offset))
                }
                bits = value
            case .float:
                let value = Self.double(base + start, offset - start, integral: integral)
                    ?? Double(text(start, offset)) ?? .infinity
                bits = Int64(bitPattern: value.bitPattern)
            default: throw wrongType(index, got: text(start, offset))
            }
        default:
            let got = try skipValue()
            throw wrongType(index, got: describe(got))
        }
        frame.values[index] = bits
        frame.present[index] = 1
    }

    private func wrongType(_ index: Int, got: String) -> PolicyInputError {
        let input = frame.program.inputs[index]
        return InputErrors.wrongType(input.name, input.type, got: got)
    }

    private func enumerationCase(_ value: TextSpan, of index: Int) throws(PolicyInputError) -> Int64 {
        if value.ascii && !tables.enumNeedsStrings[index] {
            if let id = tables.stringID(pointer(value), value.count), tables.enumCaseIDs[index].contains(id) { return id }
        } else if case .enumeration(let cases) = frame.program.inputs[index].type, cases.contains(text(value)) {
            return frame.intern(text(value))
        }
        guard case .enumeration(let cases) = frame.program.inputs[index].type else { preconditionFailure("not an enumeration") }
        throw InputErrors.notACase(frame.program.inputs[index].name, text(value), cases: cases)
    }

    /// The id of a string value: the policy's, or a frame-local one.
    private mutating func intern(_ value: TextSpan) -> Int64 {
        let start = pointer(value)
        if value.ascii, let id = tables.stringID(start, value.count) { return id }
        if !value.ascii || tables.hasNonASCIIString, let id = frame.program.strings.id(of: text(value)) { return id }
        return Int64(tables.policyStringCount + internLocal(start, value.count, ascii: value.ascii))
    }

    /// The index of a frame-local string equal (as `String`s compare) to these bytes, added when new.
    private mutating func internLocal(_ text: UnsafePointer<UInt8>, _ length: Int, ascii: Bool) -> Int {
        if locals == nil { locals = storage.localSpace(for: count) }
        let locals = locals!
        for local in 0..<localCount {
            let start = locals.offsets[local], stored = locals.offsets[local + 1] - start
            if stored == length, PolicyJSONTables.equal(locals.bytes + start, text, length) { return local }
            if ascii && locals.ascii[local] { continue }
            let known = String(decoding: UnsafeBufferPointer(start: locals.bytes + start, count: stored), as: UTF8.self)
            if known == String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self) { return local }
        }
        let start = locals.offsets[localCount]
        (locals.bytes + start).update(from: text, count: length)
        locals.ascii[localCount] = ascii
        localCount += 1
        locals.offsets[localCount] = start + length
        return localCount - 1
    }

    // MARK: Scalars

    private var current: UInt8? { offset < count ? base[offset] : nil }

    private func invalid(_ reason: String, at position: Int? = nil) -> PolicyInputError {
        InputErrors.invalidJSON(current == nil && position == nil ? "unexpected end of input" : reason, column: (position ?? offset) + 1)
    }

    private mutating func skipWhitespace() {
        while offset < count {
            let c = base[offset]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            offset += 1
        }
    }

    private mutating func expectEnd() throws(PolicyInputError) {
        skipWhitespace()
        if offset < count { throw invalid("unexpected text after the value") }
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

    private func isDigit() -> Bool { offset < count && base[offset] &- 0x30 < 10 }

    /// Scans a number; returns where it starts and whether it is written as an integer.
    private mutating func readNumber() throws(PolicyInputError) -> (start: Int, integral: Bool) {
        let start = offset
        var integral = true
        if current == UInt8(ascii: "-") { offset += 1 }
        if current == UInt8(ascii: "0") {
            offset += 1
        } else if isDigit() {
            while isDigit() { offset += 1 }
        } else {
            throw invalid("invalid number", at: start)
        }
        if current == UInt8(ascii: ".") {
            integral = false
            offset += 1
            guard isDigit() else { throw invalid("invalid number", at: start) }
            while isDigit() { offset += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard isDigit() else { throw invalid("invalid number", at: start) }
            while isDigit() { offset += 1 }
        }
        return (start, integral)
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

    /// A string at `current` (its opening quote), as a span of its unescaped bytes.
    private mutating func readString() throws(PolicyInputError) -> TextSpan {
        let start = offset
        offset += 1
        let contentStart = offset
        var seen: UInt64 = 0
        // Fast path: no escapes, the bytes are the string. Eight bytes at a time: a byte of a
        // word is flagged when it is a quote, a backslash or a control character; the lowest
        // flag is exact (borrows only corrupt flags above it).
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(base)
        while offset + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let flags = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & highs
            if flags != 0 {
                let stop = flags.trailingZeroBitCount >> 3
                seen |= word & ((1 << (UInt64(stop) << 3)) &- 1)
                offset += stop
                break
            }
            seen |= word
            offset += 8
        }
        while offset < count {
            let c = base[offset]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
            seen |= UInt64(c)
            offset += 1
        }
        if current == UInt8(ascii: "\"") {
            offset += 1
            return TextSpan(start: contentStart, count: offset - 1 - contentStart, ascii: seen & highs == 0)
        }
        return try readEscapedString(from: start, contentStart: contentStart)
    }

    /// The rest of a string that holds an escape (or is malformed), unescaped into the unescape buffer.
    private mutating func readEscapedString(from start: Int, contentStart: Int) throws(PolicyInputError) -> TextSpan {
        if unescaped == nil { unescaped = storage.unescapeSpace(for: count) }
        let out = unescaped!
        let outStart = unescapedCount
        func append(_ byte: UInt8) {
            out[unescapedCount] = byte
            unescapedCount += 1
        }
        for index in contentStart..<offset { append(base[index]) }
        while true {
            guard let c = current else { throw invalid("unterminated string", at: start) }
            offset += 1
            if c == UInt8(ascii: "\"") { break }
            if c < 0x20 { throw invalid("control character in a string", at: offset - 1) }
            guard c == UInt8(ascii: "\\") else { append(c); continue }
            guard let e = current else { throw invalid("unterminated string", at: start) }
            offset += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): append(e)
            case UInt8(ascii: "b"): append(0x08)
            case UInt8(ascii: "f"): append(0x0C)
            case UInt8(ascii: "n"): append(0x0A)
            case UInt8(ascii: "r"): append(0x0D)
            case UInt8(ascii: "t"): append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    guard current == UInt8(ascii: "\\"), offset + 1 < count, base[offset + 1] == UInt8(ascii: "u") else {
                        throw invalid("unpaired surrogate in \\u escape")
                    }
                    offset += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw invalid("unpaired surrogate in \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw invalid("unpaired surrogate in \\u escape") }
                for byte in String(scalar).utf8 { append(byte) }
            default:
                throw invalid("invalid escape in a string", at: offset - 2)
            }
        }
        let length = unescapedCount - outStart
        let ascii = UnsafeBufferPointer(start: out + outStart, count: length).allSatisfy { $0 < 0x80 }
        return TextSpan(start: ~outStart, count: length, ascii: ascii)
    }

    /// Skips one value, validating it; `describe` turns what was skipped into message text.
    private mutating func skipValue() throws(PolicyInputError) -> Skipped {
        switch current ?? 0 {
        case UInt8(ascii: "{"):
            try enter()
            skipWhitespace()
            if current == UInt8(ascii: "}") { offset += 1; depth -= 1; return .object }
            while true {
                skipWhitespace()
                _ = try readKey()
                _ = try skipValue()
                skipWhitespace()
                if current == UInt8(ascii: ",") { offset += 1; continue }
                if current == UInt8(ascii: "}") { offset += 1; depth -= 1; return .object }
                throw invalid("expected ',' or '}' in an object")
            }
        case UInt8(ascii: "["):
            try enter()
            skipWhitespace()
            if current == UInt8(ascii: "]") { offset += 1; depth -= 1; return .list }
            while true {
                skipWhitespace()
                _ = try skipValue()
                skipWhitespace()
                if current == UInt8(ascii: ",") { offset += 1; continue }
                if current == UInt8(ascii: "]") { offset += 1; depth -= 1; return .list }
                throw invalid("expected ',' or ']' in a list")
            }
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): let start = offset; try literal("true"); return .text(start, offset)
        case UInt8(ascii: "f"): let start = offset; try literal("false"); return .text(start, offset)
        case UInt8(ascii: "n"): let start = offset; try literal("null"); return .text(start, offset)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .text(try readNumber().start, offset)
        case let c:
            if offset >= count { throw invalid("unexpected end of input") }
            throw invalid("unexpected character '\(Character(Unicode.Scalar(c)))'")
        }
    }

    /// A skipped value as a message quotes it (`"3"`, `100.5`, `true`, `an object`, `a list`).
    private func describe(_ skipped: Skipped) -> String {
        switch skipped {
        case .object: "an object"
        case .list: "a list"
        case .string(let span): JSONText.quoted(text(span))
        case .text(let start, let end): text(start, end)
        }
    }

    // MARK: Spans

    private func pointer(_ span: TextSpan) -> UnsafePointer<UInt8> {
        span.start >= 0 ? base + span.start : UnsafePointer(unescaped! + ~span.start)
    }

    private func text(_ span: TextSpan) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer(span), count: span.count), as: UTF8.self)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }
}

/// A key or string value: `start` ≥ 0 is an offset in the input, otherwise `~start` is one in the unescape buffer.
struct TextSpan {
    var start: Int
    var count: Int
    /// Every byte is below 0x80, so byte equality is `String` equality.
    var ascii: Bool
}

/// What `SignalDecoder.skipValue` skipped, kept cheap until a message needs it.
enum Skipped {
    case object, list
    case string(TextSpan)
    /// A literal or number: its text is the input between the offsets.
    case text(Int, Int)
}

/// A decoder's raw storage, kept across texts: which inputs the current text named, and
/// room for unescaped string text (grown when a text is longer).
final class DecoderStorage {
    /// Per input: the number of the decode that last named it.
    let given: UnsafeMutableBufferPointer<UInt32>
    private var unescape: UnsafeMutableBufferPointer<UInt8>?

    init(inputs: Int) {
        given = .allocate(capacity: max(1, inputs))
        given.initialize(repeating: 0)
    }

    /// Room for the frame-local strings of a text: their bytes, offsets and ASCII flags.
    struct Locals {
        let bytes: UnsafeMutablePointer<UInt8>
        /// `offsets[i]..<offsets[i + 1]` are local `i`'s bytes; `offsets[0]` is 0.
        let offsets: UnsafeMutablePointer<Int>
        let ascii: UnsafeMutablePointer<Bool>
    }

    private var localBytes: UnsafeMutableBufferPointer<UInt8>?
    private var localOffsets: UnsafeMutableBufferPointer<Int>?
    private var localASCII: UnsafeMutableBufferPointer<Bool>?

    /// Room for the locals of a text of `count` bytes, valid until the next call: its strings'
    /// bytes never outnumber its bytes, and each string takes at least its two quotes.
    func localSpace(for count: Int) -> Locals {
        let strings = count / 2 + 1
        if let localBytes, let localOffsets, let localASCII, localBytes.count >= count, localASCII.count >= strings {
            return Locals(bytes: localBytes.baseAddress!, offsets: localOffsets.baseAddress!, ascii: localASCII.baseAddress!)
        }
        localBytes?.deallocate()
        localOffsets?.deallocate()
        localASCII?.deallocate()
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 256))
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(strings, 128) + 1)
        let ascii = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(strings, 128))
        offsets[0] = 0
        localBytes = bytes
        localOffsets = offsets
        localASCII = ascii
        return Locals(bytes: bytes.baseAddress!, offsets: offsets.baseAddress!, ascii: ascii.baseAddress!)
    }

    /// Room for at least `count` bytes, valid until the next call.
    func unescapeSpace(for count: Int) -> UnsafeMutablePointer<UInt8> {
        if let unescape, unescape.count >= count { return unescape.baseAddress! }
        unescape?.deallocate()
        let fresh = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 256))
        unescape = fresh
        return fresh.baseAddress!
    }

    deinit {
        given.deallocate()
        unescape?.deallocate()
        localBytes?.deallocate()
        localOffsets?.deallocate()
        localASCII?.deallocate()
    }
}
