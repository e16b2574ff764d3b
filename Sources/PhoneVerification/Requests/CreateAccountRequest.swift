/// The body of `POST /v1/accounts`: `{phone_number?, email?, profile?: {first_name?, last_name?, date_of_birth?}}`.
///
/// The server decodes it strictly (unknown fields and wrong types are its
/// 400s); `VerificationService.createAccount` validates the meaning.
///
/// ```swift
/// let request = CreateAccountRequest(phoneNumber: "+44 7700 900123", profile: .init(dateOfBirth: "1990-12-10"))
/// ```
public struct CreateAccountRequest: Sendable, Hashable, Decodable {
    /// The account's number in any common written form; `+` forms only, as there is no region yet.
    public var phoneNumber: String?
    /// The account's email address.
    public var email: String?
    /// Name and date of birth.
    public var profile: AccountProfile?

    /// Builds a request.
    ///
    /// - Parameters:
    ///   - phoneNumber: the account's number.
    ///   - email: its email address.
    ///   - profile: name and date of birth.
    public init(phoneNumber: String? = nil, email: String? = nil, profile: AccountProfile? = nil) {
        self.phoneNumber = phoneNumber
        self.email = email
        self.profile = profile
    }

    /// The JSON field names, for strict decoding.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case phoneNumber = "phone_number"
        case email, profile
    }
}
