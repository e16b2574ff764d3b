import MobileSignals

/// The `prove` provider's settings (PROVE.md), read once from the
/// environment by ``fromEnvironment(_:)``.
///
/// ```swift
/// let settings = try ProveSettings.fromEnvironment(ProcessInfo.processInfo.environment)
/// settings.configuration?.baseURL   // "https://platform.proveapis.com"
/// ```
public struct ProveSettings: Sendable, Hashable {
    /// What a failed Prove step does to the create.
    public enum Fallback: String, Sendable, Hashable, CaseIterable {
        /// The create proceeds as a `twilio` verification and records why.
        case twilio
        /// The create fails with 502 and nothing is stored or sent.
        case none
    }

    /// `PHONERISK_PROVE_CLIENT_ID`.
    public static let clientIDVariable = "PHONERISK_PROVE_CLIENT_ID"
    /// `PHONERISK_PROVE_CLIENT_SECRET`.
    public static let clientSecretVariable = "PHONERISK_PROVE_CLIENT_SECRET"
    /// `PHONERISK_PROVE_REGION`: `us` or `eu`.
    public static let regionVariable = "PHONERISK_PROVE_REGION"
    /// `PHONERISK_PROVE_URL`: the base URL (UAT, a proxy, a test server).
    public static let urlVariable = "PHONERISK_PROVE_URL"
    /// `PHONERISK_PROVE_TIMEOUT`: the deadline of the whole Prove step, 1s–30s.
    public static let timeoutVariable = "PHONERISK_PROVE_TIMEOUT"
    /// `PHONERISK_PROVE_FALLBACK`: `twilio` or `none`.
    public static let fallbackVariable = "PHONERISK_PROVE_FALLBACK"

    /// Prove's client, or nil when its credentials are not set.
    public var configuration: ProveConfiguration?
    /// The region served (its numbers only are sent to Prove).
    public var region: ProveRegion
    /// What a failed Prove step does.
    public var fallback: Fallback
    /// The step's deadline (also without credentials, for messages).
    public var timeout: Duration

    /// Creates settings.
    /// - Parameters:
    ///   - configuration: Prove's client configuration, nil without credentials.
    ///   - fallback: what a failed Prove step does.
    public init(configuration: ProveConfiguration? = nil, fallback: Fallback = .twilio) {
        self.configuration = configuration
        region = configuration?.region ?? .us
        self.fallback = fallback
        timeout = configuration?.timeout ?? .seconds(5)
    }

    /// The settings `environment` describes.
    /// - Parameter environment: the process environment.
    /// - Throws: ``ConfigurationError`` naming the variable: one credential without the other, an
    ///   unknown region or fallback, a URL that is not http(s), a timeout outside 1s–30s.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> ProveSettings {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var region = ProveRegion.us
        if let text = value(regionVariable) {
            guard let parsed = ProveRegion(rawValue: text.lowercased()) else {
                throw .invalidValue(name: regionVariable, value: text, reason: "expected us or eu")
            }
            region = parsed
        }
        var fallback = Fallback.twilio
        if let text = value(fallbackVariable) {
            guard let parsed = Fallback(rawValue: text.lowercased()) else {
                throw .invalidValue(name: fallbackVariable, value: text, reason: "expected twilio or none")
            }
            fallback = parsed
        }
        var timeout = Duration.seconds(5)
        if let text = value(timeoutVariable) {
            let seconds = try DurationText.seconds(text, setting: timeoutVariable)
            guard (1...30).contains(seconds) else {
                throw .invalidValue(name: timeoutVariable, value: text, reason: "must be from 1s to 30s")
            }
            timeout = .seconds(seconds)
        }
        let url = value(urlVariable)
        if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.count <= "https://".count {
            throw .invalidValue(name: urlVariable, value: url, reason: "expected an http:// or https:// URL")
        }
        var settings = ProveSettings(fallback: fallback)
        settings.region = region
        settings.timeout = timeout
        switch (value(clientIDVariable), value(clientSecretVariable)) {
        case (nil, nil):
            break
        case (let id?, let secret?):
            settings.configuration = ProveConfiguration(clientID: id, clientSecret: secret, region: region, baseURL: url, timeout: timeout)
        case (nil, _):
            throw .invalidValue(name: clientIDVariable, value: "", reason: "\(clientSecretVariable) is set but \(clientIDVariable) is not")
        case (_, nil):
            throw .invalidValue(name: clientSecretVariable, value: "", reason: "\(clientIDVariable) is set but \(clientSecretVariable) is not")
        }
        return settings
    }
}
