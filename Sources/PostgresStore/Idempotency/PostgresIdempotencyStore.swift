import Foundation
import PostgresNIO
import SignalStore

/// Keeps the first answer to each idempotency key in PostgreSQL and hands it
/// back to repeats of the same request, across every instance on the database.
///
/// A claim is one transaction that inserts the key as `in_flight` or reads
/// what is there; PostgreSQL makes a second insert of the same key wait for
/// the first one's transaction, so of two identical requests arriving together
/// (on any instances) exactly one runs. Keys, bodies and answers are hashed
/// and sealed with the same derived keys as the SQLite store. Answers are kept
/// for `retention` (24 hours by default) and pruned a few rows per claim.
///
/// ```swift
/// switch try await database.idempotency.claim(scope, requestBody: body, now: Date()) {
/// case .claimed: …
/// case .replay(let answer): return answer
/// case .inFlight, .bodyMismatch: throw …
/// }
/// ```
public final class PostgresIdempotencyStore: IdempotencyStore {
    private let lanes: PostgresLanePool
    private let sealer: IdempotencySealer
    private let retention: Duration
    /// How old an `in_flight` claim must be for ``releaseAbandonedClaims()`` to drop it.
    public let abandonedClaimAge: Duration

    /// The most expired rows one claim deletes.
    private static let pruneBatch: Int64 = 64

    init(lanes: PostgresLanePool, secret: StoreSecret, retention: Duration, abandonedClaimAge: Duration) {
        self.lanes = lanes
        sealer = IdempotencySealer(secret: secret)
        self.retention = retention
        self.abandonedClaimAge = abandonedClaimAge
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
    public func claim(_ scope: IdempotencyScope, requestBody: some Sequence<UInt8>, now: Date) async throws -> IdempotencyClaim {
        let keyHash = sealer.keyHash(scope)
        let requestHash = sealer.requestHash(requestBody)
        let createdAt = PostgresTime.milliseconds(now)
        let cutoff = createdAt - retentionMilliseconds
        let stored: (String, String, Int64?, Data?)? = try await run("idempotency claim") { session in
            try session.transaction {
                try session.query("""
                    DELETE FROM idempotency_keys WHERE (api_key_id, route, key_hash) IN (
                        SELECT api_key_id, route, key_hash FROM idempotency_keys
                        WHERE created_at < \(cutoff) LIMIT \(Self.pruneBatch))
                    """)
                try session.query("""
                    DELETE FROM idempotency_keys
                    WHERE api_key_id = \(scope.apiKeyID) AND route = \(scope.route) AND key_hash = \(keyHash)
                      AND created_at < \(cutoff)
                    """)
                // A row that another request releases between this insert and the read below is gone
                // again: insert afresh, so a `.claimed` answer always holds a row.
                while true {
                    let inserted = try session.execute("""
                        INSERT INTO idempotency_keys (api_key_id, route, key_hash, request_hash, state, created_at)
                        VALUES (\(scope.apiKeyID), \(scope.route), \(keyHash), \(requestHash), 'in_flight', \(createdAt))
                        ON CONFLICT DO NOTHING
                        """)
                    if inserted == 1 { return nil }
                    let existing = try session.query("""
                        SELECT request_hash, state, response_status, response_sealed FROM idempotency_keys
                        WHERE api_key_id = \(scope.apiKeyID) AND route = \(scope.route) AND key_hash = \(keyHash)
                        """).first
                    if let existing {
                        return try existing.decode((String, String, Int64?, Data?).self)
                    }
                }
            }
        }
        guard let (storedHash, state, status, sealed) = stored else { return .claimed }
        guard storedHash == requestHash else { return .bodyMismatch }
        guard state == "completed", let status, let sealed else { return .inFlight }
        return .replay(IdempotentResponse(status: Int(status), body: try sealer.open(sealed)))
    }

    /// Stores the answer to a claimed request, to be replayed from now on.
    ///
    /// - Parameters:
    ///   - scope: The claimed scope.
    ///   - response: The answer sent to the client.
    public func complete(_ scope: IdempotencyScope, with response: IdempotentResponse) async throws {
        let keyHash = sealer.keyHash(scope)
        let sealed = try sealer.seal(response.body)
        _ = try await run("idempotency complete") { session in
            try session.query("""
                UPDATE idempotency_keys SET state = 'completed', response_status = \(Int64(response.status)),
                    response_sealed = \(sealed)
                WHERE api_key_id = \(scope.apiKeyID) AND route = \(scope.route) AND key_hash = \(keyHash)
                """)
        }
    }

    /// Gives a claim up without keeping an answer (5xx, 429): the next
    /// request with the key runs afresh.
    ///
    /// - Parameter scope: The claimed scope.
    public func release(_ scope: IdempotencyScope) async throws {
        let keyHash = sealer.keyHash(scope)
        _ = try await run("idempotency release") { session in
            try session.query("""
                DELETE FROM idempotency_keys
                WHERE api_key_id = \(scope.apiKeyID) AND route = \(scope.route) AND key_hash = \(keyHash)
                  AND state = 'in_flight'
                """)
        }
    }

    /// Drops the `in_flight` claims older than ``abandonedClaimAge``, when an instance starts.
    ///
    /// The SQLite store drops every claim, since its one server is the only
    /// one running requests; on a shared database other instances may be
    /// running requests right now, so only claims older than any request can
    /// run count as abandoned (a repeat of a younger one answers 409 meanwhile).
    ///
    /// - Returns: How many claims were dropped.
    @discardableResult
    public func releaseAbandonedClaims() async throws -> Int {
        let age = abandonedClaimAge.components
        let before = Date().addingTimeInterval(-(TimeInterval(age.seconds) + TimeInterval(age.attoseconds) / 1e18))
        return try await releaseAbandonedClaims(before: before)
    }

    /// Drops every `in_flight` claim made before `before`; answers how many.
    @discardableResult
    public func releaseAbandonedClaims(before: Date) async throws -> Int {
        try await run("idempotency cleanup") { session in
            try session.execute("""
                DELETE FROM idempotency_keys WHERE state = 'in_flight' AND created_at < \(PostgresTime.milliseconds(before))
                """)
        }
    }

    /// How many keys are stored, for tests and operators.
    public func count() async throws -> Int {
        try await run("idempotency count") { session in
            Int(try session.query("SELECT count(*) FROM idempotency_keys").first?.decode(Int64.self) ?? 0)
        }
    }

    private var retentionMilliseconds: Int64 {
        let parts = retention.components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }

    private func run<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        do {
            return try await lanes.run(body)
        } catch {
            throw PostgresErrorText.storeFailure(error, operation: operation)
        }
    }
}
