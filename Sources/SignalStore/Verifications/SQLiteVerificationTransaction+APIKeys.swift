import Foundation
import GRDB

extension SQLiteVerificationTransaction {
    /// Inserts a new key.
    public func insertAPIKey(_ key: APIKeyRecord) throws {
        try db.cachedStatement(
            sql: "INSERT INTO api_keys (id, mode, prefix, key_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [key.id, key.mode.rawValue, key.prefix, key.keyHash,
                        VerificationTime.milliseconds(key.createdAt), key.revokedAt.map(VerificationTime.milliseconds)])
    }

    /// The keys whose display prefix is `prefix` (normally one), revoked ones included.
    public func apiKeys(prefix: String) throws -> [APIKeyRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM api_keys WHERE prefix = ?"), arguments: [prefix]).map(apiKey)
    }

    /// Every key, oldest first.
    public func allAPIKeys() throws -> [APIKeyRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM api_keys ORDER BY created_at, id")).map(apiKey)
    }

    /// The key `id`, or nil.
    public func apiKey(id: String) throws -> APIKeyRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_keys WHERE id = ?"), arguments: [id]).map(apiKey)
    }

    /// Marks the key revoked at `date` unless it already is; answers whether it changed.
    public func revokeAPIKey(id: String, at date: Date) throws -> Bool {
        try db.cachedStatement(
            sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
            .execute(arguments: [VerificationTime.milliseconds(date), id])
        return db.changesCount == 1
    }

    private func apiKey(_ row: Row) throws -> APIKeyRecord {
        let revoked: Int64? = row["revoked_at"]
        guard let mode = DataMode(rawValue: row["mode"]) else {
            throw SignalStoreError.databaseFailure(operation: "read API key", reason: "unknown mode")
        }
        return APIKeyRecord(
            id: row["id"], mode: mode, prefix: row["prefix"], keyHash: row["key_hash"],
            createdAt: VerificationTime.date(row["created_at"]), revokedAt: revoked.map(VerificationTime.date))
    }
}
