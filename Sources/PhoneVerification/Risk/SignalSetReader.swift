import RuleEngine

/// Reads the stored form of a signal set exactly as ``SignalSetWriter`` writes it, without
/// `JSONDecoder` (the confirm stage reads the create stage's set back on every confirm).
///
/// It accepts only that exact shape: no whitespace, each member one tagged value, no repeated key,
/// escapes that stay within the Basic Multilingual Plane. Anything else (older rows, text written
/// by hand) answers nil, and ``SignalSetCoding/decode(_:)`` falls back to `JSONDecoder`, which also
/// words the error when the text is not a signal set at all.
struct SignalSetReader {
    private let bytes: [UInt8]
    private var position = 0

    /// The signal set of `text`, or nil when the text is not in the writer's exact shape.
    static func signals(_ text: String) -> [String: SignalValue]? {
        var reader = SignalSetReader(bytes: Array(text.utf8))
        return reader.object()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func object() -> [String: SignalValue]? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var signals: [String: SignalValue] = [:]
        if take(UInt8(ascii: "}")) { return position == bytes.count ? signals : nil }
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")), let value = tagged(), signals[key] == nil else { return nil }
            signals[key] = value
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), position == bytes.count else { return nil }
        return signals
    }

    private mutating func tagged() -> SignalValue? {
        guard take(UInt8(ascii: "{")), let tag = string(), take(UInt8(ascii: ":")) else { return nil }
        let value: SignalValue?
        switch tag {
        case "int": value = integer().map(SignalValue.int)
        case "duration": value = integer().map { .duration(seconds: $0) }
        case "float": value = float().map(SignalValue.float)
        case "bool": value = literal("true") ? .bool(true) : literal("false") ? .bool(false) : nil
        case "string": value = string().map(SignalValue.string)
        default: value = nil
        }
        guard let value, take(UInt8(ascii: "}")) else { return nil }
        return value
    }

    private mutating func integer() -> Int64? {
        let start = position
        if peek == UInt8(ascii: "-") { position += 1 }
        while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        // Only the writer's own spelling: no leading zeros, no `-0`, no `+`.
        guard let number = Int64(token), String(number) == token else { return nil }
        return number
    }

    private mutating func float() -> Double? {
        let start = position
        while let byte = peek, Self.numberBytes.contains(byte) { position += 1 }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let number = Double(token), SignalSetWriter.floatText(number) == token else { return nil }
        return number
    }

    private static let numberBytes = Set("0123456789+-.eE".utf8)

    private mutating func literal(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard bytes.count - position >= utf8.count, Array(bytes[position..<position + utf8.count]) == utf8 else { return false }
        position += utf8.count
        return true
    }

    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        var out: [UInt8] = []
        while let byte = peek {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                // The text was a String and escapes decode to whole scalars: the bytes are UTF-8.
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = escape() else { return nil }
                out.append(contentsOf: escaped)
            case 0..<0x20:
                return nil
            default:
                out.append(byte)
            }
        }
        return nil
    }

    private mutating func escape() -> [UInt8]? {
        guard let byte = peek else { return nil }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return [byte]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "u"):
            guard bytes.count - position >= 4,
                  let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(code)
            else { return nil }
            position += 4
            return Array(String(Character(scalar)).utf8)
        default: return nil
        }
    }

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }
}
