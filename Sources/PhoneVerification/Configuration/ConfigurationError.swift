/// A setting of the verification service that cannot be used.
public enum ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `name` (a flag or environment variable) holds `value`, which is not allowed.
    case invalidValue(name: String, value: String, reason: String)

    /// A message for people, naming what was wrong.
    public var description: String {
        switch self {
        case .invalidValue(let name, let value, let reason): "invalid \(name) '\(value)': \(reason)"
        }
    }
}
