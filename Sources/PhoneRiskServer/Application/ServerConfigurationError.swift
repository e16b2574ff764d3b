import PhoneVerification

/// Why the service's configuration cannot be used; each case names the flag
/// or environment variable at fault, so `phonerisk serve` can say exactly
/// what to fix.
public enum ServerConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A setting has a value that cannot be read.
    case invalidValue(setting: String, value: String, expected: String)
    /// A setting of the verification domain is invalid (rate limits, code TTL, providers).
    case invalidDomainSetting(ConfigurationError)
    /// The policy file cannot be read.
    case unreadablePolicy(path: String, reason: String)
    /// The policy does not compile; `diagnostics` is the compiler's rendered text.
    case policyDoesNotCompile(path: String, diagnostics: String)

    /// A message for people, naming what was wrong.
    public var description: String {
        switch self {
        case .invalidValue(let setting, let value, let expected):
            "invalid \(setting) '\(value)': expected \(expected)"
        case .invalidDomainSetting(let error):
            error.description
        case .unreadablePolicy(let path, let reason):
            "cannot read the policy \(path): \(reason)"
        case .policyDoesNotCompile(let path, let diagnostics):
            "the policy \(path) does not compile:\n\(diagnostics)"
        }
    }
}
