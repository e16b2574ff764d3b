import Foundation
import GRDB

extension SQLiteVerificationTransaction {
    /// Inserts a new account.
    public func insertAccount(_ account: AccountRecord) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO accounts (id, mode, phone_sealed, phone_verified, profile_sealed, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            .execute(arguments: [
                account.id, account.mode.rawValue, try account.phoneNumber.map(sealer.seal),
                account.phoneVerified, try sealer.seal(json: account.profile),
                VerificationTime.milliseconds(account.createdAt),
            ])
    }

    /// The account `id` of `mode`, or nil (unknown, or of the other mode).
    public func account(id: String, mode: DataMode) throws -> AccountRecord? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM accounts WHERE id = ? AND mode = ?"), arguments: [id, mode.rawValue])
        else { return nil }
        let phone: Data? = row["phone_sealed"]
        return AccountRecord(
            id: row["id"], mode: mode, phoneNumber: try phone.map(sealer.openString),
            phoneVerified: row["phone_verified"],
            profile: try sealer.open(json: AccountProfileData.self, from: row["profile_sealed"]),
            createdAt: VerificationTime.date(row["created_at"]))
    }

    /// Sets the account's number and whether it is verified.
    public func updateAccountPhone(id: String, phoneNumber: String, verified: Bool) throws {
        try db.cachedStatement(
            sql: "UPDATE accounts SET phone_sealed = ?, phone_verified = ? WHERE id = ?")
            .execute(arguments: [try sealer.seal(phoneNumber), verified, id])
    }

    /// Replaces the account's personal data.
    public func updateAccountProfile(id: String, profile: AccountProfileData) throws {
        try db.cachedStatement(
            sql: "UPDATE accounts SET profile_sealed = ? WHERE id = ?")
            .execute(arguments: [try sealer.seal(json: profile), id])
    }
}
