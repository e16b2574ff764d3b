/// The tunable limits of the verification flow.
///
/// ```swift
/// var configuration = try VerificationConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
/// configuration.codeTTLSeconds = try DurationText.seconds("5m", setting: "--code-ttl")
/// ```
public struct VerificationConfiguration: Sendable, Hashable {
    /// How long a sent code lives after the last send (`--code-ttl`, default 10 minutes).
    public var codeTTLSeconds: Int64 = 600
    /// Wrong codes that fail a verification (the last one answers `max_attempts_reached`).
    public var maxWrongCodes = 5
    /// Codes one verification may send, the create's included.
    public var maxSends = 5
    /// Verifications per phone number (`PHONERISK_RATE_LIMIT_PHONE`, default `5/10m`).
    public var phoneRateLimit = RateLimit(count: 5, windowSeconds: 600)
    /// Verifications per account (`PHONERISK_RATE_LIMIT_ACCOUNT`, default `10/1h`).
    public var accountRateLimit = RateLimit(count: 10, windowSeconds: 3_600)
    /// The live-mode provider when a request names none (`PHONERISK_LIVE_PROVIDER`, default `twilio`).
    public var liveProvider = "twilio"
    /// The `prove` provider's settings (`PHONERISK_PROVE_*`).
    public var prove = ProveSettings()

    /// The built-in defaults.
    public init() {}

    /// The defaults overridden by `PHONERISK_RATE_LIMIT_PHONE`, `PHONERISK_RATE_LIMIT_ACCOUNT`,
    /// `PHONERISK_LIVE_PROVIDER`, `PHONERISK_CODE_TTL` and the `PHONERISK_PROVE_*` settings when set.
    ///
    /// - Parameter environment: the process environment.
    /// - Throws: ``ConfigurationError`` naming the variable that cannot be read.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> VerificationConfiguration {
        var configuration = VerificationConfiguration()
        if let text = environment["PHONERISK_RATE_LIMIT_PHONE"] {
            configuration.phoneRateLimit = try RateLimit(parsing: text, setting: "PHONERISK_RATE_LIMIT_PHONE")
        }
        if let text = environment["PHONERISK_RATE_LIMIT_ACCOUNT"] {
            configuration.accountRateLimit = try RateLimit(parsing: text, setting: "PHONERISK_RATE_LIMIT_ACCOUNT")
        }
        if let text = environment["PHONERISK_CODE_TTL"] {
            configuration.codeTTLSeconds = try DurationText.seconds(text, setting: "PHONERISK_CODE_TTL")
        }
        if let name = environment["PHONERISK_LIVE_PROVIDER"] {
            guard ProviderName.live.contains(name) else {
                throw .invalidValue(name: "PHONERISK_LIVE_PROVIDER", value: name,
                                    reason: "expected one of \(ProviderName.live.joined(separator: ", "))")
            }
            configuration.liveProvider = name
        }
        configuration.prove = try ProveSettings.fromEnvironment(environment)
        guard configuration.codeTTLSeconds >= 1 else {
            throw .invalidValue(name: "code TTL", value: "\(configuration.codeTTLSeconds)s", reason: "must be at least 1s")
        }
        return configuration
    }
}

/// The provider names the API knows.
public enum ProviderName {
    /// Sends nothing; accepts fixed codes. Test mode only.
    public static let sandbox = "sandbox"
    /// Twilio Verify v2.
    public static let twilio = "twilio"
    /// Prove's phone intelligence at create, Twilio Verify for the code.
    public static let prove = "prove"
    /// Every name a request's `type` may hold.
    public static let all = [sandbox, twilio, prove]
    /// The names that may serve live traffic.
    public static let live = [twilio, prove]
}
