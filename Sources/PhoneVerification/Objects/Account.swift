import Foundation

/// An account as the API shows it (`object: "account"`).
///
/// ```json
/// {"id": "…", "object": "account", "phone_number": "+447700900123", "phone_verified": true,
///  "email": "ada@example.com", "profile": {"first_name": "Ada", "last_name": null, "date_of_birth": "1990-12-10"},
///  "created_at": "2026-11-29T01:40:00Z"}
/// ```
public struct Account: Sendable, Hashable, Encodable {
    /// The account's id.
    public var id: UUID
    /// The account's number, E.164: the one given at creation, then the last verified one.
    public var phoneNumber: String?
    /// Whether `phoneNumber` was verified by a verification of this account.
    public var phoneVerified: Bool
    /// The account's email address, as given.
    public var email: String?
    /// Name and date of birth.
    public var profile: AccountProfile
    /// When it was created.
    public var createdAt: Date

    /// Builds the object.
    ///
    /// - Parameters:
    ///   - id: the account's id.
    ///   - phoneNumber: its number, E.164.
    ///   - phoneVerified: whether that number was verified.
    ///   - email: its email address.
    ///   - profile: name and date of birth.
    ///   - createdAt: creation time.
    public init(id: UUID, phoneNumber: String?, phoneVerified: Bool, email: String?, profile: AccountProfile, createdAt: Date) {
        self.id = id
        self.phoneNumber = phoneNumber
        self.phoneVerified = phoneVerified
        self.email = email
        self.profile = profile
        self.createdAt = createdAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, object
        case phoneNumber = "phone_number"
        case phoneVerified = "phone_verified"
        case email, profile
        case createdAt = "created_at"
    }

    /// Encodes the object exactly as API.md shows it: every documented field, `null` when empty.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id.uuidString.lowercased(), forKey: .id)
        try container.encode("account", forKey: .object)
        try container.encode(phoneNumber, forKey: .phoneNumber)
        try container.encode(phoneVerified, forKey: .phoneVerified)
        try container.encode(email, forKey: .email)
        try container.encode(profile, forKey: .profile)
        try container.encode(APITimestamp.string(createdAt), forKey: .createdAt)
    }
}

/// An account's `profile`: always an object, each field `null` when unknown.
public struct AccountProfile: Sendable, Hashable, Codable {
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// Date of birth, `YYYY-MM-DD`.
    public var dateOfBirth: String?

    /// Builds a profile.
    ///
    /// - Parameters:
    ///   - firstName: given name.
    ///   - lastName: family name.
    ///   - dateOfBirth: date of birth, `YYYY-MM-DD`.
    public init(firstName: String? = nil, lastName: String? = nil, dateOfBirth: String? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
    }

    /// The JSON field names, also used for strict decoding of a request's `profile.<name>`.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case firstName = "first_name"
        case lastName = "last_name"
        case dateOfBirth = "date_of_birth"
    }

    /// Encodes the object exactly as API.md shows it: every documented field, `null` when empty.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(firstName, forKey: .firstName)
        try container.encode(lastName, forKey: .lastName)
        try container.encode(dateOfBirth, forKey: .dateOfBirth)
    }
}
