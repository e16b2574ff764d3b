import Foundation
import SignalStore

extension VerificationService {
    /// Creates an account (`POST /v1/accounts`).
    ///
    /// - Parameters:
    ///   - request: the decoded body.
    ///   - mode: the caller's mode.
    /// - Throws: 400 naming the field for an invalid number (only `+` forms: there is no region yet),
    ///   email, name or date of birth.
    public func createAccount(_ request: CreateAccountRequest, mode: APIMode) async throws(APIError) -> Account {
        let now = clock()
        let number = try request.phoneNumber.map { text throws(APIError) in
            try InputValidation.phoneNumber(text, param: "phone_number", defaultRegion: nil)
        }
        let profile = AccountProfileData(
            email: try request.email.map { text throws(APIError) in try InputValidation.email(text, param: "email") },
            firstName: try InputValidation.name(request.profile?.firstName, param: "profile.first_name"),
            lastName: try InputValidation.name(request.profile?.lastName, param: "profile.last_name"),
            dateOfBirth: try request.profile?.dateOfBirth.map { text throws(APIError) in
                try InputValidation.dateOfBirth(text, param: "profile.date_of_birth", today: now)
            })
        let record = AccountRecord(
            id: UUID().uuidString.lowercased(), mode: mode.dataMode, phoneNumber: number?.e164, phoneVerified: false,
            profile: profile, createdAt: now)
        try await write("create an account") { tx in try tx.insertAccount(record) }
        logger.info("account created", metadata: ["account_id": "\(record.id)", "mode": "\(mode.rawValue)"])
        return try Self.account(record)
    }

    /// The account `id` (`GET /v1/accounts/{id}`).
    ///
    /// - Throws: 404 `resource_missing` for an unknown id or an account of the other mode.
    public func account(id: String, mode: APIMode) async throws(APIError) -> Account {
        try Self.account(try await accountRecord(id: id, mode: mode))
    }

    func accountRecord(id: String, mode: APIMode) async throws(APIError) -> AccountRecord {
        guard let key = InputValidation.objectID(id) else { throw .resourceMissing("account", id: id) }
        let dataMode = mode.dataMode
        guard let record = try await read("read an account", { tx in try tx.account(id: key, mode: dataMode) }) else {
            throw .resourceMissing("account", id: id)
        }
        return record
    }

    static func account(_ record: AccountRecord) throws(APIError) -> Account {
        Account(
            id: try storedUUID(record.id), phoneNumber: record.phoneNumber, phoneVerified: record.phoneVerified,
            email: record.profile.email,
            profile: AccountProfile(firstName: record.profile.firstName, lastName: record.profile.lastName,
                                    dateOfBirth: record.profile.dateOfBirth),
            createdAt: record.createdAt)
    }
}
