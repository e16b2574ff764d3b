import Foundation
import GRDB

/// The ``IdempotencyStore`` of the SQLite file: keeps the first answer to each
/// idempotency key and hands it back to repeats of the same request.
///
/// A claim is one `BEGIN IMMEDIATE` transaction that inserts the key as
/// `in_flight` or reads what is there, so of two identical requests arriving
/// together exactly one runs. Answers are kept for `retention` (24 hours by
/// default) and pruned after, a few rows per claim so no sweep ever stalls a
/// request.
///
/// ```swift
/// let store = SQLiteIdempotencyStore(database: database)
/// switch try await store.claim(scope, requestBody: body) {
/// case .claimed:
///     let answer = try await run()
///     try await store.complete(scope, with: answer)
/// case .replay(let answer): return answer
/// case .inFlight, .bodyMismatch: throw …
/// }
/// ```
public struct SQLiteIdempotencyStore: IdempotencyStore {
    private let pool: DatabasePool
    private let sealer: IdempotencySealer
    private let retention: Duration

    /// The most expired rows one claim deletes.
    private static let pruneBatch = 64

    /// Creates a store on `database`.
    ///
    /// - Parameters:
    ///   - database: The database (migrated to `v3_idempotency`).
    ///   - retention: How long an answer is kept; 24 hours by default.
    public init(database: SignalDatabase, retention: Duration = .seconds(24 * 3600)) {
        pool = database.pool
        sealer = IdempotencySealer(secret: database.secret)
        self.retention = retention
    }

    /// Claims `scope` for a request with `requestBody`, or reports what holds it.
    ///
    /// An answer older than the retention is gone: its key starts afresh.
    ///
    /// - Parameters:
    ///   - scope: The API key, route and idempotency key.
    ///   - requestBody: The request body, compared byte for byte with the first one's.
    ///   - now: The current time.
    /// - Returns: What to do with the request.
    /// - Throws: ``SignalStoreError`` when the database fails.
    public func claim(_ scope: IdempotencyScope, requestBody: some Sequence<UInt8>, now: Date) async throws -> IdempotencyClaim {
        let keyHash = sealer.keyHash(scope)
        let requestHash = sealer.requestHash(requestBody)
        let createdAt = now.millisecondsSince1970
        let cutoff = createdAt - retentionMilliseconds
        let row: Row?
        do {
            row = try await pool.write { db -> Row? in
                try db.cachedStatement(
                    sql: """
                        DELETE FROM idempotency_keys WHERE (api_key_id, route, key_hash) IN (
                            SELECT api_key_id, route, key_hash FROM idempotency_keys
                            WHERE created_at < ? LIMIT ?)
                        """)
                    .execute(arguments: [cutoff, Self.pruneBatch])
                try db.cachedStatement(
                    sql: "DELETE FROM idempotency_keys WHERE api_key_id = ? AND route = ? AND key_hash = ? AND created_at < ?")
                    .execute(arguments: [scope.apiKeyID, scope.route, keyHash, cutoff])
                try db.cachedStatement(
                    sql: """
                        INSERT INTO idempotency_keys (api_key_id, route, key_hash, request_hash, state, created_at)
                        VALUES (?, ?, ?, ?, 'in_flight', ?)
                        ON CONFLICT DO NOTHING
                        """)
                    .execute(arguments: [scope.apiKeyID, scope.route, keyHash, requestHash, createdAt])
                if db.changesCount == 1 { return nil }
                return try Row.fetchOne(
                    db.cachedStatement(sql: """
                        SELECT request_hash, state, response_status, response_sealed FROM idempotency_keys
                        WHERE api_key_id = ? AND route = ? AND key_hash = ?
                        """),
                    arguments: [scope.apiKeyID, scope.route, keyHash])
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "idempotency claim")
        }
        guard let row else { return .claimed }
        let storedHash: String = row["request_hash"]
        guard storedHash == requestHash else { return .bodyMismatch }
        let state: String = row["state"]
        guard state == "completed", let status: Int = row["response_status"], let sealed: Data = row["response_sealed"] else {
            return .inFlight
        }
        return .replay(IdempotentResponse(status: status, body: try sealer.open(sealed)))
    }

    /// Stores the answer to a claimed request, to be replayed from now on.
    ///
    /// - Parameters:
    ///   - scope: The claimed scope.
    ///   - response: The answer sent to the client.
    /// - Throws: ``SignalStoreError`` when the database fails.
    public func complete(_ scope: IdempotencyScope, with response: IdempotentResponse) async throws {
        let keyHash = sealer.keyHash(scope)
        let sealed = try sealer.seal(response.body)
        do {
            try await pool.write { db in
                try db.cachedStatement(
                    sql: """
                        UPDATE idempotency_keys SET state = 'completed', response_status = ?, response_sealed = ?
                        WHERE api_key_id = ? AND route = ? AND key_hash = ?
                        """)
                    .execute(arguments: [response.status, sealed, scope.apiKeyID, scope.route, keyHash])
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "idempotency complete")
        }
    }

    /// Gives a claim up without keeping an answer (5xx, 429): the next
    /// request with the key runs afresh.
    ///
    /// - Parameter scope: The claimed scope.
    /// - Throws: ``SignalStoreError`` when the database fails.
    public func release(_ scope: IdempotencyScope) async throws {
        let keyHash = sealer.keyHash(scope)
        do {
            try await pool.write { db in
                try db.cachedStatement(
                    sql: "DELETE FROM idempotency_keys WHERE api_key_id = ? AND route = ? AND key_hash = ? AND state = 'in_flight'")
                    .execute(arguments: [scope.apiKeyID, scope.route, keyHash])
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "idempotency release")
        }
    }

    /// Drops every `in_flight` claim. Called when the server starts: a claim
    /// left by a process that died would otherwise answer 409 until pruned.
    ///
    /// - Returns: How many claims were dropped.
    /// - Throws: ``SignalStoreError`` when the database fails.
    @discardableResult
    public func releaseAbandonedClaims() async throws -> Int {
        do {
            return try await pool.write { db in
                try db.cachedStatement(sql: "DELETE FROM idempotency_keys WHERE state = 'in_flight'").execute()
                return db.changesCount
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "idempotency cleanup")
        }
    }

    /// How many keys are stored, for tests and operators.
    ///
    /// - Throws: ``SignalStoreError`` when the database fails.
    public func count() async throws -> Int {
        do {
            return try await pool.read { db in
                try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM idempotency_keys")) ?? 0
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "idempotency count")
        }
    }

    private var retentionMilliseconds: Int64 {
        let parts = retention.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
