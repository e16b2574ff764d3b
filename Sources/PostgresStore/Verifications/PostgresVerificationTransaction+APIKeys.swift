import Foundation
import PostgresNIO
import SignalStore

extension PostgresVerificationTransaction {
    func insertAPIKey(_ key: APIKeyRecord) throws {
        try session.query("""
            INSERT INTO api_keys (id, mode, prefix, key_hash, created_at, revoked_at)
            VALUES (\(key.id), \(key.mode.rawValue), \(key.prefix), \(key.keyHash),
                    \(PostgresTime.milliseconds(key.createdAt)), \(key.revokedAt.map(PostgresTime.milliseconds)))
            """)
    }

    func apiKeys(prefix: String) throws -> [APIKeyRecord] {
        try session.query("""
            SELECT id, mode, prefix, key_hash, created_at, revoked_at FROM api_keys WHERE prefix = \(prefix)
            """).map(apiKey)
    }

    func allAPIKeys() throws -> [APIKeyRecord] {
        try session.query("""
            SELECT id, mode, prefix, key_hash, created_at, revoked_at FROM api_keys ORDER BY created_at, id
            """).map(apiKey)
    }

    func apiKey(id: String) throws -> APIKeyRecord? {
        try session.query("""
            SELECT id, mode, prefix, key_hash, created_at, revoked_at FROM api_keys WHERE id = \(id)
            """).first.map(apiKey)
    }

    func revokeAPIKey(id: String, at date: Date) throws -> Bool {
        try session.execute("""
            UPDATE api_keys SET revoked_at = \(PostgresTime.milliseconds(date)) WHERE id = \(id) AND revoked_at IS NULL
            """) == 1
    }

    private func apiKey(_ row: PostgresRow) throws -> APIKeyRecord {
        let (id, mode, prefix, keyHash, createdAt, revokedAt) = try row.decode((String, String, String, String, Int64, Int64?).self)
        return APIKeyRecord(
            id: id, mode: try Self.mode(mode, reading: "API key"), prefix: prefix, keyHash: keyHash,
            createdAt: PostgresTime.date(createdAt), revokedAt: revokedAt.map(PostgresTime.date))
    }
}
