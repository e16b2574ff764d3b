import Foundation

/// An account as stored, with its personal data opened.
public struct AccountRecord: Sendable, Hashable {
    /// The account's id (lower-case UUID).
    public var id: String
    /// The mode it was made in.
    public var mode: DataMode
    /// Its number, E.164 (sealed at rest).
    public var phoneNumber: String?
    /// Whether `phoneNumber` was verified.
    public var phoneVerified: Bool
    /// Email, names and date of birth (sealed at rest).
    public var profile: AccountProfileData
    /// Creation time.
    public var createdAt: Date

    /// Builds a record.
    ///
    /// - Parameters:
    ///   - id: the account's id.
    ///   - mode: its mode.
    ///   - phoneNumber: its number, E.164.
    ///   - phoneVerified: whether the number was verified.
    ///   - profile: its personal data.
    ///   - createdAt: creation time.
    public init(id: String, mode: DataMode, phoneNumber: String?, phoneVerified: Bool, profile: AccountProfileData, createdAt: Date) {
        self.id = id
        self.mode = mode
        self.phoneNumber = phoneNumber
        self.phoneVerified = phoneVerified
        self.profile = profile
        self.createdAt = createdAt
    }
}

/// The personal data of an account, sealed as one JSON blob.
public struct AccountProfileData: Sendable, Hashable, Codable {
    /// Email address.
    public var email: String?
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// Date of birth, `YYYY-MM-DD`.
    public var dateOfBirth: String?

    /// Builds the data.
    ///
    /// - Parameters:
    ///   - email: email address.
    ///   - firstName: given name.
    ///   - lastName: family name.
    ///   - dateOfBirth: date of birth.
    public init(email: String? = nil, firstName: String? = nil, lastName: String? = nil, dateOfBirth: String? = nil) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
    }
}
