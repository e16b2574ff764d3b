/// Prove's regional API hosts and the numbers each one serves.
///
/// Prove answers North American numbers (calling code 1) on its North America
/// host and international numbers on its EU host; a number outside the
/// configured region is never sent.
public enum ProveRegion: String, Sendable, Hashable, CaseIterable {
    /// Numbers with calling code 1, on `https://platform.proveapis.com`.
    case us
    /// Every other number, on `https://platform.eu.proveapis.com`.
    case eu

    /// The production base URL of the region.
    public var defaultBaseURL: String {
        switch self {
        case .us: "https://platform.proveapis.com"
        case .eu: "https://platform.eu.proveapis.com"
        }
    }

    /// Whether a number with `countryCode` belongs to this region.
    /// - Parameter countryCode: the ITU calling code (`1`, `44`).
    public func serves(countryCode: Int) -> Bool {
        switch self {
        case .us: countryCode == 1
        case .eu: countryCode != 1
        }
    }
}

/// How ``ProveClient`` reaches Prove: OAuth client credentials, the base URL
/// and the deadline of one whole Prove step (token, call, one retry).
///
/// ```swift
/// let configuration = ProveConfiguration(clientID: id, clientSecret: secret, region: .us)
/// let client = ProveClient(configuration: configuration)
/// ```
public struct ProveConfiguration: Sendable, Hashable {
    /// The OAuth client id.
    public var clientID: String
    /// The OAuth client secret. Never logged or stored.
    public var clientSecret: String
    /// The region whose numbers this configuration serves.
    public var region: ProveRegion
    /// The API's base URL, without a trailing slash.
    public var baseURL: String
    /// The deadline of one Prove step: the token request, the call and its one retry.
    public var timeout: Duration

    /// Creates a configuration.
    /// - Parameters:
    ///   - clientID: the OAuth client id.
    ///   - clientSecret: the OAuth client secret.
    ///   - region: the region served.
    ///   - baseURL: the base URL; the region's production host when nil. A trailing `/` is dropped.
    ///   - timeout: the deadline of one Prove step.
    public init(clientID: String, clientSecret: String, region: ProveRegion = .us, baseURL: String? = nil, timeout: Duration = .seconds(5)) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.region = region
        let url = baseURL ?? region.defaultBaseURL
        self.baseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.timeout = timeout
    }
}

extension ProveConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    /// The configuration without its secret.
    public var description: String {
        "ProveConfiguration(clientID: \(clientID), region: \(region.rawValue), baseURL: \(baseURL), timeout: \(timeout))"
    }

    /// The configuration without its secret, as `debugPrint` and string interpolation of containers show it.
    public var debugDescription: String { description }
}
