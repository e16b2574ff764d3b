import AsyncHTTPClient

extension TwilioLookup {
    /// The Twilio source the environment configures, or `nil` when no
    /// credentials are set (the offline metadata then answers alone).
    ///
    /// ```swift
    /// let carrier = try TwilioLookup(environment: ProcessInfo.processInfo.environment)
    /// let gatherer = try SignalGatherer(database: database, carrierLookup: carrier)
    /// ```
    /// - Parameters:
    ///   - environment: the process environment (see ``TwilioLookupConfiguration``).
    ///   - client: the HTTP client; the shared one by default.
    /// - Throws: ``TwilioLookupError/invalidConfiguration(_:)`` for half-set credentials or unknown packages.
    public init?(environment: [String: String], client: HTTPClient = .shared) throws {
        guard let configuration = try TwilioLookupConfiguration(environment: environment) else { return nil }
        self.init(configuration: configuration, client: client)
    }
}
