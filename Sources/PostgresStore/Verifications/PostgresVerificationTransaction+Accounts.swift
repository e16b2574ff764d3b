import Foundation
import PostgresNIO
import SignalStore

extension PostgresVerificationTransaction {
    func insertAccount(_ account: AccountRecord) throws {
        let phone = try account.phoneNumber.map(sealer.seal)
        let profile = try sealer.seal(json: account.profile)
        try session.query("""
            INSERT INTO accounts (id, mode, phone_sealed, phone_verified, profile_sealed, created_at)
            VALUES (\(account.id), \(account.mode.rawValue), \(phone), \(account.phoneVerified), \(profile),
                    \(PostgresTime.milliseconds(account.createdAt)))
            """)
    }

    func account(id: String, mode: DataMode) throws -> AccountRecord? {
        guard let row = try session.query("""
            SELECT id, phone_sealed, phone_verified, profile_sealed, created_at FROM accounts
            WHERE id = \(id) AND mode = \(mode.rawValue)
            """).first
        else { return nil }
        let (id, phone, verified, profile, createdAt) = try row.decode((String, Data?, Bool, Data, Int64).self)
        return AccountRecord(
            id: id, mode: mode, phoneNumber: try phone.map(sealer.openString), phoneVerified: verified,
            profile: try sealer.open(json: AccountProfileData.self, from: profile), createdAt: PostgresTime.date(createdAt))
    }

    func updateAccountPhone(id: String, phoneNumber: String, verified: Bool) throws {
        let sealed = try sealer.seal(phoneNumber)
        try session.query("UPDATE accounts SET phone_sealed = \(sealed), phone_verified = \(verified) WHERE id = \(id)")
    }

    func updateAccountProfile(id: String, profile: AccountProfileData) throws {
        let sealed = try sealer.seal(json: profile)
        try session.query("UPDATE accounts SET profile_sealed = \(sealed) WHERE id = \(id)")
    }
}
