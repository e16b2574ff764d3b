import Foundation
import RuleEngine

/// Writes a signal set in the stored form of ``SignalSetCoding`` without `JSONEncoder`, byte for byte
/// as `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes it (one is written per
/// create and per confirm, and the encoder's boxing cost more than the policy evaluation).
///
/// Keys are sorted by Unicode scalar, as the encoder sorts them; strings are escaped as it escapes
/// them (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other controls as `\u00XX`); floats, whose text
/// the encoder chooses in its own way, are written by the encoder itself.
enum SignalSetWriter {
    /// The stored text of `signals`.
    static func text(_ signals: [String: SignalValue]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(signals.count * 40 + 2)
        out.append(UInt8(ascii: "{"))
        let keys = signals.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        for (index, key) in keys.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            // Every key comes from `signals`, so the lookup cannot miss.
            appendTagged(signals[key] ?? .bool(false), to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendTagged(_ value: SignalValue, to out: inout [UInt8]) {
        let (tag, body): (String, String) = switch value {
        case .int(let number): ("int", String(number))
        case .float(let number): ("float", floatText(number))
        case .bool(let flag): ("bool", flag ? "true" : "false")
        case .duration(let seconds): ("duration", String(seconds))
        case .string: ("string", "")
        }
        out.append(contentsOf: #"{""#.utf8)
        out.append(contentsOf: tag.utf8)
        out.append(contentsOf: #"":"#.utf8)
        if case .string(let text) = value {
            appendString(text, to: &out)
        } else {
            out.append(contentsOf: body.utf8)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A float as `JSONEncoder` writes it.
    static func floatText(_ number: Double) -> String {
        let encoder = JSONEncoder()
        // Encoding a plain Double cannot fail; NaN and infinities never reach a signal set (the
        // gatherer and the confirm stage make finite values only), and would fail the old encoder too.
        let data = (try? encoder.encode(number)) ?? Data("0".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
