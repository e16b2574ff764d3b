import Foundation
import RuleEngine

/// The stored form of a signal set: a JSON object whose members each carry their type,
/// so a replay gets back exactly the values the policy saw.
///
/// ```json
/// {"phone.country": {"string": "GB"}, "sim_swap.age": {"duration": 86400}, "behavior.attempts_1h": {"int": 2}}
/// ```
public enum SignalSetCoding {
    /// Encodes `signals` with sorted keys, as `JSONEncoder` would (``SignalSetWriter``).
    public static func encode(_ signals: [String: SignalValue]) -> String {
        SignalSetWriter.text(signals)
    }

    /// Decodes a set made by ``encode(_:)``: the writer's exact shape directly (``SignalSetReader``),
    /// any other JSON through `JSONDecoder`.
    ///
    /// - Throws: ``SignalSetDecodingError`` when the text is not such a set.
    public static func decode(_ json: String) throws(SignalSetDecodingError) -> [String: SignalValue] {
        if let signals = SignalSetReader.signals(json) { return signals }
        do {
            return try JSONDecoder().decode([String: TaggedValue].self, from: Data(json.utf8)).mapValues(\.value)
        } catch {
            throw SignalSetDecodingError(reason: String(describing: error))
        }
    }

    private struct TaggedValue: Decodable {
        var value: SignalValue

        private enum Keys: String, CodingKey { case int, float, bool, string, duration }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            guard container.allKeys.count == 1, let key = container.allKeys.first else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected one type tag"))
            }
            switch key {
            case .int: value = .int(try container.decode(Int64.self, forKey: key))
            case .float: value = .float(try container.decode(Double.self, forKey: key))
            case .bool: value = .bool(try container.decode(Bool.self, forKey: key))
            case .string: value = .string(try container.decode(String.self, forKey: key))
            case .duration: value = .duration(seconds: try container.decode(Int64.self, forKey: key))
            }
        }
    }
}

/// A stored signal set that cannot be read back.
public struct SignalSetDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public let reason: String
    /// A message for people, naming what was wrong.
    public var description: String { "unreadable stored signal set: \(reason)" }
}
