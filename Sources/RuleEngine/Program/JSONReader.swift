/// A parsed JSON value. Numbers keep their text so that `5` and `5.0` stay
/// distinct (an `int` input takes only the first) and messages can quote them.
indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// `integer` is set when the text is an integer that fits in 64 bits.
    case number(text: String, integer: Int64?, double: Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// The value as a message quotes it: `"3"`, `100.5`, `true`, `an object`.
    var quoted: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let text, _, _): text
        case .string(let value): JSONText.quoted(value)
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// A strict JSON reader (RFC 8259): one value, no trailing garbage, no
/// comments, nesting at most 64 deep. Duplicate keys are kept for the caller to judge.
struct JSONReader {
    struct Failure: Error {
        var reason: String
        var offset: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        var reader = JSONReader(bytes)
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        if reader.offset < bytes.count { throw Failure(reason: "unexpected text after the value", offset: reader.offset) }
        return value
    }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { offset += 1 }
    }

    private mutating func value() throws(Failure) -> JSONValue {
        guard let c = current else { throw Failure(reason: "unexpected end of input", offset: offset) }
        switch c {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw Failure(reason: "unexpected character '\(Character(Unicode.Scalar(c)))'", offset: offset)
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let start = offset
        let text = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount {
            guard current == text[index] else { throw Failure(reason: "invalid literal", offset: start) }
            offset += 1
        }
    }

    private mutating func nest() throws(Failure) {
        depth += 1
        if depth > 64 { throw Failure(reason: "nested more than 64 levels deep", offset: offset) }
    }

    private mutating func object() throws(Failure) -> JSONValue {
        try nest()
        offset += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") { offset += 1; depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw Failure(reason: "expected a string key", offset: offset) }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw Failure(reason: "expected ':' after a key", offset: offset) }
            offset += 1
            skipWhitespace()
            members.append((key, try value()))
            skipWhitespace()
            if current == UInt8(ascii: ",") { offset += 1; continue }
            if current == UInt8(ascii: "}") { offset += 1; depth -= 1; return .object(members) }
            throw Failure(reason: "expected ',' or '}' in an object", offset: offset)
        }
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try nest()
        offset += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { offset += 1; depth -= 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            if current == UInt8(ascii: ",") { offset += 1; continue }
            if current == UInt8(ascii: "]") { offset += 1; depth -= 1; return .array(items) }
            throw Failure(reason: "expected ',' or ']' in a list", offset: offset)
        }
    }

    private static func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = offset
        var integral = true
        if current == UInt8(ascii: "-") { offset += 1 }
        if current == UInt8(ascii: "0") {
            offset += 1
        } else if Self.isDigit(current) {
            while Self.isDigit(current) { offset += 1 }
        } else {
            throw Failure(reason: "invalid number", offset: start)
        }
        if current == UInt8(ascii: ".") {
            integral = false
            offset += 1
            guard Self.isDigit(current) else { throw Failure(reason: "invalid number", offset: start) }
            while Self.isDigit(current) { offset += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard Self.isDigit(current) else { throw Failure(reason: "invalid number", offset: start) }
            while Self.isDigit(current) { offset += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        let integer = integral ? Int64(text) : nil
        return .number(text: text, integer: integer, double: Double(text) ?? .infinity)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current else { throw Failure(reason: "unterminated \\u escape", offset: offset) }
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: throw Failure(reason: "invalid \\u escape", offset: offset)
            }
            value = value * 16 + digit
            offset += 1
        }
        return value
    }

    private mutating func string() throws(Failure) -> String {
        let start = offset
        offset += 1
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw Failure(reason: "unterminated string", offset: start) }
            offset += 1
            if c == UInt8(ascii: "\"") { break }
            if c < 0x20 { throw Failure(reason: "control character in a string", offset: offset - 1) }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard let e = current else { throw Failure(reason: "unterminated string", offset: start) }
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
                        throw Failure(reason: "unpaired surrogate in \\u escape", offset: offset)
                    }
                    offset += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw Failure(reason: "unpaired surrogate in \\u escape", offset: offset) }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw Failure(reason: "unpaired surrogate in \\u escape", offset: offset) }
                out.append(contentsOf: Array(String(scalar).utf8))
            default:
                throw Failure(reason: "invalid escape in a string", offset: offset - 2)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
