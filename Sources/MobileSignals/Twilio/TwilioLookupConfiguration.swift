import Foundation

/// How ``TwilioLookup`` reaches Twilio Lookup v2.
///
/// ```swift
/// if let configuration = try TwilioLookupConfiguration(environment: ProcessInfo.processInfo.environment) {
///     let lookup = TwilioLookup(configuration: configuration)
/// }
/// ```
public struct TwilioLookupConfiguration: Sendable, Equatable {
    /// The account SID (HTTP basic user).
    public var accountSID: String
    /// The auth token (HTTP basic password). Never logged.
    public var authToken: String
    /// The API's base URL, without a trailing slash.
    public var baseURL: String
    /// How long one request may take, connection included.
    public var timeout: Duration
    /// The packages requested; Twilio bills (and gates) each one separately.
    public var fields: Set<CarrierField>

    /// The public API.
    public static let defaultBaseURL = "https://lookups.twilio.com"
    /// `PHONERISK_TWILIO_ACCOUNT_SID`.
    public static let accountSIDVariable = "PHONERISK_TWILIO_ACCOUNT_SID"
    /// `PHONERISK_TWILIO_AUTH_TOKEN`.
    public static let authTokenVariable = "PHONERISK_TWILIO_AUTH_TOKEN"
    /// `PHONERISK_TWILIO_LOOKUP_URL`: overrides the base URL (a regional edge, a proxy, a test server).
    public static let baseURLVariable = "PHONERISK_TWILIO_LOOKUP_URL"
    /// `PHONERISK_TWILIO_LOOKUP_FIELDS`: a comma-separated subset of the packages; every one when unset.
    public static let fieldsVariable = "PHONERISK_TWILIO_LOOKUP_FIELDS"

    /// Creates a configuration.
    /// - Parameters:
    ///   - accountSID: the account SID.
    ///   - authToken: the auth token.
    ///   - baseURL: the API's base URL.
    ///   - timeout: per-request timeout.
    ///   - fields: the packages to request; all of ``CarrierField`` by default
    ///     (SIM swap, call forwarding, SMS pumping risk and line status need
    ///     Twilio's approval: an account without it drops them here).
    public init(
        accountSID: String,
        authToken: String,
        baseURL: String = TwilioLookupConfiguration.defaultBaseURL,
        timeout: Duration = .seconds(3),
        fields: Set<CarrierField> = Set(CarrierField.allCases)
    ) {
        self.accountSID = accountSID
        self.authToken = authToken
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeout = timeout
        self.fields = fields
    }

    /// The configuration the environment describes, or `nil` when no
    /// credentials are set (the offline metadata then answers alone).
    /// - Parameter environment: the process environment.
    /// - Throws: ``TwilioLookupError/invalidConfiguration(_:)`` for half-set
    ///   credentials or an unknown field name.
    public init?(environment: [String: String]) throws {
        let sid = environment[Self.accountSIDVariable].flatMap { $0.isEmpty ? nil : $0 }
        let token = environment[Self.authTokenVariable].flatMap { $0.isEmpty ? nil : $0 }
        switch (sid, token) {
        case (nil, nil):
            return nil
        case (let sid?, let token?):
            var fields = Set(CarrierField.allCases)
            if let list = environment[Self.fieldsVariable] {
                fields = []
                for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                    guard let field = CarrierField(rawValue: name) else {
                        throw TwilioLookupError.invalidConfiguration(
                            "\(Self.fieldsVariable) names \"\(name)\"; known fields: "
                                + CarrierField.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    fields.insert(field)
                }
            }
            self.init(
                accountSID: sid, authToken: token,
                baseURL: environment[Self.baseURLVariable] ?? Self.defaultBaseURL,
                fields: fields
            )
        case (nil, _):
            throw TwilioLookupError.invalidConfiguration("\(Self.authTokenVariable) is set but \(Self.accountSIDVariable) is not")
        case (_, nil):
            throw TwilioLookupError.invalidConfiguration("\(Self.accountSIDVariable) is set but \(Self.authTokenVariable) is not")
        }
    }
}
