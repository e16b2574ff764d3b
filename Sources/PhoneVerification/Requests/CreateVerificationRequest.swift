/// The body of `POST /v1/accounts/{account_id}/phone_verifications`:
/// `{type?, phone_number?, date_of_birth?, context?: {ip_country?}}`.
///
/// ```swift
/// let request = CreateVerificationRequest(phoneNumber: "07700 900123", context: .init(ipCountry: "GB"))
/// ```
public struct CreateVerificationRequest: Sendable, Hashable, Decodable {
    /// The provider: `sandbox`, `twilio` or `prove`; nil for the mode's default.
    public var type: String?
    /// The number to verify; nil for the account's. A national form is read in the region of the account's number.
    public var phoneNumber: String?
    /// Date of birth, `YYYY-MM-DD`; saved to the account's profile.
    public var dateOfBirth: String?
    /// What the caller knows about the end user's request.
    public var context: Context?

    /// Builds a request.
    ///
    /// - Parameters:
    ///   - type: the provider, or nil for the default.
    ///   - phoneNumber: the number, or nil for the account's.
    ///   - dateOfBirth: date of birth, `YYYY-MM-DD`.
    ///   - context: request context.
    public init(type: String? = nil, phoneNumber: String? = nil, dateOfBirth: String? = nil, context: Context? = nil) {
        self.type = type
        self.phoneNumber = phoneNumber
        self.dateOfBirth = dateOfBirth
        self.context = context
    }

    /// The JSON field names, for strict decoding.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case phoneNumber = "phone_number"
        case dateOfBirth = "date_of_birth"
        case context
    }

    /// The `context` object: facts about the end user's request.
    public struct Context: Sendable, Hashable, Decodable {
        /// ISO 3166-1 alpha-2 country of the end user's IP address (the `ip.country` signal).
        public var ipCountry: String?

        /// Builds a context.
        ///
        /// - Parameter ipCountry: the IP's country, alpha-2.
        public init(ipCountry: String? = nil) { self.ipCountry = ipCountry }

        /// The JSON field names, for strict decoding (`context.<name>`).
        public enum CodingKeys: String, CodingKey, CaseIterable {
            case ipCountry = "ip_country"
        }
    }
}
