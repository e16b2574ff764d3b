import Foundation
import RuleEngine
import Testing

@testable import PhoneVerification

@Suite("Stored signal sets: written and read without Foundation's JSON coders")
struct SignalSetCodingTests {
    /// The stored form as `JSONEncoder` writes it, the reference the writer must match byte for byte.
    private struct Reference: Encodable {
        let value: SignalValue

        private enum Keys: String, CodingKey { case int, float, bool, string, duration }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch value {
            case .int(let number): try container.encode(number, forKey: .int)
            case .float(let number): try container.encode(number, forKey: .float)
            case .bool(let flag): try container.encode(flag, forKey: .bool)
            case .string(let text): try container.encode(text, forKey: .string)
            case .duration(let seconds): try container.encode(seconds, forKey: .duration)
            }
        }
    }

    private static func referenceText(_ signals: [String: SignalValue]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(signals.mapValues(Reference.init)), as: UTF8.self)
    }

    private static let samples: [[String: SignalValue]] = [
        [:],
        ["phone.country": .string("GB"), "sim_swap.age": .duration(seconds: 86_400), "behavior.attempts_1h": .int(2)],
        ["a": .int(-3), "b": .float(2.5), "c": .bool(true), "d": .string("GB \"quoted\""), "e": .duration(seconds: -86_400),
         "f": .float(5), "g": .bool(false), "h": .int(Int64.min), "i": .int(Int64.max)],
        ["B": .int(1), "a": .int(2), "a.b": .int(3), "a_b": .int(4), "z": .int(5), "é": .int(6)],
        ["tiny": .float(1e-7), "huge": .float(1e21), "tenth": .float(0.1), "negative zero": .float(-0.0),
         "long": .float(123_456_789.123_456_79)],
        ["text": .string("a\u{01}b\u{1f}c\"d\\e/f\n\r\t\u{08}\u{0c}é😀\u{7f}"), "empty": .string("")],
    ]

    @Test("the writer's text is the text JSONEncoder writes, sorted keys and escapes included", arguments: samples)
    func matchesJSONEncoder(_ signals: [String: SignalValue]) throws {
        #expect(SignalSetCoding.encode(signals) == (try Self.referenceText(signals)))
    }

    @Test("the reader gives back exactly what was written", arguments: samples)
    func roundTrips(_ signals: [String: SignalValue]) throws {
        let text = SignalSetCoding.encode(signals)
        #expect(SignalSetReader.signals(text) == signals)
        #expect(try SignalSetCoding.decode(text) == signals)
    }

    @Test("text in another shape is left to JSONDecoder, which still reads a valid set and refuses the rest")
    func otherShapesFallBack() throws {
        let spaced = #"{ "a" : { "int" : 1 }, "b": {"string": "\ud83d\ude00"} }"#
        #expect(SignalSetReader.signals(spaced) == nil)
        #expect(try SignalSetCoding.decode(spaced) == ["a": .int(1), "b": .string("😀")])
        for refused in [#"{"a":{"int":1,"bool":true}}"#, "[]", #"{"a":{"int":007}}"#, #"{"a":{"int":1}"#, ""] {
            #expect(SignalSetReader.signals(refused) == nil, "\(refused)")
            #expect(throws: SignalSetDecodingError.self) { try SignalSetCoding.decode(refused) }
        }
        #expect(SignalSetReader.signals(#"{"a":{"int":1},"a":{"int":2}}"#) == nil)
    }
}
